"""Nothing an editor or the corpus writes becomes markup: these are the escaping rules."""

import pytest

from dossier.markup import Md, markdown_link, prose, text

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
        "*Wagner* worked with [FAMA](fama.md) and [the JNIM](jnim.md)\\."
    )


def test_prose_escapes_html_and_markdown_links():
    assert prose('<img onerror="x"> [a](javascript:b)', link) == '&lt;img onerror="x"&gt; \\[a\\]\\(javascript:b\\)'


def test_link_labels_from_editors_are_escaped():
    assert prose("[[jnim|<b>bold</b>]]", link) == "[&lt;b&gt;bold&lt;/b&gt;](jnim.md)"


def test_prose_paragraphs_are_kept_only_when_asked():
    assert prose("one\n\ntwo", link, paragraphs=True) == "one\n\ntwo"
    assert prose("one\n\ntwo", link) == "one two"


def test_built_markdown_is_marked_safe():
    assert isinstance(text("x"), Md) and isinstance(prose("x", link), Md)
