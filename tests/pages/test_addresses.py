"""One place knows every page's address: the pages are written there, and the data the browser's
script reads (entities.json's url) gives the same address as published."""

from __future__ import annotations

import json

from dossier.pages import iter_pages
from dossier.pages.addresses import entity_page, published, source_page
from tests.helpers import PROJECT_ROOT, base_resolved


def test_published_addresses_drop_the_md_and_an_index():
    assert [published(page) for page in ("entities/wagner.md", "timeline/index.md", "index.md")] == ["entities/wagner", "timeline", ""]


def test_entity_and_source_pages_are_written_where_the_addresses_say_and_entities_json_gives_them(tmp_path):
    resolved = base_resolved(tmp_path)
    pages = dict(iter_pages(resolved, PROJECT_ROOT / "templates"))
    assert all(entity_page(entity_id) in pages for entity_id in resolved.content.entities)
    assert all(source_page(source_id) in pages for source_id in resolved.content.sources)
    urls = {entity["id"]: entity["url"] for entity in json.loads(pages["data/entities.json"])["entities"]}
    assert urls == {entity_id: published(entity_page(entity_id)) + "/" for entity_id in resolved.content.entities}
