"""Rendering entity and source pages from resolved content, with no files but the templates."""

import dataclasses
import json
import re

import markdown

from dossier.dates import parse_date
from dossier.model import Figure, FigureValue
from dossier.render import render_site
from dossier.report import Position, errors_in
from dossier.resolve import resolve
from tests.conftest import PROJECT_ROOT
from tests.helpers import cite, claim, content, relation, source
from tests.helpers import entity as plain_entity

ARTICLE = source(
    "article",
    "Wagner arrived in late 2021 and left in 2025.",
    "The Africa Corps took over from Wagner.",
    title="Wagner leaves",
)


def entity(entity_id, name="", figures=(), **fields):
    return dataclasses.replace(plain_entity(entity_id, name, **fields), figures=tuple(figures))


def figure(measure, *values):
    """A figure from (value, citation) or (value, as_of, citation) tuples."""
    return Figure(
        measure,
        tuple(
            FigureValue(value[0], parse_date(value[1]) if len(value) == 3 else None, (value[-1],)) for value in values
        ),
        Position("content/entities/x.yml", 1, 1),
    )


def render(*entities, sources=(ARTICLE,)):
    resolved, problems = resolve(content(sources=sources, entities=entities))
    assert errors_in(problems) == []
    return render_site(resolved, PROJECT_ROOT / "templates")


def to_html(page_markdown):
    return markdown.markdown(page_markdown, extensions=["footnotes", "tables", "admonition", "toc", "meta"])


def test_footnotes_are_numbered_in_order_of_first_use_and_a_passage_cited_twice_shares_its_number():
    wagner = entity(
        "wagner",
        "Wagner",
        claims=[
            claim("Arrived late 2021.", cite("article", "Wagner arrived in late 2021")),
            claim("Was replaced.", cite("article", "The Africa Corps took over")),
            claim("Came in 2021.", cite("article", "Wagner arrived in late 2021")),
        ],
    )
    page = render(wagner)["entities/wagner.md"]
    assert re.findall(r"^- .*$", page.split("## Relations")[0], re.M) == [
        "- Arrived late 2021\\.[^1]",
        "- Was replaced\\.[^2]",
        "- Came in 2021\\.[^1]",
    ]
    notes = re.findall(r"^\[\^(\d+)\]: .*$", page, re.M)
    assert notes == ["1", "2"]
    assert "[Source, paragraph 1](../sources/article.md#p1)" in page
    html = to_html(page)
    # One note, two jump-backs to the two places that cite it.
    assert html.count('href="#fnref:1"') == 1 and html.count('href="#fnref2:1"') == 1


def test_relations_show_on_both_pages_in_their_own_direction():
    pages = render(
        entity("wagner", "Wagner", relations=[relation("wagner", "succeeded-by", "corps", cite("article", "took over from Wagner"))]),
        entity("corps", "Africa Corps"),
    )
    assert "- Succeeded by [Africa Corps](corps.md)[^1]" in pages["entities/wagner.md"]
    assert "- Successor of [Wagner](wagner.md)[^1]" in pages["entities/corps.md"]


def test_source_pages_link_mentions_and_mark_cited_passages():
    pages = render(
        entity("wagner", "Wagner", claims=[claim("Left.", cite("article", "arrived in late 2021 and left"))]),
        entity("corps", "Africa Corps"),
    )
    page = pages["sources/article.md"]
    assert (
        '<p id="p1"><a class="paragraph-number" href="#p1" title="Link to paragraph 1">1</a> '
        '<a class="mention" href="../../entities/wagner/">Wagner</a> '
        '<mark class="cited">arrived in late 2021 and left</mark> in 2025.</p>'
    ) in page
    assert '<a class="mention" href="../../entities/corps/">Africa Corps</a>' in page


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> [a](javascript:alert(1)) {: onclick=alert(1)}'


JSON_LD = re.compile(r'<script type="application/ld\+json">([^<]*)</script>')


def test_hostile_text_in_every_field_reaches_the_page_as_inert_text():
    hostile_source = source("article", f"Wagner said {HOSTILE} very loudly indeed.", title=HOSTILE)
    pages = render(
        entity(
            "wagner",
            "Wagner",
            aliases=[HOSTILE],
            summary=HOSTILE,
            claims=[claim(HOSTILE, cite("article", HOSTILE))],
            figures=[figure(HOSTILE, (HOSTILE, cite("article", HOSTILE)), ("2", cite("article", "very loudly indeed")))],
        ),
        sources=(hostile_source,),
    )
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        # The one script an entity page may carry is its JSON-LD, which holds no '<' at all.
        html = JSON_LD.sub("", to_html(page))
        assert "<script" not in html, path
        assert "<img" not in html, path
        assert "javascript:" not in re.findall(r'(?:href|src)="([^"]*)"', html), path
        assert not re.search(r"<[^>]+\sonerror=", html) and not re.search(r"<[^>]+\sonclick=", html), path
    assert "&lt;script&gt;" in to_html(pages["sources/article.md"])
    assert "&lt;script&gt;" in to_html(pages["figures/index.md"])


def test_a_figure_shows_each_value_side_by_side_with_when_which_source_and_the_quote():
    strength = figure(
        "Strength in Mali",
        ("about 1,000 men", "2024-02", cite("article", "left in 2025")),
        ("just over 2,000 men", "late 2021", cite("article", "Wagner arrived in late 2021")),
    )
    agreed = figure("Founded", ("2014", cite("article", "Corps took over")), ("2014", cite("article", "and left in")))
    pages = render(entity("wagner", "Wagner", figures=[strength, agreed]))
    page = pages["entities/wagner.md"]
    table = page.split("### Strength in Mali")[1].split("###")[0]
    assert "**Contested:** the sources do not agree." in table
    assert "| Value | As of | Source | Quote |" in table
    assert "| about 1,000 men | February 2024 | [Wagner leaves, ¶1](../sources/article.md#p1) | “left in 2025” |" in table
    assert "| just over 2,000 men | late 2021 |" in table
    assert "Contested" not in page.split("### Founded")[1].split("## Claims")[0]
    contested = pages["figures/index.md"]
    assert "## [Wagner](../entities/wagner.md)" in contested
    assert "### Strength in Mali" in contested and "### Founded" not in contested


def test_mentioned_in_lists_the_20_sources_with_most_mentions_and_at_most_3_snippets_each():
    # Source n mentions Wagner n times, so the 20 with most are 25 down to 6.
    sources = [source(f"s{n:02d}", *(["Wagner was there."] * n), title=f"Source {n}") for n in range(1, 26)]
    page = render(entity("wagner", "Wagner"), sources=sources)["entities/wagner.md"]
    section = page.split("## Mentioned in")[1].split("## Linked from")[0]
    assert "Mentioned 325 times in 25 sources; the 20 with most mentions are listed." in section
    listed = re.findall(r"^### \[Source (\d+)\]", section, re.M)
    assert listed == [str(n) for n in range(25, 5, -1)]
    first = section.split("### [Source 25]")[1].split("###")[0]
    assert len(re.findall(r"^    - \[¶\d+\]", first, re.M)) == 3
    assert "and 22 more in [the source](../sources/s25.md)" in first


def test_the_timeline_groups_events_by_year_keeps_each_dates_precision_and_names_who_was_involved():
    from dossier.model import Event

    def event(event_id, date, entities):
        cited = (cite("article", "Wagner arrived in"),)
        return Event(event_id, parse_date(date), f"Title {event_id}", None, tuple(entities), None, cited, Position("e.yml"))

    events = [event("c", "2023-11", ["wagner"]), event("b", "late 2021", ["wagner", "corps"]), event("a", "2021", ["corps"])]
    resolved, _ = resolve(content(sources=[ARTICLE], entities=[entity("wagner", "Wagner"), entity("corps", "Africa Corps")], events=events))
    page = render_site(resolved, PROJECT_ROOT / "templates")["timeline/index.md"]
    assert re.findall(r"^## (\d{4})$", page, re.M) == ["2021", "2023"]
    assert re.findall(r"^\*\*(.*?)\*\*: Title", page, re.M) == ["2021", "late 2021", "November 2023"]
    assert '<div class="timeline-event" id="b" data-entities="wagner corps" markdown>' in page
    assert "Involved: [Wagner](../entities/wagner.md), [Africa Corps](../entities/corps.md)" in page
    assert '<option value="corps">Africa Corps</option>' in page
    wagner = render_site(resolved, PROJECT_ROOT / "templates")["entities/wagner.md"]
    assert '<a href="../../timeline/?entity=wagner">See Wagner on the site-wide timeline</a>' in wagner


def test_the_graph_has_a_linked_node_per_entity_and_edges_that_say_the_relation():
    pages = render(
        entity("wagner", "Wagner", relations=[relation("wagner", "succeeded-by", "corps", cite("article", "Corps took over"))]),
        entity("corps", "Africa Corps", type="military unit"),
        entity("lonely", "Lonely <b>", type="person"),
    )
    svg = pages["graph/index.md"]
    assert re.findall(r'<a class="node" href="([^"]+)"', svg) == [
        "../entities/wagner/", "../entities/corps/", "../entities/lonely/"
    ]
    assert "<title>Wagner succeeded by Africa Corps</title>" in svg
    assert "Lonely &lt;b&gt;" in svg and "<b>" not in svg
    neighbourhood = pages["entities/corps.md"].split("## Relations")[1]
    assert '<a class="node" href="../wagner/"' in neighbourhood
    assert ">successor of</text>" in neighbourhood


def test_the_same_content_renders_to_the_same_bytes():
    def build():
        return render(
            entity("wagner", "Wagner", relations=[relation("wagner", "fights", "corps", cite("article", "Corps took over"))]),
            entity("corps", "Africa Corps"),
        )

    assert build() == build()


def test_entity_pages_embed_json_ld_and_say_when_they_last_changed():
    wagner = entity("wagner", "Wagner </script><script>alert(1)</script>", aliases=["PMC Wagner"],
                    claims=[claim("Arrived.", cite("article", "Wagner arrived in"))])
    resolved, _ = resolve(content(sources=[ARTICLE], entities=[wagner, entity("p", "Prigozhin", type="person")]))
    pages = render_site(resolved, PROJECT_ROOT / "templates", last_updated={"wagner": "2025-03-04"})
    page = pages["entities/wagner.md"]
    data = json.loads(JSON_LD.search(page).group(1))
    assert data["@type"] == "Organization" and data["alternateName"] == ["PMC Wagner"]
    assert data["name"] == "Wagner </script><script>alert(1)</script>"
    assert data["citation"] == [{"@type": "CreativeWork", "name": "Wagner leaves"}]
    assert data["dateModified"] == "2025-03-04"
    assert "*Last updated 2025\\-03\\-04.*" in page and "Last updated 2025-03-04.</p>" in page
    assert json.loads(JSON_LD.search(pages["entities/p.md"]).group(1))["@type"] == "Person"
    assert "sameAs" not in data


def test_json_ld_names_the_same_entity_in_reference_works():
    from dataclasses import replace

    wagner = replace(entity("wagner", "Wagner"), same_as=("https://www.wikidata.org/wiki/Q19895898",))
    resolved, _ = resolve(content(sources=[ARTICLE], entities=[wagner]))
    page = render_site(resolved, PROJECT_ROOT / "templates")["entities/wagner.md"]
    assert json.loads(JSON_LD.search(page).group(1))["sameAs"] == ["https://www.wikidata.org/wiki/Q19895898"]


def test_data_files_hold_every_statement_with_its_source_quote_and_paragraph():
    pages = render(
        entity("wagner", "Wagner", claims=[claim("Left [[corps|them]].", cite("article", "left in 2025"))],
               relations=[relation("wagner", "succeeded-by", "corps", cite("article", "Corps took over"))]),
        entity("corps", "Africa Corps"),
    )
    assert pages["data/claims.csv"] == (
        "entity,claim,date,text,source,paragraph,quote\n"
        "wagner,1,,Left them.,article,1,left in 2025\n"
    )
    assert pages["data/relations.csv"].splitlines()[1] == "wagner,succeeded-by,corps,,,article,2,Corps took over"
    entities = json.loads(pages["data/entities.json"])["entities"]
    assert [e["id"] for e in entities] == ["corps", "wagner"]
    assert entities[1]["url"] == "entities/wagner/" and entities[1]["description"] == "A summary."
