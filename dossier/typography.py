"""Typographic folding: the one definition of 'the same words' for quotes and mentions.

Sources and editors type the same words differently: curly or straight quotes, a hyphen or an
en dash, one space or a line break, an accented letter as one character or as a letter and a
combining accent (Unicode's composed NFC and decomposed NFD forms, which look the same). ``fold``
maps all of those to one form and remembers where each folded character came from, so a match
in folded text can be traced back to the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from .characters import REFUSED_CHARACTERS

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4\u0060"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000"

# Every entry maps one character to one character, so translation keeps offsets.
_TYPOGRAPHY = str.maketrans(
    {
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
        **{c: " " for c in _SPACES},
    }
)
_TYPOGRAPHIC = re.compile("[" + re.escape("".join(map(chr, _TYPOGRAPHY))) + "]")
_TYPOGRAPHIC_TO_PLAIN = {chr(code): plain for code, plain in _TYPOGRAPHY.items()}
# Invisible characters, which pages leave out of article text and editors cannot type (see
# ``characters``); all but NUL, which joins paragraphs in ``resolve`` and no article holds.
_INVISIBLE = REFUSED_CHARACTERS.replace("\x00-", "\x01-", 1)
# Runs of white space that are not already a single plain space, and invisible characters.
_WHITESPACE_TO_COLLAPSE = re.compile(rf"[\s{_INVISIBLE}]{{2,}}|[^\S ]|[{_INVISIBLE}]")
# Finding nothing to collapse is much cheaper with this and a substring test than with the above.
_NOT_A_PLAIN_SPACE = re.compile(rf"[^\S ]|[{_INVISIBLE}]")
_ANY_SPACE = re.compile(r"\s")
_INVISIBLE_NOT_SPACE = re.compile(rf"(?!\s)[{_INVISIBLE}]")


@dataclass(frozen=True)
class Composed:
    """Text in composed form (NFC), with the way back to offsets in the original it was made from.

    The text is cut into pieces: stretches that were composed already, whose offsets run on from
    the original's, and clusters that composition changed (a letter and its combining accents),
    each of whose characters stands for the whole cluster of the original."""

    text: str
    _starts: tuple[int, ...]
    _original_starts: tuple[int, ...]
    _changed: tuple[bool, ...]

    def original_start(self, offset: int) -> int:
        """Where the character at this offset of the text starts in the original."""
        piece = bisect.bisect_right(self._starts, offset) - 1
        start = self._original_starts[piece]
        return start if self._changed[piece] else start + (offset - self._starts[piece])

    def original_end(self, offset: int) -> int:
        """Where the character at this offset of the text ends in the original."""
        piece = bisect.bisect_right(self._starts, offset) - 1
        return self._original_starts[piece + 1] if self._changed[piece] else self.original_start(offset) + 1


def compose(text: str) -> Composed | None:
    """The text in composed form (NFC) with its way back, or None when it is composed already."""
    if unicodedata.is_normalized("NFC", text):
        return None
    pieces: list[str] = []
    starts, original_starts, changed = [0], [0], [False]
    length = previous_end = 0
    # Composition never reaches across white space, so each word is composed on its own.
    for word in _WORD.finditer(text):
        if unicodedata.is_normalized("NFC", word.group()):
            continue
        for start, end, composed in _changed_clusters(text, word.start(), word.end()):
            pieces += [text[previous_end:start], composed]
            length += start - previous_end
            starts.append(length)
            original_starts.append(start)
            changed.append(True)
            length += len(composed)
            starts.append(length)
            original_starts.append(end)
            changed.append(False)
            previous_end = end
    pieces.append(text[previous_end:])
    return Composed("".join(pieces), tuple(starts), tuple(original_starts), tuple(changed))


_WORD = re.compile(r"[^\s\x00]+")
"""A word, for composition: NUL too ends one, as it joins paragraphs in ``resolve``."""


def find_composed(text: str, phrase: str, start: int = 0) -> tuple[int, int] | None:
    """The first span of ``text`` from ``start`` that is ``phrase`` exactly, accents composed or
    decomposed alike (NFC or NFD); None if there is none."""
    found = text.find(phrase, start)
    if found >= 0:
        return found, found + len(phrase)
    rest, wanted = compose(text[start:]), unicodedata.normalize("NFC", phrase)
    found = (rest.text if rest else text[start:]).find(wanted)
    if found < 0 or not wanted:
        return None
    if rest is None:
        return start + found, start + found + len(wanted)
    return start + rest.original_start(found), start + rest.original_end(found + len(wanted) - 1)


def _changed_clusters(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, composed form) of each cluster of a word (a character and the combining marks
    after it) that composition changes; the whole word as one, if composition joins clusters
    (as it joins Korean jamo)."""
    word = text[start:end]
    bounds = [index for index, character in enumerate(word) if index == 0 or not unicodedata.combining(character)]
    clusters = [(first, last) for first, last in zip(bounds, [*bounds[1:], len(word)])]
    composed = [unicodedata.normalize("NFC", word[first:last]) for first, last in clusters]
    whole = unicodedata.normalize("NFC", word)
    if "".join(composed) != whole:
        return [(start, end, whole)]
    return [
        (start + first, start + last, form)
        for (first, last), form in zip(clusters, composed)
        if form != word[first:last]
    ]


@dataclass(frozen=True)
class FoldedText:
    """Text after folding, with the way back to offsets in the original."""

    text: str
    """The folded text: composed (NFC), straight quotes, '-' for dashes, single spaces, lower case."""
    _folded_starts: tuple[int, ...]
    _original_starts: tuple[int, ...]
    _composed: Composed | None = None
    """How the original was composed before the rest of folding, if it was not composed already."""

    @property
    def keeps_offsets(self) -> bool:
        """True when every character kept its offset (nothing was composed or collapsed)."""
        return len(self._folded_starts) == 1 and self._composed is None

    def original_offset(self, folded_offset: int) -> int:
        """The offset in the original text where the folded character at this offset came from."""
        offset = self._unfolded(folded_offset)
        return self._composed.original_start(offset) if self._composed else offset

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering folded text[start:end]."""
        last = self._unfolded(end - 1)
        return self.original_offset(start), self._composed.original_end(last) if self._composed else last + 1

    def _unfolded(self, folded_offset: int) -> int:
        """The offset, in the composed text, of the folded character at this offset."""
        segment = bisect.bisect_right(self._folded_starts, folded_offset) - 1
        return self._original_starts[segment] + (folded_offset - self._folded_starts[segment])


def fold(text: str) -> FoldedText:
    """Fold typography, white space and case; see the module docstring."""
    composed = compose(text)
    # Replacing the few typographic characters beats str.translate, which goes character by
    # character through a dict once the text holds any non-ASCII character (most news does).
    translated = _lower_keeping_length(_TYPOGRAPHIC.sub(_plain, composed.text if composed else text))
    if "  " not in translated and not _NOT_A_PLAIN_SPACE.search(translated):
        return FoldedText(translated, (0,), (0,), composed)  # the common case: offsets are unchanged
    pieces: list[str] = []
    folded_starts, original_starts = [0], [0]
    folded_length = previous_end = 0
    for run in _WHITESPACE_TO_COLLAPSE.finditer(translated):
        pieces.append(translated[previous_end : run.start()])
        folded_length += run.start() - previous_end
        if not _ANY_SPACE.search(run.group()):
            pass  # invisible characters alone fold to nothing: 'zero\u200bwidth' is 'zerowidth'
        else:
            pieces.append(" ")
            # The single space stands for the whole run; the text after it restarts the mapping.
            folded_starts.append(folded_length)
            original_starts.append(run.start())
            folded_length += 1
        folded_starts.append(folded_length)
        original_starts.append(run.end())
        previous_end = run.end()
    pieces.append(translated[previous_end:])
    return FoldedText("".join(pieces), tuple(folded_starts), tuple(original_starts), composed)


def _plain(match: re.Match[str]) -> str:
    return _TYPOGRAPHIC_TO_PLAIN[match.group()]


def fold_words(text: str) -> str:
    """The folded form of a short phrase (a quote, an alias), trimmed."""
    return fold(text.strip()).text


def fold_typography(text: str) -> str:
    """Composition, typography and white space folded as ``fold`` does, letter case kept: for
    quotes, whose case must match the source's."""
    composed = unicodedata.normalize("NFC", text)
    return " ".join(_INVISIBLE_NOT_SPACE.sub("", _TYPOGRAPHIC.sub(_plain, composed)).split())


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (such as 'İ') grow when lowered; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
