"""Dropped hedges: a statement plainer than the sentence it cites.

When the source's sentence around a cited quote says "reportedly", "appears" or "according to",
a statement that sets neither ``certainty`` nor ``according_to`` has probably lost that on the
way from the article to the page. ``check`` warns; the editor decides (``certainty: stated``
records that the source does assert it). The words are those of the source's ``language``
(``hedge_words``: "selon", "aurait" in French, "بحسب", "أفادت" in Arabic).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..content.model import Citation, Source, Statement
from ..report import Problem
from ..text.sentences import sentence_span
from ..text.typography import ARABIC_PREFIXES, fold_name, is_arabic_letter, name_key
from .citations import Passage
from .hedge_words import CASE_SENSITIVE_HEDGES, DEFAULT_LANGUAGE, HEDGE_WORDS


def dropped_hedge(statement: Statement, passages: dict[Citation, Passage], sources: dict[str, Source]) -> Problem | None:
    """The warning for one statement, if it sets neither certainty nor according_to and its cited sentences hedge."""
    position, attribution, citations = statement.position, statement.attribution, statement.citations
    if attribution.is_marked:
        return None
    found: list[str] = []
    places: list[str] = []
    for citation in citations:
        passage = passages.get(citation)
        if passage is None:
            continue
        source = sources[citation.source_id]
        words = hedges_around(source.paragraphs[passage.paragraph - 1].text, passage, source.language)
        new = [word for word in words if word not in found]
        place = f"{citation.source_id}, paragraph {passage.paragraph}"
        if new:
            found += new
            if place not in places:
                places.append(place)
    if not found:
        return None
    return Problem(
        position,
        f"the cited sentence says {', '.join(repr(word) for word in found)} ({'; '.join(places)}) "
        "but this statement sets neither certainty nor according_to: add `certainty:` or "
        "`according_to:`, or `certainty: stated` if the source asserts it",
        "warning",
    )


def hedges_around(text: str, passage: Passage, language: str | None = None) -> list[str]:
    """The hedge words, as ``hedge_words`` lists them, in the sentences of ``text`` that hold the passage."""
    start, end = sentence_span(text, passage.start, passage.end)
    return hedge_words(text[start:end], language)


def hedge_words(sentence: str, language: str | None = None) -> list[str]:
    """The hedge and attribution words of a sentence in a language (a BCP 47 tag; English when
    None), each once, in order, as the language's list writes them. A language without a list
    has none."""
    pattern, listed, case_sensitive = _hedges((language or DEFAULT_LANGUAGE).split("-")[0].lower())
    if pattern is None:
        return []
    folded = fold_name(sentence)
    words: list[str] = []
    for match in pattern.finditer(folded.text):
        word = listed[match.group("word")]
        if word in case_sensitive and sentence[slice(*folded.original_span(*match.span("word")))] != word:
            continue
        if word not in words:
            words.append(word)
    return words


@lru_cache(maxsize=None)
def _hedges(language: str) -> tuple[re.Pattern[str] | None, dict[str, str], frozenset[str]]:
    """A language's hedge words as one expression (whole words, Arabic ones behind any prefix
    Arabic attaches), each word's folded form → the word, and the words that count in lower case only."""
    case_sensitive = CASE_SENSITIVE_HEDGES.get(language, ())
    listed = {name_key(word): word for word in (*HEDGE_WORDS.get(language, ()), *case_sensitive)}
    if not listed:
        return None, {}, frozenset()
    alternatives = "|".join(map(re.escape, sorted(listed, key=len, reverse=True)))
    start = r"(?<!\w)"
    if any(is_arabic_letter(word[0]) for word in listed):
        prefixes = "|".join(sorted(ARABIC_PREFIXES, key=len, reverse=True))
        start += rf"(?:(?:{prefixes})(?=[\u0620-\u06ff]))?"
    return re.compile(rf"{start}(?P<word>{alternatives})(?!\w)"), listed, frozenset(case_sensitive)
