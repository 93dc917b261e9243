"""Issue 11 on the real content: graphs people can read on a phone, and a dossier that leads with the facts."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ARTIFACTS, BOTH_RENDERERS, REPORT, open_context, open_interactive_graph

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# Every text of the neighbourhood graph and every node, as the screen shows them: boxes in CSS px
# and each text's font size as rendered (its computed size times the drawing's scale).
MEASURE_NEIGHBOURHOOD = """svg => {
  const scale = svg.getScreenCTM().a;
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const texts = [...svg.querySelectorAll('text')].flatMap(t => {
    const size = parseFloat(getComputedStyle(t).fontSize) * scale;
    const parts = t.querySelectorAll('tspan').length ? [...t.querySelectorAll('tspan')] : [t];
    return parts.map(p => ({text: p.textContent, size, box: box(p)}));
  });
  const nodes = [...svg.querySelectorAll('circle')].map(c => ({text: 'node', box: box(c)}));
  return {texts, nodes, svg: box(svg), viewport: document.documentElement.clientWidth};
}"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _entities_with_graphs(site):
    return sorted(
        path.parent.name
        for path in (site / "entities").glob("*/index.html")
        if "neighbourhood-graph" in path.read_text(encoding="utf-8")
    )


def test_every_neighbourhood_graph_is_legible_on_a_375_px_phone_and_no_label_overlaps_a_node_or_a_label(served, browser, site):
    entity_ids = _entities_with_graphs(site)
    assert "wagner-group" in entity_ids and len(entity_ids) >= 20
    context, watch = open_context(browser, viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    smallest, checked = 99.0, 0
    for entity_id in entity_ids:
        page.goto(served.url(f"entities/{entity_id}/"))
        found = page.locator("svg.neighbourhood-graph").evaluate(MEASURE_NEIGHBOURHOOD)
        texts, nodes = found["texts"], found["nodes"]
        assert texts and nodes, entity_id
        for item in texts:
            assert item["size"] >= 11, (entity_id, item)
            smallest = min(smallest, item["size"])
        # The whole drawing fits the phone's width: nothing to pan to, no text cut off.
        assert found["svg"][2] <= found["viewport"], entity_id
        for item in texts:
            left, top, right, bottom = item["box"]
            assert found["svg"][0] <= left and right <= found["svg"][2], (entity_id, item)
        boxes = texts + nodes
        for index, first in enumerate(boxes):
            for second in boxes[index + 1:]:
                if first["text"] == "node" and second["text"] == "node":
                    continue
                assert not _overlap(first["box"], second["box"]), (entity_id, first, second)
        checked += len(texts)
    context.close()
    REPORT["neighbourhood graphs at 375 px"] = {
        "pages": len(entity_ids), "labels": checked, "smallest label px": round(smallest, 2)
    }
    assert watch.errors == []


def test_two_relations_with_one_entity_are_both_drawn_and_every_relation_is_reachable_by_keyboard(served, browser):
    context, _ = open_context(browser, viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.goto(served.url("entities/wagner-group/"))
    graph = page.locator("svg.neighbourhood-graph")
    # Wagner is both paid by and supports the military government: two curves, two labels.
    both = graph.locator("a.relation[aria-label^='Wagner Group'][aria-label*='Malian military government']")
    assert sorted(both.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")) == [
        "Wagner Group paid by Malian military government (as of March 2024)",
        "Wagner Group supports Malian military government (ended)",
    ]
    for index in range(2):
        box = both.nth(index).locator("path").bounding_box()
        assert box["width"] > 0 and box["height"] > 0
    paths = both.evaluate_all("links => links.map(a => a.querySelector('path').getAttribute('d'))")
    assert paths[0] != paths[1]
    # Tab from the heading before the graph through it: every relation, then every neighbour, by name.
    expected = graph.locator("a.relation").evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    listed = page.locator("#relations ~ ul").first.locator("> li").count()
    assert len(expected) == listed
    page.locator("h2#relations a.headerlink").focus()
    reached = []
    for _ in range(len(expected) + 40):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "() => { const a = document.activeElement; return a.closest('svg.neighbourhood-graph') && a.classList.contains('relation') ? a.getAttribute('aria-label') : null; }"
        )
        if name:
            reached.append(name)
    assert reached == expected
    # Enter on a relation opens its line in the Relations list.
    page.locator("a.relation[aria-label='Wagner Group operates in Mali (since 2021, ended)']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#rel-"))
    target = page.evaluate("() => decodeURIComponent(location.hash.slice(1))")
    assert page.locator(f"[id='{target}']").evaluate("a => a.closest('li').textContent").startswith("Operates in Mali")
    # The key explains the colours of nodes and the two line styles.
    caption = page.locator("figure.neighbourhood figcaption").inner_text()
    assert "Private military companies" in caption and "Places" in caption
    assert "stated by the source" in caption and "reported, claimed, apparent or disputed" in caption
    context.close()


def test_on_a_phone_the_wagner_page_leads_with_name_kind_aliases_summary_and_key_facts_then_claims(served, browser):
    context, watch = open_context(browser, viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.goto(served.url("entities/wagner-group/"))
    tops = page.evaluate(
        """() => {
          const at = s => { const e = document.querySelector(s); const r = e.getBoundingClientRect();
                            return {top: r.top + scrollY, bottom: r.bottom + scrollY, text: e.innerText}; };
          return {name: at('article h1'), kind: at('.entity-kind'), summary: at('.entity-summary'),
                  facts: at('.key-facts'), claim: at('#claims + ul > li')};
        }"""
    )
    assert tops["name"]["text"].startswith("Wagner Group")
    assert tops["kind"]["text"] == "Private military company · also known as Wagner"
    assert tops["summary"]["text"].startswith("A Russian private military company")
    facts = dict(page.locator(".key-facts dt").evaluate_all(
        "terms => terms.map(dt => [dt.innerText, dt.nextElementSibling.innerText])"))
    # Each entity with how far in time the sources carry it, in visible text (issue 20).
    assert facts["Operates in"] == "Mali (since 2021, ended; 3 sources), Central African Republic (as of late 2024 or later; single source)"
    # A date in words ('May 2021', 'second half of 2021', 'late 2024 or later'), then the event.
    assert re.fullmatch(r"[\w ]*\d{4}[\w ]*: .+", facts["First dated act"]), facts
    assert re.fullmatch(r"[\w ]*\d{4}[\w ]*: .+", facts["Latest dated act"]), facts
    assert facts["Sources"] == "cited by 4 sources · named in 4"
    assert "Mentioned in" in tops["facts"]["text"] and "Linked from" in tops["facts"]["text"]
    order = [tops[key]["top"] for key in ("name", "kind", "summary", "facts", "claim")]
    assert order == sorted(order)
    # The key facts begin in the first screen (they no longer end there since relations name their sources).
    assert tops["facts"]["top"] <= PHONE["height"] * 0.75, tops["facts"]
    assert tops["claim"]["top"] <= 2 * PHONE["height"], tops["claim"]
    REPORT["wagner page on a phone"] = {
        "key facts end at px": round(tops["facts"]["bottom"]), "first claim at px": round(tops["claim"]["top"])
    }
    # "Mentioned in" and "Linked from" are reached from the contents line of the key facts.
    for label, heading in (("Mentioned in", "mentioned-in"), ("Linked from", "linked-from")):
        page.locator(".key-facts .page-contents").get_by_role("link", name=label).click()
        page.wait_for_url(re.compile(f"#{heading}$"))
        assert page.locator(f"h2#{heading}").evaluate("h => h.getBoundingClientRect().top") < PHONE["height"] / 2
    context.close()
    assert watch.errors == []


def test_figures_are_compact_tables_and_notes_name_their_source_briefly_with_the_full_title_as_tooltip(served, reader):
    page, _ = reader
    page.goto(served.url("entities/wagner-group/"))
    table = page.locator("h3#measure-who-replaced-wagner-in-mali ~ .figure-table table").first
    assert table.locator("th").all_inner_texts() == ["Value", "As of", "Who says so, how sure", "Source"]
    rows = table.locator("tbody tr")
    assert rows.count() >= 2
    sources = rows.locator("td:nth-child(4)").all_inner_texts()
    assert all(re.fullmatch(r"[^,]{1,40}, ¶\d+(\n[^,]{1,40}, ¶\d+)*", cell) for cell in sources), sources
    page.get_by_text(re.compile(r"^Show the (note|\d+ notes)$")).click()  # the notes are folded
    notes = page.locator(".footnote li cite")
    titles = set(notes.evaluate_all("cites => cites.map(c => c.title)"))
    assert "A Mixed Picture: How Mali Views the Wagner Group" in titles
    assert page.locator(".footnote li cite[title='A Mixed Picture: How Mali Views the Wagner Group']").first.inner_text() == "RUSI"
    assert "A Mixed Picture: How Mali Views the Wagner Group" not in page.locator(".footnote").inner_text()


@BOTH_RENDERERS
def test_the_site_graph_finds_an_entity_by_alias_focuses_it_and_its_filters_redraw(served, reader, built_project):
    page, watch = reader
    entity_count = len(list((built_project.content_dir / "entities").glob("*.yml")))
    page.goto(served.url("graph/"))
    open_interactive_graph(page)
    app = page.locator(".site-graph-app[data-ready='true']")
    status = app.locator(".graph-status")
    assert re.match(rf"Showing {entity_count} of {entity_count} entities and (\d+) of \1 relations\.", status.inner_text())
    assert page.locator(".graph-static").is_hidden()  # the SVG is the no-script fallback
    places = len(re.findall(r"^type: place$", "\n".join(
        path.read_text(encoding="utf-8") for path in (built_project.content_dir / "entities").glob("*.yml")), re.M))
    assert places > 0
    page.get_by_label("Places").uncheck()
    page.wait_for_function(
        f"() => document.querySelector('.site-graph-app').dataset.visibleEntities === '{entity_count - places}'"
    )
    assert status.inner_text().startswith(f"Showing {entity_count - places} of {entity_count} entities")
    page.get_by_role("combobox", name="Find an entity").fill("Wagner")  # an alias
    page.get_by_role("button", name="Show", exact=True).click()
    assert re.match(r"Wagner Group \(private military company\), \d+ relations\.", status.inner_text())
    # Zoomed to it, far enough in that the names are drawn at 11 px or more (never smaller).
    page.wait_for_function("() => document.querySelector('.site-graph-app').dataset.labels === 'shown'")
    page.wait_for_timeout(500)
    assert float(app.get_attribute("data-label-px")) >= 11
    app.get_by_role("link", name="Open the page of Wagner Group").click()
    page.wait_for_url(re.compile(r"/entities/wagner-group/$"))
    assert watch.errors == [] and watch.outside == []


@BOTH_RENDERERS
def test_without_script_the_small_site_graph_is_the_static_svg_and_a_click_opens_a_page(served, browser, built_project):
    context, watch = open_context(browser, viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    entity_ids = sorted(path.stem for path in (built_project.content_dir / "entities").glob("*.yml"))
    page.goto(served.url("graph/"))
    assert page.locator(".site-graph-app").is_hidden()
    nodes = page.locator("svg.site-graph a.node")
    assert sorted(nodes.evaluate_all("nodes => nodes.map(n => n.dataset.id)")) == entity_ids
    page.locator("svg.site-graph a.node[data-id='redut'] text").click()
    page.wait_for_url(re.compile(r"/entities/redut/$"))
    context.close()


@pytest.mark.parametrize("name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots_of_the_graphs(served, browser, name, viewport):
    ARTIFACTS.mkdir(exist_ok=True)
    context, watch = open_context(browser, viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    page.goto(served.url("graph/"))
    open_interactive_graph(page)
    page.get_by_role("combobox", name="Find an entity").fill("Wagner Group")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_timeout(500)
    page.locator(".site-graph-canvas").scroll_into_view_if_needed()
    path = ARTIFACTS / f"graph-{name}.png"
    page.screenshot(path=str(path))
    page.goto(served.url("entities/wagner-group/#relations"))
    neighbourhood = ARTIFACTS / f"wagner-group-neighbourhood-{name}.png"
    page.screenshot(path=str(neighbourhood))
    context.close()
    REPORT.setdefault("screenshots", {}).update({f"graph {name}": str(path.relative_to(ARTIFACTS.parent)),
                                                  f"neighbourhood {name}": str(neighbourhood.relative_to(ARTIFACTS.parent))})
    assert watch.errors == []
