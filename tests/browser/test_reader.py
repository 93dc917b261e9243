"""What a reader sees in a real browser, on the real content."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from dossier.typography import fold_words
from tests.browser.conftest import ARTIFACTS, REPORT, open_context

REQUIRED = ("wagner-group", "africa-corps", "jnim", "redut")
HEADER_HEIGHT = "document.querySelector('.md-header').getBoundingClientRect().bottom"


@pytest.mark.parametrize("entity_id", REQUIRED)
def test_an_entity_page_loads_cleanly_and_its_first_note_opens_the_quote_highlighted_in_view(served, reader, entity_id):
    page, watch = reader
    page.goto(served.url(f"entities/{entity_id}/"))
    assert page.locator("h1").first.is_visible()
    note = page.locator(".footnote li").first
    quote = re.search(r"“(.*)”", note.inner_text(), re.S).group(1)
    note.locator("a[href*='/sources/']").first.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#p\d+-q\d+$"))
    mark = page.locator("mark.cited:target")
    parts = page.locator(f"mark.cited[data-quote='{urlparse(page.url).fragment}']")
    # Its own words, nothing more; a quote split round another one it overlaps starts in the target.
    words = mark.text_content()
    if parts.count() == 1:
        assert fold_words(words) == fold_words(quote)
    else:
        assert fold_words(quote).startswith(fold_words(words))
    header_bottom = page.evaluate(HEADER_HEIGHT)
    box = mark.bounding_box()
    assert header_bottom <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]
    assert watch.errors == [] and watch.outside == [] and watch.dialogs == []


@pytest.mark.parametrize(
    "typed, entity_id",
    [
        ("Jama'at Nasr al-Islam", "jnim"),
        ("Africa Corp", "africa-corps"),
        ("African Corps", "africa-corps"),
        ("Redut", "redut"),
        ("Wagner", "wagner-group"),
    ],
)
def test_typing_a_name_or_alias_into_search_lists_the_entity_first(served, reader, typed, entity_id):
    page, watch = reader
    page.goto(served.url())
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(typed, delay=20)
    first = page.locator(".md-search-result__item > .md-search-result__link").first
    first.wait_for(state="visible")
    assert urlparse(first.get_attribute("href")).path == f"/entities/{entity_id}/"
    assert watch.errors == []


def test_the_graph_shows_a_node_for_every_entity_and_a_click_opens_its_page(served, reader, built_project):
    page, watch = reader
    entity_ids = sorted(path.stem for path in (built_project.content_dir / "entities").glob("*.yml"))
    page.goto(served.url("graph/"))
    nodes = page.locator("svg.site-graph a.node")
    assert sorted(nodes.evaluate_all("nodes => nodes.map(n => n.dataset.id)")) == entity_ids
    page.locator("svg.site-graph a.node[data-id='redut'] text").click()
    page.wait_for_url(re.compile(r"/entities/redut/$"))
    assert page.title().startswith("Redut")
    assert watch.errors == []


def test_the_graph_can_be_narrowed_to_some_kinds_of_entity(served, reader):
    page, _ = reader
    page.goto(served.url("graph/"))
    page.get_by_label("Places").uncheck()
    assert page.locator("svg.site-graph a.node[data-type='place']").first.is_hidden()
    assert page.locator("svg.site-graph a.node[data-id='wagner-group']").is_visible()


def test_the_timeline_can_be_narrowed_to_one_entity(served, reader):
    page, _ = reader
    page.goto(served.url("timeline/"))
    every = page.locator(".timeline-event:visible").count()
    page.get_by_label("Show only the events involving").select_option("bah-ndaw")
    shown = page.locator(".timeline-event:visible")
    assert 0 < shown.count() < every
    for item in shown.all():
        assert "bah-ndaw" in item.get_attribute("data-entities").split()
    assert "entity=bah-ndaw" in page.url
    assert page.locator("#timeline-status").inner_text() == f"{shown.count()} events involve Bah N’daw"
    page.goto(served.url("timeline/?entity=wagner-group"))
    assert page.locator(".timeline-event:visible").count() == page.locator(".timeline-event[data-entities~='wagner-group']").count()


def test_hovering_a_footnote_reference_shows_the_note(served, reader):
    page, _ = reader
    page.goto(served.url("entities/wagner-group/"))
    note_text = page.locator(".footnote li").first.inner_text()
    page.locator("a.footnote-ref").first.hover()
    tooltip = page.locator(".md-tooltip2").filter(has_text=note_text[:40])
    tooltip.first.wait_for(state="visible")


def test_an_entity_link_shows_a_preview_on_hover_and_on_keyboard_focus(served, reader):
    page, _ = reader
    page.goto(served.url("entities/wagner-group/"))
    link = page.locator(".md-content a[href='../africa-corps/']").first
    link.hover()
    preview = page.locator("#entity-preview")
    preview.wait_for(state="visible")
    assert preview.locator(".entity-preview-name").inner_text() == "Africa Corps"
    assert preview.locator(".entity-preview-type").inner_text() == "military unit"
    assert preview.locator(".entity-preview-text").inner_text().endswith(".")
    assert link.get_attribute("aria-describedby") == "entity-preview"
    page.mouse.move(0, 0)
    preview.wait_for(state="hidden")
    mali = page.locator(".md-content a[href='../mali/']").first
    mali.focus()
    preview.wait_for(state="visible")
    assert preview.locator(".entity-preview-name").inner_text() == "Mali"
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")


def test_cite_this_page_gives_the_full_address(served, reader):
    page, _ = reader
    page.goto(served.url("entities/jnim/"))
    assert page.locator(".cite-url").inner_text() == served.url("entities/jnim/")


def test_no_page_of_the_site_requests_another_host_opens_a_dialog_or_logs_an_error(served, browser):
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    paths = served.pages()
    for path in paths:
        page.goto(served.url(path), wait_until="load")
    context.close()
    REPORT["outside requests"] = {"pages checked": len(paths), "requests": watch.requests, "outside": watch.outside}
    assert len(paths) > 40
    assert watch.outside == [] and watch.dialogs == [] and watch.errors == []


def test_no_script_from_content_runs_on_any_page_of_a_hostile_site(hostile_served, browser):
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    paths = hostile_served.pages()
    injected = []
    for path in paths:
        page.goto(hostile_served.url(path), wait_until="load")
        injected += page.evaluate(
            """() => [
                ...[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name)))
                    .map(e => 'handler on <' + e.tagName + '>'),
                ...[...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href')))
                    .map(a => 'javascript: link'),
                ...[...document.scripts].filter(s => /alert\\(/.test(s.src + (s.type === 'application/ld+json' ? '' : s.text)))
                    .map(s => 'script with alert'),
                ...[...document.querySelectorAll('img[src="x"], svg[onload]')].map(e => 'injected <' + e.tagName + '>'),
            ]"""
        )
        page.locator("a.md-header__button").first.hover()  # let any hover handler fire
    context.close()
    REPORT["hostile site"] = {"pages checked": len(paths), "dialogs": watch.dialogs, "injected": injected}
    assert len(paths) >= 10
    assert watch.dialogs == [] and injected == [] and watch.outside == []
    assert [message for message in watch.console if "alert" in message or "error" in message] == []


def test_the_wagner_group_page_is_readable_on_a_phone_and_a_desktop(served, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {}
    for name, viewport in (("phone", {"width": 375, "height": 812}), ("desktop", {"width": 1280, "height": 900})):
        context, watch = open_context(browser, viewport=viewport, device_scale_factor=1)
        page = context.new_page()
        page.goto(served.url("entities/wagner-group/"))
        # Nothing wider than the screen but the things made to scroll (tables, graphs, code).
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: the page is {overflow}px wider than the screen"
        path = ARTIFACTS / f"wagner-group-{name}.png"
        page.screenshot(path=str(path), full_page=False)
        shots[name] = str(path.relative_to(ARTIFACTS.parent))
        context.close()
        assert watch.errors == []
    REPORT["screenshots"] = shots
    print("screenshots:", shots)


def _colours(page, selector):
    return page.locator(selector).first.evaluate(
        "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.outlineStyle, s.outlineColor]; }"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_quote_a_note_opens_is_marked_strongly_and_the_other_cited_passages_lightly(served, browser, scheme):
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(served.url("entities/wagner-group/"))
    expected_scheme = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected_scheme
    href = page.locator(".footnote a.note-source").nth(2).get_attribute("href")
    page.goto(served.url("entities/wagner-group/") + href)
    anchor = href.split("#")[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.evaluate("e => e.matches(':target')")
    target_background, outline, _ = _colours(page, f"[id='{anchor}']")
    others = page.locator(f".source-body mark.cited:not([data-quote='{anchor}'])")
    assert others.count() > 0
    other_background, other_outline, _ = others.first.evaluate(
        "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.outlineStyle, s.outlineColor]; }"
    )
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert target_background != other_background and outline == "solid" and other_outline == "none"
    assert other_background != page_background  # lightly marked, still marked
    # The paragraph number stays in view with the quote.
    assert "¶" in target.evaluate("e => getComputedStyle(e, '::before').content")
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"quote-target-{scheme}.png"
    page.screenshot(path=str(path))
    REPORT.setdefault("quote target", {})[scheme] = {
        "target background": target_background,
        "other cited background": other_background,
        "page background": page_background,
        "screenshot": str(path.relative_to(ARTIFACTS.parent)),
    }
    context.close()
    assert watch.errors == []


def test_a_quote_split_round_another_is_highlighted_in_every_part(served, reader, site):
    page, watch = reader
    split = None
    for path in sorted((site / "sources").glob("*/index.html")):
        found = re.search(r'<mark class="cited" data-quote="([^"]+)"', path.read_text(encoding="utf-8"))
        if found:
            split = (path.parent.name, found.group(1))
            break
    assert split, "the real content has quotes that overlap"
    source_id, anchor = split
    page.goto(served.url(f"sources/{source_id}/#{anchor}"))
    parts = page.locator(f"mark.cited[data-quote='{anchor}']")
    assert parts.count() > 1
    backgrounds = {part.evaluate("e => getComputedStyle(e).backgroundColor") for part in parts.all()}
    strong = page.locator(f"[id='{anchor}']").evaluate("e => getComputedStyle(e).backgroundColor")
    assert backgrounds == {strong}
    assert watch.errors == []


def test_note_markers_back_links_and_permalinks_are_tap_targets_of_24_px_on_a_phone(served, browser):
    context, _ = open_context(browser, viewport={"width": 375, "height": 812}, device_scale_factor=1)
    page = context.new_page()
    page.goto(served.url("entities/wagner-group/"))
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('a.footnote-ref, a.footnote-backref, a.permalink')]
            .map(a => { const r = a.getBoundingClientRect(); return [a.className, r.width, r.height]; })"""
    )
    context.close()
    small = [size for size in sizes if size[1] < 24 or size[2] < 24]
    REPORT["tap targets"] = {"checked": len(sizes), "smaller than 24px": len(small)}
    assert len(sizes) > 50 and small == []


def test_a_note_cited_from_several_places_has_a_labelled_back_link_to_each(served, reader):
    page, _ = reader
    page.goto(served.url("entities/wagner-group/"))
    note = page.locator(".footnote li:has(.backrefs)").first
    labels = note.locator("a.footnote-backref").all_inner_texts()
    assert labels[:2] == ["a", "b"]
    note.locator("a.footnote-backref").nth(1).click()
    fragment = urlparse(page.url).fragment
    assert fragment.startswith("fnref2:")
    assert page.locator(f"[id='{fragment}']").is_visible()
