"""Where an article's body is inside its raw text, and how it divides into paragraphs.

Pages saved from the web carry clutter (headers, comment widgets, other stories). Editors mark
the body with two verbatim phrases; only the body is shown, searched for mentions and quoted.
"""

from __future__ import annotations

import re

from ..text.typography import find_composed

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


class BodyNotFound(ValueError):
    """A start_after or end_before phrase that does not occur where it must."""


def body_span(text: str, start_after: str | None, end_before: str | None) -> tuple[int, int]:
    """(start, end) offsets of the body: after the first ``start_after``, before the next ``end_before``
    (either found with its accents composed or decomposed, as the article writes them)."""
    start = 0
    if start_after:
        found = find_composed(text, start_after)
        if found is None:
            raise BodyNotFound(f"body.start_after: '{start_after}' does not occur in the article text")
        start = found[1]
    end = len(text)
    if end_before:
        found = find_composed(text, end_before, start)
        if found is None:
            raise BodyNotFound(f"body.end_before: '{end_before}' does not occur after the body's start")
        end = found[0]
    return start, end


PARAGRAPH_STYLES = ("lines", "blank-lines")
"""How a body divides: each non-empty line is a paragraph, or blank lines separate paragraphs."""


def split_paragraphs(body: str, style: str = "lines") -> list[str]:
    """The paragraphs of a body, by the style the editor chose for this article.

    Text saved from web pages has one paragraph a line (sometimes with stray blank lines), so
    that is the default; hard-wrapped text needs "blank-lines". The choice is the editor's, as
    guessing would renumber paragraphs (and so break links) when an article is re-saved.
    """
    normalised = body.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _BLANK_LINE.split(normalised) if style == "blank-lines" else normalised.split("\n")
    return [block.strip() for block in blocks if block.strip()]
