"""Finds each quote in its source's body, ignoring typography, and records the paragraph."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..model import Citation, Source
from ..report import Problem
from ..schema import MIN_QUOTE_WORDS
from ..typography import fold, fold_typography, fold_words
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


def locate_in(folded: FoldedSource, citations: Iterable[Citation]) -> dict[Citation, Passage | str]:
    """For each citation of this source whose quote is found in it: its passage, or why the quote
    is refused (see ``match_quote``). Citations whose quote is not there at all are left out."""
    matches = {}
    for citation in citations:
        match = match_quote(citation, folded)
        if match is not None:
            matches[citation] = match
    return matches


def located(
    citations: list[Citation], found: dict[Citation, Passage | str], sources: dict[str, Source]
) -> tuple[dict[Citation, Passage], list[Problem]]:
    """The passages found, in the citations' order, and a problem for each citation not found or refused."""
    passages: dict[Citation, Passage] = {}
    problems: list[Problem] = []
    for citation in citations:
        match = found.get(citation)
        if isinstance(match, Passage):
            passages[citation] = match
            continue
        if isinstance(match, str):
            problems.append(Problem(citation.position, match))
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
    spans = _occurrences(fold_words(quote), folded)
    return _passage(folded, spans[0]) if spans else None


def match_quote(citation: Citation, folded: FoldedSource) -> Passage | str | None:
    """The one passage a citation's quote stands for; None when the quote is not in the source;
    the reason, when it is there but refused.

    A quote must be whole words of the source, with the source's letter case (typography aside),
    at least MIN_QUOTE_WORDS long, and occur once, or be picked out by the citation's
    ``paragraph``, ``prefix`` and ``suffix``, as a W3C Web Annotation TextQuoteSelector is.
    """
    spans = _occurrences(fold_words(citation.quote), folded)
    if not spans:
        return None
    shown = _shown(citation.quote)
    whole = [span for span in spans if _on_word_boundaries(folded.text, *span)]
    count = len(citation.quote.split())
    if count < MIN_QUOTE_WORDS or not whole:
        problem = f"quote {shown} is {count} word{'s' if count > 1 else ''}" if count < MIN_QUOTE_WORDS else f"quote {shown}"
        if not whole:
            number, words = _place(folded, _widened_to_words(folded.text, *spans[0]))
            problem += f"{' and' if count < MIN_QUOTE_WORDS else ''} cuts words in two: in {folded.source.id} it is part of \"{words}\" (paragraph {number})"
        return f"{problem}. Quote at least {MIN_QUOTE_WORDS} whole words of the source, enough to show what the statement rests on"
    wanted = fold_typography(citation.quote)
    cased = [span for span in whole if fold_typography(folded.text[span[0] : span[1]]) == wanted]
    if not cased:
        number, words = _place(folded, whole[0])
        return (
            f"quote {shown} does not match the letter case of {folded.source.id}, paragraph {number}: "
            f"\"{words}\". Copy the words exactly, capitals included"
        )
    picked = [span for span in cased if _fits(citation, folded, span)]
    if len(picked) == 1:
        return _passage(folded, picked[0])
    if not picked:
        return (
            f"quote {shown} occurs in {folded.source.id} at {_places(folded, cased)}, but at no place "
            f"that fits {_selectors(citation)}: correct or remove them"
        )
    return (
        f"quote {shown} occurs {len(picked)} times in {folded.source.id}: {_places(folded, picked)}. "
        "Pick one: lengthen the quote, or add 'paragraph:' with its paragraph number, or 'prefix:' or "
        "'suffix:' with the words right before or after it"
    )


def _occurrences(needle: str, folded: FoldedSource) -> list[tuple[int, int]]:
    """Every span of the joined original text whose folded form is the folded quote."""
    if not needle or PARAGRAPH_BREAK in needle:
        return []
    text, spans = folded.folded.text, []
    found = text.find(needle)
    while found >= 0:
        spans.append(folded.folded.original_span(found, found + len(needle)))
        found = text.find(needle, found + 1)
    return spans


def _passage(folded: FoldedSource, span: tuple[int, int]) -> Passage:
    number, start, end = folded.in_paragraph(*span)
    return Passage(folded.source.id, number, start, end)


def _is_word_character(character: str) -> bool:
    return character.isalnum()


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True unless the span starts or ends in the middle of a word."""
    starts_inside = start > 0 and _is_word_character(text[start]) and _is_word_character(text[start - 1])
    ends_inside = end < len(text) and _is_word_character(text[end - 1]) and _is_word_character(text[end])
    return not (starts_inside or ends_inside)


def _widened_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and _is_word_character(text[start - 1]):
        start -= 1
    while end < len(text) and _is_word_character(text[end]):
        end += 1
    return start, end


def _fits(citation: Citation, folded: FoldedSource, span: tuple[int, int]) -> bool:
    """Whether one place of the quote agrees with the citation's paragraph, prefix and suffix."""
    number, start, end = folded.in_paragraph(*span)
    text = folded.source.paragraphs[number - 1].text
    if citation.paragraph is not None and citation.paragraph != number:
        return False
    if citation.prefix is not None and not fold(text[:start]).text.rstrip().endswith(fold_words(citation.prefix)):
        return False
    if citation.suffix is not None and not fold(text[end:]).text.lstrip().startswith(fold_words(citation.suffix)):
        return False
    return True


def _selectors(citation: Citation) -> str:
    given = []
    if citation.paragraph is not None:
        given.append(f"paragraph: {citation.paragraph}")
    if citation.prefix is not None:
        given.append(f"prefix: {_shown(citation.prefix)}")
    if citation.suffix is not None:
        given.append(f"suffix: {_shown(citation.suffix)}")
    return ", ".join(given)


_CONTEXT_WORDS = 4
_PLACES_SHOWN = 3


def _place(folded: FoldedSource, span: tuple[int, int]) -> tuple[int, str]:
    """The paragraph number of a span and its words as the source writes them."""
    number, start, end = folded.in_paragraph(*span)
    return number, _shorten(folded.source.paragraphs[number - 1].text[start:end], 80)


def _places(folded: FoldedSource, spans: list[tuple[int, int]]) -> str:
    """Where each span is: its paragraph and a few words around it, the quote in [brackets]."""
    shown = []
    for span in spans[:_PLACES_SHOWN]:
        number, start, end = folded.in_paragraph(*span)
        text = folded.source.paragraphs[number - 1].text
        before = " ".join(text[:start].split()[-_CONTEXT_WORDS:])
        after = " ".join(text[end:].split()[:_CONTEXT_WORDS])
        # Keep the source's spacing at the quote's edges: 'support].' stays, 'is [clearly' too.
        before += " " if before and text[:start][-1:].isspace() else ""
        after = (" " if after and text[end:][:1].isspace() else "") + after
        words = f"{before}[{_shorten(text[start:end], 60)}]{after}"
        opening = "…" if len(text[:start].split()) > _CONTEXT_WORDS else ""
        closing = "…" if len(text[end:].split()) > _CONTEXT_WORDS else ""
        shown.append(f'paragraph {number} ("{opening}{words}{closing}")')
    if len(spans) > _PLACES_SHOWN:
        shown.append(f"{len(spans) - _PLACES_SHOWN} more")
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


def _shown(quote: str) -> str:
    return f'"{_shorten(quote, 60)}"'


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
