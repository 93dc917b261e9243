"""A source's body folded once, as one text, for both quote location and mention finding."""

from __future__ import annotations

import bisect

from ..model import Source
from ..typography import FoldedText, fold

PARAGRAPH_BREAK = "\x00"
"""Joins the paragraphs. No paragraph holds it (files with NUL bytes are refused), and a quote
or name that holds it is never looked for, so no match can span two paragraphs."""


class FoldedSource:
    """A source's paragraphs joined by PARAGRAPH_BREAK, and that text folded.

    Folding and scanning one text per source, rather than one per paragraph, saves a Python
    call per paragraph: a quarter of a million of them in a 10,000-article corpus.
    """

    __slots__ = ("source", "text", "folded", "starts")

    def __init__(self, source: Source):
        self.source = source
        self.text = PARAGRAPH_BREAK.join(paragraph.text for paragraph in source.paragraphs)
        """The joined original text."""
        self.folded: FoldedText = fold(self.text)
        starts, offset = [], 0
        for paragraph in source.paragraphs:
            starts.append(offset)
            offset += len(paragraph.text) + len(PARAGRAPH_BREAK)
        self.starts = starts
        """Where each paragraph starts in the joined original text."""

    def in_paragraph(self, start: int, end: int) -> tuple[int, int, int]:
        """(paragraph number, start, end) of a span of the joined original text, in its paragraph."""
        index = bisect.bisect_right(self.starts, start) - 1
        offset = self.starts[index]
        return self.source.paragraphs[index].number, start - offset, end - offset
