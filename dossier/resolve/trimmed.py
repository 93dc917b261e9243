"""Trimmed quotes: a statement that says more than the words it cites.

A quote cut too short can leave out what carries the statement: the number ("just over 2,000
men" cited with a quote that has none), who acts ("claimed responsibility for multiple deadly
incidents" without "JNIM"), the clause's subject ("and wants a military solution instead"), or
it is taken from a headline or a caption rather than the article. ``check`` warns at the
statement's line; the editor lengthens the quote, or (for a name) says with ``context:`` which
words before the quote name who it is about.
"""

from __future__ import annotations

import re
import unicodedata

from ..content.model import Citation, Claim, Relation, Source, Statement
from ..report import Problem
from ..text.prose import LINK
from ..text.typography import fold_typography, name_key
from ..text.sentences import sentence_span
from .citations import Passage
from .hedge_words import CLAUSE_OPENERS, CONTINUATIONS, DANGLING_ENDS, DEFAULT_LANGUAGE, AFTER_A_COMMA
from .mentions import Mention, named_within

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[,\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+(?![\d,]))?(?!\w)")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
    "douze": 12, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100, "mille": 1000,
}  # fmt: skip
"""Numbers a quote may write in words ('three of their members' carries '3'); a statement's own
numbers in words are not looked for."""
_WORD = re.compile(r"\w+")
_FULL_STOP = (".", "!", "\u3002", "\u06d4")
"""What ends a paragraph of running text; a question mark does not, for a short paragraph ending
on one is a standfirst's teaser ("But how do locals feel…?") more often than the article's."""
FURNITURE_WORDS = 40
"""A paragraph this short that ends without a full stop stands alone as a headline, subhead,
standfirst or caption."""


def trimmed_quotes(
    statement: Statement,
    passages: dict[Citation, Passage],
    contexts: dict[Citation, Passage],
    sources: dict[str, Source],
    mentions: dict[str, list[Mention]],
) -> list[Problem]:
    """The warnings for one statement whose quotes leave out what carries it: a number its text
    gives; an entity it is about (the claim's or relation's own, a relation's target, a claim's
    [[links]]) that a cited source names but none of its quotes (or their ``context``) does; a
    quote from a headline or caption; a quote cut inside a clause."""
    cited = [(citation, passages[citation]) for citation in statement.citations if citation in passages]
    if not cited:
        return []
    problems = [_missing_numbers(statement, cited, sources), _unnamed_entities(statement, cited, contexts, mentions)]
    for citation, passage in cited:
        source = sources[citation.source_id]
        problems.append(_from_furniture(source, passage) or _cut_clause(source, passage))
    return [Problem(statement.position, message, "warning") for message in problems if message]


def _missing_numbers(statement: Statement, cited: list[tuple[Citation, Passage]], sources: dict[str, Source]) -> str | None:
    """Why the numbers of a statement's text that none of its quotes holds make a warning."""
    numbers = statement_numbers(statement)
    if not numbers:
        return None
    in_quotes = {number for _, passage in cited for number in numbers_in(_text(sources, passage), words=True)}
    missing = [written for written, number in numbers if number not in in_quotes]
    if not missing:
        return None
    one = len(missing) == 1
    return (
        f"{_listed(missing)} {'is' if one else 'are'} in the text but in none of its quotes: lengthen a quote to the "
        f"words that give {'it' if one else 'them'}, or cite the passage that does"
    )


def _unnamed_entities(
    statement: Statement, cited: list[tuple[Citation, Passage]], contexts: dict[Citation, Passage], mentions: dict[str, list[Mention]]
) -> str | None:
    """Why the entities a statement is about that a cited source names, but none of its quotes or
    contexts, make a warning."""
    unnamed = [
        entity_id
        for entity_id in _named_by_statement(statement)
        if not any(
            _names(entity_id, passage, mentions) or (citation in contexts and _names(entity_id, contexts[citation], mentions))
            for citation, passage in cited
        )
        and any(_named_in_source(entity_id, passage.source_id, mentions) for _, passage in cited)
    ]
    if not unnamed:
        return None
    ids = ", ".join(f"'{entity_id}'" for entity_id in unnamed)
    return (
        f"no quote of this {statement.kind} names {ids} (by its name or an alias): lengthen a quote to the words that "
        f"name {'it' if len(unnamed) == 1 else 'them'}, or add `context:` to the citation with the words before the quote that do"
    )


def statement_numbers(statement: Statement) -> list[tuple[str, str]]:
    """The numbers a statement's own text gives, outside its [[links]]: each as written, and as
    plain digits (``numbers_in``)."""
    item = statement.item
    if statement.kind == "claim":
        text = item.text
    elif statement.kind == "figure":
        text = item.value
    elif statement.kind == "event":
        text = f"{item.title}\n{item.text or ''}"
    else:
        return []
    found = {}
    for match in _NUMBER.finditer(LINK.sub(" ", text)):
        found.setdefault(_digits(match.group()), match.group())
    return [(written, number) for number, written in found.items()]


def numbers_in(text: str, words: bool = False) -> list[str]:
    """Each number in ``text`` as plain digits ('2,000', '2 000' and '2000' are '2000'; '2,5' is
    '2.5'); with ``words``, those written as words too ('three' is '3')."""
    found = [_digits(match.group()) for match in _NUMBER.finditer(text)]
    if words:
        found += [str(_NUMBER_WORDS[word]) for word in _WORD.findall(text.lower()) if word in _NUMBER_WORDS]
    return found


def _digits(number: str) -> str:
    """A number as plain ASCII digits: thousands separators dropped, a decimal comma made a point."""
    number = re.sub(r"[,\u00a0\u202f ](?=\d{3}(?!\d))", "", number).replace(",", ".")
    return number if number.isascii() else "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)


def _listed(numbers: list[str]) -> str:
    return ", ".join(f"'{number}'" for number in numbers)


def _named_by_statement(statement: Statement) -> list[str]:
    """The entities a statement's quotes must name: a claim's or relation's entity, a relation's
    target, a claim's [[links]]."""
    item = statement.item
    if isinstance(item, Relation):
        return [statement.owner_id, item.target_id]
    if isinstance(item, Claim):
        return list(dict.fromkeys([statement.owner_id, *(match.group(1).strip() for match in LINK.finditer(item.text))]))
    return []


def _names(entity_id: str, passage: Passage, mentions: dict[str, list[Mention]]) -> bool:
    """Whether a mention of the entity (as the mention finder finds them) lies within the passage."""
    return named_within(mentions.get(passage.source_id, []), passage.source_id, passage.paragraph, passage.start, passage.end, entity_id)


def _named_in_source(entity_id: str, source_id: str, mentions: dict[str, list[Mention]]) -> bool:
    """Whether a source names the entity anywhere: if none of the cited sources does, no quote or
    context could, and the statement rests on what the editor reads into words such as 'the French'."""
    return any(mention.entity_id == entity_id for mention in mentions.get(source_id, ()))


def _text(sources: dict[str, Source], passage: Passage) -> str:
    return sources[passage.source_id].paragraphs[passage.paragraph - 1].text[passage.start : passage.end]


def _from_furniture(source: Source, passage: Passage) -> str | None:
    """Why a quote is not from the article's body: its paragraph is the title again, or a short
    paragraph standing alone without a full stop (a headline, subhead, standfirst or caption)."""
    paragraph = source.paragraphs[passage.paragraph - 1].text.strip()
    if len(paragraph.split(None, FURNITURE_WORDS)) > FURNITURE_WORDS:
        return None  # running text (a title is as short: none is longer than this)
    if fold_typography(paragraph).casefold() == fold_typography(source.title).casefold():
        what = "which repeats the title"
    elif not paragraph.rstrip("\"'\u201d\u2019\u00bb)]").endswith(_FULL_STOP):
        what = "which stands alone without a full stop, as a headline, subhead, standfirst or caption does"
    else:
        return None
    return (
        f'quote "{_shorten(paragraph[passage.start : passage.end])}" is from paragraph {passage.paragraph} of {source.id}, '
        f"{what}: cite the article's body, which says what the page shows"
    )


def _cut_clause(source: Source, passage: Passage) -> str | None:
    """The hint for a quote that starts inside a clause (on 'and', 'by', 'which', or a lower-case
    word after a comma) or ends on a word that leaves the phrase hanging."""
    language = (source.language or DEFAULT_LANGUAGE).split("-")[0].lower()
    text = source.paragraphs[passage.paragraph - 1].text
    quote = text[passage.start : passage.end]
    words = quote.split()
    first, last = name_key(words[0].strip("\"'\u201c\u2018(«")), name_key(words[-1].strip(".,;:\"'\u201d\u2019)»"))
    before = text[: passage.start].rstrip()
    after = _WORD.match(text, passage.end + len(text[passage.end :]) - len(text[passage.end :].lstrip()))
    if before and not before.rstrip("\"'\u201d\u2019\u00bb)").endswith((".", "!", "?", "\u061f")) and first in CLAUSE_OPENERS.get(language, ()):
        how = f"starts inside a clause, on '{words[0]}'"
    elif before.endswith((",", "\u060c")) and words[0][:1].islower() and _opens_a_clause_after_a_comma(first, language):
        how = "starts inside a clause, after a comma"
    elif quote.rstrip("\"'\u201d\u2019\u00bb)").endswith((".", "!", "?", "\u061f")):
        return None  # it ends its sentence
    elif last in DANGLING_ENDS.get(language, ()) or (text[passage.end : passage.end + 1] == " " and after and after.group().lower() in CONTINUATIONS.get(language, ())):
        how = f"ends on '{words[-1]}', leaving the phrase unfinished"
    else:
        return None
    start, end = sentence_span(text, passage.start, passage.end)
    sentence = text[start:end].split()
    return (
        f'quote "{_shorten(quote)}" {how} ({source.id}, paragraph {passage.paragraph}): its sentence runs from '
        f'"{" ".join(sentence[:6])}" to "{" ".join(sentence[-6:])}"; quote the clause whole, from its subject to its end'
    )


def _opens_a_clause_after_a_comma(word: str, language: str) -> bool:
    words, endings = AFTER_A_COMMA.get(language, ((), ()))
    return word in words or (len(word) > 4 and word.endswith(endings))


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
