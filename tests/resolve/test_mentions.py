import unicodedata

from dossier.resolve.mentions import MentionFinder
from tests.helpers import entity, source

JNIM = entity(
    "jnim",
    "JNIM",
    aliases=["Jama’a Nusrat ul-Islam wa al-Muslimin", "Jama'at Nasr al-Islam wal Muslimin"],
)
WAGNER = entity("wagner-group", "Wagner Group", aliases=["Wagner"])
CAR = entity("central-african-republic", "Central African Republic", aliases=["CAR"])
AFRICA_CORPS = entity("africa-corps", "Africa Corps", aliases=["African Corps"])
FINDER = MentionFinder([JNIM, WAGNER, CAR, AFRICA_CORPS])


def found(text):
    return [(text[start:end], entity_id) for start, end, entity_id in FINDER.find(text)]


def test_both_transliterations_of_jnim_reach_jnim_whatever_their_typography():
    text = "groups (Jama'at Nasr al-Islam wal Muslimin, ...) and Jama’a  Nusrat ul–Islam wa al-Muslimin (JNIM)"
    assert found(text) == [
        ("Jama'at Nasr al-Islam wal Muslimin", "jnim"),
        ("Jama’a  Nusrat ul–Islam wa al-Muslimin", "jnim"),
        ("JNIM", "jnim"),
    ]


def test_the_longest_match_wins():
    assert found("Russia's Wagner Group said") == [("Wagner Group", "wagner-group")]


def test_only_whole_words_count():
    assert found("Wagnerian operas and CARS") == []


def test_names_match_whatever_their_case_and_possessive():
    assert found("WAGNER’s men and the african corps") == [("WAGNER", "wagner-group"), ("african corps", "africa-corps")]


def test_short_acronyms_must_be_in_capitals():
    assert found("a car left the CAR") == [("CAR", "central-african-republic")]


def test_mentions_are_located_by_source_and_paragraph():
    article = source("s", "Nothing here.", "Wagner left; the Africa Corps stays.")
    mentions = FINDER.in_sources([article])
    assert [(m.paragraph, m.anchor, m.entity_id) for m in mentions] == [(2, "p2", "wagner-group"), (2, "p2", "africa-corps")]


def test_no_entities_means_no_mentions():
    assert MentionFinder([]).find("Wagner") == []


def test_names_are_found_whether_accents_are_composed_or_decomposed():
    for article_form, name_form in (("NFD", "NFC"), ("NFC", "NFD")):
        finder = MentionFinder([
            entity("segou", unicodedata.normalize(name_form, "Ségou")),
            entity("ecowas", unicodedata.normalize(name_form, "CÉDÉAO")),
        ])
        text = unicodedata.normalize(article_form, "À Ségou, la CÉDÉAO et la cédéao.")
        found_here = [(text[start:end], entity_id) for start, end, entity_id in finder.find(text)]
        assert found_here == [
            (unicodedata.normalize(article_form, "Ségou"), "segou"),
            (unicodedata.normalize(article_form, "CÉDÉAO"), "ecowas"),  # an acronym: in capitals only
        ]


# --- names in French and Arabic -------------------------------------------------------------------

SAHEL = MentionFinder([
    entity("tinzaouatene", "Tinzaouatène", aliases=["تينزاواتين"]),
    entity("assimi-goita", "Assimi Goïta", aliases=["Goïta", "غويتا"]),
    entity("ecowas", "CÉDÉAO"),
    entity("islamic-state", "État islamique", aliases=["EI"]),
    entity("wagner-group", "Wagner Group", aliases=["فاغنر"]),
    entity("fama", "FAMa", aliases=["الجيش المالي"]),
    entity("mali", "Mali", aliases=["مالي"]),
])


def sahel(text):
    return [(text[start:end], entity_id) for start, end, entity_id in SAHEL.find(text)]


def test_names_are_found_whatever_their_accents_and_case():
    assert sahel("À TINZAOUATENE, Goita et l’Etat Islamique ; à Tinzaouatène, GOÏTA.") == [
        ("TINZAOUATENE", "tinzaouatene"), ("Goita", "assimi-goita"), ("Etat Islamique", "islamic-state"),
        ("Tinzaouatène", "tinzaouatene"), ("GOÏTA", "assimi-goita"),
    ]


def test_short_acronyms_keep_their_capitals_but_not_their_accents():
    assert sahel("la CEDEAO, la cedeao, l’EI et ei") == [("CEDEAO", "ecowas"), ("EI", "islamic-state")]


def test_arabic_names_are_found_behind_their_prefixes_and_without_vowel_marks_or_tatweel():
    text = "فاغنر وفاغنر بفاغنر لفاغنر فالفاغنر وبالفاغنر قوات فَاغْنَر وفاغـــنر"
    assert sahel(text) == [("فاغنر", "wagner-group"), ("فاغنر", "wagner-group"), ("فاغنر", "wagner-group"),
                           ("فاغنر", "wagner-group"), ("فاغنر", "wagner-group"), ("فاغنر", "wagner-group"),
                           ("فَاغْنَر", "wagner-group"), ("فاغـــنر", "wagner-group")]


def test_a_name_with_the_article_is_found_after_the_lam_that_takes_its_alef():
    # ل + الجيش is written للجيش: the name is found there, and only after that ل.
    assert sahel("الجيش المالي والجيش المالي وللجيش المالي") == [
        ("الجيش المالي", "fama"), ("الجيش المالي", "fama"), ("لجيش المالي", "fama"),
    ]
    assert sahel("لجيش المالي") == [("مالي", "mali")]  # 'for an army' and 'the Malian': no army named


def test_arabic_names_are_found_before_an_attached_pronoun_but_not_inside_other_words():
    assert sahel("قادة فاغنرها وغويتاهم") == [("فاغنر", "wagner-group"), ("غويتا", "assimi-goita")]
    assert sahel("الماليين ماليا ومالية كمالي") == [("مالي", "mali")]  # كمالي: ك + مالي, 'like Mali'
    assert sahel("تينزاواتينية ستفاغنر") == []

