"""Ids for any title (issue 18): whole words cut at the end, Arabic romanised, an id from an address."""

from __future__ import annotations

from dossier.content.schema import MAX_ID_LENGTH
from dossier.text.romanise import romanise
from dossier.tools.scaffold import SOURCE_ID_LENGTH, entity_id_for, source_id_for


def test_a_long_title_is_cut_at_the_end_never_in_the_middle():
    title = "Mali : au moins 84 mercenaires de Wagner et des soldats maliens tués près de Tinzaouatène"
    # python-slugify's word_boundary skipped 'maliens', which did not fit, and went on with 'tues'.
    assert source_id_for(title) == "mali-au-moins-84-mercenaires-de-wagner-et-des-soldats"


def test_french_elisions_are_two_words_and_accents_are_left_out():
    assert source_id_for("L’armée d’un pays qu’il dit «\u202fsouverain\u202f»") == "l-armee-d-un-pays-qu-il-dit-souverain"
    assert source_id_for("Wagner’s men don’t leave") == "wagners-men-dont-leave"  # English keeps its words whole


def test_arabic_is_romanised_with_its_long_vowels_and_article():
    assert romanise("قوات فاغنر تنهي مهامها في مالي") == "qwat faghnr tnhi mhamha fi mali"
    assert romanise("والجيش المالي وحلفاؤه الروس") == "wal-jish al-mali whlfah al-rus"
    assert romanise("عمر سعيد روسيا ٢٠٢٤") == "amr sid rusya 2024"
    assert romanise("قَالَ فَاغْنَر") == "qala faghnar"  # vowel marks, where written, are the vowels they are
    assert source_id_for("جماعة نصرة الإسلام والمسلمين") == "jmaa-nsra-al-islam-wal-mslmin"


def test_every_id_fits_and_a_title_with_no_letters_still_gives_one():
    assert len(source_id_for("Supercalifragilisticexpialidocious" * 5)) == SOURCE_ID_LENGTH
    assert len(entity_id_for("Supercalifragilisticexpialidocious " * 5)) <= MAX_ID_LENGTH
    assert source_id_for("!!! «\u202f»") == "source"
    assert entity_id_for("Ségou") == "segou" and entity_id_for("Assimi Goïta") == "assimi-goita"
    assert entity_id_for("فاغنر") == "faghnr"
