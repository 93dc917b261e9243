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
from ..typography import FoldedText, fold, fold_words
from .folded import FoldedSources

MAX_ACRONYM_LENGTH = 6


@dataclass(frozen=True, slots=True)
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


class MentionFinder:
    """Built once from all entities, then asked about any number of texts."""

    def __init__(self, entities: Iterable[Entity]):
        self._automaton = ahocorasick.Automaton()
        for entity in entities:
            for name in entity.names:
                key = fold_words(name)
                # The first entity to claim a spelling keeps it; validate reports the clash.
                if key and key not in self._automaton:
                    # (entity id, length, for acronyms the capitals the original must show):
                    # a plain tuple, as the scan unpacks one per match.
                    self._automaton.add_word(key, (entity.id, len(key), _acronym(name)))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every mention in ``text``, in order, never overlapping."""
        if self._empty:
            return []
        return self._find(text, fold(text))

    def _find(self, text: str, folded: FoldedText) -> list[tuple[int, int, str]]:
        # The hot loop of mention finding: one pass per match, so checks are inlined.
        haystack = folded.text
        length = len(haystack)
        same_offsets = folded.keeps_offsets
        candidates = []
        for end_index, (entity_id, key_length, exact) in self._automaton.iter(haystack):
            start, end = end_index - key_length + 1, end_index + 1
            # Whole words only.
            if (start > 0 and haystack[start - 1].isalnum()) or (end < length and haystack[end].isalnum()):
                continue
            original_start, original_end = (start, end) if same_offsets else folded.original_span(start, end)
            if exact and text[original_start:original_end] != exact:
                continue
            candidates.append((original_start, original_end, entity_id))
        return _leftmost_longest(candidates) if len(candidates) > 1 else candidates

    def in_sources(self, sources: Iterable[Source], folded: FoldedSources | None = None) -> list[Mention]:
        """Every mention in every paragraph of the given sources.

        ``folded`` may hold the sources' paragraphs already folded (for quotes), so each is
        folded once.
        """
        if self._empty:
            return []
        mentions = []
        for source in sources:
            texts = folded.paragraphs(source.id) if folded else [fold(p.text) for p in source.paragraphs]
            for paragraph, folded_text in zip(source.paragraphs, texts):
                for start, end, entity_id in self._find(paragraph.text, folded_text):
                    mentions.append(Mention(source.id, paragraph.number, start, end, entity_id))
        return mentions


def _acronym(name: str) -> str | None:
    letters = [c for c in name if c.isalpha()]
    if letters and len(name) <= MAX_ACRONYM_LENGTH and all(c.isupper() for c in letters):
        return name
    return None


def _leftmost_longest(candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    chosen: list[tuple[int, int, str]] = []
    last_end = -1
    # Sorting (start, -end) tuples needs no key function: leftmost first, then longest.
    for start, negative_end, entity_id in sorted([(start, -end, entity_id) for start, end, entity_id in candidates]):
        if start >= last_end:
            chosen.append((start, -negative_end, entity_id))
            last_end = -negative_end
    return chosen
