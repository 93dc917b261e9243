"""Hostile text (issue 8): invisible characters, block Markdown, formulas, terminal escapes.

Editors' text holding a control or invisible character is refused (see the CASES of
test_broken_content); article text, kept as received, is neutralised on output. What an editor
writes as block Markdown stays text; what MkDocs reads as front matter is proven on every
build; messages show every control character escaped, also as GitHub annotations.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

import build
from dossier.pages import RESERVED_IDS
from dossier.content.yamlfile import YamlProblem, parse_yaml
from dossier.pages import exports
from dossier.pages import GENERATED_FOLDERS
from dossier.publish.frontmatter import front_matter_problem
from dossier.report import Position, Problem, workflow_annotations
from dossier.text.characters import _REFUSED_RE, describe, first_invisible, neutralise, visible, visible_lines
from dossier.text.markup import MAX_EMPHASIS_NESTING, Md, prose, text
from dossier.text.typography import fold
from tests.helpers import PROJECT_ROOT, project_with_case, run_build, tree_digest

# --- characters --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, index",
    [
        ("plain text, tab\tand\nnewline", None),
        ("copied\x85from a PDF", 6),
        ("\x1b[2J", 0),
        ("zero\u200bwidth", 4),
        ("soft\u00adhyphen", 4),
        ("mid\ufefftext", 3),
        ("line\u2028separator", 4),
        ("\u202eoverride", 0),
        ("tag\U000e0041", 3),
        ("می\u200cخواهم", None),  # a joiner inside a Persian word is part of the word
        ("alone \u200d here", 6),
        ("right-to-left mark \u200f is allowed", None),
    ],
)
def test_editors_may_not_write_controls_or_invisible_characters(value, index):
    assert first_invisible(value) == index


@pytest.mark.parametrize(
    "written, line, col, message",
    [
        ('claims:\n  - text: "b\x80c"\n', 2, 13, "claims[0].text: contains U+0080 (a control character, invisible): "
         "delete it (such characters come with text pasted from PDFs and web pages)"),
        ("name: x\r\nsummary: |\n  one\n  two\u2028three\n", 4, 6, "summary: contains U+2028 (line separator, "
         "invisible): replace it with an ordinary line break or a space"),
        ('aliases:\n  - q\n  - "\\u200B"\n', 3, 6, "aliases[1]: the escape \\u200B writes U+200B (zero width space, "
         "invisible): remove it"),
        ('"na\\e[2Jme": x\n', 1, 4, "a key: the escape \\e writes U+001B (a control character, invisible): remove it"),
        ("# a comment \x1b[2J\nname: x\n", 1, 13, "contains U+001B (a control character, invisible): delete it "
         "(such characters come with text pasted from PDFs and web pages)"),
    ],
    ids=["c1-in-quoted-value", "line-separator-in-block", "escape-in-list", "escape-in-key", "in-a-comment"],
)
def test_yaml_holding_an_invisible_character_is_refused_at_the_character(written, line, col, message):
    with pytest.raises(YamlProblem) as refused:
        parse_yaml(written)
    assert (refused.value.line, refused.value.col, refused.value.message) == (line, col, message)


def test_yaml_with_windows_line_ends_tabs_and_joined_words_is_read():
    assert parse_yaml('name: "a\\tb"\r\nsummary: می\u200cخواهم\r\n').data == {"name": "a\tb", "summary": "می\u200cخواهم"}


def test_characters_are_named_for_the_editor():
    assert describe("\x85") == "U+0085 (a control character, invisible)"
    assert describe("\u200b") == "U+200B (zero width space, invisible)"
    assert describe("\u00ad") == "U+00AD (soft hyphen, invisible)"


def test_article_text_loses_invisible_characters_and_keeps_words_apart():
    assert neutralise("Next\x85line, zero\u200bwidth, \u202eevil\u202c, a\u200cb") == "Next line, zerowidth, evil, a\u200cb"


def test_a_quote_matches_article_text_as_the_page_shows_it_without_invisible_characters():
    article = fold("Next\x85line, zero\u200bwidth, \u202eevil\u202c and soft\u00adhyphen.")
    assert article.text == fold(neutralise("Next\x85line, zero\u200bwidth, \u202eevil\u202c and soft\u00adhyphen.")).text
    start = article.text.index("zerowidth")
    assert article.original_span(start, start + len("zerowidth")) == (11, 21)
    assert fold("one\x00two").text == "one\x00two"  # NUL joins paragraphs in resolve: it stays


def test_messages_show_every_control_character_escaped():
    assert visible("a\x1b]52;c;aGk=\x07b\nc\u202ed\r\t") == "a\\e]52;c;aGk=\\x07b\\nc\\u202ed\\r\\t"


# --- block Markdown stays text ------------------------------------------------------------------

_EXTENSIONS = ["toc", "tables", "footnotes", "admonition", "pymdownx.details", "md_in_html"]
_BLOCKS = [
    '!!! danger "x"', "??? note", "???+ note", "* item", "- item", "+ item", "1. item", "***", "___", "* * *",
    "---", "# heading", "> quote", "| a | b |", "[^1]: note", "*[HTML]: abbreviation", "    indented", "```",
]


@pytest.mark.parametrize("block", _BLOCKS)
def test_block_markdown_in_prose_and_single_line_text_renders_as_one_plain_paragraph(block):
    link = lambda target, label: Md(f"[{label or target}](x.md)")  # noqa: E731
    for written in (prose(block, link, paragraphs=True), text(block)):
        rendered = markdown.markdown(f"{written}\n\n- {written}", extensions=_EXTENSIONS)
        tags = set(re.findall(r"<(\w+)", rendered))
        assert tags <= {"p", "ul", "li"}, rendered
        assert rendered.count("<li>") == 1 and "<li>\n<" not in rendered
        assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).count(block.strip()) == 2


def test_prose_keeps_inline_emphasis_and_links():
    link = lambda target, label: Md(f"[{label}](x.md)")  # noqa: E731
    assert prose("*a* **b** _c_ [[x|d]]", link) == "<em>a</em> <strong>b</strong> <em>c</em> [d](x.md)"


def _page_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


_BLOCK_TAGS = {"li", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "details", "table", "abbr"}


class _TagStack(HTMLParser):
    """The open tags around the first piece of text that contains ``wanted``."""

    _VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}

    def __init__(self, wanted: str):
        super().__init__(convert_charrefs=True)
        self.wanted, self.stack, self.found = wanted, [], None

    def handle_starttag(self, tag, attrs):
        if tag not in self._VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]

    def handle_data(self, data):
        if self.found is None and self.wanted in data:
            self.found = list(self.stack)


def _tags_around(markup: str, wanted: str) -> list[str]:
    parser = _TagStack(wanted)
    parser.feed(markup)
    assert parser.found is not None, wanted
    return parser.found


def test_block_markdown_reaches_the_built_page_as_text(built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, "entities/hostile-block-markdown")
    code, output = run_build(project, capsys)
    assert code == 0, output
    page = project / "site" / "entities" / "hostile-block-markdown" / "index.html"
    markup = page.read_text(encoding="utf-8")
    shown = _page_text(page)
    for written in (
        '??? danger "alert(1)"', "* Blocky list", '!!! danger "alert(2) admonition"', '??? note "alert(3) details"',
        "* alert(4) list item", "1. ordered item", "***", "# alert(5) heading", "> block quote", "| table | cell |",
        "[^1]: footnote definition", "*[HTML]: abbreviation definition", "indented code", "``` fenced code ```",
        "- alert(6) list in a claim", "___", "# alert(7) measure",
    ):
        assert written in shown, written
    assert "<em>emphasis</em>" in markup and "<strong>strong</strong>" in markup
    # Each block construct of the summary is text inside a paragraph, each claim one list item.
    article = markup[markup.index("<article"):markup.index("</article>")]
    summary_parts = (
        "alert(2) admonition", "alert(3) details", "alert(4) list item", "ordered item", "alert(5) heading",
        "block quote", "table | cell", "footnote definition", "abbreviation definition", "indented code", "fenced code",
    )
    for written in summary_parts:
        assert _tags_around(article, written)[-1] == "p", written
        assert not set(_tags_around(article, written)) & _BLOCK_TAGS, written
    assert _tags_around(article, "alert(6) list in a claim")[-2:] == ["ul", "li"]
    assert "ul" not in _tags_around(article, "alert(6) list in a claim")[:-2]
    assert 'class="admonition' not in article
    reference = (project / "site" / "entities" / "wagner-group" / "index.html").read_text(encoding="utf-8")
    assert article.count("<hr") == reference[reference.index("<article"):].count("<hr")
    # The figure's value starts with '=': a spreadsheet would run it, so its CSV cell starts with a quote.
    figures_csv = (project / "site" / "data" / "figures.csv").read_text(encoding="utf-8")
    assert '\'=HYPERLINK(""http://example.org"",""alert(8)"")' in figures_csv
    assert "OWASP" in _page_text(project / "site" / "data" / "index.html")


class _EmphasisDepth(HTMLParser):
    """How deep <em> and <strong> nest on a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("em", "strong"):
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        self.depth -= tag in ("em", "strong")


def test_emphasis_nested_thousands_deep_in_every_field_passes_check_and_builds(built_base, tmp_path):
    """3,000 '*', a word and 3,000 '*' in a claim passed check, then MkDocs died with a RecursionError
    naming no file: Python-Markdown nests emphasis without limit. Dossier pairs it itself now."""
    project = project_with_case(built_base, tmp_path, "entities/hostile-deep-emphasis")
    summary = yaml.safe_load((project / "content" / "entities" / "hostile-deep-emphasis.yml").read_text())["summary"]
    stars, nested, mixed = summary.split("\n\n")
    event = {
        "date": "2022", "title": stars[:490], "text": nested, "entities": ["hostile-deep-emphasis"], "certainty": "stated",
        "cite": [{"source": "base-article", "quote": "arrived in Mali in late 2021"}],
    }
    (project / "content" / "events" / "deep-emphasis.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/event.schema.json\n" + yaml.safe_dump(event, sort_keys=False, width=100_000)
    )
    source = project / "content" / "sources" / "base-article.yml"
    source.write_text(source.read_text() + yaml.safe_dump({"notes": mixed}, width=100_000))
    for command in (["check"], ["build"]):
        result = subprocess.run(
            [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project), *command],
            capture_output=True, text=True, timeout=300,
        )
        output = result.stdout + result.stderr
        assert (result.returncode, "Traceback" in output, ": error:" in output) == (0, False, False), output[-3000:]
    entity_page = project / "site" / "entities" / "hostile-deep-emphasis" / "index.html"
    assert stars in _page_text(entity_page)  # shown as typed
    for page in (entity_page, project / "site" / "timeline" / "index.html", project / "site" / "sources" / "base-article" / "index.html"):
        parser = _EmphasisDepth()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.deepest <= 2 * MAX_EMPHASIS_NESTING, page


def test_an_article_with_decomposed_accents_is_quoted_named_and_marked_exactly(built_base, tmp_path):
    """Decomposed Unicode (NFD, 'e' and a combining accent) looks like composed (NFC, 'é'), which
    editors type: a quote, a name and a body marker typed one way find the article written the other."""
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    project = tmp_path / "project"
    shutil.copytree(built_base, project)
    sources = project / "content" / "sources"
    article = (sources / "base-article.txt").read_text(encoding="utf-8")
    article = article.replace("Page header to leave out", "En-tête à laisser de côté").replace(
        "did not answer questions.", "did not answer questions in Ségou, où « les combattants » étaient arrivés."
    )
    (sources / "base-article.txt").write_text(nfd(article), encoding="utf-8")
    annotation = (sources / "base-article.yml").read_text(encoding="utf-8")
    (sources / "base-article.yml").write_text(annotation.replace("Page header to leave out", "En-tête à laisser de côté"), encoding="utf-8")
    (project / "content" / "entities" / "segou.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/entity.schema.json\n"
        "name: Ségou\ntype: place\nsummary: A town in Mali.\nclaims:\n  - text: Fighters had arrived there.\n"
        "    certainty: stated\n    cite:\n      - source: base-article\n"
        "        quote: \"questions in Ségou, où « les combattants » étaient arrivés\"\n",
        encoding="utf-8",
    )
    for command in (["check"], ["build"]):
        result = subprocess.run(
            [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project), *command],
            capture_output=True, text=True, timeout=300,
        )
        output = result.stdout + result.stderr
        assert (result.returncode, "Traceback" in output, ": error:" in output, ": warning:" in output) == (0, False, False, False), output
    page = (project / "site" / "sources" / "base-article" / "index.html").read_text(encoding="utf-8")
    marked = re.search(r'<mark class="cited" id="p3-q1"[^>]*>(.*?)</mark>', page).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", marked)) == nfd("questions in Ségou, où « les combattants » étaient arrivés")
    assert f'href="../../entities/segou/">{nfd("Ségou")}</a>' in marked
    assert "En-tête" not in _page_text(project / "site" / "sources" / "base-article" / "index.html")


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote():
    rows = [("=1+1",), ("+1",), ("-1",), ("@SUM(A1)",), ("\tx",), ("\rx",), ("plain",), (3,), (None,),
            (" =1",), ("\u00a0=1",), ("\u3000@x",), ("\r=1",), ("\n-1",), ("＝1",), ("＋1",), ("－1",), ("＠x",), ("﹦1",),
            (" plain",)]
    assert exports._csv(("cell",), rows).split("\n") == [
        "cell", "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", " x", "plain", "3", '""',
        "' =1", "'\u00a0=1", "'\u3000@x", "' =1", '"\'', '-1"', "'＝1", "'＋1", "'－1", "'＠x", "'﹦1", " plain", "",
    ]


# Every free-text cell of every data file (the others are ids, names from a list, dates and
# numbers) starts with something a spreadsheet could run: written by editors or quoted from an article.
HOSTILE_ARTICLE = """Hostile sheet
=HYPERLINK("http://evil.example","a") was the first line.
＝1+1 was the second, in full width.
@SUM(A1) was the third.
－2 and ＋3 were the fourth.
"""
HOSTILE_ENTITY = """\
# yaml-language-server: $schema=../../schemas/entity.schema.json
name: Hostile sheet
type: organization
summary: A sheet.
relations:
  - type: allied-with
    target: wagner-group
    certainty: claimed
    according_to: "\u00a0=according to a relation"
    cite:
      - source: hostile-sheet
        quote: "=HYPERLINK(\\"http://evil.example\\",\\"a\\") was the first"
claims:
  - text: "\u3000+claim text"
    certainty: claimed
    according_to: "＠according to a claim"
    cite:
      - source: hostile-sheet
        quote: "＝1+1 was the second"
figures:
  - measure: "\u00a0=measure"
    values:
      - value: "\\t plain value after a tab"
        cite:
          - source: hostile-sheet
            quote: "@SUM(A1) was the third"
      - value: "  ＝value"
        certainty: claimed
        according_to: "﹦according to a figure"
        cite:
          - source: hostile-sheet
            quote: "－2 and ＋3"
"""
HOSTILE_EVENT = """\
# yaml-language-server: $schema=../../schemas/event.schema.json
date: 2021
title: "＋event title"
text: "－event text"
entities: [hostile-sheet]
certainty: claimed
according_to: "@according to an event"
cite:
  - source: hostile-sheet
    quote: "＋3 were the fourth"
"""


def test_every_cell_of_every_csv_file_that_a_spreadsheet_would_run_starts_with_a_quote(built_base, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_base, project, symlinks=True)
    content = project / "content"
    (content / "sources" / "hostile-sheet.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (content / "sources" / "hostile-sheet.yml").write_text("# yaml-language-server: $schema=../../schemas/source.schema.json\ntitle: Hostile sheet\nlanguage: en\nbody:\n  start_after: Hostile sheet\n")
    (content / "entities" / "hostile-sheet.yml").write_text(HOSTILE_ENTITY, encoding="utf-8")
    (content / "events" / "hostile-sheet.yml").write_text(HOSTILE_EVENT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    files = {
        Path(path).name: list(csv.reader(io.StringIO((project / "site" / path).read_text(encoding="utf-8"))))
        for path in exports.DATA_FILES
        if path.endswith(".csv")
    }
    rows = {name: [row for row in table if "hostile-sheet" in row] for name, table in files.items()}
    assert rows == {
        "relations.csv": [
            ["hostile-sheet", "allied-with", "wagner-group", "", "", "", "claimed", "'=according to a relation", "hostile-sheet", "1",
             '\'=HYPERLINK("http://evil.example","a") was the first', "en"],
        ],
        "events.csv": [
            ["hostile-sheet", "2021", "", "", "'＋event title", "'－event text", "", "hostile-sheet", "", "claimed",
             "'@according to an event", "hostile-sheet", "4", "'＋3 were the fourth", "en"],
        ],
        "claims.csv": [
            ["hostile-sheet", "1", "", "'+claim text", "claimed", "'＠according to a claim", "hostile-sheet", "2", "'＝1+1 was the second", "en"],
        ],
        "figures.csv": [
            ["hostile-sheet", "'\u00a0=measure", "'\t plain value after a tab", "", "", "", "hostile-sheet", "3", "'@SUM(A1) was the third", "en"],
            ["hostile-sheet", "'\u00a0=measure", "'  ＝value", "", "claimed", "'﹦according to a figure", "hostile-sheet", "4", "'－2 and ＋3", "en"],
        ],
    }
    # And no other cell, of any file, the column names included, could start a formula.
    for name, table in files.items():
        for row in table:
            for cell in row:
                first = unicodedata.normalize("NFKC", cell.lstrip()[:1])
                assert cell.startswith("'") or not (first in ("=", "+", "-", "@") or cell.startswith("\t")), (name, row)


def test_controls_in_an_article_never_reach_a_page(built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, "sources/hostile-article-controls")
    code, output = run_build(project, capsys)
    assert code == 0, output
    page = project / "site" / "sources" / "hostile-article-controls" / "index.html"
    shown = _page_text(page)
    assert "Bell and escape [2J]52;c;YWxlcnQoOSk= clear the screen" in shown
    assert "Next line, zerowidth, evil override and softhyphen, bom." in shown
    assert "\u200c" in shown  # the Persian word keeps its joiner
    for path in sorted((project / "site").rglob("*")):
        if path.suffix in (".html", ".csv", ".xml"):
            found = _REFUSED_RE.search(path.read_text(encoding="utf-8"))
            assert found is None, (path, found)
    # The article itself is evidence: unchanged on disk.
    assert "\x1b[2J" in (project / "content" / "sources" / "hostile-article-controls.txt").read_text(encoding="utf-8")


# --- front matter, proven on every build -----------------------------------------------------------


def test_front_matter_that_mkdocs_reads_differently_is_found():
    # The original hole: a C1 control is a line break to YAML, inside a quoted title too.
    page = '---\ntitle: "Wagner\x85 Group"\ngenerated_by: dossier\n---\n\n# Wagner\n'
    assert str(front_matter_problem("docs/entities/x.md", page)) == (
        'docs/entities/x.md:2:1: error: front matter: MkDocs reads \'title\' as "Wagner Group", not '
        '"Wagner\\x85 Group" as written: fix the template that writes it (templates/), or report the content '
        "that got through the checks"
    )


def test_front_matter_as_the_templates_write_it_is_proven():
    page = '---\ntitle: "A \\"quoted\\" name"\ndescription: "x: y # z"\nsearch:\n  boost: 4  # why\n  exclude: false\n# a comment\ntags: ["a", "b, c"]\ngenerated_by: dossier\n---\n\n# A\n'
    assert front_matter_problem("docs/entities/x.md", page) is None


def test_front_matter_words_that_yaml_reads_as_something_else_are_found():
    page = "---\ntitle: Norway\nhide: no\n---\n\n# Norway\n"
    assert str(front_matter_problem("docs/x.md", page)).startswith(
        "docs/x.md:3:1: error: front matter: MkDocs reads 'hide' as false, not \"no\" as written"
    )


def _project_with_template_edit(built_base: Path, tmp_path: Path, template: str, old: str | None, new: str) -> Path:
    """A copy of the built base project with ``old`` replaced by ``new`` in a template (deleted if ``old`` is None)."""
    project = tmp_path / "project"
    shutil.copytree(built_base, project, symlinks=True)
    path = project / "templates" / template
    if old is None:
        path.unlink()
        return project
    written = path.read_text(encoding="utf-8")
    assert old in written
    path.write_text(written.replace(old, new, 1), encoding="utf-8")
    return project


@pytest.mark.parametrize(
    "template, old, new, message",
    [
        (
            "entity.md.j2", "title: {{ page.front_matter(entity.name) }}", "title: {{ entity.name }}: {{ entity.type }}",
            "docs/entities/africa-corps/index.md:2:1: error: front matter: MkDocs cannot read it (mapping values are not "
            "allowed here) and would show it as text: fix the template that writes it (templates/), or report the "
            "content that got through the checks",
        ),
        (
            "entity.md.j2", "# {{ entity.name }}", "# {{ entity.nmae }}",
            "templates/entity.md.j2:{line}:1: error: 'dossier.content.model.Entity object' has no attribute 'nmae': check the name "
            "against what dossier/pages/ passes to this template",
        ),
        (
            "timeline.md.j2", "{% endfor %}", "{% endfro %}",
            "templates/timeline.md.j2:{line}:1: error: template syntax error: Encountered unknown tag 'endfro'. Jinja "
            "was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.",
        ),
        (
            "figures.md.j2", "# Where sources differ", '{% include "figure-tabel.md.j2" %}',
            "templates/figures.md.j2:{line}:1: error: template 'figure-tabel.md.j2' is not in templates/: restore it "
            "(git checkout -- templates/figure-tabel.md.j2) or fix the name",
        ),
        (
            "figures.md.j2", "# Where sources differ", '{{ 1 + "a" }}',
            "templates/figures.md.j2:{line}:1: error: the template failed: TypeError: unsupported operand type(s) for +: "
            "'int' and 'str'",
        ),
        (
            "source.md.j2", None, "",
            "templates/source.md.j2:1:1: error: template 'source.md.j2' is not in templates/: restore it "
            "(git checkout -- templates/source.md.j2) or fix the name",
        ),
    ],
    ids=["front-matter", "undefined", "syntax", "missing-include", "type-error", "missing-template"],
)
def test_template_mistakes_are_located_and_nothing_is_published(built_base, tmp_path, capsys, template, old, new, message):
    written = (built_base / "templates" / template).read_text(encoding="utf-8")
    line = written.count("\n", 0, written.index(old)) + 1 if old else 1  # the edited line
    project = _project_with_template_edit(built_base, tmp_path, template, old, new)
    before = tree_digest(project / "site")
    code, output = run_build(project, capsys)
    assert code == 1
    assert message.format(line=line) in output.splitlines()
    assert "Traceback" not in output
    assert tree_digest(project / "site") == before


# --- reserved ids --------------------------------------------------------------------------------


def test_every_generated_folder_and_data_file_name_is_a_reserved_id():
    names = set(GENERATED_FOLDERS) | {Path(path).stem for path in exports.DATA_FILES} | {"index"}
    assert names <= RESERVED_IDS


# --- messages in a terminal and in GitHub Actions ---------------------------------------------------


def test_a_file_name_cannot_forge_report_lines_or_reach_the_terminal_raw(built_base, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(built_base, project, symlinks=True)
    name = "evil\x1b]52;c;aGk=\x07\x1b[2J\n::error file=README.md,line=1::forged.yml"
    (project / "content" / "entities" / name).write_text("name: x\n", encoding="utf-8")
    code, output = run_build(project, capsys)
    assert code == 1
    assert "\x1b" not in output and "\x07" not in output
    assert not any(line.startswith("::error") for line in output.splitlines())
    assert (
        "content/entities/evil\\e]52;c;aGk=\\x07\\e[2J\\n::error file=README.md,line=1::forged.yml:1:1: error: file name "
        "'evil\\e]52;c;aGk=\\x07\\e[2J\\n::error file=README.md,line=1::forged.yml' is not a valid id (lowercase "
        "letters, digits and hyphens): rename it to 'evil-52-c-agk-2j-error-file-readme-md-line-1-forged.yml'"
    ) in output.splitlines()


def test_annotations_escape_what_the_workflow_command_format_requires():
    problems = [
        Problem(Position("content/a,b:c.yml", 3, 5), "100% wrong\r\nnext", "error"),
        Problem(Position("content/sources/x.yml"), "never cited", "warning"),
    ]
    assert workflow_annotations(problems).split("\n") == [
        "::error file=content/a%2Cb%3Ac.yml,line=3,col=5::100%25 wrong\\r\\nnext",
        "::warning file=content/sources/x.yml,line=1,col=1::never cited",
    ]


def test_check_prints_annotations_in_github_actions(built_base, tmp_path):
    project = project_with_case(built_base, tmp_path, "entities/c1-control-in-name")
    environment = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project), "check"],
        capture_output=True, text=True, env=environment,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/entities/c1-control-in-name.yml,line=2,col=14::name: contains U+0085 (a control character, "
        "invisible): replace it with an ordinary line break or a space"
    ]
    without = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(project), "check"],
        capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
    )
    assert "::error" not in without.stdout + without.stderr


def test_every_page_generated_from_the_real_content_has_its_front_matter_proven(built_project):
    pages = [
        path for folder in GENERATED_FOLDERS for path in sorted((built_project.docs_dir / folder).rglob("*.md"))
    ]
    assert len(pages) > 40
    for path in pages:
        relative = path.relative_to(built_project.root).as_posix()
        assert front_matter_problem(relative, path.read_text(encoding="utf-8")) is None, relative


def test_the_coverage_report_shows_article_text_without_its_controls(built_base, tmp_path, capsys):
    project = project_with_case(built_base, tmp_path, "sources/hostile-article-controls")
    assert build.main(["--project", str(project), "coverage"]) == 0
    output = capsys.readouterr().out
    assert "Controls in the article" in output
    assert "\x1b" not in output and "\x07" not in output and "\x85" not in output
    assert "Bell and escape \\[2J\\]52;c;YWxlcnQoOSk= clear the screen" in output


def test_a_report_of_several_lines_keeps_its_lines_and_escapes_the_rest():
    assert visible_lines("# Report\n- a\x1b[2Jb\r\n") == "# Report\n- a\\e[2Jb\\r\n"
