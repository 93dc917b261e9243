"""Finds every mention of an entity's name or aliases in the source bodies.

One Aho-Corasick automaton holds every spelling of every entity, so scanning costs the same
whether there are fifty aliases or five thousand. Matching uses the same typographic folding
as quotes; a match counts when it is a whole word, and where matches overlap the longest wins.
Short all-caps acronyms ("CAR", "JNIM") must match in capitals, so "car" is not a country.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, Iterator, NamedTuple

import ahocorasick

from ..model import Entity, Source
from ..typography import FoldedText, fold, fold_words
from .folded import PARAGRAPH_BREAK, FoldedSource

MAX_ACRONYM_LENGTH = 6


class Mention(NamedTuple):
    """An entity named in a paragraph of a source: the span is in the paragraph's original text.

    A named tuple rather than a frozen dataclass: a corpus has hundreds of thousands of
    mentions, and a tuple is made in less than half the time.
    """

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

    def __init__(self, entities: Iterable[Entity], words: Spellings | None = None):
        """``words``, when given, are ``spellings(entities)`` worked out already."""
        self._automaton = ahocorasick.Automaton()
        for key, value in (spellings(entities) if words is None else words).items():
            self._automaton.add_word(key, value)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of every mention in ``text``, in order, never overlapping."""
        if self._empty:
            return []
        return list(_leftmost_longest(self._candidates(text, fold(text))))

    def in_sources(self, sources: Iterable[Source]) -> list[Mention]:
        """Every mention in every paragraph of the given sources."""
        return [mention for source in sources for mention in self.in_source(FoldedSource(source))]

    def in_source(self, folded: FoldedSource) -> list[Mention]:
        """Every mention in every paragraph of one source, folded."""
        if self._empty:
            return []
        source_id, paragraphs, starts = folded.source.id, folded.source.paragraphs, folded.starts
        last = len(starts) - 1
        index = 0
        mentions = []
        # Mentions come in text order, so the paragraph holding each is found walking forward.
        for start, end, entity_id in _leftmost_longest(self._candidates(folded.text, folded.folded)):
            while index < last and starts[index + 1] <= start:
                index += 1
            offset = starts[index]
            mentions.append(Mention(source_id, paragraphs[index].number, start - offset, end - offset, entity_id))
        return mentions

    def _candidates(self, text: str, folded: FoldedText) -> list[tuple[int, int, str]]:
        """Every whole-word match as (start, -end, entity id) in ``text``, overlapping ones included.

        The end is negated so that plain tuple order is leftmost first, then longest.
        """
        # The hot loop of mention finding, run once per match: checks are written inline.
        haystack = folded.text
        length = len(haystack)
        same_offsets = folded.keeps_offsets
        candidates = []
        for end_index, (entity_id, key_length, exact) in self._automaton.iter(haystack):
            start, end = end_index - key_length + 1, end_index + 1
            if (start > 0 and haystack[start - 1].isalnum()) or (end < length and haystack[end].isalnum()):
                continue
            original_start, original_end = (start, end) if same_offsets else folded.original_span(start, end)
            if exact:  # an acronym's capitals, accents composed or not
                written = text[original_start:original_end]
                if written != exact and unicodedata.normalize("NFC", written) != exact:
                    continue
            candidates.append((original_start, -original_end, entity_id))
        return candidates


Spellings = dict[str, tuple[str, int, str | None]]
"""Each folded spelling looked for → (entity id, its length, for an acronym the capitals the
original must show): a plain tuple, as the scan unpacks one per match."""


def spellings(entities: Iterable[Entity]) -> Spellings:
    """Every spelling the mentions of these entities are found by, with what a match means."""
    words: Spellings = {}
    for entity in entities:
        words.update((key, value) for key, value in entity_spellings(entity) if key not in words)
    return words


def entity_spellings(entity: Entity) -> list[tuple[str, tuple[str, int, str | None]]]:
    """One entity's spellings, as ``spellings`` lists them. The first entity to claim a spelling
    keeps it (validate reports the clash); a spelling holding PARAGRAPH_BREAK is never looked for."""
    found = []
    for name in entity.names:
        key = fold_words(name)
        if key and PARAGRAPH_BREAK not in key:
            found.append((key, (entity.id, len(key), _acronym(name))))
    return found


def _acronym(name: str) -> str | None:
    name = unicodedata.normalize("NFC", name)
    letters = [c for c in name if c.isalpha()]
    if letters and len(name) <= MAX_ACRONYM_LENGTH and all(c.isupper() for c in letters):
        return name
    return None


def _leftmost_longest(candidates: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, entity id) of the leftmost, then longest, candidates that do not overlap."""
    candidates.sort()
    last_end = -1
    for start, negative_end, entity_id in candidates:
        if start >= last_end:
            last_end = -negative_end
            yield start, last_end, entity_id
