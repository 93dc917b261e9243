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


def test_a_quote_not_in_the_source_fails_showing_the_closest_passage_with_the_words_that_differ():
    citation = cite("withdrawal", "Mali has seen a surge in extremist attacks", line=12)
    passages, problems = locate_citations([citation], {"withdrawal": ARTICLE})
    assert passages == {}
    assert str(problems[0]) == (
        "content/entities/x.yml:12:1: error: quote not found in withdrawal: copy the words exactly from "
        "content/sources/withdrawal.txt. Closest passage, paragraph 3, marking [-your words-] and {+the source's+}: "
        "Mali has [-seen-]{+witnessed+} a surge in extremist attacks"
    )


def hint(quote: str, *paragraphs: str) -> str:
    """What follows the colon of 'marking ... :' in the message for a quote not found."""
    _, problems = locate_citations([cite("article", quote)], {"article": source("article", *paragraphs)})
    return problems[0].message.split("{+the source's+}: ", 1)[-1]


def test_the_passage_keeps_the_source_typography_and_marks_missing_and_extra_words_and_punctuation():
    assert hint('it had "fought terrorism side by side with the people of Mali"', ARTICLE.paragraphs[1].text) == (
        "it had “fought terrorism [-side by side-]{+side-by-side+} with the people of [-Mali\"-]{+Mali,”+}"
    )
    assert hint("Mlai has witnessed a surge in extremist attacks.", *[p.text for p in ARTICLE.paragraphs]) == (
        "[-Mlai-]{+Mali+} has witnessed a surge in extremist attacks."
    )
    assert hint("the army said that it had retaken the town", "The army said it had retaken the town on Friday.") == (
        "The army said [-that-] it had retaken the town"
    )


def test_invisible_characters_are_named_on_both_sides():
    assert hint("the junta said on Monday", "Then the junta\u00a0said on Friday that it had won.") == (
        "the junta⟨U+00A0⟩said on [-Monday-]{+Friday+}"
    )
    assert hint("a sur\u200bge in attacks", "Mali saw a surge in attacks.") == "a [-sur⟨U+200B⟩ge-]{+surge+} in attacks"


def test_a_long_passage_is_cut_around_its_changes():
    words = [f"word{number}" for number in range(60)]
    quote = words[:10] + ["wrong"] + words[11:50]
    shown = hint(" ".join(quote), "Before. " + " ".join(words) + " after.")
    assert shown == (
        "… word5 word6 word7 word8 word9 [-wrong-]{+word10+} word11 word12 word13 word14 word15 …"
    )


def test_a_quote_sharing_too_few_words_with_the_source_says_so():
    _, problems = locate_citations([cite("withdrawal", "Nothing in common here")], {"withdrawal": ARTICLE})
    assert problems[0].message == (
        "quote not found in withdrawal: copy the words exactly from content/sources/withdrawal.txt. "
        "No passage of it has a third of the quote's words: check that this is the source you meant"
    )


def test_the_closest_passage_is_found_in_a_long_paragraph_and_a_long_quote_is_compared_by_its_first_words():
    filler = " ".join(f"filler{number % 97}" for number in range(50_000))
    passage = " ".join(f"passage{number}" for number in range(300))
    paragraph = f"{filler} {passage} {filler}"
    quote = passage.replace("passage7 ", "changed ").replace("passage250 ", "")
    shown = hint(quote, "An unrelated first paragraph.", paragraph)
    assert shown == "… passage2 passage3 passage4 passage5 passage6 [-changed-]{+passage7+} passage8 passage9 passage10 passage11 passage12 …"
    _, problems = locate_citations([cite("article", quote)], {"article": source("article", "An unrelated first paragraph.", paragraph)})
    assert "Closest passage to its first 200 words, paragraph 2," in problems[0].message


def test_words_without_spaces_are_shown_cut_to_a_readable_length():
    shown = hint("a " + "x" * 19_000 + "y", "a " + "x" * 100_000)
    assert shown == f"a [-{'x' * 39}…-]{{+{'x' * 39}…+}}"
