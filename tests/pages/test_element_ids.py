"""Element ids made from content never take an id the page has already: the theme's ('__search'),
a section's ('notes'), our own furniture's ('key-facts-title', 'timeline-entity') or another
statement's. tests/fixtures/chrome-ids adds to the base fixture ids, names, titles, claims,
figures and relations that read like all of those."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from tests.helpers import FIXTURES, PROJECT_ROOT, copy_project


class _Ids(HTMLParser):
    """Every element id of a page with its tag, in order, and its links to an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append((attributes["id"], tag))
        href = attributes.get("href") or ""
        if tag == "a" and href.partition("#")[2]:  # not the theme's bare '#' (the top of the page)
            self.links.append(href)

    def links_to(self, page: str) -> set[str]:
        """The ids this page links to on another page ('../x/')."""
        return {link.split("#", 1)[1] for link in self.links if link.split("#", 1)[0] == page}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("ids") / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    shutil.copytree(FIXTURES / "chrome-ids" / "content", project.content_dir, dirs_exist_ok=True)
    result = subprocess.run(
        [sys.executable, "build.py", "--project", str(project.root)], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return project.site_dir


@pytest.fixture(scope="module")
def pages(site) -> dict[str, _Ids]:
    found = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        found[path.relative_to(site).as_posix()] = parser
    return found


def test_no_page_has_an_element_id_twice(pages):
    repeated = {
        page: sorted(element_id for element_id, count in Counter(element_id for element_id, _ in parsed.ids).items() if count > 1)
        for page, parsed in pages.items()
    }
    assert {page: ids for page, ids in repeated.items() if ids} == {}


def test_every_link_to_an_id_finds_it(pages):
    missing = []
    for page, parsed in pages.items():
        for link in parsed.links:
            address, fragment = urldefrag(urljoin(page, link))
            target = address + "index.html" if address.endswith("/") else address
            if not urlparse(link).scheme and fragment not in {element_id for element_id, _ in pages[target].ids}:
                missing.append(f"{page}: {link}")
    assert missing == []


def test_an_entity_named_like_a_section_leaves_the_sections_their_ids(pages):
    tags = dict(pages["entities/key-facts-title/index.html"].ids)
    assert (tags["title"], tags["notes"], tags["claims"], tags["figures"], tags["key-facts-title"]) == ("h1", "h2", "h2", "h2", "p")
    assert tags["measure-key-facts-title"] == tags["measure-claims"] == "h3"


def test_an_entity_named_like_the_search_box_leaves_the_theme_its_id(pages):
    tags = pages["entities/by-wagner-group/index.html"].ids
    assert [tag for element_id, tag in tags if element_id == "__search"] == ["input"]


def test_statements_that_read_alike_each_keep_an_anchor_of_their_own(pages):
    ids = [element_id for element_id, _ in pages["entities/key-facts-title/index.html"].ids]
    assert [i for i in ids if i.startswith("claim-")] == ["claim-notes-1", "claim-notes-2", "claim-notes-2-2"]
    assert [i for i in ids if i.startswith("measure-")] == [
        "measure-strength-1", "measure-strength-2", "measure-strength-2-2", "measure-key-facts-title", "measure-claims"
    ]
    # Its own relations keep theirs (source pages link to them); those read backwards make way.
    assert sorted(i for i in ids if i.startswith("rel-")) == [
        "rel-allied-with-by-wagner-group", "rel-allied-with-by-wagner-group-2", "rel-created-by-wagner-group", "rel-created-by-wagner-group-2"
    ]
    own = pages["sources/p1/index.html"].links_to("../../entities/key-facts-title/")
    assert "rel-allied-with-by-wagner-group" in own and "rel-created-by-wagner-group" in own


def test_events_are_anchored_by_their_kind_on_the_timeline(pages):
    ids = [element_id for element_id, _ in pages["timeline/index.html"].ids]
    for event_id in ("2021", "dossier-search-input", "mentioned-in", "notes", "timeline-entity", "title"):
        assert f"event-{event_id}" in ids


def test_two_entities_figures_on_the_contested_figures_page_are_anchored_by_their_entity(pages):
    ids = [element_id for element_id, _ in pages["figures/index.html"].ids]
    assert "by-wagner-group--measure-strength" in ids and "key-facts-title--measure-strength-1" in ids
    assert "by-wagner-group--figure-strength-1" in ids and "key-facts-title--figure-strength-1-1" in ids
