"""Finds every mention of an entity's name or aliases in the source bodies.

One Aho-Corasick automaton holds every spelling of every entity, so scanning costs the same
whether there are fifty aliases or five thousand. Matching uses the typographic folding of
quotes and ignores accents and Arabic vowel marks too (``typography.fold_name``), so
'Tinzaouatene' is 'Tinzaouatène'. A match counts when it is a whole word, or an Arabic word
behind its attached prefixes (وفاغنر, بالجيش, للجيش) or before an attached pronoun (قواتها);
where matches overlap the longest wins.

Letter case does not count, but for short all-caps acronyms ("CAR", "JNIM", "EI"), which must
match in capitals: in lower case most are words of some language ('car', 'ei'), and a text in
capitals that means the acronym writes it so. Their accents do not count ('CEDEAO' is 'CÉDÉAO').
"""

from __future__ import annotations

import bisect
from typing import Iterable, Iterator, NamedTuple

import ahocorasick

from ..content.model import Entity, Source
from ..text.typography import ARABIC_PREFIXES, ARABIC_SUFFIXES, FoldedText, fold_name, is_arabic_letter, name_key, without_accents
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


def named_within(mentions: list[Mention], source_id: str, paragraph: int, start: int, end: int, entity_id: str) -> bool:
    """Whether one of a source's mentions (in their order) names the entity within a span of a paragraph."""
    index = bisect.bisect_left(mentions, (source_id, paragraph, start))
    while index < len(mentions) and mentions[index].paragraph == paragraph and mentions[index].start < end:
        if mentions[index].entity_id == entity_id and mentions[index].end <= end:
            return True
        index += 1
    return False


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
        return list(_leftmost_longest(self._candidates(text, fold_name(text))))

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
        for start, end, entity_id in _leftmost_longest(self._candidates(folded.text, folded.names)):
            while index < last and starts[index + 1] <= start:
                index += 1
            offset = starts[index]
            mentions.append(Mention(source_id, paragraphs[index].number, start - offset, end - offset, entity_id))
        return mentions

    def _candidates(self, text: str, folded: FoldedText) -> list[tuple[int, int, str]]:
        """Every match that is a word as (start, -end, entity id) in ``text``, overlapping ones
        included: a whole word, or an Arabic one with what Arabic attaches to it.

        The end is negated so that plain tuple order is leftmost first, then longest.
        """
        # The hot loop of mention finding, run once per match: checks are written inline.
        haystack = folded.text
        length = len(haystack)
        same_offsets = folded.keeps_offsets
        candidates = []
        for end_index, (entity_id, key_length, exact, behind) in self._automaton.iter(haystack):
            start, end = end_index - key_length + 1, end_index + 1
            if (start > 0 and haystack[start - 1].isalnum()) or (end < length and haystack[end].isalnum()) or behind:
                # Not a whole word: it may still be an Arabic one, with what Arabic writes attached.
                if haystack[start] < "\u0620" or not _with_arabic_affixes(haystack, start, end, behind):
                    continue
            original_start, original_end = (start, end) if same_offsets else folded.original_span(start, end)
            if exact:  # an acronym's capitals, accents composed or not, or left out
                written = text[original_start:original_end]
                if written != exact and without_accents(written) != exact:
                    continue
            candidates.append((original_start, -original_end, entity_id))
        return candidates


def _with_arabic_affixes(text: str, start: int, end: int, behind: frozenset[str] | None) -> bool:
    """Whether an Arabic name found at text[start:end] is a word with what Arabic writes attached
    to it: a prefix before (one of ``behind``, when given), an attached pronoun after."""
    prefix = ""
    if start > 0 and text[start - 1].isalnum():
        prefix = _arabic_prefix(text, start)
        if prefix is None:
            return False
    if behind is not None and prefix not in behind:
        return False
    return not (end < len(text) and text[end].isalnum()) or _before_arabic_suffix(text, end)


def _arabic_prefix(text: str, start: int) -> str | None:
    """The Arabic prefix written before the word that starts at ``start`` (``typography.ARABIC_PREFIXES``);
    None when letters that are no such prefix come before it."""
    if not is_arabic_letter(text[start]):
        return None
    begin = start - 1
    while begin > 0 and start - begin < _LONGEST_PREFIX and text[begin - 1].isalnum():
        begin -= 1
    if begin > 0 and text[begin - 1].isalnum():
        return None
    prefix = text[begin:start]
    return prefix if prefix in ARABIC_PREFIXES else None


def _before_arabic_suffix(text: str, end: int) -> bool:
    """Whether the letters right after ``end``, to the end of the word, are an attached Arabic pronoun."""
    if not is_arabic_letter(text[end - 1]):
        return False
    stop = end + 1
    while stop < len(text) and stop - end < _LONGEST_SUFFIX and text[stop].isalnum():
        stop += 1
    return (stop == len(text) or not text[stop].isalnum()) and text[end:stop] in ARABIC_SUFFIXES


_LONGEST_PREFIX = max(map(len, ARABIC_PREFIXES))
_LONGEST_SUFFIX = max(map(len, ARABIC_SUFFIXES))
_AFTER_LAM = frozenset({"ل", "ول", "فل"})
"""The prefixes that end in the ل which, before the article ال, takes the place of its alef."""


Spellings = dict[str, tuple[str, int, str | None, frozenset[str] | None]]
"""Each folded spelling looked for → (entity id, its length, for an acronym the capitals the
original must show, the prefixes it must be written behind or None): a plain tuple, as the
scan unpacks one per match."""


def spellings(entities: Iterable[Entity]) -> Spellings:
    """Every spelling the mentions of these entities are found by, with what a match means."""
    words: Spellings = {}
    for entity in entities:
        words.update((key, value) for key, value in entity_spellings(entity) if key not in words)
    return words


def entity_spellings(entity: Entity) -> list[tuple[str, tuple[str, int, str | None, frozenset[str] | None]]]:
    """One entity's spellings, as ``spellings`` lists them. The first entity to claim a spelling
    keeps it (validate reports the clash); a spelling holding PARAGRAPH_BREAK is never looked for.

    An Arabic name with the article (الجيش) is also looked for as Arabic writes it after ل (للجيش)."""
    found = []
    for name in entity.names:
        key = name_key(name)
        if key and PARAGRAPH_BREAK not in key:
            found.append((key, (entity.id, len(key), _acronym(name), None)))
            if key.startswith("ال") and len(key) > 3:
                found.append((key[1:], (entity.id, len(key) - 1, None, _AFTER_LAM)))
    return found


def _acronym(name: str) -> str | None:
    name = without_accents(name.strip())
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
