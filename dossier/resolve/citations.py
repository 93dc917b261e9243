"""Finds each quote in its source's body, ignoring typography, and records the paragraph."""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..content.model import Citation, Source
from ..content.schema import MIN_QUOTE_WORDS
from ..text.typography import fold, fold_typography, fold_words
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


def locate_in(folded: FoldedSource, citations: Iterable[Citation]) -> dict[Citation, Passage | str]:
    """For each citation of this source whose quote is found in it: its passage, or why the quote
    is refused (see ``match_quote``). Citations whose quote is not there at all are left out."""
    matches = {}
    for citation in citations:
        match = match_quote(citation, folded)
        if match is not None:
            matches[citation] = match
    return matches


def not_found_messages(missing: Iterable[tuple[Citation, Source]]) -> dict[int, str]:
    """For each citation whose quote is not in its source (keyed by ``id(citation)``), the message
    with the closest passage. Hints are worked out source by source, so each source's word index
    is built once."""
    return {
        id(citation): _not_found_message(source, _closest(citation.quote, source))
        for citation, source in sorted(missing, key=lambda pair: pair[1].id)
    }


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
    if len(spans) > MAX_OCCURRENCES:
        return (
            f"quote {shown} occurs more than {MAX_OCCURRENCES} times in {folded.source.id}: "
            "quote a longer passage that says what the statement rests on"
        )
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


MAX_OCCURRENCES = 100
"""A quote found more often than this picks out nothing; looking further would only cost time
(a three-word quote can occur tens of thousands of times in a hostile 1 MB file)."""


def _occurrences(needle: str, folded: FoldedSource) -> list[tuple[int, int]]:
    """The spans of the joined original text whose folded form is the folded quote, at most
    one more than MAX_OCCURRENCES."""
    if not needle or PARAGRAPH_BREAK in needle:
        return []
    text, spans = folded.folded.text, []
    found = text.find(needle)
    while found >= 0 and len(spans) <= MAX_OCCURRENCES:
        spans.append(folded.folded.original_span(found, found + len(needle)))
        found = text.find(needle, found + 1)
    return spans


def _passage(folded: FoldedSource, span: tuple[int, int]) -> Passage:
    number, start, end = folded.in_paragraph(*span)
    return Passage(folded.source.id, number, start, end)


def _is_word_character(character: str) -> bool:
    # A combining mark (the accent of a decomposed 'é', a vowel sign of Devanagari) is part of its word.
    return character.isalnum() or unicodedata.category(character).startswith("M")


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


# --- the hint for a quote that is not found ------------------------------------------------------
#
# Words, not characters, are compared, and only a bounded number of them: the quote is placed by
# its rarest words (each looked up in an index of the source's words, built once per source), the
# place holding most of its words is compared word by word with the quote, and shown with the
# words that differ marked. The work per quote is bounded whatever the lengths (a 20,000-character
# quote, a 1 MB paragraph); the work per source is one pass over its words.

_COMPARED_WORDS = 200
"""Words of a quote compared with the source, at most (quotes are sentences, not pages)."""
_ANCHORS = 6
"""Rarest words of the quote looked up to find where it may sit."""
_PLACES_PER_WORD = 500
"""Places of one word considered, at most (a quote made of 'the' and 'of' only still costs little)."""
_CANDIDATES = 3
"""Places compared word by word with the quote: those most of its rare words point at."""
_CONTEXT = 5
"""Unchanged words shown either side of a change; longer unchanged stretches are cut with '…'."""
_SHORT_PASSAGE = 30
"""Words of a passage shown whole; a longer one is cut around its changes."""
_SHOWN_CHANGES = 8
_LONGEST_SHOWN_WORD = 40
_WORD = re.compile(r"\S+")
_PUNCTUATION = ".,;:!?\"'()[]{}-…"


@dataclass(frozen=True, slots=True)
class _Hint:
    """The closest passage: its paragraph, and the quote against it as marked words."""

    paragraph: int
    marked: str
    compared_words: int | None
    """How many words of the quote were compared, when the quote is longer than that."""
    look_alikes: str = ""
    """What makes all the difference, when the marked words look the same or nearly: a sentence."""


def _not_found_message(source: Source, hint: _Hint | None) -> str:
    message = f"quote not found in {source.id}: copy the words exactly from {source.text_path}."
    if hint is None:
        return f"{message} No passage of it has a third of the quote's words: check that this is the source you meant"
    compared = f" to its first {hint.compared_words} words" if hint.compared_words else ""
    look_alikes = f". {hint.look_alikes}" if hint.look_alikes else ""
    return (
        f"{message} Closest passage{compared}, paragraph {hint.paragraph}, marking [-your words-] "
        f"and {{+the source's+}}: {hint.marked}{look_alikes}"
    )


def _words(text: str, limit: int | None = None) -> tuple[list[str], list[tuple[int, int]]]:
    """The folded words of a text (at most ``limit``), and where each is in the text.

    Words are those of the folded text, so a French space folded away joins its word as it does
    in matching: 'défaite\u202f!' is one word, shown as the source writes it."""
    folded = fold(text)
    words, spans = [], []
    for match in itertools.islice(_WORD.finditer(folded.text), limit):
        words.append(match.group())
        spans.append(folded.original_span(*match.span()))
    return words, spans


class _SourceWords:
    """A source's words, paragraph by paragraph, and where each word (without punctuation, accents
    and vowel marks: see ``_unaccented``) occurs."""

    def __init__(self, source: Source):
        self.paragraphs = []
        """(number, text, folded words, their spans, the words unaccented) of each paragraph."""
        self.places: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        for index, paragraph in enumerate(source.paragraphs):
            words, spans = _words(paragraph.text)
            keys = list(map(_unaccented, words))
            self.paragraphs.append((paragraph.number, paragraph.text, words, spans, keys))
            for position, key in enumerate(keys):
                bare = key.strip(_PUNCTUATION)
                self.counts[bare] += 1
                if len(self.places[bare]) < _PLACES_PER_WORD:
                    self.places[bare].append((index, position))


def _unaccented(word: str) -> str:
    """A folded word without its accents and vowel marks: the passage nearest to a quote is
    looked for with these, so that a quote whose words lack the source's accents is placed."""
    return word if word.isascii() else _unmarked(word)


@lru_cache(maxsize=1)  # hints are worked out source by source (see located); a big source's index is tens of MB
def _source_words(source: Source) -> _SourceWords:
    return _SourceWords(source)


@lru_cache(maxsize=256)
def _closest(quote: str, source: Source) -> _Hint | None:
    """The passage of the source nearest to a quote that was not found; None if none is near."""
    index = _source_words(source)
    words, spans = _words(quote, _COMPARED_WORDS + 1)
    compared_words = _COMPARED_WORDS if len(words) > _COMPARED_WORDS else None
    words, spans = words[:_COMPARED_WORDS], spans[:_COMPARED_WORDS]
    keys = list(map(_unaccented, words))
    first_position: dict[str, int] = {}
    for position, key in enumerate(keys):
        bare = key.strip(_PUNCTUATION)
        if bare and index.counts.get(bare):
            first_position.setdefault(bare, position)
    if not first_position:
        return None
    # Each place of a rare quote word votes for where the quote would start if it were there.
    anchors = sorted(first_position, key=lambda bare: (index.counts[bare], first_position[bare]))[:_ANCHORS]
    votes: Counter[tuple[int, int]] = Counter()
    for bare in anchors:
        offset = first_position[bare]
        votes.update((paragraph, position - offset) for paragraph, position in index.places[bare])
    candidates = [place for place, _ in votes.most_common(_CANDIDATES)]  # ties: the rarest word's first place
    # The candidate whose stretch of the paragraph holds most of the quote's words is compared word by word.
    margin = len(words) // 4 + 3
    quote_keys = set(keys)

    def stretch(place: tuple[int, int]) -> tuple[int, int]:
        paragraph, start = place
        return paragraph, max(0, start - margin)

    def words_in_common(place: tuple[int, int]) -> int:
        paragraph, start = stretch(place)
        return len(quote_keys.intersection(index.paragraphs[paragraph][4][start : place[1] + len(words) + margin]))

    best = max(candidates, key=words_in_common)  # the first of equals: max keeps it
    paragraph, window_start = stretch(best)
    number, text, source_words, source_spans, source_keys = index.paragraphs[paragraph]
    window_end = best[1] + len(words) + margin
    matcher = difflib.SequenceMatcher(None, keys, source_keys[window_start:window_end], autojunk=False)
    if sum(block.size for block in matcher.get_matching_blocks()) * 3 < len(words):
        return None
    opcodes = _with_accents(matcher.get_opcodes(), words, source_words[window_start:window_end])
    ops = _trimmed(opcodes)
    window = slice(window_start, window_start + (ops[-1][4] if ops else 0))
    shown_source = _shown_words(text, source_spans[window])
    marked = _marked(words, _shown_words(quote, spans), source_words[window], shown_source, ops)
    # After _marked, which made a quote that starts or ends inside a source word no difference.
    changed = [(words[i1:i2], source_words[window][j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]
    look_alikes = _compatibility_characters(changed) or _marks_only(changed) if changed else ""
    return _Hint(number, marked, compared_words, look_alikes)


def _with_accents(opcodes: list[tuple[str, int, int, int, int]], words: list[str], source_words: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The opcodes of words compared without accents, with each word that differs in its accents
    or vowel marks taken out of the equal stretches and marked as replaced."""
    refined = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "equal":
            refined.append((tag, i1, i2, j1, j2))
            continue
        start = 0
        for offset in range(i2 - i1 + 1):
            same = offset < i2 - i1 and words[i1 + offset] == source_words[j1 + offset]
            if offset == i2 - i1 or not same:
                if offset > start:
                    refined.append(("equal", i1 + start, i1 + offset, j1 + start, j1 + offset))
                if offset < i2 - i1:
                    refined.append(("replace", i1 + offset, i1 + offset + 1, j1 + offset, j1 + offset + 1))
                start = offset + 1
    # Neighbouring replacements read as one change: [-a b-]{+á b́+}, not [-a-]{+á+} [-b-]{+b́+}.
    merged: list[tuple[str, int, int, int, int]] = []
    for op in refined:
        if merged and op[0] == merged[-1][0] == "replace" and merged[-1][2] == op[1] and merged[-1][4] == op[3]:
            previous = merged.pop()
            op = ("replace", previous[1], op[2], previous[3], op[4])
        merged.append(op)
    return merged


def _compatibility_characters(changed: list[tuple[list[str], list[str]]]) -> str:
    """The characters the quote and the passage differ by, named, when the words differ only in
    Unicode compatibility characters (the ligature 'ﬁ' of text copied from a PDF, a superscript
    '²', full-width letters), which look like the plain ones they stand for; '' otherwise.

    (Composed and decomposed accents make no difference at all: folding composes both sides.)"""
    plain = lambda some: unicodedata.normalize("NFKC", " ".join(some))  # noqa: E731
    if any(plain(yours) != plain(theirs) for yours, theirs in changed):
        return ""
    named = []
    for whose, side in (("the source writes", 1), ("your quote writes", 0)):
        characters = sorted({c for pair in changed for word in pair[side] for c in word if unicodedata.normalize("NFKC", c) != c})
        if characters:
            named.append(f"{whose} " + ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '')})" for c in characters))
    return "They differ only in characters that look like others: " + "; ".join(named)


_PAIRS_SHOWN = 3


def _marks_only(changed: list[tuple[list[str], list[str]]]) -> str:
    """The words the quote and the passage write differently, when they differ only in accents or
    Arabic vowel marks: those change a word, so a quote must keep them as the source has them.
    (Punctuation beside a word is no part of it: the quote may stop before the source's ':'.)"""
    pairs = [
        (yours.strip(_PUNCTUATION), theirs.strip(_PUNCTUATION))
        for mine, source in changed
        for yours, theirs in zip(mine, source)
        if yours != theirs
    ]
    if any(len(yours) != len(theirs) for yours, theirs in changed) or not all(
        _unmarked(yours) == _unmarked(theirs) for yours, theirs in pairs
    ):
        return ""
    shown = "; ".join(f"the source writes '{theirs}' where your quote writes '{yours}'" for yours, theirs in pairs[:_PAIRS_SHOWN])
    if len(pairs) > _PAIRS_SHOWN:
        shown += f"; and {len(pairs) - _PAIRS_SHOWN} word(s) more"
    return f"They differ only in accents or vowel marks, which a quote keeps as the source writes them: {shown}"


def _unmarked(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _trimmed(opcodes: list[tuple[str, int, int, int, int]]) -> list[list]:
    """The opcodes without the source's words before and after the quote."""
    ops = [list(opcode) for opcode in opcodes]
    if ops and ops[0][0] == "insert":
        ops.pop(0)
    if ops and ops[-1][0] == "insert":
        ops.pop()
    if ops and ops[0][0] == "replace":  # the source words just before the quote's first words are not the quote's
        ops[0][3] = max(ops[0][3], ops[0][4] - (ops[0][2] - ops[0][1]))
    if ops and ops[-1][0] == "replace":
        ops[-1][4] = min(ops[-1][4], ops[-1][3] + (ops[-1][2] - ops[-1][1]))
    return ops


def _marked(words, shown_quote, source_words, shown_source, ops) -> str:
    """The passage as a word diff: [-quote words-]{+source words+}, long unchanged stretches cut.

    ``shown_*`` hold each word as [the space before it, the word], both as a message shows them.
    """
    # A quote may start or end inside a source word ('attacks' of 'attacks.'): that is no difference.
    if ops and ops[0][0] == "replace" and source_words[ops[0][3]].endswith(words[ops[0][1]]):
        tag, i1, i2, j1, j2 = ops.pop(0)
        shown_source[j1] = shown_quote[i1]
        ops[:0] = [["equal", i1, i1 + 1, j1, j1 + 1]] + ([[tag, i1 + 1, i2, j1 + 1, j2]] if i2 > i1 + 1 or j2 > j1 + 1 else [])
    if ops and ops[-1][0] == "replace" and source_words[ops[-1][4] - 1].startswith(words[ops[-1][2] - 1]):
        tag, i1, i2, j1, j2 = ops.pop()
        shown_source[j2 - 1] = [shown_source[j2 - 1][0], shown_quote[i2 - 1][1]]
        ops += ([[tag, i1, i2 - 1, j1, j2 - 1]] if i2 - 1 > i1 or j2 - 1 > j1 else []) + [["equal", i2 - 1, i2, j2 - 1, j2]]
    pieces: list[str] = []
    changes = 0
    for number, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            same = shown_source[j1:j2]
            first, last = number == 0, number == len(ops) - 1
            cut = [" ", "…"]
            if ops[-1][4] - ops[0][3] <= _SHORT_PASSAGE:
                pass
            elif first and len(same) > _CONTEXT:
                same = [cut, *same[-_CONTEXT:]]
            elif last and len(same) > _CONTEXT:
                same = [*same[:_CONTEXT], cut]
            elif len(same) > 2 * _CONTEXT + 1:
                same = [*same[:_CONTEXT], cut, *same[-_CONTEXT:]]
            pieces.append(_joined(same))
            continue
        if changes == _SHOWN_CHANGES:
            pieces.append("…")
            break
        changes += 1
        removed = f"[-{_joined(shown_quote[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{_joined(shown_source[j1:j2])}+}}" if j2 > j1 else ""
        pieces.append(removed + added)
    return " ".join(piece for piece in pieces if piece)


def _joined(shown: list[list[str]]) -> str:
    return "".join(space + word for space, word in shown).strip(" ")


def _shown_words(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """[the space before, the word] for each word of a text, as a message shows them."""
    shown, previous_end = [], None
    for start, end in spans:
        space = " " if previous_end is None else _visible(text[previous_end:start])
        word = text[start:end]
        if len(word) > _LONGEST_SHOWN_WORD:
            word = word[: _LONGEST_SHOWN_WORD - 1] + "…"
        shown.append([space, _visible(word)])
        previous_end = end
    return shown


def _visible(text: str) -> str:
    """Invisible characters named (U+00A0 as ⟨U+00A0⟩); line breaks and tabs as one space."""
    if text.isascii() and text.isprintable():
        return text
    shown = "".join(
        " " if c in "\n\r\t " else f"⟨U+{ord(c):04X}⟩" if unicodedata.category(c) in _INVISIBLE else c for c in text
    )
    return re.sub(" {2,}", " ", shown)


_INVISIBLE = {"Cc", "Cf", "Co", "Cn", "Zs", "Zl", "Zp"}
"""Unicode categories of characters that show nothing (or look like a plain space) on screen."""


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
