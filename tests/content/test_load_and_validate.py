"""Loading content files and checking them: every problem, located, in one run."""

from pathlib import Path

from dossier.content.load import load_content
from dossier.content.validate import validate_content
from dossier.pages import RESERVED_IDS
from dossier.report import errors_in

ARTICLE = "Clutter at the top\nFirst paragraph about Wagner.\n\nSecond paragraph.\nRelated stories\nOther news\n"


def write(root: Path, relative: str, text: str | bytes) -> None:
    path = root / "content" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def check(root: Path) -> list[str]:
    """The errors found, as printed (these files leave out the schema line: see its own test)."""
    content, problems = validate_content(load_content(root / "content"), RESERVED_IDS)
    return [str(problem) for problem in sorted(errors_in(problems))]


def a_valid_project(root: Path) -> None:
    write(root, "sources/news.txt", ARTICLE)
    write(root, "sources/news.yml", 'title: News\nlanguage: en\nbody:\n  start_after: "at the top"\n  end_before: "Related stories"\n')
    write(
        root,
        "entities/wagner-group.yml",
        "name: Wagner Group\ntype: private military company\naliases: [Wagner]\nsummary: A company.\n"
        "claims:\n  - text: It exists.\n    cite:\n      - source: news\n        quote: about Wagner\n",
    )


def test_a_source_body_leaves_clutter_out_and_is_split_into_numbered_paragraphs(tmp_path):
    a_valid_project(tmp_path)
    content, problems = validate_content(load_content(tmp_path / "content"), RESERVED_IDS)
    assert errors_in(problems) == []
    assert [(p.anchor, p.text) for p in content.sources["news"].paragraphs] == [
        ("p1", "First paragraph about Wagner."),
        ("p2", "Second paragraph."),
    ]


def test_blank_line_paragraphs_are_the_editors_choice(tmp_path):
    a_valid_project(tmp_path)
    write(tmp_path, "sources/news.txt", "One paragraph\nwrapped here.\n\nAnother.\n")
    write(tmp_path, "sources/news.yml", "title: News\nlanguage: en\nbody:\n  paragraphs: blank-lines\n")
    content, _ = validate_content(load_content(tmp_path / "content"), RESERVED_IDS)
    assert [p.text for p in content.sources["news"].paragraphs] == ["One paragraph\nwrapped here.", "Another."]


def test_every_problem_is_reported_with_its_place_in_one_run(tmp_path):
    a_valid_project(tmp_path)
    write(
        tmp_path,
        "entities/jnim.yml",
        "name: JNIM\ntype: armed grup\naliasses: [x]\nsummary: Fights [[wagner-grop]].\n"
        "claims:\n  - text: Dated.\n    date: 2025-02-30\n    cite:\n      - source: newz\n        quote: x\n",
    )
    assert check(tmp_path) == [
        "content/entities/jnim.yml:2:7: error: type: 'armed grup' is not one of: armed forces, armed group, government, "
        "international mission, military unit, organization, person, place, private military company, state body. "
        "Did you mean 'armed group'?",
        "content/entities/jnim.yml:3:1: error: unknown key 'aliasses'. Did you mean 'aliases'?",
        "content/entities/jnim.yml:7:11: error: claims[0].date: '2025-02-30' is not a real date: February 2025 has 28 days",
    ]


def test_references_to_unknown_ids_suggest_the_nearest(tmp_path):
    a_valid_project(tmp_path)
    write(
        tmp_path,
        "entities/jnim.yml",
        "name: JNIM\ntype: armed group\nsummary: Fights [[wagner-grop]].\n"
        "relations:\n  - type: fights\n    target: jnim\n    cite:\n      - source: newz\n        quote: x\n",
    )
    assert check(tmp_path) == [
        "content/entities/jnim.yml:3:17: error: link [[wagner-grop]]: 'wagner-grop' is not an entity in content/entities/. "
        "Did you mean 'wagner-group'?",
        "content/entities/jnim.yml:6:13: error: a relation cannot point at its own entity",
        "content/entities/jnim.yml:9:16: error: cited source 'newz' is not in content/sources/. Did you mean 'news'?",
    ]


def test_unreadable_files_are_reported_not_raised(tmp_path):
    a_valid_project(tmp_path)
    write(tmp_path, "entities/latin1.yml", "name: Caf\xe9\n".encode("latin-1"))
    write(tmp_path, "entities/empty.yml", "")
    write(tmp_path, "entities/nul.yml", b"name: a\x00b\n")
    assert check(tmp_path) == [
        "content/entities/empty.yml:1:1: error: file is empty: fill it in or delete it",
        "content/entities/latin1.yml:1:1: error: file is not UTF-8 text (byte 0xe9 cannot be read): save it with UTF-8 encoding",
        "content/entities/nul.yml:1:1: error: file contains a NUL byte: it is not a text file; save it as UTF-8 text",
    ]


def test_a_spelling_may_name_one_entity_only(tmp_path):
    a_valid_project(tmp_path)
    write(tmp_path, "entities/wagner-pmc.yml", "name: Wagner PMC\ntype: organization\naliases: [wagner]\nsummary: Dup.\n")
    assert check(tmp_path) == [
        "content/entities/wagner-pmc.yml:3:11: error: 'wagner' is also a name or alias of 'wagner-group' "
        "(content/entities/wagner-group.yml:3:11): a spelling may belong to one entity only"
    ]


def test_a_file_without_its_schema_line_gets_a_warning(tmp_path):
    a_valid_project(tmp_path)
    _, problems = validate_content(load_content(tmp_path / "content"), RESERVED_IDS)
    assert [str(problem) for problem in problems] == [
        "content/sources/news.yml:1:1: warning: the first line should be "
        "'# yaml-language-server: $schema=../../schemas/source.schema.json': it gives editors completion and inline errors",
        "content/entities/wagner-group.yml:1:1: warning: the first line should be "
        "'# yaml-language-server: $schema=../../schemas/entity.schema.json': it gives editors completion and inline errors",
    ]
