"""The dropped-hedge warning: a statement plainer than the sentence it cites."""

import dataclasses

from dossier.content.model import Attribution
from dossier.resolve import resolve
from tests.helpers import cite, claim, content, entity, source

ARTICLE = source(
    "article",
    "Wagner reportedly has 2,000 men in Mali. The group left in May 2024. Others reportedly stayed.",
    "It may stay, according to sources within Wagner.",
)


def warnings_for(*claims):
    _, problems = resolve(content(sources=[ARTICLE], entities=[entity("subject", claims=claims)]))
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


def test_only_certainty_and_according_to_mark_a_statement_not_a_field_that_joins_attribution_later():
    @dataclasses.dataclass(frozen=True)
    class WithReviewer(Attribution):  # as if `reviewed_by` joined Attribution
        reviewed_by: str | None = None

    assert [Attribution("reported").is_marked, Attribution(None, "sources").is_marked, Attribution().is_marked] == [True, True, False]
    reviewed_only = WithReviewer(reviewed_by="an editor")
    assert not reviewed_only.is_marked
    hedged = claim("It has 2,000 men.", cite("article", "has 2,000 men"))
    assert len(warnings_for(dataclasses.replace(hedged, attribution=reviewed_only))) == 1


def test_a_quote_that_ends_its_sentence_does_not_take_in_the_next_one():
    assert warnings_for(claim("It left.", cite("article", "The group left in May 2024."))) == []


# --- hedges in French and Arabic: the source's language says which words -------------------------


def warnings_in(language, *paragraphs, quote):
    article = dataclasses.replace(source("article", *paragraphs), language=language)
    _, problems = resolve(content(sources=[article], entities=[entity("x", claims=[claim("Said.", cite("article", quote))])]))
    return [str(problem) for problem in problems]


def warning(words, paragraph=1):
    return (
        f"content/entities/x.yml:1:1: warning: the cited sentence says {words} (article, paragraph {paragraph}) but this "
        "statement sets neither certainty nor according_to: add `certainty:` or `according_to:`, or "
        "`certainty: stated` if the source asserts it"
    )


def test_a_french_source_hedges_with_french_words():
    text = "Selon des sources locales, l’armée aurait tué 84 « présumés » terroristes. Le bilan est lourd."
    assert warnings_in("fr", text, quote="l’armée aurait tué 84") == [warning("'selon', 'sources', 'aurait', 'présumés'")]
    assert warnings_in("fr", "Les rebelles affirment avoir repris la ville.", quote="avoir repris la ville") == [warning("'affirment'")]
    assert warnings_in("fr", "D’après l’AFP, il semblerait que la ville soit tombée.", quote="la ville soit tombée") == [
        warning("\"d'après\", 'semblerait'")
    ]
    assert warnings_in("fr", text, quote="Le bilan est lourd") == []  # the next sentence asserts it


def test_an_arabic_source_hedges_with_arabic_words_attached_prefixes_and_vowel_marks_included():
    assert warnings_in("ar", "وشدد المصدر على أن الخسائر كبيرة جدا.", quote="أن الخسائر كبيرة جدا") == [warning("'شدد', 'مصدر'")]
    assert warnings_in("ar", "قُتل عشرات الجنود، بحسب ما أفادت مصادر أمنية.", quote="قُتل عشرات الجنود") == [
        warning("'حسب', 'أفادت', 'مصادر'")
    ]
    assert warnings_in("ar", "ويُعتقد أن القوات انسحبت. وقد انتهت المعارك.", quote="أن القوات انسحبت") == [warning("'يعتقد'")]
    assert warnings_in("ar", "ويُعتقد أن القوات انسحبت. وقد انتهت المعارك.", quote="وقد انتهت المعارك") == []


def test_the_words_of_the_sources_language_count_and_no_others():
    french = "Selon l’armée, les rebelles ont reportedly fui."
    assert warnings_in("fr", french, quote="les rebelles ont reportedly fui") == [warning("'selon'")]
    assert warnings_in(None, french, quote="les rebelles ont reportedly fui") == [warning("'reportedly'")]  # English by default
    assert warnings_in("fr-CA", french, quote="les rebelles ont reportedly fui") == [warning("'selon'")]
    assert warnings_in("ru", "По данным источников, Вагнер ушёл из Мали.", quote="Вагнер ушёл из Мали") == []  # no list yet
