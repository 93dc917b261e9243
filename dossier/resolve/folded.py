"""A source's body folded once, as one text, for quote location; and for mention finding, once more
where names fold further (accents, Arabic vowel marks)."""

from __future__ import annotations

import bisect

from ..content.model import Source
from ..text.typography import FoldedText, fold, fold_name

PARAGRAPH_BREAK = "\x00"
"""Joins the paragraphs. No paragraph holds it (files with NUL bytes are refused), and a quote
or name that holds it is never looked for, so no match can span two paragraphs."""


class FoldedSource:
    """A source's paragraphs joined by PARAGRAPH_BREAK, and that text folded.

    Folding and scanning one text per source, rather than one per paragraph, saves a Python
    call per paragraph: a quarter of a million of them in a 10,000-article corpus.
    """

    __slots__ = ("source", "text", "folded", "starts", "_names")

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
        self._names: FoldedText | None = None

    @property
    def names(self) -> FoldedText:
        """The joined text folded for finding names (``fold_name``): the same as ``folded`` unless
        the text has accents or Arabic vowel marks."""
        if self._names is None:
            self._names = fold_name(self.text, self.folded)
        return self._names

    def in_paragraph(self, start: int, end: int) -> tuple[int, int, int]:
        """(paragraph number, start, end) of a span of the joined original text, in its paragraph."""
        index = bisect.bisect_right(self.starts, start) - 1
        offset = self.starts[index]
        return self.source.paragraphs[index].number, start - offset, end - offset
