"""Typographic folding: the one definition of 'the same words' for quotes and mentions.

Sources and editors type the same words differently: curly or straight quotes, guillemets or
corner brackets, a hyphen or an en dash, one space or a line break, the French spaces before
'!' and inside guillemets, an accented letter as one character or as a letter and a combining
accent (Unicode's composed NFC and decomposed NFD forms, which look the same), an Arabic word
stretched with tatweel or printed in presentation forms. ``fold`` maps all of those to one form
and remembers where each folded character came from, so a match in folded text can be traced
back to the original. Letters, accents and Arabic vowel marks are never folded here: they
change a word. Names are looser (``fold_name``): there accents and vowel marks do not count.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from .characters import REFUSED_CHARACTERS

# Apostrophes, single quotes and primes (straight, curly, low, modifier letter, full-width),
# single guillemets and the nested corner brackets.
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u00b4\u0060\u02b9\u02bc\u2039\u203a\u300e\u300f\uff07"
# Double quotes and primes, guillemets, corner brackets and the CJK double prime quotes.
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u02ba\u00ab\u00bb\u300c\u300d\u301d\u301e\u301f\uff02"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u205f\u3000"
_ARABIC_PUNCTUATION = {"\u060c": ",", "\u061b": ";", "\u061f": "?"}
_GUILLEMETS = "\u00ab\u00bb\u2039\u203a"
"""Translated after white space is folded: which way they face tells which space is typography."""

# Every entry maps one character to one character, so translation keeps offsets.
_TYPOGRAPHY = str.maketrans(
    {
        **{c: "'" for c in _SINGLE_QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
        **{c: " " for c in _SPACES},
        **_ARABIC_PUNCTUATION,
    }
)
_TYPOGRAPHIC_TO_PLAIN = {chr(code): plain for code, plain in _TYPOGRAPHY.items()}
_TYPOGRAPHIC = re.compile("[" + re.escape("".join(c for c in _TYPOGRAPHIC_TO_PLAIN if c not in _GUILLEMETS)) + "]")
_GUILLEMET = re.compile(f"[{_GUILLEMETS}]")
# Invisible characters, which pages leave out of article text and editors cannot type (see
# ``characters``); all but NUL, which joins paragraphs in ``resolve`` and no article holds. And
# the Arabic tatweel, which only stretches a word to fill a line: all of them fold to nothing.
_INVISIBLE = REFUSED_CHARACTERS.replace("\x00-", "\x01-", 1) + "\u0640"
# The French spaces, whatever space is typed: before ':', ';', '!' and '?', after an opening
# guillemet and before a closing one (a guillemet with a space on its other side: German's
# reversed »so« keeps its outer spaces). They fold to nothing, so 'défaite :' is 'défaite:'.
_FRENCH_SPACE = r"\s+(?=[:;!?])|\s+(?=[\u00bb\u203a](?!\w))|(?<=[\u00ab\u2039])(?<!\w[\u00ab\u2039])\s+"
# Where a text may have them: looking for them only there keeps other texts as quick to fold as before.
_FRENCH_SPACE_HERE = re.compile(r"[:;!?\u00bb\u203a\u00ab\u2039](?:(?<=\s[:;!?\u00bb\u203a])|(?<=[\u00ab\u2039])(?=\s))")
# Runs of white space that are not already a single plain space, and invisible characters.
_COLLAPSED = rf"[\s{_INVISIBLE}]{{2,}}|[^\S ]|[{_INVISIBLE}]"
_WHITESPACE_TO_COLLAPSE = re.compile(_COLLAPSED)
_WHITESPACE_TO_COLLAPSE_IN_FRENCH = re.compile(rf"(?P<nothing>{_FRENCH_SPACE})|{_COLLAPSED}")
# Finding nothing to collapse is much cheaper with this and a substring test than with the above.
_NOT_A_PLAIN_SPACE = re.compile(rf"[^\S ]|[{_INVISIBLE}]")
_ANY_SPACE = re.compile(r"\s")
# Arabic presentation forms (the shapes of letters and ligatures, from older encodings and
# PDFs): folded to the letters they show, as Unicode's compatibility mapping (NFKC) gives them.
_PRESENTATION_FORMS = "\ufb50-\ufdff\ufe70-\ufefe"
_PRESENTATION_FORM = re.compile(f"[{_PRESENTATION_FORMS}]")
# The first presentation form or French space of a text, in one pass: most texts have neither.
# (Written to start with the rare characters: a search that starts with a space is thirty times slower.)
_FOLDED_WITH_CARE = re.compile(
    rf"[:;!?\u00bb\u203a\u00ab\u2039{_PRESENTATION_FORMS}]"
    rf"(?:(?<=\s[:;!?\u00bb\u203a])|(?<=[\u00ab\u2039])(?=\s)|(?<=[{_PRESENTATION_FORMS}]))"
)


@dataclass(frozen=True)
class Composed:
    """Text in composed form (NFC, Arabic presentation forms as plain letters), with the way back
    to offsets in the original it was made from.

    The text is cut into pieces: stretches that were composed already, whose offsets run on from
    the original's, and clusters that composition changed (a letter and its combining accents, a
    ligature), each of whose characters stands for the whole cluster of the original."""

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


def compose(text: str, presentation_forms: bool | None = None) -> Composed | None:
    """The text in composed form (NFC), Arabic presentation forms as the letters they show, with
    its way back; or None when there is nothing to compose. ``presentation_forms`` says whether
    the text has any, when the caller knows."""
    if presentation_forms is None:
        presentation_forms = bool(_PRESENTATION_FORM.search(text))
    if not presentation_forms and unicodedata.is_normalized("NFC", text):
        return None
    pieces: list[str] = []
    starts, original_starts, changed = [0], [0], [False]
    length = previous_end = 0
    # Composition never reaches across white space, so each word is composed on its own.
    for word in _WORD.finditer(text):
        if unicodedata.is_normalized("NFC", word.group()) and not _PRESENTATION_FORM.search(word.group()):
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


def composed(text: str) -> str:
    """``text`` as ``compose`` writes it: NFC, Arabic presentation forms as plain letters."""
    return unicodedata.normalize("NFC", _PRESENTATION_FORM.sub(_presented_letters, text))


def _presented_letters(match: re.Match[str]) -> str:
    # The isolated forms of the vowel marks are a space and the mark: the mark alone is meant.
    return unicodedata.normalize("NFKC", match.group()).lstrip(" ")


def find_composed(text: str, phrase: str, start: int = 0) -> tuple[int, int] | None:
    """The first span of ``text`` from ``start`` that is ``phrase`` exactly, accents composed or
    decomposed alike (NFC or NFD), Arabic presentation forms or plain letters alike; None if
    there is none."""
    found = text.find(phrase, start)
    if found >= 0:
        return found, found + len(phrase)
    rest, wanted = compose(text[start:]), composed(phrase)
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
    forms = [composed(word[first:last]) for first, last in clusters]
    whole = composed(word)
    if "".join(forms) != whole:
        return [(start, end, whole)]
    return [
        (start + first, start + last, form)
        for (first, last), form in zip(clusters, forms)
        if form != word[first:last]
    ]


@dataclass(frozen=True)
class FoldedText:
    """Text after folding, with the way back to offsets in the original."""

    text: str
    """The folded text: composed (NFC), straight quotes, '-' for dashes, single spaces (none where
    French typography puts one: before ':', inside guillemets), no tatweel, lower case."""
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
    return _fold(text, lower=True)


def _fold(text: str, lower: bool, names: bool = False) -> FoldedText:
    first = _FOLDED_WITH_CARE.search(text)
    presentation_forms = french = False
    if first:
        if _PRESENTATION_FORM.match(first.group()):
            presentation_forms, french = True, bool(_FRENCH_SPACE_HERE.search(text, first.end()))
        else:
            presentation_forms, french = bool(_PRESENTATION_FORM.search(text, first.end())), True
    composed = compose(text, presentation_forms)
    # Replacing the few typographic characters beats str.translate, which goes character by
    # character through a dict once the text holds any non-ASCII character (most news does).
    translated = _TYPOGRAPHIC.sub(_plain, composed.text if composed else text)
    if lower:
        translated = _lower_keeping_length(translated)
    if names:
        translated = _BASE_LETTER.sub(_base_letter, translated)
    if not french and "  " not in translated and not (_NAME_NOT_A_PLAIN_SPACE if names else _NOT_A_PLAIN_SPACE).search(translated):
        # The common case: offsets are unchanged.
        return FoldedText(_with_plain_guillemets(translated), (0,), (0,), composed)
    collapse = _COLLAPSE[french, names]
    pieces: list[str] = []
    folded_starts, original_starts = [0], [0]
    folded_length = previous_end = 0
    for run in collapse.finditer(translated):
        pieces.append(translated[previous_end : run.start()])
        folded_length += run.start() - previous_end
        if run.lastgroup == "nothing" or not _ANY_SPACE.search(run.group()):
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
    return FoldedText(_with_plain_guillemets("".join(pieces)), tuple(folded_starts), tuple(original_starts), composed)


def _with_plain_guillemets(text: str) -> str:
    return _GUILLEMET.sub(_plain, text) if not text.isascii() else text


def _plain(match: re.Match[str]) -> str:
    return _TYPOGRAPHIC_TO_PLAIN[match.group()]


def fold_words(text: str) -> str:
    """The folded form of a short phrase (a quote, an alias), trimmed."""
    return fold(text.strip()).text


def fold_typography(text: str) -> str:
    """Composition, typography and white space folded as ``fold`` does, letter case kept: for
    quotes, whose case must match the source's."""
    return _fold(text.strip(), lower=False).text.strip(" ")


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (such as 'İ') grow when lowered; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# --- names: accents and vowel marks do not count ------------------------------------------------


def fold_name(text: str, folded: FoldedText | None = None) -> FoldedText:
    """``text`` folded for finding names in it: as ``fold`` does, and also without accents
    ('Tinzaouatène' is 'tinzaouatene', 'Goïta' is 'goita'), without Arabic vowel marks, and with
    the Arabic letters that spellings of one name vary in made one (alef with or without hamza,
    alef maqsura and yeh; as Lucene's Arabic normaliser does).

    ``folded``, when given, is ``fold(text)``: returned as it is when names fold no further."""
    folded = folded or fold(text)
    if folded.text.isascii() or not _NAME_FOLDED.search(folded.text):
        return folded
    return _fold(text, lower=True, names=True)


def name_key(name: str) -> str:
    """The folded form of a name or alias, trimmed: two spellings with the same key are one name."""
    return fold_name(name.strip()).text


def without_accents(text: str) -> str:
    """``text`` without accents or vowel marks, letter case kept: how an acronym's capitals compare."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c not in _MARKS_SET))


def _base_letters() -> dict[str, str]:
    """Each accented letter of the Latin, Greek and Cyrillic scripts → its letter without accents,
    one character for one; and the Arabic letter variants → the plain letter."""
    table = {}
    for first, last in ((0x00C0, 0x024F), (0x1E00, 0x1EFF), (0x0370, 0x03FF), (0x0400, 0x04FF)):
        for code in range(first, last + 1):
            letter = chr(code)
            decomposed = unicodedata.normalize("NFD", letter)
            if len(decomposed) > 1 and all(unicodedata.combining(mark) for mark in decomposed[1:]):
                table[letter] = decomposed[0]
    for letter in "йЙ":  # a letter of its own in Russian, not an и with an accent
        table.pop(letter)
    # Not teh marbuta as heh, as Lucene does: 'مالية' (financial) would read as 'مالي' and a pronoun.
    table.update({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
    return table


_BASE_LETTERS = _base_letters()
_BASE_LETTER = re.compile("[" + "".join(_BASE_LETTERS) + "]")
# Combining accents left on their own (on a letter that has no composed form) and the Arabic
# vowel marks (harakat, shadda, sukun, dagger alef): they fold to nothing in names.
_MARKS = "\u0300-\u036f\u064b-\u065f\u0670"
_MARKS_SET = frozenset(chr(code) for code in [*range(0x300, 0x370), *range(0x64B, 0x660), 0x670])
_NAME_FOLDED = re.compile("[" + "".join(_BASE_LETTERS) + _MARKS + "]")
_NAME_COLLAPSED = rf"[\s{_INVISIBLE}{_MARKS}]{{2,}}|[^\S ]|[{_INVISIBLE}{_MARKS}]"
_NAME_NOT_A_PLAIN_SPACE = re.compile(rf"{_NOT_A_PLAIN_SPACE.pattern}|[{_MARKS}]")
_COLLAPSE = {
    (False, False): _WHITESPACE_TO_COLLAPSE,
    (True, False): _WHITESPACE_TO_COLLAPSE_IN_FRENCH,
    (False, True): re.compile(_NAME_COLLAPSED),
    (True, True): re.compile(rf"(?P<nothing>{_FRENCH_SPACE})|{_NAME_COLLAPSED}"),
}
"""What folding collapses, by (whether the text may have French spaces, whether it is folded for names)."""


def _base_letter(match: re.Match[str]) -> str:
    return _BASE_LETTERS[match.group()]


# --- Arabic: what is written attached to a word -------------------------------------------------


def _arabic_prefixes() -> frozenset[str]:
    found = set()
    for conjunction in ("", "و", "ف"):  # and, so
        for preposition in ("", "ب", "ل", "ك"):  # in or by, for or to, like
            for article in ("", "ال"):
                found.add((conjunction + preposition + article).replace("لال", "لل"))  # ل + الجيش is للجيش
    found.discard("")
    return frozenset(found)


ARABIC_PREFIXES = _arabic_prefixes()
"""What Arabic writes attached before a word: و or ف (and), then ب, ل or ك (in, for, like), then
the article ال; and each combination of them (وال, بال, لل, وبال, ...)."""

ARABIC_SUFFIXES = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "نا"})
"""The possessive and object pronouns Arabic writes attached after a word (its, their, our ...)."""


def is_arabic_letter(character: str) -> bool:
    return "\u0620" <= character <= "\u06ff" and character.isalpha()
