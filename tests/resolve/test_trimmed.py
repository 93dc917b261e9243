"""Trimmed quotes: a statement whose quotes leave out its number, who it is about, or the start of
their clause (each case's exact message through `check` is in tests/content/test_broken_content.py)."""

import dataclasses

from dossier.content.model import Attribution, Citation
from dossier.report import Position
from dossier.resolve import resolve
from dossier.resolve.trimmed import numbers_in
from tests.helpers import cite, claim, content, entity, source

ARTICLE = source(
    "article",
    "The Wagner Group had just over 2,000 men in Mali. More than 30 soldiers died, and three convoys burned.",
    "Fighters from Africa Corps are set to remain. This signals Moscow's intention to stay.",
)
STATED = Attribution("stated")


def warnings_for(*claims, entities=()):
    wagner = entity("wagner-group", "Wagner Group", aliases=["Wagner"], claims=[dataclasses.replace(c, attribution=STATED) for c in claims])
    others = [entity("africa-corps", "Africa Corps"), entity("russia", "Russia", aliases=["Moscow"]), *entities]
    _, problems = resolve(content(sources=[ARTICLE], entities=[wagner, *others]))
    return [problem.message for problem in problems]


def test_numbers_fold_their_separators_and_words():
    assert numbers_in("2,000 and 2 000 and 2\u202f000 and 2000") == ["2000"] * 4
    assert numbers_in("over 30, more than 30") == ["30", "30"]
    assert numbers_in("three of their members", words=True) == ["3"]
    assert numbers_in("٤٧ جنديا") == ["47"]


def test_a_number_in_a_quote_however_written_carries_the_statement():
    assert warnings_for(claim("Wagner had just over 2000 men.", cite("article", "The Wagner Group had just over 2,000 men in Mali."))) == []
    assert warnings_for(claim("Wagner: over 30 soldiers and 3 convoys.", cite("article", "The Wagner Group had just over 2,000 men in Mali. More than 30 soldiers died, and three convoys burned."))) == []


def test_a_number_missing_from_every_quote_is_named_as_the_text_writes_it():
    assert warnings_for(claim("Wagner had 2,000 men and lost 30.", cite("article", "The Wagner Group had just over"))) == [
        "'2,000', '30' are in the text but in none of its quotes: lengthen a quote to the words that give them, "
        "or cite the passage that does",
    ]


def test_context_before_the_quote_names_who_it_is_about():
    quote = "This signals Moscow's intention to stay."
    africa_corps = entity("ac-claims", "AC claims", claims=[])
    bare = claim("It shows [[africa-corps]] will stay with Wagner.", cite("article", quote))
    assert warnings_for(bare, entities=[africa_corps]) == [
        "no quote of this claim names 'wagner-group', 'africa-corps' (by its name or an alias): lengthen a quote to the "
        "words that name them, or add `context:` to the citation with the words before the quote that do",
    ]
    with_context = Citation("article", quote, Position("content/entities/x.yml", 1, 1), context="Fighters from Africa Corps")
    named = claim("It shows [[africa-corps]] will stay with Wagner.", with_context, cite("article", "The Wagner Group had just over"))
    assert warnings_for(named) == []


def test_an_entity_no_cited_source_names_is_not_asked_of_the_quotes():
    """'The French' is France only by the editor's reading; no quote or context could name it."""
    france = entity("france", "France")
    assert warnings_for(claim("Wagner met [[france]].", cite("article", "The Wagner Group had just over")), entities=[france]) == []


def test_a_quote_that_is_the_whole_sentence_is_no_cut_clause():
    assert warnings_for(claim("Wagner men.", cite("article", "The Wagner Group had just over 2,000 men in Mali."))) == []
    assert warnings_for(claim("Wagner lost soldiers.", cite("article", "and three convoys burned"), cite("article", "The Wagner Group had just"))) == [
        "quote \"and three convoys burned\" starts inside a clause, on 'and' (article, paragraph 1): its sentence runs from "
        "\"More than 30 soldiers died, and\" to \"soldiers died, and three convoys burned.\"; quote the clause whole, "
        "from its subject to its end",
    ]
