from dossier.typography import fold, fold_words


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
