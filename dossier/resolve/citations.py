"""Finds each quote in its source's body, ignoring typography, and records the paragraph."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..model import Citation, Source
from ..report import Problem
from ..typography import fold, fold_words
from .folded import PARAGRAPH_BREAK, FoldedSource


@dataclass(frozen=True, slots=True)
class Passage:
    """Where a quote sits: a paragraph of a source, and the quote's span in that paragraph's text."""

    source_id: str
    paragraph: int
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph}"


def locate_citations(
    citations: Iterable[Citation], sources: dict[str, Source]
) -> tuple[dict[Citation, Passage], list[Problem]]:
    """The passage of every citation whose quote is found; a problem for every other one.

    Citations of unknown sources are skipped: ``validate`` reports those.
    """
    citations = [citation for citation in citations if citation.source_id in sources]
    by_source: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations:
        by_source[citation.source_id].append(citation)
    found: dict[Citation, Passage] = {}
    for source_id, cited in by_source.items():
        found.update(locate_in(FoldedSource(sources[source_id]), cited))
    return located(citations, found, sources)


def locate_in(folded: FoldedSource, citations: Iterable[Citation]) -> dict[Citation, Passage]:
    """The passages of the citations (all of this source) whose quote is found in it."""
    passages = {}
    for citation in citations:
        passage = find_quote(citation.quote, folded)
        if passage:
            passages[citation] = passage
    return passages


def located(
    citations: list[Citation], found: dict[Citation, Passage], sources: dict[str, Source]
) -> tuple[dict[Citation, Passage], list[Problem]]:
    """The passages found, in the citations' order, and a problem for each citation not found."""
    passages: dict[Citation, Passage] = {}
    problems: list[Problem] = []
    for citation in citations:
        if citation in found:
            passages[citation] = found[citation]
            continue
        source = sources[citation.source_id]
        number, words = _closest(citation.quote, source)
        problems.append(
            Problem(
                citation.position,
                f"quote not found in {source.id}. Closest passage (paragraph {number}): "
                f"\"{words}\". Copy the words exactly from {source.text_path}",
            )
        )
    return passages, problems


def find_quote(quote: str, folded: FoldedSource) -> Passage | None:
    """The first passage, within one paragraph, whose folded text contains the folded quote."""
    needle = fold_words(quote)
    if not needle or PARAGRAPH_BREAK in needle:
        return None
    found = folded.folded.text.find(needle)
    if found < 0:
        return None
    start, end = folded.folded.original_span(found, found + len(needle))
    number, start, end = folded.in_paragraph(start, end)
    return Passage(folded.source.id, number, start, end)


@lru_cache(maxsize=256)
def _closest(quote: str, source: Source) -> tuple[int, str]:
    """The paragraph number and words of the source nearest to a quote that was not found."""
    needle = fold_words(quote)
    best_number, best_text, best_score = 1, "", -1.0
    for paragraph in source.paragraphs:
        haystack = fold_words(paragraph.text)
        matcher = difflib.SequenceMatcher(None, haystack, needle, autojunk=False)
        match = matcher.find_longest_match(0, len(haystack), 0, len(needle))
        # Align a window the quote's length on the longest run the two share; score it, then
        # show a little more, cut at word boundaries, since the quote may have lost or gained words.
        aligned = max(0, match.a - match.b)
        score = difflib.SequenceMatcher(None, haystack[aligned : aligned + len(needle)], needle, autojunk=False).ratio()
        window = _whole_words(haystack, aligned - _MARGIN, aligned + len(needle) + _MARGIN)
        if score > best_score:
            best_number, best_text, best_score = paragraph.number, window, score
    return best_number, _shorten(_original_words(source, best_number, best_text))


_MARGIN = 20


def _whole_words(text: str, start: int, end: int) -> str:
    start, end = max(0, start), min(len(text), end)
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end].strip()


def _original_words(source: Source, number: int, folded_window: str) -> str:
    # Show the editor the source's own typography, not the folded form.
    folded = fold(source.paragraphs[number - 1].text)
    found = folded.text.find(folded_window)
    if found < 0 or not folded_window:
        return folded_window
    start, end = folded.original_span(found, found + len(folded_window))
    return source.paragraphs[number - 1].text[start:end]


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
