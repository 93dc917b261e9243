"""The real content, built end to end: what a reader finds in site/."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest

from dossier.pipeline import RENDERERS
from tests.helpers import QuoteParts

REQUIRED = ("wagner-group", "africa-corps", "jnim", "redut")


class _Page(HTMLParser):
    """The ids and links of one HTML page, and its text by element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.repeated_ids: list[str] = []
        self.links: list[str] = []
        self.scripts: list[dict] = []
        self._open: list[tuple[str, str | None]] = []
        self.text_by_id: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            if attributes["id"] in self.ids:
                self.repeated_ids.append(attributes["id"])
            self.ids.add(attributes["id"])
            self.text_by_id.setdefault(attributes["id"], [])
        if tag == "a" and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        for name in ("src", "href"):
            if tag in ("script", "link", "img") and attributes.get(name):
                self.links.append(attributes[name])
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self._open.append((tag, attributes.get("id")))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, element_id in self._open:
            if element_id:
                self.text_by_id[element_id].append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module", params=RENDERERS)
def site(request, built_project) -> Path:
    """The built site, as MkDocs renders it (the default) and as Zensical does: every test here
    holds for both, so the same link walk checks both."""
    return built_project.site_dir if request.param == "mkdocs" else request.getfixturevalue("zensical_site")


@pytest.fixture(scope="module")
def pages(site) -> dict[Path, _Page]:
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}


def _climbs_above_the_root(site: Path, page_path: Path, href: str) -> bool:
    """A relative link with more '../' than the page is deep: a browser stops at the host's root,
    so it only works when the site is served there (not from a folder, as on GitHub Pages)."""
    path = urlparse(href).path
    if urlparse(href).scheme or href.startswith("/") or not path:
        return False
    depth = len(page_path.relative_to(site).parts) - 1
    for part in path.split("/"):
        depth += -1 if part == ".." else 0 if part in ("", ".") else 1
        if depth < 0:
            return True
    return False


def _target(site: Path, page_path: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link leads to; None for external or special links."""
    if urlparse(href).scheme or href.startswith("//"):
        return None
    url, fragment = urldefrag(href)
    base = "/" + page_path.relative_to(site).as_posix()
    resolved = unquote(urlparse(urljoin(base, url)).path) if url else base
    target = site / resolved.lstrip("/")
    if resolved.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, fragment


@pytest.mark.parametrize("entity_id", REQUIRED)
def test_the_required_entities_have_pages_with_every_section(site, pages, entity_id):
    page_path = site / "entities" / entity_id / "index.html"
    html = page_path.read_text(encoding="utf-8")
    for section in ("claims", "relations", "timeline", "mentioned-in", "linked-from", "cite-this-page", "notes"):
        assert f'id="{section}"' in html, section
    assert 'class="footnote"' in html
    claims = re.search(r'id="claims".*?<ul>(.*?)</ul>', html, re.S).group(1)
    assert claims.count("<li>") >= 1
    assert "footnote-ref" in claims


def test_every_internal_link_and_anchor_in_the_site_exists(site, pages):
    broken = []
    for page_path, page in pages.items():
        for href in page.links:
            found = _target(site, page_path, href)
            if found is None:
                continue
            target, fragment = found
            if _climbs_above_the_root(site, page_path, href):
                broken.append(f"{page_path.relative_to(site)}: {href} (above the site root)")
            elif not target.exists():
                broken.append(f"{page_path.relative_to(site)}: {href} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{page_path.relative_to(site)}: {href} (no #{fragment})")
    assert broken == []


def test_no_page_has_an_element_id_twice(site, pages):
    assert {page.relative_to(site).as_posix(): found.repeated_ids for page, found in pages.items() if found.repeated_ids} == {}


def test_every_footnote_opens_the_element_holding_exactly_its_quote(site, pages):
    quote_parts: dict[Path, QuoteParts] = {}
    checked = whole = 0
    for page_path in sorted((site / "entities").glob("*/index.html")):
        html = page_path.read_text(encoding="utf-8")
        for note in re.findall(r'<li id="fn:\d+">(.*?)</li>', html, re.S):
            # The quoted words, marked in their sentence.
            quote = _unescape(re.search(r'<mark class="quoted">(.*?)</mark>', note, re.S).group(1))
            href, number = re.search(r'<a class="note-source" href="([^"]*/sources/[^"]*#p\d+-q\d+)">Source, paragraph (\d+)</a>', note).groups()
            target, fragment = _target(site, page_path, href)
            if target not in quote_parts:
                quote_parts[target] = QuoteParts()
                quote_parts[target].feed(target.read_text(encoding="utf-8"))
            parts = quote_parts[target]
            # The anchor is on the element (the first part) that opens the quote, in its paragraph.
            anchored = "".join(pages[target].text_by_id[fragment])
            assert quote.startswith(anchored) and anchored, (page_path, href)
            assert parts.words[fragment] == quote, (page_path, href)
            assert parts.paragraph[fragment] == number == fragment.split("-")[0][1:]
            whole += parts.parts[fragment] == 1
            if parts.parts[fragment] == 1:
                assert anchored == quote
            checked += 1
    assert checked > 100
    # Quotes split round another one they overlap stay the exception.
    assert whole >= 0.8 * checked, (whole, checked)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_the_site_asks_nothing_of_any_other_host(site):
    outside = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        # What a browser fetches by itself: scripts, images, frames, stylesheets, CSS urls.
        # (A plain <a href> to another site is a link a reader may follow, not a request.)
        for match in re.finditer(r'<(?:script|img|iframe|source|video|audio)\b[^>]*\ssrc\s*=\s*["\']?(?:https?:)?//', text):
            outside.append(f"{path.relative_to(site)}: {match.group(0)}")
        for match in re.finditer(r'<link\b[^>]*\shref\s*=\s*["\']?(?:https?:)?//', text):
            outside.append(f"{path.relative_to(site)}: {match.group(0)}")
        for match in re.finditer(r'url\(\s*["\']?(?:https?:)?//', text):
            outside.append(f"{path.relative_to(site)}: {match.group(0)}")
        for match in re.finditer(r"@import\s+url\(['\"]?https?://[^)]+\)|fonts\.googleapis|fonts\.gstatic", text):
            outside.append(f"{path.relative_to(site)}: {match.group(0)}")
    assert outside == []


def test_source_pages_show_the_body_without_clutter_and_link_mentions(site):
    html = (site / "sources" / "separatists-clash-with-malian-army-russian-allies-in-north" / "index.html").read_text()
    assert "Try Our AI Features" not in html and "Bolton" not in html
    assert re.search(r'<a class="mention" href="../../entities/africa-corps/">African Corps</a>', html)
    assert '<mark class="cited">' in html


def test_mentions_of_both_jnim_transliterations_reach_jnim(site):
    html = (site / "entities" / "jnim" / "index.html").read_text()
    assert "<strong>Jama’a Nusrat ul-Islam wa al-Muslimin</strong>" in html
    assert "<strong>Jama'at Nasr al-Islam wal Muslimin</strong>" in html


def test_relations_show_on_both_pages_in_the_right_direction(site):
    wagner = (site / "entities" / "wagner-group" / "index.html").read_text()
    corps = (site / "entities" / "africa-corps" / "index.html").read_text()
    assert re.search(r'Succeeded by <a href="../africa-corps/">Africa Corps</a>', wagner)
    assert re.search(r'Successor of <a href="../wagner-group/">Wagner Group</a>', corps)


def test_indexes_list_every_entity_by_type_and_every_source(site, built_project):
    entities = (site / "entities" / "index.html").read_text()
    for path in sorted((built_project.content_dir / "entities").glob("*.yml")):
        assert f'href="{path.stem}/"' in entities
    assert 'id="private-military-companies"' in entities
    sources = (site / "sources" / "index.html").read_text()
    for path in sorted((built_project.content_dir / "sources").glob("*.yml")):
        assert f'href="{path.stem}/"' in sources


@pytest.mark.parametrize("entity_id, measures", [
    ("wagner-group", ["Strength in Mali", "Arrival in Mali", "Whether its mission in Mali succeeded"]),
    ("africa-corps", ["Who controls it"]),
])
def test_contested_figures_show_as_tables_on_the_entity_page_and_on_the_site_wide_page(site, entity_id, measures):
    entity = (site / "entities" / entity_id / "index.html").read_text()
    collected = (site / "figures" / "index.html").read_text()
    for measure in measures:
        table = entity.split(f">{measure}<", 1)[1].split("</table>", 1)[0]
        assert "<th>Value</th>" in table and "<th>Source</th>" in table and 'class="footnote-ref"' in table
        assert table.count("<tr>") >= 3  # the heading and at least two values
        assert f">{measure}<" in collected
        assert "<th>Quote</th>" in collected.split(f">{measure}<", 1)[1].split("</table>", 1)[0]


def test_arrival_in_mali_keeps_each_sources_precision(site):
    entity = (site / "entities" / "wagner-group" / "index.html").read_text()
    table = entity.split(">Arrival in Mali<", 1)[1].split("</table>", 1)[0]
    values = r'<tr>\s*<td>([^<]*?)(?:<sup .*?</sup>)* <span class="source-count[^>]*>[^<]*</span> <a class="permalink"'
    assert re.findall(values, table) == ["December 2021", "late 2021", "2021"]


def test_every_entity_page_embeds_json_ld_with_its_names(site, built_project):
    import json

    for path in sorted((built_project.content_dir / "entities").glob("*.yml")):
        html = (site / "entities" / path.stem / "index.html").read_text()
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["@type"] in ("Organization", "Person", "Place"), path.stem
        assert data["name"] and data["description"]
    wagner = (site / "entities" / "wagner-group" / "index.html").read_text()
    assert '"alternateName": ["Wagner"]' in wagner


def test_the_data_files_are_published_with_the_site(site):
    import csv
    import json

    entities = json.loads((site / "data" / "entities.json").read_text())["entities"]
    assert {"wagner-group", "africa-corps", "jnim", "redut"} <= {e["id"] for e in entities}
    with open(site / "data" / "claims.csv", newline="") as claims:
        rows = list(csv.DictReader(claims))
    assert rows and all(row["source"] and row["quote"] and row["paragraph"].isdigit() for row in rows)
    for name in ("relations.csv", "events.csv", "figures.csv"):
        assert (site / "data" / name).read_text().count("\n") > 1, name


def test_the_timeline_lists_every_event_in_date_order(site, built_project):
    html = (site / "timeline" / "index.html").read_text()
    events = sorted(path.stem for path in (built_project.content_dir / "events").glob("*.yml"))
    found = re.findall(r'<div class="timeline-event" data-entities="[^"]*" id="event-([^"]+)"', html)
    assert sorted(found) == events
    assert re.findall(r'<h2 id="(\d{4})"', html) == sorted(set(re.findall(r'<h2 id="(\d{4})"', html)))
    assert "<strong>late 2021</strong>: Wagner deploys to Mali" in html


def test_certainty_and_attribution_read_on_the_real_pages_in_the_graph_legend_and_in_the_exports(site):
    wagner = (site / "entities" / "wagner-group" / "index.html").read_text(encoding="utf-8")
    relations = wagner.split('id="relations"', 1)[1].split('id="timeline"', 1)[0]
    item = re.search(r"<li>Under the command of <a [^>]*>Russian Ministry of Defence</a>.*?</li>", relations, re.S).group()
    assert re.search(r'<span class="attribution certainty-appears">appears so, according to sources within <a [^>]*>Wagner Group</a></span>', item)
    # The hedged relation is dashed in the neighbourhood graph, and the site graph's legend says what dashes mean.
    assert '<path class="edge hedged"' in wagner.split('id="relations"', 1)[1]
    graph_page = (site / "graph" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"reported, claimed by a party, apparent or disputed \(\d+ of \d+\)", graph_page)
    assert '<path class="edge hedged"' in graph_page
    import csv
    import io
    import json

    rows = list(csv.DictReader(io.StringIO((site / "data" / "relations.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["subject"] == "wagner-group" and r["target"] == "russian-ministry-of-defence")
    assert (row["certainty"], row["according_to"]) == ("appears", "sources within Wagner Group")
    for name in ("claims.csv", "events.csv", "figures.csv"):
        rows = list(csv.DictReader(io.StringIO((site / "data" / name).read_text(encoding="utf-8"))))
        assert {"stated", "reported"} <= {r["certainty"] for r in rows}, name
    entities = json.loads((site / "data" / "entities.json").read_text(encoding="utf-8"))["entities"]
    assert any(relation["certainty"] == "appears" for e in entities for relation in e["relations"])


def test_disagreements_sit_side_by_side_on_the_entity_page_each_with_source_attribution_and_certainty(site):
    wagner = (site / "entities" / "wagner-group" / "index.html").read_text(encoding="utf-8")
    table = wagner.split(">Who replaced Wagner in Mali<", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) >= 2
    for row in rows:
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        value, as_of, who, source = cells
        assert 'class="permalink"' in value and 'class="footnote-ref"' in value and who.strip() and "/sources/" in source
    contested = (site / "figures" / "index.html").read_text(encoding="utf-8")
    assert ">Who replaced Wagner in Mali<" in contested


def test_the_timeline_orders_events_by_the_earliest_day_their_date_can_mean(site):
    # Issue 20, U1: the contract signed "in the second half of 2021" (2021-41) no longer comes before the
    # talks of early 2021 and the coup of May 2021, here or on the entities' pages.
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    year = timeline.split('<h2 id="2021">', 1)[1].split("<h2 ", 1)[0]
    assert re.findall(r"<strong>([^<]*)</strong>: ([^<.]*)", year) == [
        ("early 2021", "Malian government opens talks that lead to Wagner's arrival"),
        ("May 2021", "Coup deposes President Bah N’daw"),
        ("second half of 2021", "Mali signs the Wagner contract despite French objections"),
        ("late 2021", "Wagner deploys to Mali"),
    ]
    junta = (site / "entities" / "malian-military-government" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<strong>([^<]*):</strong> ([^<.]*)", junta.split('id="timeline"', 1)[1])[:3] == [
        ("early 2021", "Malian government opens talks that lead to Wagner's arrival"),
        ("May 2021", "Coup deposes President Bah N’daw"),
        ("second half of 2021", "Mali signs the Wagner contract despite French objections"),
    ]
    # The government began the talks (RUSI), so they are its first act; no source names who staged the coup,
    # so the junta's Key facts never call the coup its act.
    facts = junta.split('id="key-facts-title"', 1)[1].split("</aside>", 1)[0]
    assert re.search(r"<dt>First dated act</dt>\n<dd>early 2021: <a [^>]*>Malian government opens talks", facts)
    assert "Coup deposes" not in facts


def test_an_open_range_is_shown_in_words_and_never_as_an_invented_date(site):
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2 id=\"[^\"]*\">(.*?)<a", timeline)
    assert headings[-2:] == ["2024", "Notes"]
    event = re.search(r'id="event-wagner-announces-withdrawal-from-mali".*?</div>', timeline, re.S).group()
    assert "<strong>late 2024 or later</strong>: Wagner announces its withdrawal from Mali" in event
    wagner = (site / "entities" / "wagner-group" / "index.html").read_text(encoding="utf-8")
    assert "<strong>late 2024 or later:</strong> Wagner announces its withdrawal from Mali" in wagner
    with open(site / "data" / "events.csv", newline="", encoding="utf-8") as events:
        dates = {row["event"]: row["date"] for row in csv.DictReader(events)}
    assert dates["wagner-announces-withdrawal-from-mali"] == "2024-39/.."  # the exports keep the EDTF
    assert dates["2021-wagner-contract-signed"] == "2021-41"


def test_source_pages_list_each_citing_statement_once_linking_to_its_own_anchor(site, pages):
    for path in sorted((site / "sources").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        if 'id="cited-by"' not in html:
            continue
        cited_by = html.split('id="cited-by"', 1)[1]
        entries = re.findall(r"<li>(.*?)</li>", cited_by, re.S)
        assert len(entries) == len(set(entries)), path
        for entry in entries:
            assert re.search(r'href="[^"]*#(?:claim-|rel-|figure-|event-|[a-z0-9-]+")', entry), entry
        # Each cited paragraph says which statements cite it.
        body = html.split('class="source-body"', 1)[1].split("</div>", 1)[0]
        cited = set(re.findall(r'data-paragraph="(\d+)"', body))
        listed = re.findall(r'^<p id="p(\d+)"[^>]*>.*</p>\n<p class="cited-by-paragraph">Cited by (.*)</p>', body, re.M)
        assert cited == {number for number, _ in listed}, path
        # Each statement once, and statements that read the same named once, then numbered.
        for number, line in listed:
            names = [name for name in re.split(r"; ", re.sub(r"<[^>]+>", "", line)) if name]
            assert len(names) == len(set(names)), (path, number, names)
