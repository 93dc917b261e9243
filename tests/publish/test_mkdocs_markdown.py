"""A worker's page rendering (one Markdown per process, raw HTML parsed once, inline patterns that
cannot match passed over) gives what MkDocs' own ``Page.render`` gives: the same HTML, anchors,
table of contents, title and anchored links, on the pages where the two HTML parsers could read
the text apart too, and where inline patterns match inside each other's matches."""

from __future__ import annotations

import os

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from dossier.publish.renderers.mkdocs_markdown import render_page
from tests.helpers import PROJECT_ROOT

PAGES = {
    "generated-like.md": (
        "# Title {: #title }\n\n<div class=\"source-body\">\n<p id=\"p1\"><a class=\"paragraph-number\" href=\"#p1\">1</a> "
        "<mark class=\"cited\" id=\"p1-q1\">text</mark></p>\n</div>\n\n## Notes\n\n- [other](other.md#p1): x\\.\n"
    ),
    "markdown-in-html.md": "<div class=\"event\" id=\"event-a\" markdown>\n\n**A** [other](other.md)\n\n</div>\n\n<hr id=\"rule\">\n",
    "self-closing.md": "Text <br id=\"break\"/> and <a name=\"named\"></a> and <img id=\"picture\" src=\"x.png\"/>\n",
    "inline-script.md": "A paragraph with <script>var x = '<span id=\"inside-script\">';</script> then <span id=\"after\">x</span>\n",
    "block-script.md": "<script type=\"application/ld+json\">{\"id\": \"<b id='json'>\"}</script>\n\n<p id=\"after-json\">x</p>\n",
    "comment.md": "Text <!-- <span id=\"commented\"> --> and <span id=\"real\">y</span>\n\n<!-- block -->\n<div id=\"d\"></div>\n",
    "instruction.md": "Text <?php echo '<b id=\"php\">' ?> and <b id=\"bold\">z</b>\n",
    "declaration.md": "Text <![CDATA[ <i id=\"cdata\"> ]]> and <i id=\"italic\">w</i>\n",
    "inline-patterns.md": (
        "# A *title* with `code*` {: #t }\n\n"
        "**[strong link](other.md)** and [*em* `code` &amp; <b>html</b>](other.md#p1) then *em [link](other.md) em*\n"
        "a [link with <https://example.org/auto> inside](other.md) and <https://example.org/plain>, <me@example.org>\n"
        "\\*escaped\\* \\[not a link\\](other.md) ``two `ticks` `` &copy; &#169; *a **b** c* ***d***  \n"
        "after a line break[^note], ![image *alt*](other.md \"title\"), [ref][r] and [r] and _under_ __score__\n\n"
        "| *cell* | [c](other.md) |\n|---|---|\n| `x` | **y** |\n\n"
        "[^note]: A note with [a link](other.md) and *em*.\n\n[r]: other.md\n"
    ),
    "other.md": "# Other\n\n<p id=\"p1\">x</p>\n",
    "other page.md": "# Other page\n",
    "links.md": (
        "[a](other.md#p1) [b](other.md#p2) [c](other.md?x=1#p1) [d](./other.md) [e](other.md)\n\n"
        "[f](missing.md) [g](missing.md#x) [h](https://example.org/x.md) [i](/other.md) [j](#self)\n\n"
        "[k](other%20page.md#top) [l](other%20page.md) [m](sub/) ![n](other.md)\n\n"
        "again: [a](other.md#p1) [c](other.md?x=1#p1) [e](other.md) [f](missing.md) [k](other%20page.md#top) [o](other.md#p3)\n"
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(docs.parent / "site"))
    files = Files([File(name, str(docs), config.site_dir, config.use_directory_urls) for name in PAGES])
    return config, files


def rendered(file: File, config, files, render) -> tuple:
    page = Page(None, file, config)
    page.read_source(config)
    render(page, config, files)
    return (page.content, page.present_anchor_ids, str(page.toc), page.title,
            {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()})


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_renders_as_mkdocs_renders_it(site, name):
    config, files = site
    file = files.get_file_from_path(name)
    by_mkdocs = rendered(file, config, files, Page.render)
    assert rendered(file, config, files, render_page) == by_mkdocs
    assert rendered(file, config, files, render_page) == by_mkdocs  # the shared Markdown was reset
