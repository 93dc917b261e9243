"""Indexes that scale: split by year or kind into pages of a bounded size, each item still findable.

A generated corpus with a small page size exercises the splitting; the real content, small,
keeps one page per index. The home page and the menus lead readers to the main dossiers.
"""

from __future__ import annotations

import posixpath
import re
import sys

import pytest

from dossier.pages import iter_pages
from dossier.pipeline import Project, check, main_dossiers
from dossier.resolve.anchors import event_anchor
from tests.helpers import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
import make_corpus  # noqa: E402

PAGE_SIZE = 8
MARKDOWN_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)]*)?\)")
HTML_LINK = re.compile(r'<a href="([^"#?]+/)"')


def linked_pages(page: str, markdown: str) -> list[str]:
    """The pages a generated page links to, as paths under docs/ ('sources/x/index.md')."""
    folder = posixpath.dirname(page)
    found = [posixpath.normpath(posixpath.join(folder, target)) for target in MARKDOWN_LINK.findall(markdown)]
    published = posixpath.dirname(page) if page.endswith("/index.md") else page.removesuffix(".md")
    for href in HTML_LINK.findall(markdown):
        target = posixpath.normpath(posixpath.join(published, href))
        found.append("index.md" if target == "." else target + "/index.md")
    return found


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    make_corpus.make_corpus(100, 20, seed=3, out=root / "content")
    resolved, problems = check(Project(root))
    assert resolved is not None, problems
    pages = dict(iter_pages(resolved, PROJECT_ROOT / "templates", {}, page_size=PAGE_SIZE))
    return resolved, pages


def parts_of(pages: dict[str, str], folder: str) -> list[str]:
    return sorted(page for page in pages if page.startswith(folder + "/") and page.count("/") == 3)


@pytest.mark.parametrize(
    "index, folder, items",
    [
        ("sources/index.md", "sources/year", lambda r: {f"sources/{i}/index.md" for i in r.content.sources}),
        ("entities/index.md", "entities/type", lambda r: {f"entities/{i}/index.md" for i in r.content.entities}),
    ],
)
def test_a_large_index_is_split_into_small_pages_that_list_every_item_once(split_site, index, folder, items):
    resolved, pages = split_site
    parts = parts_of(pages, folder)
    assert len(parts) > 2
    assert set(linked_pages(index, pages[index])) >= set(parts)  # the overview leads to every part
    listed = []
    for part in parts:
        rows = [p for p in linked_pages(part, pages[part]) if p in items(resolved)]
        assert len(set(rows)) <= PAGE_SIZE, part
        listed += sorted(set(rows))
        assert set(parts) <= set(linked_pages(part, pages[part])) | {part}  # and every part to the others
    assert sorted(listed) == sorted(items(resolved))


def test_a_large_timeline_is_split_by_year_and_its_filter_knows_the_years_of_each_entity(split_site):
    resolved, pages = split_site
    parts = parts_of(pages, "timeline/year")
    assert len(parts) > 1 and set(linked_pages("timeline/index.md", pages["timeline/index.md"])) >= set(parts)
    shown = re.compile(r'<div class="timeline-event" id="event-([^"]+)" data-entities="([^"]+)"')
    by_entity: dict[str, list[str]] = {}
    events = []
    for part in parts:
        found = shown.findall(pages[part])
        assert 0 < len(found) <= PAGE_SIZE
        events += [event_id for event_id, _ in found]
        for _, involved in found:
            for entity_id in involved.split():
                key = part.removeprefix("timeline/year/").removesuffix("/index.md")
                if key not in by_entity.setdefault(entity_id, []):
                    by_entity[entity_id].append(key)
    assert sorted(events) == sorted(resolved.content.events)
    options = dict(re.findall(r'<option value="([a-z0-9-]+)" data-pages="([^"]*)">', pages["timeline/index.md"]))
    assert options == {entity_id: " ".join(keys) for entity_id, keys in by_entity.items()}


def test_the_real_indexes_are_single_pages_listing_everything(built_project):
    docs = built_project.docs_dir
    resolved, _ = check(built_project)
    assert not (docs / "sources" / "year").exists() and not (docs / "timeline" / "year").exists()
    sources = set(linked_pages("sources/index.md", (docs / "sources" / "index.md").read_text(encoding="utf-8")))
    assert {f"sources/{i}/index.md" for i in resolved.content.sources} <= sources
    timeline = (docs / "timeline" / "index.md").read_text(encoding="utf-8")
    assert sorted(re.findall(r'<div class="timeline-event" id="event-([^"]+)"', timeline)) == sorted(resolved.content.events)
    involved = {e for event in resolved.content.events.values() for e in event.involved_ids}
    assert set(re.findall(r'<option value="([a-z0-9-]+)"', timeline)) == involved


def test_the_entities_index_and_the_home_page_lead_with_the_main_dossiers(built_project, site):
    assert main_dossiers(built_project) == ("wagner-group", "africa-corps", "jnim", "redut")
    index = (built_project.docs_dir / "entities" / "index.md").read_text(encoding="utf-8")
    main = index.split("## Main dossiers", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"\(([a-z0-9-]+)/index\.md\)", main) == ["wagner-group", "africa-corps", "jnim", "redut"]
    home = (site / "index.html").read_text(encoding="utf-8")
    start = home.split('id="start-here"', 1)[1].split("</div>", 1)[0]
    for entity_id in ("wagner-group", "africa-corps", "jnim", "redut"):
        assert f'href="entities/{entity_id}/"' in start
    resolved, _ = check(built_project)
    assert f"{len(resolved.content.events)} events in date order" in start
    assert f"{len(resolved.content.entities)} entities and" in start
    assert f"{len(resolved.content.sources)} articles" in start
    assert 'href="timeline/"' in start and 'href="graph/"' in start and "Latest changes" in start


def test_the_menu_has_the_data_page_and_not_the_editors_documentation(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    menu = home.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    assert 'href="data/"' in menu and "how-to-edit" not in menu
    footer = home.split('<footer class="md-footer">', 1)[1]
    assert 'href="how-to-edit/"' in footer


def test_every_page_with_a_relative_address_in_raw_html_is_the_index_of_its_own_folder(split_site):
    # MkDocs leaves raw HTML alone (the browser reads it from the published page, entities/x/);
    # Zensical reads it from the Markdown file's folder: for an index.md they are the same folder.
    _, pages = split_site
    relative = re.compile(r'(?:href|src)="(?!#|[a-z]+:|/)[^"]')
    raw = sorted(path for path, text in pages.items() if path.endswith(".md") and relative.search(text))
    assert "graph/index.md" in raw and any(path.startswith("timeline/year/") for path in raw)
    assert any(path.startswith("entities/") for path in raw) and any(path.startswith("sources/") for path in raw)
    assert [path for path in raw if not path.endswith("/index.md") and path != "index.md"] == []


def test_on_a_split_timeline_a_source_pages_cited_by_links_open_the_year_page_holding_the_event(split_site):
    # Found at 1,000 events: every link went to timeline/index.md#<event>, an anchor that page no longer has.
    resolved, pages = split_site
    event_anchors = {event_anchor(event_id) for event_id in resolved.content.events}
    checked = 0
    for page, markdown in pages.items():
        if not (page.startswith("sources/") and page.count("/") == 2):
            continue
        for href in re.findall(r'href="([^"#]*)#([^"]+)"', markdown):
            target, anchor = href
            if anchor not in event_anchors:
                continue
            published = posixpath.normpath(posixpath.join(posixpath.dirname(page), target)) + "/index.md"
            assert f'id="{anchor}"' in pages[published], (page, target, anchor)
            checked += 1
    assert checked >= len(event_anchors)
