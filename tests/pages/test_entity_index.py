"""The entities index lists every entity under its type's heading: the vocabulary is one table."""

from __future__ import annotations

from dossier.content.schema import ENTITY_TYPES
from dossier.pages import iter_pages
from dossier.pages.entity_index import KIND
from dossier.resolve import resolve
from tests.helpers import PROJECT_ROOT, content, entity


def test_every_entity_type_has_a_heading_and_its_entities_are_listed_under_it():
    entities = [entity(kind.replace(" ", "-"), f"The {kind}", type=kind) for kind in ENTITY_TYPES]
    resolved, _ = resolve(content(entities=entities))
    (path, page), = iter_pages(resolved, PROJECT_ROOT / "templates", kinds=(KIND,))
    assert path == "entities/index.md"
    for kind, heading in ENTITY_TYPES.items():
        section = page.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
        assert f"The {kind}" in section, heading
