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
from .mentions import Mention, named_within
from ..text.prose import LINK
from .hedge_words import ATTRIBUTION_WORDS, CASE_SENSITIVE_HEDGES, DEFAULT_LANGUAGE, HEDGE_WORDS


def dropped_hedge(
    statement: Statement, passages: dict[Citation, Passage], sources: dict[str, Source], mentions: dict[str, list[Mention]] | None = None
) -> Problem | None:
    """The warning for one statement, if it sets neither certainty nor according_to and its cited
    sentences hedge; or if it says how sure the source is but not whom a cited sentence follows."""
    position, attribution, citations = statement.position, statement.attribution, statement.citations
    if attribution.is_marked:
        return None if attribution.certainty == "stated" else _unnamed_attribution(statement, passages, sources, mentions or {})
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


def _unnamed_attribution(
    statement: Statement, passages: dict[Citation, Passage], sources: dict[str, Source], mentions: dict[str, list[Mention]]
) -> Problem | None:
    """The warning for a statement whose cited sentence passes on someone's words that its
    ``according_to`` leaves out, or names no one the sentence names: no entity it links is named
    in the sentence and, in an English source, it shares no word with the attribution."""
    according_to = statement.attribution.according_to
    linked = [match.group(1).strip() for match in LINK.finditer(according_to or "")]
    for citation in statement.citations:
        passage = passages.get(citation)
        if passage is None:
            continue
        source = sources[citation.source_id]
        text = source.paragraphs[passage.paragraph - 1].text
        start, end = sentence_span(text, passage.start, passage.end)
        phrases = attribution_phrases(text[start:end], source.language)
        if not phrases:
            continue
        if according_to and (
            (source.language or DEFAULT_LANGUAGE).split("-")[0].lower() != DEFAULT_LANGUAGE  # words of two languages do not compare
            or any(named_within(mentions.get(source.id, []), source.id, passage.paragraph, start, end, entity_id) for entity_id in linked)
            or any(_names_one_of(according_to, phrase) for phrase in phrases)
        ):
            continue
        place = f"({citation.source_id}, paragraph {passage.paragraph})"
        if according_to:
            advice = f"but according_to names {according_to!r}: name them as the source does"
        else:
            advice = "but this statement does not say whom it follows: add `according_to:` naming them as the source does"
        return Problem(statement.position, f'the cited sentence attributes it: "{phrases[0]}" {place}, {advice}', "warning")
    return None


def _names_one_of(according_to: str, phrase: str) -> bool:
    """Whether ``according_to`` (its words, and the words of the ids it links) shares a word of
    four letters or more with the phrase: "[[malian-armed-forces]]" and "the Malian army said"."""
    return not _words_of(according_to).isdisjoint(re.split(r"[^\w]+", name_key(phrase)))


@lru_cache(maxsize=4096)
def _words_of(according_to: str) -> frozenset[str]:
    return frozenset(word for word in re.split(r"[^\w]+", name_key(LINK.sub(lambda link: link.group(1).replace("-", " "), according_to))) if len(word) >= 4)


def hedges_around(text: str, passage: Passage, language: str | None = None) -> list[str]:
    """The hedge words, as ``hedge_words`` lists them, in the sentences of ``text`` that hold the passage."""
    start, end = sentence_span(text, passage.start, passage.end)
    return hedge_words(text[start:end], language)


_CLAUSE_BOUNDARY = re.compile(r"[,;:()\u2013\u2014\u060c\u061b]|\s-\s")


def attribution_phrases(sentence: str, language: str | None = None) -> list[str]:
    """The clauses of a sentence that say whose words it passes on ("the Malian army said in a
    statement", "According to the group"), in the sentence's words: from the clause's start, or
    the sentence's when the clause opens on the verb ("…, said it will remain")."""
    pattern, _, _ = _hedges((language or DEFAULT_LANGUAGE).split("-")[0].lower(), attributions_only=True)
    if pattern is None:
        return []
    folded = fold_name(sentence)
    phrases = []
    for match in pattern.finditer(folded.text):
        word_start, word_end = folded.original_span(*match.span("word"))
        start = max((boundary.end() for boundary in _CLAUSE_BOUNDARY.finditer(sentence, 0, word_start)), default=0)
        if len(sentence[start:word_start].split()) < 2 and not match.group("word").startswith(("according", "selon", "d'apres")):
            start = 0  # "…, said": whoever said it is named before
        stop = _CLAUSE_BOUNDARY.search(sentence, word_end)
        phrases.append(sentence[start : stop.start() if stop else len(sentence)].strip(" .!?\"'”’»"))
    return phrases


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
def _hedges(language: str, attributions_only: bool = False) -> tuple[re.Pattern[str] | None, dict[str, str], frozenset[str]]:
    """A language's hedge words (or only its ``ATTRIBUTION_WORDS``) as one expression (whole
    words, Arabic ones behind any prefix Arabic attaches), each word's folded form → the word, and
    the words that count in lower case only."""
    table = ATTRIBUTION_WORDS if attributions_only else HEDGE_WORDS
    case_sensitive = () if attributions_only else CASE_SENSITIVE_HEDGES.get(language, ())
    listed = {name_key(word): word for word in (*table.get(language, ()), *case_sensitive)}
    if not listed:
        return None, {}, frozenset()
    alternatives = "|".join(map(re.escape, sorted(listed, key=len, reverse=True)))
    start = r"(?<!\w)"
    if any(is_arabic_letter(word[0]) for word in listed):
        prefixes = "|".join(sorted(ARABIC_PREFIXES, key=len, reverse=True))
        start += rf"(?:(?:{prefixes})(?=[\u0620-\u06ff]))?"
    return re.compile(rf"{start}(?P<word>{alternatives})(?!\w)"), listed, frozenset(case_sensitive)
