"""Issue 21 item 1, what makes the pages fast, in a real browser: the graph page draws first and
fetches cytoscape only when asked, scripts never hold up the first paint, and a long entity page
still reaches its last note by its address with the scripts deferred. The scores
themselves are measured by benchmarks/lighthouse.py (BENCHMARKS.md)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ARTIFACTS, READER_PAGES, REPORT, SIZES, open_context, open_interactive_graph

PAGES = READER_PAGES


@pytest.fixture(params=SIZES, ids=[name for name, _ in SIZES])
def sized(request, browser):
    name, viewport = request.param
    context, watch = open_context(browser, viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page, watch, name
    context.close()
    assert watch.errors == [] and watch.outside == []


def test_the_graph_page_shows_its_drawing_and_fetches_cytoscape_only_when_asked(served, sized):
    page, _, name = sized
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(served.url("graph/"), wait_until="networkidle")
    assert page.locator("svg.site-graph").is_visible()
    assert page.locator("svg.site-graph a.node").count() > 0
    assert page.locator(".site-graph-app").is_hidden()
    assert not [url for url in fetched if "cytoscape" in url]
    assert page.evaluate("typeof window.cytoscape") == "undefined"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"graph-drawing-{name}.png"))

    open_interactive_graph(page)
    assert [url for url in fetched if url.endswith("/assets/vendor/cytoscape.min.js")]
    assert page.locator("svg.site-graph").is_hidden()
    # The interactive graph works: an alias finds its entity.
    page.get_by_role("combobox", name="Find an entity").fill("Wagner")
    page.get_by_role("button", name="Show", exact=True).click()
    assert re.match(r"Wagner Group \(private military company\), \d+ relations\.", page.locator(".graph-status").inner_text())


@pytest.mark.parametrize("kind", PAGES)
def test_no_script_holds_up_the_first_paint_and_the_page_is_styled_once_loaded(served, sized, kind):
    page, _, name = sized
    page.goto(served.url(PAGES[kind]))
    blocking = page.evaluate(
        "[...document.querySelectorAll('script[src]')].filter(s => !s.defer && !s.async).map(s => s.src)"
    )
    assert blocking == []
    # Styled: Material's header is a coloured bar and the page's text is not the browser's Times.
    header = page.locator(".md-header")
    assert header.evaluate("h => getComputedStyle(h).position") == "sticky"
    assert header.evaluate("h => getComputedStyle(h).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "Times" not in page.locator("body").evaluate("b => getComputedStyle(b).fontFamily")
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"styled-{kind}-{name}.png"
    page.screenshot(path=str(path))
    REPORT.setdefault("screenshots", {})[f"styled {kind} {name}"] = str(path.relative_to(ARTIFACTS.parent))


def test_a_notes_address_opens_the_note_on_a_long_page(served, sized):
    page, _, _ = sized
    page.goto(served.url("entities/wagner-group/"))
    last = page.locator(".footnote li[id^='fn:']").last
    note_id = last.get_attribute("id")
    page.goto(served.url(f"entities/wagner-group/#{note_id}"))
    page.wait_for_timeout(300)
    top, bottom, text = last.evaluate("n => [n.getBoundingClientRect().top, n.getBoundingClientRect().bottom, n.innerText]")
    assert 0 <= top < page.viewport_size["height"] and bottom > top
    assert text.strip()
