"""Rendering entity and source pages from resolved content, with no files but the templates."""

import re

import markdown

from dossier.render import render_site
from dossier.resolve import resolve
from tests.conftest import PROJECT_ROOT
from tests.helpers import cite, claim, content, entity, relation, source

ARTICLE = source(
    "article",
    "Wagner arrived in late 2021 and left in 2025.",
    "The Africa Corps took over from Wagner.",
    title="Wagner leaves",
)


def render(*entities, sources=(ARTICLE,)):
    resolved, problems = resolve(content(sources=sources, entities=entities))
    assert problems == []
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


def test_hostile_text_in_every_field_reaches_the_page_as_inert_text():
    hostile_source = source("article", f"Wagner said {HOSTILE} loudly.", title=HOSTILE)
    pages = render(
        entity(
            "wagner",
            "Wagner",
            aliases=[HOSTILE],
            summary=HOSTILE,
            claims=[claim(HOSTILE, cite("article", HOSTILE))],
        ),
        sources=(hostile_source,),
    )
    for path, page in pages.items():
        html = to_html(page)
        assert "<script" not in html, path
        assert "<img" not in html, path
        assert "javascript:" not in re.findall(r'href="([^"]*)"', html), path
        assert not re.search(r"<[^>]+\sonerror=", html) and not re.search(r"<[^>]+\sonclick=", html), path
    assert "&lt;script&gt;" in to_html(pages["sources/article.md"])
