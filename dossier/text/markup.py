"""Turning editor and corpus text into Markdown or HTML that cannot carry markup of its own.

Python-Markdown passes raw HTML, event-handler attributes and ``javascript:`` links straight
through, and Jinja2 does not escape ``.md`` templates. So every string from content reaches a
page through one of these functions, and templates escape anything else by default.
"""

from __future__ import annotations

import html
import json
import re
from typing import Callable
from urllib.parse import quote as percent_encode

from .characters import neutralise
from .language_tags import language_attributes
from .prose import ProseLink, prose_links


class Md(str):
    """Markdown that is safe to put on a page as it is: built here, never from raw content."""


# The characters Python-Markdown treats as syntax and lets a backslash escape.
_BACKSLASHED = set("\\`*_{}[]()#+-.!")
# Characters that would start HTML or an entity, or split a table cell.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
_WHITESPACE = re.compile(r"\s+")


def text(value: str) -> Md:
    """Any string as inert inline Markdown: shown exactly as written, on one line.

    Controls and invisible characters are dropped (editors' text cannot hold them; article
    text, kept as received, can)."""
    return Md(_inert_start(_WHITESPACE.sub(" ", neutralise(value)).translate(_TEXT_ESCAPES)))


def _inert_start(line: str) -> str:
    # Where a line starts, '???' opens a collapsible block (pymdownx.details); '?' has no
    # backslash escape. ('*', '_', '-', '+', '#' and digits followed by '.' are escaped already.)
    return "&#63;" + line[1:] if line.startswith("?") else line


def _escapes(backslashed: set[str]) -> dict[int, str]:
    # A translation table: one pass in C, where a generator over characters cost a fifth of
    # page generation on a 10,000-source corpus.
    return str.maketrans({**{c: "\\" + c for c in backslashed}, **_ENTITIES})


_TEXT_ESCAPES = _escapes(_BACKSLASHED)


def prose(value: str, link: Callable[[str, str | None], Md], paragraphs: bool = False) -> Md:
    """Editor Markdown: emphasis kept, [[id]] links made by ``link(id, label)``, all else inert.

    With ``paragraphs``, blank lines separate paragraphs; otherwise the result is one line.
    """
    blocks = re.split(r"\n\s*\n", value.strip()) if paragraphs else [value]
    return Md("\n\n".join(_prose_line(block, link) for block in blocks if block.strip()))


def _prose_line(value: str, link: Callable[[str, str | None], Md]) -> str:
    value = _WHITESPACE.sub(" ", neutralise(value)).strip()
    links = prose_links(value)
    markup = [(found.offset, found.end, link(found.target_id, found.label)) for found in links]
    if "*" in value or "_" in value:
        markup += _emphasis(value, _delimiter_runs(value, links))
    pieces, position = [], 0
    for start, end, made in sorted(markup):
        pieces += [value[position:start].translate(_TEXT_ESCAPES), made]
        position = end
    pieces.append(value[position:].translate(_TEXT_ESCAPES))
    return _inert_start("".join(pieces))


# Editors may write *emphasis*, **strong** and ***both*** (or with '_'). Dossier pairs the
# delimiters itself and writes each pair as HTML tags, so Markdown never sees a delimiter:
# Python-Markdown's own pairing nests without limit ('*a *a *a … a* a* a*', or 3,000 '*' on
# either side of a word), and some hundred levels deep MkDocs fails with a RecursionError.
MAX_EMPHASIS_NESTING = 2
"""Pairs inside pairs, at most (**strong with *emphasis* inside**); deeper ones are shown as typed."""
_DELIMITER_RUN = re.compile(r"\*+|_+")
_EMPHASIS_TAGS = {1: ("<em>", "</em>"), 2: ("<strong>", "</strong>"), 3: ("<strong><em>", "</em></strong>")}


def _delimiter_runs(value: str, links: list[ProseLink]) -> list[re.Match[str]]:
    """The runs of '*' or '_' outside [[links]]."""
    runs, position = [], 0
    for found in [*links, None]:
        end = found.offset if found else len(value)
        runs += _DELIMITER_RUN.finditer(value, position, end)
        position = found.end if found else end
    return runs


def _emphasis(value: str, runs: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    """(start, end, HTML tag) of each delimiter run that opens or closes emphasis.

    As in Markdown, a run opens before a non-space and closes after one, a closing run pairs with
    the nearest open run of the same delimiters (those opened after it stay as typed), and '_'
    inside a word (snake_case) is no delimiter. Unlike Markdown, runs pair only with their like,
    and only MAX_EMPHASIS_NESTING deep."""
    tags, open_runs = [], []
    for run in runs:
        delimiters = run.group()
        if len(delimiters) not in _EMPHASIS_TAGS:
            continue
        before = value[run.start() - 1] if run.start() > 0 else " "
        after = value[run.end()] if run.end() < len(value) else " "
        underscore = delimiters[0] == "_"
        can_open = not after.isspace() and not (underscore and before.isalnum())
        can_close = not before.isspace() and not (underscore and after.isalnum())
        like = [index for index, opened in enumerate(open_runs) if opened.group() == delimiters]
        if can_close and like:
            opened = open_runs[like[-1]]
            del open_runs[like[-1] :]
            opening, closing = _EMPHASIS_TAGS[len(delimiters)]
            tags += [(opened.start(), opened.end(), opening), (run.start(), run.end(), closing)]
        elif can_open and len(open_runs) < MAX_EMPHASIS_NESTING:
            open_runs.append(run)
    return tags


def markdown_link(label: Md, target: str) -> Md:
    """A Markdown link to a page of this site or an http(s) address already checked by the schema."""
    return Md(f"[{label}]({percent_encode(target, safe=':/?#@!$&*+,;=%~')})")


def text_fragment_url(url: str, words: str) -> str:
    """The address of a passage in a web page: a Text Fragment (``#:~:text=``), which browsers that
    support it scroll to and highlight. A long passage is given by its first and last words. It
    starts and ends on letters or digits: quotation marks around a quote are often other
    characters, or spaced otherwise, on the publisher's page ('«\u202fNous' for '"Nous')."""
    words = " ".join(_OUTER_PUNCTUATION.sub("", words).split()) or " ".join(words.split())
    pieces = words.split(" ")
    directive = _fragment_part(words)
    if len(pieces) > 2 * _FRAGMENT_WORDS:
        start, end = " ".join(pieces[:_FRAGMENT_WORDS]), " ".join(pieces[-_FRAGMENT_WORDS:])
        directive = f"{_fragment_part(start)},{_fragment_part(end)}"
    return f"{url.split('#', 1)[0]}#:~:text={directive}"


_FRAGMENT_WORDS = 5
_OUTER_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


def _fragment_part(value: str) -> str:
    # Percent-encode everything but unreserved characters, and '-' as well: in a text directive
    # '-', ',' and '&' are syntax.
    return percent_encode(value, safe="").replace("-", "%2D")


def html_text(value: str) -> str:
    """Any string as HTML text or attribute value, without controls or invisible characters."""
    return html.escape(neutralise(value), quote=True)


def in_language(value: Md, tag: str | None, plain: str = "") -> Md:
    """Markdown (or HTML) ``value`` in a span that says its language; ``plain``: its text."""
    attributes = language_attributes(tag, plain)
    return Md(f"<span{attributes}>{value}</span>") if attributes else value


# MkDocs and Material print front-matter values into the page without escaping (and
# ``striptags`` would undo any entity), so characters that could open a tag, an entity or
# leave an attribute are replaced by look-alikes there, and only there.
_FRONT_MATTER_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "\\": "∖"})


def front_matter(value: str) -> Md:
    """A page title or description for YAML front matter: one quoted line that cannot be markup."""
    plain = _WHITESPACE.sub(" ", neutralise(value)).strip().translate(_FRONT_MATTER_LOOKALIKES)
    return Md(json.dumps(plain, ensure_ascii=False))
