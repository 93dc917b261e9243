"""Issue 21 on the real content, at 375 px and 1280 px: reading on a phone, how strong a statement
is at a glance, the site's plumbing, and printing."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.helpers import ARTIFACTS, PHONE, PROJECT_ROOT, READER_PAGES, REPORT, SIZES, copy_project, open_context, open_interactive_graph, printed_note, screenshot

WAGNER = "entities/wagner-group/"


# --- A. Phone-first reading -------------------------------------------------------------------


def test_an_entity_pages_figure_tables_fit_the_screen_as_cards_on_a_phone(served, sized):
    page, _, name = sized
    page.goto(served.url(WAGNER))
    table = page.locator("h2#figures ~ .figure-table table").first
    table.scroll_into_view_if_needed()
    width = page.evaluate("document.documentElement.clientWidth")
    cells = page.locator("h2#figures ~ .figure-table tbody td")
    boxes = cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().right)")
    assert boxes and max(boxes) <= width, f"{name}: a cell ends at {max(boxes)} px on a {width} px screen"
    source_cell = page.locator("h2#figures ~ .figure-table tbody td:nth-child(4)").first
    label = source_cell.evaluate("c => getComputedStyle(c, '::before').content")
    if name == "phone":
        assert label == '"Source"'
        assert table.locator("thead").is_hidden()
    else:
        assert label in ("none", "normal")
        assert table.locator("thead").is_visible()
    screenshot(page, f"figure-cards-{name}")


def test_the_sources_index_is_cards_on_a_phone_and_its_filter_still_hides_rows(served, sized):
    page, _, name = sized
    page.goto(served.url("sources/"))
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cells = page.locator(".sources-table tbody td")
    rights = cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().right)")
    assert rights and max(rights) <= width, f"{name}: a cell ends at {max(rights)} px on a {width} px screen"
    labels = [
        page.locator(f".sources-table tbody tr:first-child td:nth-child({column})").evaluate("c => getComputedStyle(c, '::before').content")
        for column in range(1, 5)
    ]
    if name == "phone":
        assert labels == ['"Published"', '"Title"', '"Publisher"', '"Citations"']
        assert page.locator(".sources-table thead").is_hidden()
    else:
        assert set(labels) <= {"none", "normal"}
        assert page.locator(".sources-table thead").is_visible()
    screenshot(page, f"sources-cards-{name}")
    rows = page.locator(".sources-table tbody tr")
    page.get_by_label("Show only the rows containing").fill("RUSI")
    shown = [row.is_visible() for row in rows.all()]
    assert 0 < shown.count(True) < len(shown), "a card the filter leaves out is not shown"


TITLED = [*READER_PAGES.values(), "corrections/", "methodology/", "sources/strategic-realignment-wagner-withdrawal-from-mali/"]


def test_no_page_title_has_a_word_cut_in_two(served, sized):
    """A title wraps between words (or at a hyphen), never inside one, beside the print button too."""
    page, _, name = sized
    cut = {}
    for path in TITLED:
        page.goto(served.url(path))
        words = page.locator(".md-content h1").evaluate(
            """h1 => {
                const cut = [], walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
                for (let node; (node = walker.nextNode());) {
                    for (const word of node.textContent.matchAll(/[^\\s-]+/g)) {
                        const range = document.createRange();
                        range.setStart(node, word.index);
                        range.setEnd(node, word.index + word[0].length);
                        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) cut.push(word[0]);
                    }
                }
                return cut;
            }"""
        )
        if words:
            cut[path] = words
    assert cut == {}, f"{name}: {cut}"


LAYOUT_SHIFTS = """window.layoutShift = 0;
new PerformanceObserver(list => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.layoutShift += shift.value;
}).observe({type: "layout-shift", buffered: true});"""


def test_nothing_moves_when_the_scripts_add_the_print_button(served, sized):
    """The print button comes from the script, after the first paint: its place is kept free, so
    the page does not jump (Lighthouse's layout shift: 0.04 to 0.12 on a phone before)."""
    page, _, name = sized
    page.add_init_script(LAYOUT_SHIFTS)
    shifted = {}
    for path in READER_PAGES.values():
        page.goto(served.url(path))
        page.locator(".print-button").first.wait_for()
        page.wait_for_timeout(300)
        shift = page.evaluate("window.layoutShift")
        if shift >= 0.03:
            shifted[path] = round(shift, 3)
    assert shifted == {}, f"{name}: {shifted}"
    page.goto(served.url("graph/"))
    screenshot(page, f"title-and-print-button-{name}")


def test_a_tapped_note_opens_its_pop_up_and_the_source_link_comes_back_in_one_back(served, sized):
    page, _, name = sized
    page.goto(served.url(WAGNER))
    marker = page.locator(".md-content li a.footnote-ref").nth(5)
    marker.scroll_into_view_if_needed()
    note_id = marker.get_attribute("href")[1:]
    note = page.locator(f"[id='{note_id}']")
    quote = re.search(r"“(.*)”", note.text_content(), re.S).group(1)  # the notes folded: not rendered
    if name == "phone":
        marker.tap()
    else:
        marker.click()
    popup = page.get_by_role("dialog", name=f"Note {marker.inner_text()}")
    popup.wait_for(state="visible")
    assert page.url == served.url(WAGNER)  # no jump, no history entry
    assert quote in popup.inner_text()
    assert note.locator("cite").get_attribute("title") in popup.inner_text()  # the source's full title
    box = popup.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= page.viewport_size["width"]
    assert 0 <= box["y"] < page.viewport_size["height"], "the pop-up opens where the reader is"
    screenshot(page, f"note-pop-up-{name}")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    popup.get_by_role("link", name=re.compile(r"^Source, paragraph \d+$")).click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#p\d+-q\d+$"))
    page.go_back()
    page.wait_for_url(served.url(WAGNER))
    page.wait_for_function(f"() => Math.abs(window.scrollY - {scrolled}) < 5")
    # Escape closes a pop-up and gives the focus back to its marker.
    marker.click()
    popup.wait_for(state="visible")
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden")
    assert marker.evaluate("m => m === document.activeElement")


def test_every_section_of_an_entity_page_cite_this_page_included_is_in_its_jump_links(served, sized):
    page, _, name = sized
    page.goto(served.url(WAGNER))
    sections = page.locator(".md-content h2").evaluate_all("hs => hs.map(h => '#' + h.id)")
    jumps = page.locator(".key-facts .page-contents a").evaluate_all("links => links.map(l => l.hash)")
    assert "#cite-this-page" in sections
    assert jumps == sections
    page.locator(".key-facts .page-contents").get_by_role("link", name="Cite this page").click()
    page.wait_for_url(re.compile("#cite-this-page$"))
    top = page.locator("h2#cite-this-page").evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2


def test_a_source_pages_jump_links_reach_each_of_its_sections_past_the_article(served, sized):
    page, _, name = sized
    page.goto(served.url("sources/a-mixed-picture-how-mali-views-the-wagner-group/"))
    sections = page.locator(".md-content h2").evaluate_all("hs => hs.map(h => '#' + h.id)")
    jumps = page.get_by_role("navigation", name="On this page").locator("a")
    assert jumps.evaluate_all("links => links.map(l => l.hash)") == sections == ["#text", "#entities-mentioned", "#cited-by"]
    assert jumps.first.is_visible()
    screenshot(page, f"source-jump-links-{name}")
    jumps.last.click()
    page.wait_for_url(re.compile("#cited-by$"))
    page.wait_for_function("() => window.scrollY > 0")
    top = page.locator("h2#cited-by").evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]  # the last section: the page may end below it


GRAPH_APP = ".site-graph-app[data-ready='true']"


def test_the_graph_never_traps_the_pages_scrolling_until_the_reader_asks_to_explore_it(served, sized):
    page, _, name = sized
    page.goto(served.url("graph/"))
    open_interactive_graph(page)
    app = page.locator(GRAPH_APP)
    canvas = page.locator(".site-graph-canvas")
    canvas.scroll_into_view_if_needed()
    # What a finger or a pointer meets on the graph is the cover, which the page scrolls over.
    box = canvas.bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).className", list(centre)) == "site-graph-cover"
    zoom, before = app.get_attribute("data-zoom"), page.evaluate("window.scrollY")
    page.mouse.move(*centre)
    page.mouse.wheel(0, 300)
    page.wait_for_function(f"() => window.scrollY > {before}")
    assert app.get_attribute("data-zoom") == zoom
    # Asked to, it moves and zooms, and the page stays where it is.
    explore = page.get_by_role("button", name="Explore the graph (move and zoom)")
    if name == "phone":
        explore.tap()
    else:
        explore.click()
    assert page.locator(".graph-explore").get_attribute("aria-pressed") == "true"
    canvas.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    box = canvas.bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).tagName", list(centre)) == "CANVAS"
    page.mouse.move(*centre)
    page.wait_for_timeout(300)  # cytoscape ignores the wheel for 250 ms after the page scrolled
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"() => document.querySelector('.site-graph-app').dataset.zoom !== '{zoom}'")
    assert page.evaluate("window.scrollY") == before
    page.get_by_role("button", name="Done: scroll the page again").click()
    assert app.get_attribute("data-exploring") == "false"


def test_the_graph_opens_with_its_names_readable_at_phone_size_and_its_relations_named(served, sized):
    page, _, name = sized
    page.goto(served.url("graph/"))
    open_interactive_graph(page)
    app = page.locator(GRAPH_APP)
    app.wait_for()
    assert app.get_attribute("data-labels") == "shown"
    assert float(app.get_attribute("data-label-px")) >= 11
    page.locator(".site-graph-canvas").scroll_into_view_if_needed()
    screenshot(page, f"graph-opens-{name}")
    # Relations are labelled with their kind (the legend's words), not by colour alone: those of a
    # found entity at once, all of them once names are large enough.
    page.get_by_role("combobox", name="Find an entity").fill("Wagner Group")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_timeout(600)
    legend = page.locator(".graph-legend p:has-text('Kinds of relation') + ul li").all_inner_texts()
    near = app.evaluate("app => app.dossierGraph.edges('.near').map(e => e.style('label'))")
    assert len(legend) > 5 and len(near) > 5 and set(near) <= set(legend)
    screenshot(page, f"graph-relations-named-{name}")


# --- B. Strength at a glance --------------------------------------------------------------------


def test_each_statement_shows_how_many_sources_carry_it_and_single_source_in_words(served, sized):
    page, _, name = sized
    page.goto(served.url(WAGNER))
    # For every claim, relation and event: the distinct sources its notes open, against what it says.
    found = page.evaluate(
        """() => [...document.querySelectorAll('.md-content li:has(> sup > a.footnote-ref)')].map(item => {
            const sources = new Set([...item.querySelectorAll(':scope > sup > a.footnote-ref')].map(ref =>
                new URL(document.getElementById(ref.hash.slice(1)).querySelector('a.note-source').href).pathname));
            const count = item.querySelector(':scope > .source-count');
            return [sources.size, count ? count.textContent : null];
        })"""
    )
    assert len(found) > 40
    assert all(said == ("single source" if size == 1 else f"{size} sources") for size, said in found), found
    singles = sum(1 for size, _ in found if size == 1)
    REPORT.setdefault("single source", {})["wagner-group"] = f"{singles} of {len(found)} statements"
    assert 0 < singles < len(found)
    label = page.locator(".md-content li .source-count.single").first
    label.scroll_into_view_if_needed()
    assert label.is_visible()
    box = label.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"]
    screenshot(page, f"source-count-{name}")


def test_a_figure_value_with_no_certainty_reads_stated_by_the_source(served, sized):
    page, _, _ = sized
    page.goto(served.url("figures/"))
    cells = page.locator(".figure-table tbody td:nth-child(3)").all_inner_texts()
    assert "stated by the source" in cells
    assert not [cell for cell in cells if "not marked" in cell]
    assert "not marked" not in page.locator(".md-content").inner_text()


def _contrast(page, selector: str) -> float:
    """The contrast ratio of an element's border against the page's background (WCAG 1.4.11)."""
    return page.locator(selector).evaluate(
        """element => {
            const style = getComputedStyle(element);
            if (style.borderTopStyle === "none" || parseFloat(style.borderTopWidth) === 0) return 0;
            const rgba = value => (value.match(/[\\d.]+/g) || []).map(Number);
            const page = rgba(getComputedStyle(document.body).backgroundColor);
            const [r, g, b, a = 1] = rgba(getComputedStyle(element).borderTopColor);
            const mixed = [r, g, b].map((c, i) => c * a + page[i] * (1 - a));
            const luminance = ([r, g, b]) => [r, g, b].map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
                .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
            const [light, dark] = [luminance(mixed), luminance(page)].sort((x, y) => y - x);
            return (light + 0.05) / (dark + 0.05);
        }"""
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [name for name, _ in SIZES])
def test_the_list_filter_is_visible_in_both_schemes(served, browser, scheme, size):
    context, watch = open_context(browser, viewport=dict(SIZES)[size], color_scheme=scheme, device_scale_factor=1)
    page = context.new_page()
    page.goto(served.url("sources/"))
    box = page.get_by_label("Show only the rows containing")
    assert box.is_visible()
    assert _contrast(page, "#index-filter") >= 3
    box.fill("RUSI")
    assert re.fullmatch(r"\d+ of \d+ shown", page.locator(".index-filter output").inner_text())
    screenshot(page, f"list-filter-{scheme}-{size}")
    context.close()
    assert watch.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [name for name, _ in SIZES])
def test_the_timeline_and_graph_filters_are_visible_in_both_schemes(served, browser, scheme, size):
    context, watch = open_context(browser, viewport=dict(SIZES)[size], color_scheme=scheme, device_scale_factor=1)
    page = context.new_page()
    page.goto(served.url("timeline/"))
    entity = page.get_by_label("Show only the events involving")
    assert entity.is_visible()
    assert _contrast(page, "#timeline-entity") >= 3
    page.goto(served.url("graph/"))
    kinds = page.locator(".graph-filter")
    kinds.scroll_into_view_if_needed()
    assert kinds.is_visible()
    boxes = kinds.locator("input[type=checkbox]")
    assert boxes.count() > 3 and all(box.is_visible() for box in boxes.all())
    # A checkbox draws itself in the page's scheme: light on dark in the dark one, never lost in it.
    assert page.evaluate("getComputedStyle(document.body).colorScheme") == scheme
    screenshot(page, f"graph-filter-{scheme}-{size}")
    context.close()
    assert watch.errors == []


# --- C. Plumbing --------------------------------------------------------------------------------


def test_search_indexes_statements_without_their_note_numbers_or_source_counts(served, sized):
    page, _, _ = sized
    page.goto(served.url(WAGNER))
    text = page.evaluate(
        """async () => {
            const pagefind = await import(new URL('/pagefind/pagefind.js', location.href).href);
            await pagefind.options({ baseUrl: '/' });
            const search = await pagefind.search('paramilitary');
            const pages = await Promise.all(search.results.map(r => r.data()));
            return pages.find(p => p.url === '/entities/wagner-group/').content;
        }"""
    )
    assert re.search(r"paramilitary organization\"\.\s+(\S+)", text).group(1) == "2021:"
    assert "single source" not in text and " # " not in text


class _UnderSubPath(SimpleHTTPRequestHandler):
    """Serves a site at /dossier/, as GitHub Pages serves a project site, with its 404.html for
    any address it does not have."""

    def log_message(self, format, *args):
        pass

    def send_head(self):
        if not self.path.startswith("/dossier/"):
            self.send_error(404)
            return None
        self.path = self.path[len("/dossier"):]
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            local = local / "index.html"
        if local.is_file():
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def under_sub_path(tmp_path_factory):
    """The site built with its address (DOSSIER_SITE_URL) and served under /dossier/."""
    project = copy_project(tmp_path_factory.mktemp("sub-path") / "project")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_UnderSubPath, directory=str(project.site_dir)))
    address = f"http://127.0.0.1:{server.server_address[1]}/dossier/"
    environment = dict(os.environ, DOSSIER_SITE_URL=address)
    built = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project.root)],
        capture_output=True, text=True, timeout=300, env=environment,
    )
    assert built.returncode == 0, built.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield address
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_the_404_page_works_under_a_sub_path_at_any_depth(under_sub_path, sized):
    page, watch, name = sized
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    missing = under_sub_path + "entities/no-such-entity/or/deeper/"
    response = page.goto(missing)
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert failed == [missing], "only the missing page itself, none of its styles or scripts"
    watch.errors.remove("console error: Failed to load resource: the server responded with a status of 404 (Not Found)")
    # Material's and the site's styles loaded: the header is coloured, the search box is there.
    header = page.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".md-content h1").inner_text() == "404 - Not found"
    assert page.locator("a.md-logo").first.evaluate("a => a.href") == under_sub_path  # home, not the domain root
    screenshot(page, f"404-under-sub-path-{name}")


def test_cited_by_names_each_statement_once_and_numbers_those_that_read_the_same(served, sized):
    page, _, name = sized
    page.goto(served.url("sources/a-mixed-picture-how-mali-views-the-wagner-group/"))
    lines = page.locator("p.cited-by-paragraph").all_inner_texts()
    assert lines
    for line in lines:
        names = [re.sub(r"( \d+)(, \d+)*$", "", entry) for entry in line.removeprefix("Cited by ").split("; ")]
        assert len(names) == len(set(names)), line
    numbered = page.locator("p.cited-by-paragraph a.cited-by-number")
    assert numbered.count() > 5
    first = numbered.first
    assert re.fullmatch(r".+, claim \d+", first.get_attribute("aria-label"))
    box = first.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    first.click()
    page.wait_for_url(re.compile(r"/entities/[^/]+/#claim-"))


# --- D. Print -----------------------------------------------------------------------------------


def test_print_or_save_as_pdf_is_a_button_on_every_page_kind(served, sized):
    """Above the title, or beside "Cite this page" where a page has it (entities, sources)."""
    page, _, name = sized
    for path in ("", WAGNER, "sources/a-mixed-picture-how-mali-views-the-wagner-group/", "timeline/", "figures/"):
        page.goto(served.url(path))
        where = page.locator(".cite-tools > .print-button, .md-content__inner > .print-button:first-child")
        assert where.count() == 1, path
        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
        button = page.get_by_role("button", name="Print / save as PDF")
        assert button.is_visible()
        box = button.bounding_box()
        assert box["x"] + box["width"] <= page.viewport_size["width"] and box["height"] >= 24
        button.click()
        assert page.evaluate("window.printed") == 1, path
    screenshot(page, f"print-button-{name}")


def test_printed_notes_give_their_source_in_full_and_the_navigation_and_pop_ups_vanish(served, sized, tmp_path):
    page, _, name = sized
    page.goto(served.url(WAGNER))
    page.locator(".md-content li a.footnote-ref").first.click()  # a pop-up left open
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".note-popup", ".print-button", "a.permalink"):
        assert page.locator(hidden).first.is_hidden(), hidden
    # Outlet, date, title, the quoted words, the passage's full address (and the original article's,
    # for a source that has one: none of the real content does yet).
    note = page.locator(".footnote li").first
    printed = printed_note(note)
    title = note.locator("cite").get_attribute("title")
    assert printed["title"] == f'" — {title}"'
    assert re.fullmatch(r'" <http://127\.0\.0\.1:\d+/sources/[a-z0-9-]+/#p\d+-q\d+>"', printed["source"]), printed
    assert printed["original"] is None or re.fullmatch(r'" <https?://[^#>]+>"', printed["original"]), printed
    # (the date follows the outlet for a source that has one: none of the real content does yet)
    assert re.match(r"RUSI(, [^:]+)?: “.+” Source, paragraph \d+", printed["text"]), printed["text"]
    pdf = tmp_path / "wagner-group.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    REPORT.setdefault("printed pages", {})[f"wagner-group ({name} window)"] = pages
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"wagner-group-print-{name}.pdf").write_bytes(pdf.read_bytes())
    # 20 before this print stylesheet, without any note's title or address; 16 with them; 17 since
    # each note gives the sentence around its quote; 18 since the content audit split a claim, gave the
    # mixed Wagner/Africa Corps count its own figure and cited the reports of Wagner's exit.
    assert 0 < pages <= 18


# --- E. Citations that travel ---------------------------------------------------------------------


def test_cite_this_page_copies_as_plain_text_with_the_access_date_bibtex_ris_and_csl_json(served, sized):
    page, _, name = sized
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served.url(WAGNER))
    today = page.evaluate("new Date().toISOString().slice(0, 10)")
    address = served.url(WAGNER)
    updated = re.search(r"Last updated (\S+)\.", page.locator(".cite-this").inner_text()).group(1)
    tools = page.locator(".cite-tools")
    tools.get_by_role("button", name="Copy citation").click()
    page.get_by_role("status").filter(has_text="Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"Dossier. “Wagner Group.” {address}. Last updated {updated}. Accessed {today}."
    )
    tools.locator("summary", has_text="BibTeX").click()
    bibtex = tools.locator("pre.cite-bibtex")
    assert bibtex.is_visible()
    assert bibtex.inner_text() == (
        "@misc{dossier-wagner-group,\n"
        "  title = {Wagner Group},\n"
        "  author = {{Dossier}},\n"
        f"  year = {{{updated[:4]}}},\n"
        f"  howpublished = {{\\url{{{address}}}}},\n"
        f"  note = {{Last updated {updated}; accessed {today}}},\n"
        f"  urldate = {{{today}}},\n"
        "  language = {en}\n"
        "}"
    )
    tools.get_by_role("button", name="Copy BibTeX").click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('@misc{')")
    tools.locator("summary", has_text="RIS").click()
    assert tools.locator("pre.cite-ris").inner_text() == "\n".join([
        "TY  - ELEC", "TI  - Wagner Group", "AU  - Dossier", f"PY  - {updated[:4]}", f"UR  - {address}",
        f"Y2  - {today}", f"N1  - Last updated {updated}", "LA  - en", "ER  - ",
    ])
    tools.locator("summary", has_text="CSL-JSON").click()
    tools.get_by_role("button", name="Copy CSL-JSON").click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).startsWith('[')")
    (csl,) = json.loads(page.evaluate("navigator.clipboard.readText()"))
    assert csl == {
        "id": "dossier-wagner-group", "type": "webpage", "title": "Wagner Group", "author": [{"literal": "Dossier"}],
        "container-title": "Dossier", "URL": address,
        "issued": {"date-parts": [[int(part) for part in updated.split("-")]]},
        "accessed": {"date-parts": [[int(part) for part in today.split("-")]]}, "language": "en",
    }
    tools.scroll_into_view_if_needed()
    screenshot(page, f"cite-this-page-{name}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_a_note_pop_up_open_and_the_citation_formats_shown(served, browser, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context, watch = open_context(browser, viewport=PHONE, color_scheme=scheme, has_touch=True)
    page = context.new_page()
    page.goto(served.url(WAGNER))
    for summary in page.locator(".cite-tools summary").all():
        summary.click()
    page.locator(".md-content li a.footnote-ref").first.tap()
    page.get_by_role("dialog").wait_for()
    violations = Axe().run(page).response["violations"]
    context.close()
    assert [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations] == []
    assert watch.errors == []
