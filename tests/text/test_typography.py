import unicodedata

from dossier.text.typography import find_composed, fold, fold_name, fold_words, name_key


def test_curly_quotes_and_apostrophes_fold_to_straight_ones():
    assert fold_words("‘completing mission’ “side-by-side” Jama’a") == "'completing mission' \"side-by-side\" jama'a"


def test_dash_variants_fold_to_a_hyphen():
    assert fold_words("Malian–Russian forces — training") == "malian-russian forces - training"


def test_runs_of_white_space_and_line_breaks_fold_to_one_space():
    assert fold_words("over  three\nyears\t\u00a0ago") == "over three years ago"


def test_folding_ignores_case():
    assert fold_words("JNIM") == fold_words("jnim")


def test_folded_offsets_lead_back_to_the_original_text():
    original = "The  Jama’a\nNusrat group"
    folded = fold(original)
    start = folded.text.index("jama'a nusrat")
    begin, end = folded.original_span(start, start + len("jama'a nusrat"))
    assert original[begin:end] == "Jama’a\nNusrat"


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_composed_and_decomposed_accents_fold_the_same():
    assert nfd("Ségou") != "Ségou"
    assert fold_words(nfd("Arrivés à Ségou, où")) == fold_words("Arrivés à Ségou, où") == "arrivés à ségou, où"


def test_folded_offsets_lead_back_to_whole_letters_of_decomposed_text():
    original = nfd("Arrivés  à Ségou, été")
    folded = fold(original)
    start = folded.text.index("à ségou, été")
    begin, end = folded.original_span(start, start + len("à ségou, été"))
    assert original[begin:end] == nfd("à Ségou, été")  # every accent, the last one too
    assert not folded.keeps_offsets and fold("Arrivés à Ségou").keeps_offsets


def test_a_word_whose_characters_composition_joins_maps_back_whole():
    # Korean syllables compose from several jamo, none of them a combining mark.
    original = nfd("한국어\x00말")  # NUL joins paragraphs in resolve: it ends a word too
    folded = fold(original)
    assert folded.text == "한국어\x00말"
    start = folded.text.index("말")
    assert original[slice(*folded.original_span(start, start + 1))] == nfd("말")
    start = folded.text.index("국어")
    assert original[slice(*folded.original_span(start, start + 2))] == nfd("한국어")


def test_a_phrase_is_found_as_written_composed_or_decomposed():
    text = "Home | " + nfd("Société") + " | Le texte"
    assert find_composed(text, " | Le") == (16, 21)  # written the same: found as it is
    assert find_composed(text, "Société") == (7, 7 + len(nfd("Société")))
    assert find_composed(text, "Société | Le", 10) is None
    assert find_composed("Société", nfd("Société")) == (0, 7)
    assert find_composed(text, "société") is None  # letter case still counts


# --- every script's typography, and nothing else -------------------------------------------------

NNBSP, NBSP, THIN = "\u202f", "\u00a0", "\u2009"


def test_guillemets_low_quotes_corner_brackets_and_primes_fold_to_straight_quotes():
    assert fold_words("«Non» ‹oui› „ja“ ‚so‘ 「はい」 『いいえ』 5′ 6″ l’armée lʼarmée") == (
        "\"non\" 'oui' \"ja\" 'so' \"はい\" 'いいえ' 5' 6\" l'armée l'armée"
    )


def test_the_french_spaces_fold_to_nothing_whichever_space_is_typed():
    for space in (NNBSP, NBSP, THIN, " "):
        assert fold_words(f"la défaite{space}: totale{space}; vraiment{space}! pourquoi{space}?") == "la défaite: totale; vraiment! pourquoi?"
        assert fold_words(f"«{space}un nombre important de morts{space}»") == '"un nombre important de morts"'
        assert fold_words(f"‹{space}oui{space}›") == "'oui'"
    assert fold_words('il a dit « non » hier') == fold_words('il a dit "non" hier') == 'il a dit "non" hier'


def test_spaces_outside_guillemets_stay_as_german_sets_them():
    # German faces its guillemets inwards without spaces: »so« keeps the space before and after.
    assert fold_words("er sagte »Hallo« und ging") == fold_words('er sagte "Hallo" und ging') == 'er sagte "hallo" und ging'


def test_arabic_tatweel_and_presentation_forms_fold_to_plain_letters_and_arabic_punctuation_to_latin():
    assert fold_words("قوات فاغـــنر") == "قوات فاغنر"
    assert fold_words("\ufefb تزال \ufe8e") == "لا تزال ا"  # lam-alef ligature, an alef's final form
    assert fold_words("\ufe78 \ufe77") == "\u064f \u064e"  # a damma alone, a fatha on tatweel: the marks
    assert fold_words("مالي، النيجر؛ لماذا؟") == "مالي, النيجر; لماذا?"


def test_letters_accents_and_arabic_vowel_marks_are_never_folded():
    assert fold_words("défaite") != fold_words("defaite")
    assert fold_words("Goïta") != fold_words("Goita")
    assert fold_words("قَالَ") != fold_words("قال")
    assert fold_words("أسامة") != fold_words("اسامة")


def test_folded_offsets_lead_back_over_french_spaces_tatweel_and_ligatures():
    original = f"Il a dit «{NNBSP}non{NNBSP}» puis fa\u0640\u0640ghnr \ufefb ici"
    folded = fold(original)
    assert folded.text == 'il a dit "non" puis fa\u0640\u0640ghnr \ufefb ici'.replace("\u0640", "").replace("\ufefb", "لا")
    start = folded.text.index('"non"')
    assert original[slice(*folded.original_span(start, start + 5))] == f"«{NNBSP}non{NNBSP}»"
    start = folded.text.index("faghnr لا")
    assert original[slice(*folded.original_span(start, start + 9))] == "fa\u0640\u0640ghnr \ufefb"


def test_names_fold_accents_arabic_vowel_marks_and_alef_variants_away():
    assert name_key("Tinzaouatène") == name_key("TINZAOUATENE") == "tinzaouatene"
    assert name_key("Goïta") == name_key("Goita") == "goita"
    assert name_key("قَالَ") == name_key("قال")
    assert name_key("أسامة موسى") == name_key("اسامة موسي") == "اسامة موسي"
    assert name_key("Йошкар") != name_key("Иошкар")  # й is a letter of its own in Russian
    original = "la région de Ségou, où الجَيْش"
    names = fold_name(original)
    start = names.text.index("segou")
    assert original[slice(*names.original_span(start, start + 5))] == "Ségou"
    start = names.text.index("الجيش")
    assert original[slice(*names.original_span(start, start + 5))] == "الجَيْش"


def test_names_of_plain_text_are_its_folded_text_itself():
    folded = fold("Wagner’s men")
    assert fold_name("Wagner’s men", folded) is folded
