import unicodedata

from dossier.typography import find_composed, fold, fold_words


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
