"""Rendering entity and source pages from resolved content, with no files but the templates."""

import dataclasses
import json
import re

import markdown

from dossier.content.model import Attribution
from dossier.report import Position, errors_in
from dossier.resolve import resolve
from dossier.text.dates import parse_date
from tests.helpers import ARTICLE, PROJECT_ROOT, QuoteParts, cite, claim, content, entity, figure, relation, render, render_site, source

def to_html(page_markdown):
    return markdown.markdown(page_markdown, extensions=["footnotes", "tables", "admonition", "toc", "meta"])


def statements(page):
    """The list items of a page before '## Relations', note markers as [n], source counts and
    permalinks dropped."""
    items = re.findall(r"^- .*$", page.split("## Relations")[0], re.M)
    items = [
        re.sub(r'<sup id="[^"]+" data-pagefind-ignore><a class="footnote-ref" href="#fn:(\d+)">\d+</a></sup>', r"[\1]", item)
        for item in items
    ]
    items = [re.sub(r' <span class="source-count[^"]*" data-pagefind-ignore>[^<]*</span>', "", item) for item in items]
    return [re.sub(r' <a class="permalink" [^>]*>#</a>', "", item) for item in items]


def test_each_statement_says_how_many_distinct_sources_carry_it_and_single_source_in_words():
    second = source("second", "Wagner arrived in late 2021, a second report says.", title="Second")
    wagner = entity(
        "wagner",
        "Wagner",
        claims=[
            claim("Arrived late 2021.", cite("article", "Wagner arrived in late 2021"), cite("second", "a second report says")),
            claim("Left in 2025.", cite("article", "and left in 2025"), cite("article", "The Africa Corps took over")),
        ],
    )
    page = render(wagner, sources=(ARTICLE, second))["entities/wagner/index.md"]
    counts = re.findall(r'<span class="(source-count[^"]*)" data-pagefind-ignore>([^<]*)</span>', page.split("## Relations")[0])
    assert counts == [("source-count", "2 sources"), ("source-count single", "single source")]


def test_sources_that_derive_from_one_original_count_as_one_independent_source():
    wire = dataclasses.replace(source("wire", "Wagner arrived in late 2021, the agency says.", title="Wire"), derived_from="AFP wire")
    retold = dataclasses.replace(source("retold", "Wagner arrived in late 2021, the agency says.", title="Retold"), derived_from="wire")
    telegram = dataclasses.replace(source("post", "Wagner arrived in late 2021, a channel says.", title="Post"), derived_from="Telegram post by Grey Zone")
    wagner = entity(
        "wagner",
        "Wagner",
        claims=[
            # the article, and two retellings of one AFP story (one through the other): 2 origins
            claim("Arrived.", cite("article", "Wagner arrived in late 2021"), cite("wire", "the agency says"), cite("retold", "the agency says")),
            # an AFP story and its retelling only: 1 origin
            claim("Arrived, says AFP.", cite("wire", "the agency says"), cite("retold", "the agency says")),
            # one source for each of two different descriptions: nothing in the data joins them
            claim("Arrived, say two.", cite("wire", "the agency says"), cite("post", "a channel says")),
        ],
    )
    page = render(wagner, sources=(ARTICLE, wire, retold, telegram))["entities/wagner/index.md"]
    counts = re.findall(r'<span class="(source-count[^"]*)" data-pagefind-ignore>([^<]*)</span>', page.split("## Relations")[0])
    assert counts == [
        ("source-count", "3 sources, 2 independent"),
        ("source-count single", "2 sources, 1 independent"),
        ("source-count", "2 sources"),
    ]


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
    page = render(wagner)["entities/wagner/index.md"]
    assert statements(page) == ["- Arrived late 2021\\.[1]", "- Was replaced\\.[2]", "- Came in 2021\\.[1]"]
    html = to_html(page)
    # Each place citing note 1 has its own id, and the note has a labelled back-link to each.
    assert re.findall(r'<sup id="([^"]+)" data-pagefind-ignore>', html) == ["fnref:1", "fnref:2", "fnref2:1"]
    note = re.search(r'<li id="fn:1">(.*?)</li>', html).group(1)
    assert re.findall(r'<a class="footnote-backref" href="#([^"]+)"[^>]*>([^<]+)</a>', note) == [
        ("fnref:1", "a"),
        ("fnref2:1", "b"),
    ]
    # The note opens the source page at its own quote.
    assert '<a class="note-source" href="../../sources/article/#p1-q1">Source, paragraph 1</a>' in note
    single = re.search(r'<li id="fn:2">(.*?)</li>', html).group(1)
    assert '<a class="footnote-backref" href="#fnref:2" title="Back to the text" aria-label="Back to the text">↩</a>' in single


def test_every_statement_has_a_permalink_made_from_what_it_says():
    page = render(
        entity(
            "wagner",
            "Wagner",
            claims=[
                claim("Arrived late 2021.", cite("article", "Wagner arrived in late 2021")),
                claim("Arrived late 2021!", cite("article", "Wagner arrived in late 2021")),
            ],
            relations=[relation("wagner", "succeeded-by", "corps", cite("article", "Corps took over"))],
            figures=[figure("Strength", ("2,000", cite("article", "and left in")), ("1,000", cite("article", "Corps took over")))],
        ),
        entity("corps", "Africa Corps"),
    )
    ids = re.findall(r'<a class="permalink" id="([^"]+)" href="#\1"', page["entities/wagner/index.md"])
    # Claims come first on the page, then figures (issue 11: a dossier leads with the facts).
    assert ids == ["claim-arrived-late-2021-1", "claim-arrived-late-2021-2", "figure-strength-1", "figure-strength-2", "rel-succeeded-by-corps"]
    assert re.findall(r'<a class="permalink" id="([^"]+)"', page["entities/corps/index.md"]) == ["rel-successor-of-wagner"]


def test_relations_show_on_both_pages_in_their_own_direction():
    pages = render(
        entity("wagner", "Wagner", relations=[relation("wagner", "succeeded-by", "corps", cite("article", "Corps took over"))]),
        entity("corps", "Africa Corps"),
    )
    assert re.findall(r"^- .*$", pages["entities/wagner/index.md"].split("## Relations")[1], re.M)[0].startswith(
        '- Succeeded by [Africa Corps](../corps/index.md)<sup id="fnref:1" data-pagefind-ignore>'
    )
    assert re.findall(r"^- .*$", pages["entities/corps/index.md"].split("## Relations")[1], re.M)[0].startswith(
        '- Successor of [Wagner](../wagner/index.md)<sup id="fnref:1" data-pagefind-ignore>'
    )


def test_source_pages_link_mentions_and_mark_cited_passages():
    pages = render(
        entity("wagner", "Wagner", claims=[claim("Left.", cite("article", "arrived in late 2021 and left"))]),
        entity("corps", "Africa Corps"),
    )
    page = pages["sources/article/index.md"]
    assert (
        '<p id="p1" lang="en"><a class="paragraph-number" href="#p1" title="Link to paragraph 1">1</a> '
        '<a class="mention" href="../../entities/wagner/">Wagner</a> '
        '<mark class="cited" id="p1-q1" data-quote="p1-q1" data-paragraph="1">arrived in late 2021 and left</mark> in 2025.</p>'
    ) in page
    assert '<a class="mention" href="../../entities/corps/">Africa Corps</a>' in page


def test_overlapping_quotes_each_get_their_own_mark_and_a_quote_inside_a_mention_splits_the_mention():
    pages = render(
        entity(
            "wagner",
            "Wagner",
            claims=[
                claim("One.", cite("article", "Wagner arrived in late 2021")),
                claim("Two.", cite("article", "in late 2021 and left in 2025")),
                claim("Three.", cite("article", "arrived in late")),
            ],
        ),
        entity("corps", "Africa Corps"),
        entity("late", "Late Entity", aliases=["2021 and left"]),
    )
    paragraph = re.search(r'<p id="p1" lang="en">.*?</p>', pages["sources/article/index.md"]).group()
    # Outer quotes open first and stay whole; the third overlaps the first without nesting, so it
    # is in parts: its anchor on the first part, data-quote on each. The mention is cut round the marks.
    assert paragraph == (
        '<p id="p1" lang="en"><a class="paragraph-number" href="#p1" title="Link to paragraph 1">1</a> '
        '<mark class="cited" id="p1-q1" data-quote="p1-q1" data-paragraph="1">'
        '<a class="mention" href="../../entities/wagner/">Wagner</a> '
        '<mark class="cited" id="p1-q2" data-quote="p1-q2" data-paragraph="1">arrived '
        '<mark class="cited" id="p1-q3" data-quote="p1-q3" data-paragraph="1">in late</mark></mark>'
        '<mark class="cited" data-quote="p1-q3" data-paragraph="1"> <a class="mention" href="../../entities/late/">2021</a>'
        "</mark></mark>"
        '<mark class="cited" data-quote="p1-q3" data-paragraph="1"><a class="mention" href="../../entities/late/"> and left</a>'
        " in 2025</mark>.</p>"
    )
    marks = re.findall(r'<mark class="cited" (?:id="([^"]+)" )?data-quote="([^"]+)"', paragraph)
    assert [anchor for anchor, _ in marks if anchor] == ["p1-q1", "p1-q2", "p1-q3"]
    parts = QuoteParts()
    parts.feed(paragraph)
    assert parts.words == {
        "p1-q1": "Wagner arrived in late 2021",
        "p1-q2": "arrived in late",
        "p1-q3": "in late 2021 and left in 2025",
    }
    assert "p1-q3" in pages["sources/article/index.md"].split("<style>")[1].split("</style>")[0]


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> [a](javascript:alert(1)) {: onclick=alert(1)}'


def _attribute_names(html: str) -> set[str]:
    from html.parser import HTMLParser

    names: set[str] = set()

    class Attributes(HTMLParser):
        def handle_starttag(self, tag, attrs):
            names.update(name for name, _ in attrs)

    Attributes().feed(html)
    return names


JSON_LD = re.compile(r'<script type="application/ld\+json">([^<]*)</script>')
GRAPH_DATA = re.compile(r'<script type="application/json" id="site-graph-data">([^<]*)</script>')


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
        # The only scripts a page may carry are data: an entity's JSON-LD and the site graph's
        # data, which hold no '<' at all.
        html = GRAPH_DATA.sub("", JSON_LD.sub("", to_html(page)))
        assert "<script" not in html, path
        assert "<img" not in html, path
        assert "javascript:" not in re.findall(r'(?:href|src)="([^"]*)"', html), path
        # No element carries an event handler (the payload may sit, escaped, inside an attribute's value).
        assert not {"onerror", "onclick"} & _attribute_names(html), path
    assert "&lt;script&gt;" in to_html(pages["sources/article/index.md"])
    assert "&lt;script&gt;" in to_html(pages["figures/index.md"])


def test_a_figure_shows_each_value_side_by_side_with_when_which_source_and_the_quote():
    strength = figure(
        "Strength in Mali",
        ("about 1,000 men", "2024-02", cite("article", "left in 2025")),
        ("just over 2,000 men", "late 2021", cite("article", "Wagner arrived in late 2021")),
    )
    agreed = figure("Founded", ("2014", cite("article", "Corps took over")), ("2014", cite("article", "and left in")))
    pages = render(entity("wagner", "Wagner", figures=[strength, agreed]))
    page = pages["entities/wagner/index.md"]
    table = page.split("### Strength in Mali")[1].split("###")[0]
    assert "**Changes over time.**" in table  # each value is dated, at its own date: a series, not a disagreement
    # On the entity page the table is compact: the source named briefly, the quote in the value's note.
    assert "| Value | As of | Who says so, how sure | Source |\n" in table
    assert (
        '| about 1,000 men<sup id="fnref:1" data-pagefind-ignore><a class="footnote-ref" href="#fn:1">1</a></sup> '
        '<span class="source-count single" data-pagefind-ignore>single source</span> '
        '<a class="permalink" id="figure-strength-in-mali-1" href="#figure-strength-in-mali-1" '
        'title="Link to this figure value" aria-label="Link to this figure value" data-pagefind-ignore>#</a> | February 2024 | stated by the source | '
        '[Wagner leaves, ¶1](../../sources/article/index.md#p1-q3) |'
    ) in table
    assert '| just over 2,000 men<sup id="fnref:2" data-pagefind-ignore>' in table
    assert (
        '“<span class="quote-in-sentence"><span class="quote-context">Wagner arrived in late 2021 and </span>'
        '<mark class="quoted">left in 2025</mark><span class="quote-context">.</span></span>”'
    ) in page.split("## Notes")[1]
    assert "**" not in page.split("### Founded")[1].split("## Relations")[0]  # the same value twice: nothing to say
    contested = pages["figures/index.md"]
    assert "## [Wagner](../entities/wagner/index.md)" in contested
    assert "### Strength in Mali" in contested and "### Founded" not in contested
    # The site-wide page of contested figures keeps the quote in its own column.
    assert "| Value | As of | Who says so, how sure | Source | Quote |" in contested
    assert "[Wagner leaves, ¶1](../sources/article/index.md#p1-q3) | “left in 2025” |" in contested


def test_a_figures_quote_from_another_language_has_its_lang_and_its_translation():
    from dossier.content.model import Translator

    french = source("article", "Wagner est arrivé fin 2021 et parti en 2025.", title="Wagner part")
    french = dataclasses.replace(french, language="fr")
    quoted = dataclasses.replace(
        cite("article", "parti en 2025"), translation="left in 2025", translated_by=Translator("DeepL", True, "2026-11")
    )
    strength = figure("Strength in Mali", ("gone", "2025", quoted), ("about 1,000 men", "2024-02", cite("article", "arrivé fin 2021")))
    contested = render(entity("wagner", "Wagner", figures=[strength]), sources=(french,))["figures/index.md"]
    assert (
        '| “<span lang="fr">parti en 2025</span>” <span class="quote-translation">“left in 2025” '
        '<span class="translation-credit">Machine translation: DeepL 2026\\-11</span></span> |'
    ) in contested


def test_a_source_is_named_briefly_in_notes_with_its_full_title_as_tooltip():
    from dossier.pages.site import source_label

    assert source_label(source("a", "Text.", title="A Mixed Picture: How Mali Views the Wagner Group")) == "A Mixed Picture"
    long = "Several killed as separatists clash with Malian army, Russian allies in the conflict-hit north"
    assert source_label(source("b", "Text.", title=long)) == "Several killed as separatists clash…"
    assert source_label(source("c", "Text.", title="Wagner leaves")) == "Wagner leaves"
    page = render(entity("wagner", "Wagner", claims=[claim("Left.", cite("article", "and left in"))]))["entities/wagner/index.md"]
    assert '<cite title="Wagner leaves">Wagner leaves</cite>' in page.split("## Notes")[1]


def test_mentioned_in_lists_the_20_sources_with_most_mentions_and_at_most_3_snippets_each():
    # Source n mentions Wagner n times, so the 20 with most are 25 down to 6.
    sources = [source(f"s{n:02d}", *(["Wagner was there."] * n), title=f"Source {n}") for n in range(1, 26)]
    page = render(entity("wagner", "Wagner"), sources=sources)["entities/wagner/index.md"]
    section = page.split("## Mentioned in")[1].split("## Linked from")[0]
    assert "Mentioned 325 times in 25 sources; the 20 with most mentions are listed." in section
    listed = re.findall(r"^\*\*\[Source (\d+)\]", section, re.M)
    assert listed == [str(n) for n in range(25, 5, -1)]
    first = section.split("**[Source 25]")[1].split("**[Source 24]")[0]
    assert len(re.findall(r"^    - \[¶\d+\]", first, re.M)) == 3
    assert "and 22 more in [the source](../../sources/s25/index.md)" in first


def test_the_timeline_groups_events_by_year_keeps_each_dates_precision_and_names_who_was_involved():
    from dossier.content.model import Event

    def event(event_id, date, entities):
        cited = (cite("article", "Wagner arrived in"),)
        return Event(event_id, parse_date(date), f"Title {event_id}", None, tuple(entities), None, cited, Position("e.yml"))

    events = [event("c", "2023-11", ["wagner"]), event("b", "late 2021", ["wagner", "corps"]), event("a", "2021", ["corps"])]
    resolved, _ = resolve(content(sources=[ARTICLE], entities=[entity("wagner", "Wagner"), entity("corps", "Africa Corps")], events=events))
    page = render_site(resolved, PROJECT_ROOT / "templates")["timeline/index.md"]
    assert re.findall(r"^## (\d{4})$", page, re.M) == ["2021", "2023"]
    assert re.findall(r"^\*\*(.*?)\*\*: Title", page, re.M) == ["2021", "late 2021", "November 2023"]
    assert '<div class="timeline-event" id="event-b" data-entities="wagner corps" markdown>' in page
    assert "Concerning: [Wagner](../entities/wagner/index.md), [Africa Corps](../entities/corps/index.md)" in page
    assert '<option value="corps">Africa Corps</option>' in page
    wagner = render_site(resolved, PROJECT_ROOT / "templates")["entities/wagner/index.md"]
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
    neighbourhood = pages["entities/corps/index.md"].split("## Relations")[1]
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
    page = pages["entities/wagner/index.md"]
    data = json.loads(JSON_LD.search(page).group(1))
    assert data["@type"] == "Organization" and data["alternateName"] == ["PMC Wagner"]
    assert data["name"] == "Wagner </script><script>alert(1)</script>"
    assert data["citation"] == [{"@type": "CreativeWork", "inLanguage": "en", "name": "Wagner leaves"}]
    assert data["dateModified"] == "2025-03-04"
    assert "*Last updated 2025\\-03\\-04.*" in page and "Last updated 2025-03-04.</p>" in page
    assert json.loads(JSON_LD.search(pages["entities/p/index.md"]).group(1))["@type"] == "Person"
    assert "sameAs" not in data


def test_json_ld_names_the_same_entity_in_reference_works():
    from dataclasses import replace

    wagner = replace(entity("wagner", "Wagner"), same_as=("https://www.wikidata.org/wiki/Q19895898",))
    resolved, _ = resolve(content(sources=[ARTICLE], entities=[wagner]))
    page = render_site(resolved, PROJECT_ROOT / "templates")["entities/wagner/index.md"]
    assert json.loads(JSON_LD.search(page).group(1))["sameAs"] == ["https://www.wikidata.org/wiki/Q19895898"]


def test_data_files_hold_every_statement_with_its_source_quote_and_paragraph():
    pages = render(
        entity("wagner", "Wagner", claims=[claim("Left [[corps|them]].", cite("article", "left in 2025"))],
               relations=[relation("wagner", "succeeded-by", "corps", cite("article", "Corps took over"))]),
        entity("corps", "Africa Corps"),
    )
    assert pages["data/claims.csv"] == (
        "entity,claim,date,text,certainty,according_to,source,paragraph,quote,quote_language\n"
        "wagner,1,,Left them.,,,article,1,left in 2025,en\n"
    )
    assert pages["data/relations.csv"].splitlines()[1] == "wagner,succeeded-by,corps,,,,,,article,2,Corps took over,en"
    entities = json.loads(pages["data/entities.json"])["entities"]
    assert [e["id"] for e in entities] == ["corps", "wagner"]
    assert entities[1]["url"] == "entities/wagner/" and entities[1]["description"] == "A summary."


def attributed(statement, certainty=None, according_to=None):
    return dataclasses.replace(statement, attribution=Attribution(certainty, according_to))


def test_certainty_and_attribution_read_in_the_statement_itself():
    pages = render(
        entity(
            "wagner",
            "Wagner",
            claims=[
                attributed(claim("Has 2,000 men.", cite("article", "Wagner arrived in late 2021")), "reported", "sources within [[wagner]]"),
                attributed(claim("Left.", cite("article", "and left in")), "stated"),
                attributed(claim("Was replaced.", cite("article", "Corps took over")), "claimed", "[[corps]]"),
            ],
            relations=[
                attributed(relation("wagner", "commanded-by", "corps", cite("article", "Corps took over")), "appears", "sources within Wagner")
            ],
            figures=[
                figure("Strength", ("2,000", cite("article", "and left in")), ("1,000", cite("article", "Corps took over")))
            ],
        ),
        entity("corps", "Africa Corps"),
    )
    page = pages["entities/wagner/index.md"]
    assert statements(page) == [
        '- Has 2,000 men\\. — <span class="attribution certainty-reported">reportedly, according to sources within [Wagner](../wagner/index.md)</span>[1]',
        "- Left\\.[2]",
        '- Was replaced\\. — <span class="attribution certainty-claimed">claimed by [Africa Corps](../corps/index.md)</span>[3]',
    ]
    relations = page.split("## Relations")[1]
    assert (
        '- Under the command of [Africa Corps](../corps/index.md) — <span class="attribution certainty-appears">'
        "appears so, according to sources within Wagner</span><sup"
    ) in relations
    # The other side reads it backwards, with the same hedge.
    assert "- Commands [Wagner](../wagner/index.md) — <span class=\"attribution certainty-appears\">appears so" in pages["entities/corps/index.md"]
    assert pages["data/relations.csv"].splitlines()[1] == (
        "wagner,commanded-by,corps,,,,appears,sources within Wagner,article,2,Corps took over,en"
    )
    assert pages["data/claims.csv"].splitlines()[1:4] == [
        "wagner,1,,\"Has 2,000 men.\",reported,sources within Wagner,article,1,Wagner arrived in late 2021,en",
        "wagner,2,,Left.,stated,,article,1,and left in,en",
        "wagner,3,,Was replaced.,claimed,Africa Corps,article,2,Corps took over,en",
    ]
    exported = json.loads(pages["data/entities.json"])["entities"][1]["relations"][0]
    assert exported["certainty"] == "appears" and exported["according_to"] == "sources within Wagner"
    # The graphs draw the hedged relation dashed, and the legend says what dashes mean.
    assert re.search(r'<path class="edge hedged" [^>]*stroke-dasharray="6 4"', page.split("## Relations")[1])
    graph_page = pages["graph/index.md"]
    assert re.search(r'<path class="edge hedged" [^>]*stroke-dasharray="6 4"', graph_page)
    assert "reported, claimed by a party, apparent or disputed (1 of 1)" in graph_page


def test_a_note_on_a_source_with_an_address_links_to_the_passage_there_with_a_text_fragment():
    online = dataclasses.replace(ARTICLE, url='https://example.org/news?id=1&x=2#top')
    page = render(
        entity("wagner", "Wagner", claims=[claim("Replaced.", cite("article", "The Africa Corps took over from Wagner."))]),
        sources=(online,),
    )["entities/wagner/index.md"]
    note = re.search(r'<li id="fn:1">(.*?)</li>', page).group(1)
    assert (
        ' · <a class="note-original" href="https://example.org/news?id=1&amp;x=2#:~:text=The%20Africa%20Corps%20took%20over%20from%20Wagner" '
        'rel="noopener noreferrer" title="The passage in the original article, on another site">original article'
        '<span class="leaves-site" aria-label=" (leaves this site)"> ↗</span></a>'
    ) in note


def test_a_text_fragment_encodes_its_syntax_and_gives_a_long_passage_by_its_ends():
    from dossier.text.markup import text_fragment_url

    assert text_fragment_url("https://a.org/x", "side-by-side, as one & all") == (
        "https://a.org/x#:~:text=side%2Dby%2Dside%2C%20as%20one%20%26%20all"
    )
    long = "one two three four five six seven eight nine ten eleven"
    assert text_fragment_url("https://a.org/x", long) == (
        "https://a.org/x#:~:text=one%20two%20three%20four%20five,seven%20eight%20nine%20ten%20eleven"
    )


def test_undated_events_are_placed_by_their_bounds_and_never_given_a_date():
    from dossier.content.model import Event

    def event(event_id, date=None, after=None, before=None):
        return Event(
            event_id, parse_date(date) if date else None, f"Event {event_id}", None, ("wagner",), None,
            (cite("article", "Wagner arrived in late 2021"),), Position("content/events/x.yml", 1, 1),
            after=parse_date(after) if after else None, before=parse_date(before) if before else None,
        )

    events = [
        event("dated-2024-01", "2024-01"), event("dated-2024-06", "2024-06"), event("dated-2025", "2025"),
        event("after-march", after="2024-03"), event("before-2024", before="2024-05"), event("unbounded"),
    ]
    resolved, problems = resolve(dataclasses.replace(content(sources=[ARTICLE], entities=[entity("wagner", "Wagner")]), events={e.id: e for e in events}))
    assert errors_in(problems) == []
    pages = render_site(resolved, PROJECT_ROOT / "templates")
    headings = re.findall(r"^## (.*)$", pages["timeline/index.md"], re.M)
    assert headings[:5] == [
        "Before May 2024 \\(date unknown\\)", "2024", "After March 2024 \\(date unknown\\)", "2025", "Date unknown"
    ]
    timeline = pages["timeline/index.md"]
    assert "**Date unknown: after March 2024**: Event after\\-march" in timeline
    assert "**Date unknown**: Event unbounded" in timeline
    # On the entity's own timeline, right after its bound.
    items = re.findall(r"^- \*\*(.*?):\*\* Event (\S+?)<", pages["entities/wagner/index.md"].split("## Timeline")[1], re.M)
    assert items == [
        ("Date unknown: before May 2024", "before\\-2024"), ("January 2024", "dated\\-2024\\-01"),
        ("Date unknown: after March 2024", "after\\-march"), ("June 2024", "dated\\-2024\\-06"),
        ("2025", "dated\\-2025"), ("Date unknown", "unbounded"),
    ]
    assert pages["data/events.csv"].splitlines()[1].startswith("before-2024,unknown,,2024-05,")


def test_an_entity_page_leads_with_key_facts_its_most_frequent_relations_first_and_last_dated_events_and_sources():
    from dossier.content.model import Event

    def event(event_id, date):
        cited = (cite("article", "Wagner arrived in"),)
        return Event(event_id, parse_date(date), f"Title {event_id}", None, (), None, cited, Position("e.yml"), actor_ids=("wagner",))

    wagner = entity(
        "wagner",
        "Wagner",
        relations=[
            relation("wagner", "operates-in", "mali", cite("article", "Wagner arrived in")),
            relation("wagner", "operates-in", "car", cite("article", "Wagner arrived in")),
            relation("wagner", "succeeded-by", "corps", cite("article", "Corps took over")),
        ],
    )
    others = [entity("mali", "Mali", type="place"), entity("car", "Central African Republic", type="place"), entity("corps", "Africa Corps")]
    events = [event("a", "2021"), event("b", "2023-11"), event("c", "2022")]
    resolved, _ = resolve(content(sources=[ARTICLE], entities=[wagner, *others], events=events))
    page = render_site(resolved, PROJECT_ROOT / "templates")["entities/wagner/index.md"]
    facts = page.split('<aside class="key-facts"')[1].split("</aside>")[0]
    assert re.findall(r"<dt>([^<]+)</dt>", facts) == [
        "Operates in", "Succeeded by", "First dated act", "Latest dated act", "Sources"
    ]
    # Each entity with how many sources carry the relation, as the Relations list says it.
    assert (
        '<dd><a href="../car/">Central African Republic</a> <a class="attribution" href="#relations">'
        '(<span data-pagefind-ignore>single source</span>)</a>, '
        '<a href="../mali/">Mali</a> <a class="attribution" href="#relations">(<span data-pagefind-ignore>single source</span>)</a></dd>'
    ) in facts
    assert '<dt>First dated act</dt>\n<dd>2021: <a href="#event-a">Title a</a></dd>' in facts
    assert '<dt>Latest dated act</dt>\n<dd>November 2023: <a href="#event-b">Title b</a></dd>' in facts
    assert '<dd>cited by <a href="#notes">1 source</a> · named in <a href="#mentioned-in">1</a></dd>' in facts
    for anchor in ("claims", "relations", "timeline", "mentioned-in", "linked-from", "notes"):
        assert f'<a href="#{anchor}">' in facts
    # Name, kind, summary and key facts come before the claims.
    assert page.index("# Wagner") < page.index('class="entity-kind"') < page.index("entity-summary") < page.index("key-facts") < page.index("## Claims")
