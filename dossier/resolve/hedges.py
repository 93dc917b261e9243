"""Dropped hedges: a statement plainer than the sentence it cites.

When the source's sentence around a cited quote says "reportedly", "appears" or "according to",
a statement that sets neither ``certainty`` nor ``according_to`` has probably lost that on the
way from the article to the page. ``check`` warns; the editor decides (``certainty: stated``
records that the source does assert it).
"""

from __future__ import annotations

import re

from ..model import Citation, Source, Statement
from ..report import Problem
from .citations import Passage

_HEDGE_WORDS = (
    "reportedly", "reported", "reports", "according to", "appears", "appeared", "apparently", "seems",
    "seemed", "seemingly", "allegedly", "alleged", "alleges", "claimed", "claims", "claim", "said", "says",
    "say", "told", "sources", "source", "might", "could", "suggests", "suggested", "suggest", "likely",
    "unlikely", "possibly", "probably", "perhaps", "believed", "purportedly", "unconfirmed", "unverified",
    "not verified", "not be verified", "not independently verified",
)  # fmt: skip
_HEDGES = re.compile(
    r"\b(?:(?i:" + "|".join(sorted(map(re.escape, _HEDGE_WORDS), key=len, reverse=True)) + r")|may)\b"
)
"""Hedge and attribution words, any case; 'may' in lower case only, so the month is not one."""
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")


def dropped_hedge(statement: Statement, passages: dict[Citation, Passage], sources: dict[str, Source]) -> Problem | None:
    """The warning for one statement, if it sets neither certainty nor according_to and its cited sentences hedge."""
    position, attribution, citations = statement.position, statement.attribution, statement.citations
    if attribution:
        return None
    found: list[str] = []
    places: list[str] = []
    for citation in citations:
        passage = passages.get(citation)
        if passage is None:
            continue
        words = hedges_around(sources[citation.source_id].paragraphs[passage.paragraph - 1].text, passage)
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


def hedges_around(text: str, passage: Passage) -> list[str]:
    """The hedge words, lower case, in the sentences of ``text`` that hold the passage."""
    start = 0
    for end in _SENTENCE_END.finditer(text, 0, passage.start):
        start = end.end()
    stop = _SENTENCE_END.search(text, max(passage.start, passage.end - 1))  # a quote may end its sentence
    return hedge_words(text[start : stop.end() if stop else len(text)])


def hedge_words(sentence: str) -> list[str]:
    """The hedge and attribution words of a sentence, lower case, each once, in order."""
    words: list[str] = []
    for match in _HEDGES.finditer(sentence):
        word = " ".join(match.group().lower().split())
        if word not in words:
            words.append(word)
    return words

