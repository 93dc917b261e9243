"""Nothing an editor or the corpus writes becomes markup: these are the escaping rules."""

import re

import markdown
import pytest

from dossier.text.markup import MAX_EMPHASIS_NESTING, Md, markdown_link, prose, text

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "&lt;script&gt;",
    "{: onclick=alert(1) }",
    "# heading\n\n- list\n    code",
    "![img](http://evil.example/x.png)",
    "a | b",
    "[^1] footnote",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_leaves_no_markup_character_unescaped(hostile):
    escaped = text(hostile).replace("&#124;", "")  # the pipe's own entity
    assert "<" not in escaped and ">" not in escaped and "|" not in escaped
    assert "\n" not in escaped
    for character in "[]()`{}!#*_":
        assert escaped.count(character) == escaped.count("\\" + character)


def test_entities_written_by_an_editor_are_shown_literally():
    assert text("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


def link(entity_id, label):
    return markdown_link(text(label or entity_id.upper()), f"{entity_id}.md")


def test_prose_keeps_emphasis_and_turns_double_brackets_into_links():
    assert prose("*Wagner* worked with [[fama]] and [[jnim|the JNIM]].", link) == (
        "<em>Wagner</em> worked with [FAMA](fama.md) and [the JNIM](jnim.md)\\."
    )


@pytest.mark.parametrize(
    "written, made",
    [
        ("*a* **b** ***c*** _d_ __e__ ___f___", "<em>a</em> <strong>b</strong> <strong><em>c</em></strong> <em>d</em> "
         "<strong>e</strong> <strong><em>f</em></strong>"),
        ("**strong with *emphasis* inside**", "<strong>strong with <em>emphasis</em> inside</strong>"),
        ("**[[fama]]** said it", "<strong>[FAMA](fama.md)</strong> said it"),
        ("snake_case_name and a*b*c", "snake\\_case\\_name and a<em>b</em>c"),
        ("2 * 3 * 4, a ** b", "2 \\* 3 \\* 4, a \\*\\* b"),
        ("**unclosed and *closed*", "\\*\\*unclosed and <em>closed</em>"),
        ("**a *b**", "<strong>a \\*b</strong>"),
        ("****four****", "\\*\\*\\*\\*four\\*\\*\\*\\*"),
        ("*a *b *c x c* b* a*", "<em>a <em>b \\*c x c</em> b</em> a\\*"),
        ("[[fama|*not* emphasis]]", "[\\*not\\* emphasis](fama.md)"),
    ],
    ids=["every-kind", "nested", "around-a-link", "inside-words", "spaced", "unclosed", "overlapping", "run-of-four",
         "three-deep", "in-a-link-label"],
)
def test_prose_pairs_emphasis_itself_and_writes_it_as_html(written, made):
    assert prose(written, link) == made


# Python-Markdown nests each of these without limit: some hundred levels deep MkDocs' table of
# contents failed with a RecursionError on a page that had passed check.
DEEP = [
    "*" * 3000 + "word" + "*" * 3000,
    "_" * 3000 + "word" + "_" * 3000,
    "*a " * 1000 + "x" + " a*" * 1000,
    "**a " * 1000 + "x" + " a**" * 1000,
    "***a " * 1000 + "x" + " a***" * 1000,
    "*a _b **c __d " * 250 + "x" + " d__ c** b_ a*" * 250,
    "*[[fama]] " * 1000 + "x" + " [[fama]]*" * 1000,
]


@pytest.mark.parametrize("written", DEEP, ids=["stars", "underscores", "em", "strong", "both", "mixed", "links"])
def test_emphasis_nests_at_most_two_pairs_deep_whatever_is_written(written):
    rendered = markdown.Markdown(extensions=["toc", "md_in_html"]).convert(prose(written, link))
    depth = deepest = 0
    for tag in re.finditer(r"<(/?)(?:em|strong)>", rendered):
        depth += -1 if tag.group(1) else 1
        deepest = max(deepest, depth)
    assert depth == 0 and deepest <= 2 * MAX_EMPHASIS_NESTING


def test_prose_escapes_html_and_markdown_links():
    assert prose('<img onerror="x"> [a](javascript:b)', link) == '&lt;img onerror="x"&gt; \\[a\\]\\(javascript:b\\)'


def test_link_labels_from_editors_are_escaped():
    assert prose("[[jnim|<b>bold</b>]]", link) == "[&lt;b&gt;bold&lt;/b&gt;](jnim.md)"


def test_prose_paragraphs_are_kept_only_when_asked():
    assert prose("one\n\ntwo", link, paragraphs=True) == "one\n\ntwo"
    assert prose("one\n\ntwo", link) == "one two"


def test_built_markdown_is_marked_safe():
    assert isinstance(text("x"), Md) and isinstance(prose("x", link), Md)
