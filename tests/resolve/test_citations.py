import dataclasses

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


PULL_QUOTE = source(
    "rusi",
    "The regime is clearly unconcerned about popular support.",
    "Capabilities grew. The regime is clearly unconcerned about popular support – hence the desire for more.",
)


def test_a_quote_that_occurs_twice_is_refused_showing_both_places_and_how_to_pick_one():
    citation = cite("rusi", "clearly unconcerned about popular support", line=7)
    passages, problems = locate_citations([citation], {"rusi": PULL_QUOTE})
    assert passages == {}
    assert str(problems[0]) == (
        'content/entities/x.yml:7:1: error: quote "clearly unconcerned about popular support" occurs 2 times in rusi: '
        'paragraph 1 ("The regime is [clearly unconcerned about popular support].") and '
        'paragraph 2 ("…grew. The regime is [clearly unconcerned about popular support] – hence the desire…"). '
        "Pick one: lengthen the quote, or add 'paragraph:' with its paragraph number, or 'prefix:' or "
        "'suffix:' with the words right before or after it"
    )


def test_paragraph_prefix_or_suffix_pick_one_place_of_a_repeated_quote():
    quote = "clearly unconcerned about popular support"
    for picked in (
        dataclasses.replace(cite("rusi", quote), paragraph=2),
        dataclasses.replace(cite("rusi", quote), prefix="Capabilities grew. The regime is"),
        dataclasses.replace(cite("rusi", quote), suffix="– hence"),
        dataclasses.replace(cite("rusi", quote), suffix="- HENCE the desire"),  # folded like the quote's typography
    ):
        passages, problems = locate_citations([picked], {"rusi": PULL_QUOTE})
        assert problems == [] and passages[picked].paragraph == 2, picked
    first = dataclasses.replace(cite("rusi", quote), suffix=".")
    assert locate_citations([first], {"rusi": PULL_QUOTE})[0][first].paragraph == 1


def test_a_selector_that_fits_no_place_is_reported_with_the_places_there_are():
    citation = dataclasses.replace(cite("rusi", "clearly unconcerned about popular support", line=3), paragraph=5)
    _, problems = locate_citations([citation], {"rusi": PULL_QUOTE})
    assert problems[0].message.startswith(
        'quote "clearly unconcerned about popular support" occurs in rusi at paragraph 1 ('
    )
    assert problems[0].message.endswith("but at no place that fits paragraph: 5: correct or remove them")


def test_quotes_must_be_three_whole_words_in_the_sources_letter_case():
    cases = {
        "the": 'quote "the" is 1 word. Quote at least 3 whole words of the source, enough to show what the statement rests on',
        "egime is clearly": 'quote "egime is clearly" cuts words in two: in rusi it is part of "regime is clearly" (paragraph 1). '
        "Quote at least 3 whole words of the source, enough to show what the statement rests on",
        "the regime is": 'quote "the regime is" does not match the letter case of rusi, paragraph 1: "The regime is". '
        "Copy the words exactly, capitals included",
    }
    for quote, message in cases.items():
        _, problems = locate_citations([cite("rusi", quote)], {"rusi": PULL_QUOTE})
        assert [problem.message for problem in problems] == [message]
    # Typography is still folded: straight quotes and a hyphen match the source's curly ones and dash.
    fine = cite("withdrawal", "it had \"fought terrorism side-by-side")
    assert locate_citations([fine], {"withdrawal": ARTICLE})[1] == []
