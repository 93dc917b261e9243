"""What a reader sees in a real browser, on the real content."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
import yaml

from dossier.pipeline import check
from dossier.text.typography import fold_words
from tests.helpers import ARTIFACTS, BOTH_RENDERERS, REPORT, open_context, search_for

REQUIRED = ("wagner-group", "africa-corps", "jnim", "redut")
HEADER_HEIGHT = "document.querySelector('.md-header').getBoundingClientRect().bottom"


@BOTH_RENDERERS
@pytest.mark.parametrize("entity_id", REQUIRED)
def test_an_entity_page_loads_cleanly_and_its_first_note_opens_the_quote_highlighted_in_view(served, reader, entity_id):
    page, watch = reader
    page.goto(served.url(f"entities/{entity_id}/"))
    assert page.locator("h1").first.is_visible()
    page.get_by_text(re.compile(r"^Show the (note|\d+ notes)$")).click()  # the notes are folded
    note = page.locator(".footnote li").first
    quote = note.locator("mark.quoted").inner_text()  # the quoted words, in their sentence
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


SEARCH_BOX = "#dossier-search-input"
FIRST_RESULT = ".dossier-search__results li:first-child a"


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
    search_for(page, typed)
    assert urlparse(page.locator(FIRST_RESULT).get_attribute("href")).path == f"/entities/{entity_id}/"
    assert watch.errors == []


@BOTH_RENDERERS
def test_every_name_and_alias_of_every_entity_finds_its_entity_first(served, reader, built_project):
    page, watch = reader
    page.goto(served.url("sources/"))
    missed = []
    for path in sorted((built_project.content_dir / "entities").glob("*.yml")):
        entity = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name in [entity["name"], *(entity.get("aliases") or [])]:
            search_for(page, name)
            found = urlparse(page.locator(FIRST_RESULT).get_attribute("href")).path
            if found != f"/entities/{path.stem}/":
                missed.append((name, found))
    assert missed == []
    assert watch.errors == []


@BOTH_RENDERERS
def test_nothing_is_fetched_for_search_until_the_reader_uses_it(served, reader):
    page, watch = reader
    fetched = []
    page.on("request", lambda request: fetched.append(urlparse(request.url).path))
    page.goto(served.url("entities/wagner-group/"))
    page.wait_for_load_state("networkidle")
    assert [path for path in fetched if "pagefind" in path] == []
    page.keyboard.press("/")  # the shortcut to the search box, as Material had it
    assert page.evaluate("document.activeElement.id") == "dossier-search-input"
    page.keyboard.type("JNIM")
    page.locator(FIRST_RESULT).wait_for()
    used = [path for path in fetched if "pagefind" in path]
    assert "/pagefind/pagefind.js" in used and not any(path.endswith("pagefind-ui.js") for path in used)
    REPORT["search requests for a first search"] = len(used)
    assert watch.outside == [] and watch.errors == []


@BOTH_RENDERERS
def test_a_result_opens_its_page_and_the_filters_narrow_results_by_kind_and_type(served, reader):
    page, _ = reader
    page.goto(served.url())
    search_for(page, "Wagner")
    excerpt = page.locator(".dossier-search__results li:first-child p")
    assert "mark" in excerpt.inner_html()
    page.get_by_label("Kind of page").select_option("source")
    search_for(page, "Wagner")
    hrefs = page.locator(".dossier-search__results a").evaluate_all("links => links.map(l => l.pathname)")
    assert hrefs and all(href.startswith("/sources/") for href in hrefs)
    page.get_by_label("Kind of page").select_option("entity")
    page.get_by_label("Type of entity").select_option("person")
    search_for(page, "Wagner")
    hrefs = page.locator(".dossier-search__results a").evaluate_all("links => links.map(l => l.pathname)")
    assert "/entities/yevgeny-prigozhin/" in hrefs and "/entities/wagner-group/" not in hrefs
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-desktop.png"))
    page.locator(SEARCH_BOX).press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/entities/[a-z0-9-]+/$"))
    assert urlparse(page.url).path == hrefs[0]


def test_search_works_on_a_phone_without_widening_the_page(served, browser):
    context, watch = open_context(browser, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served.url("entities/jnim/"))
    page.locator(SEARCH_BOX).tap()
    search_for(page, "Wagner")
    panel = page.locator(".dossier-search__panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert urlparse(page.locator(FIRST_RESULT).get_attribute("href")).path == "/entities/wagner-group/"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-phone.png"))
    assert watch.errors == [] and watch.outside == []
    context.close()


@BOTH_RENDERERS
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


def test_the_timeline_filter_narrows_the_notes_and_the_contents_too(served, reader):
    page, _ = reader
    page.goto(served.url("timeline/?entity=bah-ndaw"))
    cited = set(page.locator(".timeline-event:visible a.footnote-ref").evaluate_all("refs => refs.map(r => r.hash)"))
    notes = page.locator(".footnote li:visible").evaluate_all("notes => notes.map(n => '#' + n.id)")
    assert cited and sorted(cited) == sorted(notes)
    years = page.locator(".md-content h2:visible").evaluate_all("hs => hs.map(h => '#' + h.id)")
    contents = page.locator(".md-nav--secondary a:visible").evaluate_all("links => links.map(l => l.hash)")
    assert [anchor for anchor in contents if anchor[1:].isdigit()] == [y for y in years if y[1:].isdigit()]
    assert len(years) < page.locator(".md-content h2").count()


def test_the_timeline_filter_lists_every_entity_with_events_and_says_when_one_has_none(served, reader, built_project):
    page, _ = reader
    content = check(built_project)[0].content
    events = content.events.values()
    involved = {entity_id for event in events for entity_id in event.involved_ids}
    without_events = sorted(set(content.entities) - involved)[0]  # an entity no event involves
    page.goto(served.url(f"timeline/?entity={without_events}"))
    listed = page.locator("#timeline-entity option").evaluate_all("options => options.map(o => o.value)")
    assert set(listed) == involved | {""}
    assert page.locator("#timeline-status").inner_text() == (
        f"No event in the timeline involves “{without_events}”: showing every event."
    )
    assert page.locator(".timeline-event:visible").count() == len(events)


@BOTH_RENDERERS
def test_hovering_a_footnote_reference_shows_the_note_and_leaving_it_hides_it(served, reader):
    page, _ = reader
    page.goto(served.url("entities/wagner-group/"))
    note_text = page.locator(".footnote li").first.inner_text()
    page.locator("a.footnote-ref").first.hover()
    preview = page.locator("#note-popup")
    preview.wait_for(state="visible")
    assert note_text[:40] in preview.inner_text()
    assert page.evaluate("document.activeElement.id") != "note-popup"  # a preview takes no focus
    page.mouse.move(5, 5)
    preview.wait_for(state="hidden")
    assert page.locator(".md-tooltip2").count() == 0  # Material's tooltips, built for every note up front, are off


@BOTH_RENDERERS
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


@BOTH_RENDERERS
def test_cite_this_page_gives_the_full_address(served, reader):
    page, _ = reader
    page.goto(served.url("entities/jnim/"))
    assert page.locator(".cite-url").inner_text() == served.url("entities/jnim/")


@BOTH_RENDERERS
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
                ...[...document.scripts].filter(s => /alert\\(/.test(s.src + (['application/ld+json', 'application/json'].includes(s.type) ? '' : s.text)))
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
    REPORT.setdefault("screenshots", {}).update(shots)
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
    page.get_by_text("Show the 109 notes").click()
    note = page.locator(".footnote li:has(.backrefs)").first
    labels = note.locator("a.footnote-backref").all_inner_texts()
    assert labels[:2] == ["a", "b"]
    note.locator("a.footnote-backref").nth(1).click()
    fragment = urlparse(page.url).fragment
    assert fragment.startswith("fnref2:")
    assert page.locator(f"[id='{fragment}']").is_visible()


def test_the_notes_are_folded_and_a_link_to_one_opens_them_where_it_is(served, reader):
    """Folded, a long page's notes cost the browser nothing at load; a reader following a
    permalink to a note, or a note's number in the text, still lands on it."""
    page, watch = reader
    page.goto(served.url("entities/wagner-group/"))
    note = page.locator("[id='fn:40']")
    assert page.locator("details.fold").get_attribute("open") is None and not note.is_visible()
    page.goto(served.url("entities/wagner-group/#fn:40"))
    page.wait_for_function("() => document.querySelector('details.fold').open")
    assert note.is_visible() and note.evaluate(IN_VIEW)
    page.goto(served.url("entities/wagner-group/"))  # and a link followed within the page (hashchange)
    page.evaluate("() => { location.hash = 'fn:40'; }")
    page.wait_for_function("() => document.querySelector('details.fold').open")
    assert note.evaluate(IN_VIEW)
    assert watch.errors == []


IN_VIEW = """note => {
    const box = note.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
}"""
