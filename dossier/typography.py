"""Typographic folding: the one definition of 'the same words' for quotes and mentions.

Sources and editors type the same words differently: curly or straight quotes, a hyphen or an
en dash, one space or a line break. ``fold`` maps all of those to one form and remembers where
each folded character came from, so a match in folded text can be traced back to the original.
"""

from __future__ import annotations

import bisect
import re
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
class FoldedText:
    """Text after folding, with the way back to offsets in the original."""

    text: str
    """The folded text: straight quotes, '-' for dashes, single spaces, lower case."""
    _folded_starts: tuple[int, ...]
    _original_starts: tuple[int, ...]

    @property
    def keeps_offsets(self) -> bool:
        """True when every character kept its offset (no white space was collapsed)."""
        return len(self._folded_starts) == 1

    def original_offset(self, folded_offset: int) -> int:
        """The offset in the original text where the folded character at this offset came from."""
        segment = bisect.bisect_right(self._folded_starts, folded_offset) - 1
        return self._original_starts[segment] + (folded_offset - self._folded_starts[segment])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering folded text[start:end]."""
        return self.original_offset(start), self.original_offset(end - 1) + 1


def fold(text: str) -> FoldedText:
    """Fold typography, white space and case; see the module docstring."""
    # Replacing the few typographic characters beats str.translate, which goes character by
    # character through a dict once the text holds any non-ASCII character (most news does).
    translated = _lower_keeping_length(_TYPOGRAPHIC.sub(_plain, text))
    if "  " not in translated and not _NOT_A_PLAIN_SPACE.search(translated):
        return FoldedText(translated, (0,), (0,))  # the common case: offsets are unchanged
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
    return FoldedText("".join(pieces), tuple(folded_starts), tuple(original_starts))


def _plain(match: re.Match[str]) -> str:
    return _TYPOGRAPHIC_TO_PLAIN[match.group()]


def fold_words(text: str) -> str:
    """The folded form of a short phrase (a quote, an alias), trimmed."""
    return fold(text.strip()).text


def fold_typography(text: str) -> str:
    """Typography and white space folded as ``fold`` does, letter case kept: for quotes, whose
    case must match the source's."""
    return " ".join(_INVISIBLE_NOT_SPACE.sub("", _TYPOGRAPHIC.sub(_plain, text)).split())


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (such as 'İ') grow when lowered; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
