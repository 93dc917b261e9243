import pytest

from dossier.content.yamlfile import YamlProblem, parse_yaml


def test_every_scalar_stays_the_text_the_editor_typed():
    document = parse_yaml("a: NO\nb: 12:30\nc: 2025-06-06\nd: 1e3\ne: yes\n")
    assert document.data == {"a": "NO", "b": "12:30", "c": "2025-06-06", "d": "1e3", "e": "yes"}


def test_an_empty_value_means_not_given():
    assert parse_yaml("author:\nnull_word: ~\n").data == {"author": None, "null_word": None}


def test_positions_of_values_and_keys_are_kept():
    document = parse_yaml("claims:\n  - text: hello\n    cite: []\n")
    assert document.position_of(("claims", 0, "text")) == (2, 11)
    assert document.position_of(("claims", 0, "cite"), key=True) == (3, 5)
    assert document.position_of(("claims", 0, "missing")) == (2, 5)


def test_duplicate_keys_are_refused_naming_both_lines():
    with pytest.raises(YamlProblem) as problem:
        parse_yaml("name: A\ntype: person\nname: B\n")
    assert (problem.value.line, problem.value.message) == (3, "duplicate key 'name' (first written on line 1): keep one of them")


def test_aliases_are_refused_before_anything_is_expanded():
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    with pytest.raises(YamlProblem, match="anchors"):
        parse_yaml(bomb)
    with pytest.raises(YamlProblem, match="aliases"):
        parse_yaml("b: *a\n")


def test_deep_nesting_is_refused():
    with pytest.raises(YamlProblem, match="nested"):
        parse_yaml("[" * 50 + "]" * 50)
    with pytest.raises(YamlProblem, match="nested"):
        parse_yaml("[" * 100_000 + "]" * 100_000)  # libyaml's own composer crashes on this


def test_a_file_holds_one_document():
    with pytest.raises(YamlProblem, match="a second YAML document"):
        parse_yaml("name: A\n---\nname: B\n")


def test_malformed_yaml_names_the_line():
    with pytest.raises(YamlProblem) as problem:
        parse_yaml("name: A\naliases: [one, two\ntype: x\n")
    assert problem.value.line == 3
    assert problem.value.message.startswith("not valid YAML:")
