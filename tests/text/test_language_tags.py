"""The lang and dir attributes of quoted text, and which sentence a quote is in."""

from __future__ import annotations

import pytest

from dossier.text.language_tags import language_attributes, same_language
from dossier.text.sentences import sentence_span


@pytest.mark.parametrize(
    "tag, attributes",
    [
        (None, ""),
        ("en", ' lang="en"'),
        ("fr-CA", ' lang="fr-CA"'),
        ("ar", ' lang="ar" dir="rtl"'),
        ("he", ' lang="he" dir="rtl"'),
        ("ar-Latn", ' lang="ar-Latn"'),  # Arabic in Latin letters reads left to right
        ("ha", ' lang="ha" dir="auto"'),  # Hausa is written in Latin letters and in Ajami: the text decides
        ("ha-Arab", ' lang="ha-Arab" dir="rtl"'),
    ],
)
def test_each_language_tag_gives_lang_and_the_direction_of_its_script(tag, attributes):
    assert language_attributes(tag) == attributes


def test_a_region_or_script_does_not_make_another_language():
    assert same_language("en-GB", "en") and same_language(None, "en") and not same_language("fr", "en")


@pytest.mark.parametrize(
    "paragraph, quoted, sentence",
    [
        ("First one. Then the quoted words here, and more. Last.", "quoted words", "Then the quoted words here, and more."),
        ("There are 2,000 men, according to U.S. officials. Next.", "2,000 men", "There are 2,000 men, according to U.S. officials."),
        ("A « citation » ici. « Nous avons subi des pertes. » Fin.", "Nous avons subi", "« Nous avons subi des pertes. »"),
        ("قال المصدر. وانتشرت القوات في البلاد. انتهى", "انتشرت القوات", "وانتشرت القوات في البلاد."),
        ("One ends. Two runs over. Three.", "ends. Two", "One ends. Two runs over."),
        ("No full stop at all", "full stop", "No full stop at all"),
    ],
)
def test_the_sentence_of_a_quote_runs_from_the_last_full_stop_before_it_to_the_first_after_it(paragraph, quoted, sentence):
    start = paragraph.index(quoted)
    begins, ends = sentence_span(paragraph, start, start + len(quoted))
    assert paragraph[begins:ends] == sentence
