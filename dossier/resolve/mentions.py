"""Finds every mention of an entity's name or aliases in the source bodies.

One Aho-Corasick automaton holds every spelling of every entity, so scanning costs the same
whether there are fifty aliases or five thousand. Matching uses the same typographic folding
as quotes; a match counts when it is a whole word, and where matches overlap the longest wins.
Short all-caps acronyms ("CAR", "JNIM") must match in capitals, so "car" is not a country.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import ahocorasick

from ..model import Entity, Source
from ..typography import fold, fold_words

MAX_ACRONYM_LENGTH = 6


@dataclass(frozen=True)
class Mention:
    """An entity named in a paragraph of a source: the span is in the paragraph's original text."""

    source_id: str
    paragraph: int
    start: int
    end: int
    entity_id: str

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph}"


@dataclass(frozen=True)
class _Spelling:
    entity_id: str
    length: int
    exact: str | None
    """For acronyms, the capitals the original text must show; None when case does not matter."""


class MentionFinder:
    """Built once from all entities, then asked about any number of texts."""

    def __init__(self, entities: Iterable[Entity]):
        self._automaton = ahocorasick.Automaton()
        for entity in entities:
            for name in entity.names:
                key = fold_words(name)
                # The first entity to claim a spelling keeps it; validate reports the clash.
                if key and key not in self._automaton:
                    self._automaton.add_word(key, _Spelling(entity.id, len(key), _acronym(name)))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every mention in ``text``, in order, never overlapping."""
        if self._empty:
            return []
        folded = fold(text)
        haystack = folded.text
        candidates = []
        for end_index, spelling in self._automaton.iter(haystack):
            start, end = end_index - spelling.length + 1, end_index + 1
            if not _whole_word(haystack, start, end):
                continue
            original_start, original_end = folded.original_span(start, end)
            if spelling.exact and text[original_start:original_end] != spelling.exact:
                continue
            candidates.append((original_start, original_end, spelling.entity_id))
        return _leftmost_longest(candidates)

    def in_sources(self, sources: Iterable[Source]) -> list[Mention]:
        """Every mention in every paragraph of the given sources."""
        return [
            Mention(source.id, paragraph.number, start, end, entity_id)
            for source in sources
            for paragraph in source.paragraphs
            for start, end, entity_id in self.find(paragraph.text)
        ]


def _acronym(name: str) -> str | None:
    letters = [c for c in name if c.isalpha()]
    if letters and len(name) <= MAX_ACRONYM_LENGTH and all(c.isupper() for c in letters):
        return name
    return None


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _leftmost_longest(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    chosen: list[tuple[int, int, str]] = []
    last_end = -1
    for start, end, entity_id in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if start >= last_end:
            chosen.append((start, end, entity_id))
            last_end = end
    return chosen
