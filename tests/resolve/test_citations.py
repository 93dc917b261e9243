import dataclasses
import unicodedata

from dossier.content.model import Attribution, Claim
from dossier.report import Position
from dossier.resolve import resolve
from tests.helpers import cite, content, entity, source


def locate_citations(citations, sources):
    """Quotes located the way a build locates them: resolve content whose one entity cites
    ``citations`` (in a claim that says how sure it is, so that no hedge warning joins in)."""
    cited = Claim("Cited.", None, tuple(citations), Position("content/entities/x.yml", 1, 1), Attribution("stated"))
    resolved, problems = resolve(content(sources=sources.values(), entities=[entity("x", claims=[cited])]))
    return resolved.passages, problems

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


def test_a_quote_is_found_whether_accents_are_composed_or_decomposed_and_marks_the_source_as_written():
    # NFD writes 'é' as 'e' and a combining accent: it looks the same, and is the same words.
    for article_form, quote_form in (("NFD", "NFC"), ("NFC", "NFD")):
        article = source("article", unicodedata.normalize(article_form, "Les combattants sont arrivés à Ségou, où « ils » étaient attendus."))
        quoted = "arrivés à Ségou, où « ils » étaient attendus"
        citation = cite("article", unicodedata.normalize(quote_form, quoted))
        passages, problems = locate_citations([citation], {"article": article})
        assert problems == []
        passage = passages[citation]
        assert article.paragraphs[0].text[passage.start : passage.end] == unicodedata.normalize(article_form, quoted)


def test_a_quote_that_stops_between_a_letter_and_the_next_one_of_a_decomposed_word_cuts_it():
    article = source("article", unicodedata.normalize("NFD", "Les combattants sont arrivés à Ségou hier."))
    _, problems = locate_citations([cite("article", unicodedata.normalize("NFD", "sont arrivés à Sé"))], {"article": article})
    assert str(problems[0]) == unicodedata.normalize("NFD", 
        'content/entities/x.yml:1:1: error: quote "sont arrivés à Sé" cuts words in two: in article it is part of '
        '"sont arrivés à Ségou" (paragraph 1). Quote at least 3 whole words of the source, enough to show what the '
        "statement rests on"
    )


def test_words_that_differ_only_in_compatibility_characters_are_named():
    _, problems = locate_citations([cite("article", "the final report said so")], {"article": source("article", "In the ﬁnal report said so, they wrote.")})
    assert problems[0].message == (
        "quote not found in article: copy the words exactly from content/sources/article.txt. Closest passage, "
        "paragraph 1, marking [-your words-] and {+the source's+}: the [-final-]{+ﬁnal+} report said so. They differ "
        "only in characters that look like others: the source writes 'ﬁ' (U+FB01 LATIN SMALL LIGATURE FI)"
    )
    _, problems = locate_citations([cite("article", "the x² grew by half")], {"article": source("article", "So the x2 grew by half, and more.")})
    assert problems[0].message.endswith(
        "the [-x²-]{+x2+} grew by half. They differ only in characters that look like others: your quote writes "
        "'²' (U+00B2 SUPERSCRIPT TWO)"
    )
    _, problems = locate_citations([cite("article", "the final report said")], {"article": source("article", "In the ﬁnal report says so.")})
    assert "look like others" not in problems[0].message  # 'said' and 'says' differ too


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
    # A zero-width space is no difference at all: pages leave it out of article text, and editors
    # cannot type it (see dossier/text/characters.py), so it folds to nothing on both sides.
    found, problems = locate_citations(
        [cite("article", "saw a sur\u200bge in attacks")], {"article": source("article", "Mali saw a surge in attacks.")}
    )
    assert problems == [] and len(found) == 1


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


def test_a_quote_found_more_than_a_hundred_times_is_refused_without_looking_at_every_place():
    repetitive = source("repetitive", "Title", "the army of the north " * 5_000)
    citation = cite("repetitive", "army of the", line=3)
    passages, problems = locate_citations([citation], {"repetitive": repetitive})
    assert passages == {}
    assert str(problems[0]) == (
        'content/entities/x.yml:3:1: error: quote "army of the" occurs more than 100 times in repetitive: '
        "quote a longer passage that says what the statement rests on"
    )


# --- quotes in French and Arabic: typography forgiven, letters and marks not -----------------------

NNBSP, NBSP = "\u202f", "\u00a0"


def test_guillemets_and_french_spaces_match_straight_quotes_and_no_spaces_both_ways():
    french = source("french", f"Il a parlé d’«{NNBSP}un nombre important de morts{NNBSP}» et d’une défaite{NBSP}: totale{NNBSP}!")
    plain = source("plain", 'Il a parlé d\'"un nombre important de morts" et d\'une défaite: totale!')
    for quote in ('"un nombre important de morts"', "« un nombre important de morts »", "une défaite : totale !", "une défaite: totale!"):
        for article in (french, plain):
            passages, problems = locate_citations([cite(article.id, quote)], {article.id: article})
            assert problems == [], (quote, article.id)
    passages, _ = locate_citations([citation := cite("french", '"un nombre important de morts"')], {"french": french})
    passage = passages[citation]
    assert french.paragraphs[0].text[passage.start : passage.end] == f"«{NNBSP}un nombre important de morts{NNBSP}»"


def test_arabic_quotes_match_through_tatweel_presentation_forms_and_guillemets():
    article = source("arabic", "وشدد المصدر على أن «الخسائر كبيرة جدا» في صفوف فاغـــنر، و\ufefb تزال المعارك مستمرة.")
    for quote in ('أن "الخسائر كبيرة جدا" في صفوف فاغنر', "ولا تزال المعارك مستمرة"):
        _, problems = locate_citations([cite("arabic", quote)], {"arabic": article})
        assert problems == [], quote


def test_a_quote_without_the_sources_accents_is_refused_naming_the_words():
    _, problems = locate_citations(
        [cite("article", "la plus lourde defaite pour Bamako")], {"article": source("article", "C’est la plus lourde défaite pour Bamako.")}
    )
    assert problems[0].message == (
        "quote not found in article: copy the words exactly from content/sources/article.txt. Closest passage, "
        "paragraph 1, marking [-your words-] and {+the source's+}: la plus lourde [-defaite-]{+défaite+} pour Bamako. "
        "They differ only in accents or vowel marks, which a quote keeps as the source writes them: the source "
        "writes 'défaite' where your quote writes 'defaite'"
    )


def test_a_quote_without_the_sources_arabic_vowel_marks_is_refused_naming_the_words():
    _, problems = locate_citations(
        [cite("article", "قال المتحدث إن المعركة انتهت")], {"article": source("article", "ثم قَالَ المتحدث إن المعركة انتهت.")}
    )
    assert problems[0].message == (
        "quote not found in article: copy the words exactly from content/sources/article.txt. Closest passage, "
        "paragraph 1, marking [-your words-] and {+the source's+}: [-قال-]{+قَالَ+} المتحدث إن المعركة انتهت. They "
        "differ only in accents or vowel marks, which a quote keeps as the source writes them: the source writes "
        "'قَالَ' where your quote writes 'قال'"
    )


def test_the_word_diff_names_the_invisible_spaces_of_both_sides_beside_the_word_that_differs():
    # The narrow space before '!' is typography: it is no difference, and is shown by name, not as a word.
    assert hint(f"Quelle victoire{NBSP}! a dit un blogueur", f"Puis\u00a0: Quelle défaite{NNBSP}! a dit un blogueur.") == (
        f"Quelle [-victoire⟨U+00A0⟩!-]{{+défaite⟨U+202F⟩!+}} a dit un blogueur"
    )
