from dossier.resolve.citations import locate_citations
from tests.helpers import cite, source

ARTICLE = source(
    "withdrawal",
    "Wagner Declares Withdrawal from Mali After “Completing Mission”",
    "The group stated it had “fought terrorism side-by-side with the people of Mali,” boasting of success.",
    "Over recent weeks, Mali has witnessed a surge\nin extremist attacks.",
)


def test_a_quote_is_found_in_its_paragraph_whatever_its_typography():
    citation = cite("withdrawal", 'it had "fought terrorism side–by–side with the people of Mali,"')
    passages, problems = locate_citations([citation], {"withdrawal": ARTICLE})
    assert problems == []
    passage = passages[citation]
    assert passage.paragraph == 2
    assert ARTICLE.paragraphs[1].text[passage.start : passage.end] == "it had “fought terrorism side-by-side with the people of Mali,”"


def test_a_quote_spread_over_a_line_break_is_found():
    citation = cite("withdrawal", "Mali has witnessed a surge in extremist attacks")
    passages, problems = locate_citations([citation], {"withdrawal": ARTICLE})
    assert problems == [] and passages[citation].paragraph == 3


def test_a_quote_not_in_the_source_fails_naming_the_place_and_the_closest_passage():
    citation = cite("withdrawal", "Mali has seen a surge in extremist attacks", line=12)
    passages, problems = locate_citations([citation], {"withdrawal": ARTICLE})
    assert passages == {}
    assert str(problems[0]) == (
        "content/entities/x.yml:12:1: error: quote not found in withdrawal. Closest passage (paragraph 3): "
        '"Over recent weeks, Mali has witnessed a surge in extremist attacks.". '
        "Copy the words exactly from content/sources/withdrawal.txt"
    )


def test_a_quote_must_lie_within_one_paragraph():
    citation = cite("withdrawal", "boasting of success. Over recent weeks")
    _, problems = locate_citations([citation], {"withdrawal": ARTICLE})
    assert problems[0].message.startswith("quote not found in withdrawal")
