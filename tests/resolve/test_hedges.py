"""The dropped-hedge warning: a statement plainer than the sentence it cites."""

import dataclasses

from dossier.model import Attribution
from dossier.resolve import resolve
from tests.helpers import cite, claim, content, entity, source

ARTICLE = source(
    "article",
    "Wagner reportedly has 2,000 men in Mali. The group left in May 2024. Others reportedly stayed.",
    "It may stay, according to sources within Wagner.",
)


def warnings_for(*claims):
    _, problems = resolve(content(sources=[ARTICLE], entities=[entity("wagner", claims=claims)]))
    return [str(problem) for problem in problems]


def test_a_statement_citing_a_hedged_sentence_without_certainty_or_attribution_is_warned_at_its_line():
    assert warnings_for(claim("It has 2,000 men.", cite("article", "has 2,000 men"))) == [
        "content/entities/x.yml:1:1: warning: the cited sentence says 'reportedly' (article, paragraph 1) but this "
        "statement sets neither certainty nor according_to: add `certainty:` or `according_to:`, or "
        "`certainty: stated` if the source asserts it"
    ]
    assert warnings_for(claim("It may stay.", cite("article", "It may stay"))) == [
        "content/entities/x.yml:1:1: warning: the cited sentence says 'may', 'according to', 'sources' (article, "
        "paragraph 2) but this statement sets neither certainty nor according_to: add `certainty:` or "
        "`according_to:`, or `certainty: stated` if the source asserts it"
    ]


def test_the_hedge_of_another_sentence_and_the_month_may_do_not_count():
    assert warnings_for(claim("It left in May 2024.", cite("article", "The group left in May 2024"))) == []


def test_certainty_or_according_to_answers_the_warning():
    hedged = claim("It has 2,000 men.", cite("article", "has 2,000 men"))
    for attribution in (Attribution("reported"), Attribution(None, "sources"), Attribution("stated")):
        assert warnings_for(dataclasses.replace(hedged, attribution=attribution)) == []


def test_a_quote_that_ends_its_sentence_does_not_take_in_the_next_one():
    assert warnings_for(claim("It left.", cite("article", "The group left in May 2024."))) == []
