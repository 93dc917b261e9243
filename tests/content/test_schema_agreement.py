"""The JSON Schemas accept what `check` accepts, read as an editor's YAML plug-in reads the files.

yaml-language-server reads YAML 1.2 (core schema): there `since: 2025` is an integer and `true`
a boolean, while `check` reads every scalar as text. Every content file and every fixture that
`check` accepts must validate against its schema as such a reader sees it, so that the editor
never underlines what the build accepts; and a wrong date reads as advice, not a pattern.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from dossier.content.kinds import CONTENT_KINDS, KINDS
from dossier.content.schema import json_schema
from dossier.pipeline import Project, check
from tests.content.broken_cases import CASES
from tests.helpers import FIXTURES, PROJECT_ROOT


class Yaml12CoreLoader(yaml.SafeLoader):
    """PyYAML resolving plain scalars by the YAML 1.2 core schema, as yaml-language-server does."""


Yaml12CoreLoader.yaml_implicit_resolvers = {}
_CORE_TYPES = {
    "tag:yaml.org,2002:null": (r"^(?:~|null|Null|NULL|)$", None),
    "tag:yaml.org,2002:bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", lambda text: text.lower() == "true"),
    "tag:yaml.org,2002:int": (
        r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
        lambda text: int(text[2:], 8) if text.startswith("0o") else int(text[2:], 16) if text.startswith("0x") else int(text),
    ),
    "tag:yaml.org,2002:float": (
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        lambda text: float(text.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf").lower().replace(".nan", "nan")),
    ),
}
for _tag, (_pattern, _convert) in _CORE_TYPES.items():
    Yaml12CoreLoader.add_implicit_resolver(_tag, re.compile(_pattern), list("-+0123456789.~ntNTfF") + [""])
    if _convert:
        Yaml12CoreLoader.add_constructor(_tag, lambda loader, node, convert=_convert: convert(loader.construct_scalar(node)))


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(json_schema(KINDS[kind].schema))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALIDATORS = {kind: validator(kind) for kind in KINDS}


def schema_errors(path: Path, kind: str) -> list[str]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12CoreLoader)
    return [f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATORS[kind].iter_errors(data)]


def annotation_files(content: Path) -> list[tuple[Path, str]]:
    return [(path, kind.name) for kind in CONTENT_KINDS for path in sorted((content / kind.folder).glob("*.yml"))]


def test_the_yaml_12_reader_sees_bare_years_as_integers_as_the_editor_does():
    assert yaml.load("since: 2025\nmonth: 2025-06\nflag: true\nno: no\nempty:\n", Loader=Yaml12CoreLoader) == {
        "since": 2025, "month": "2025-06", "flag": True, "no": "no", "empty": None,
    }


@pytest.mark.parametrize(
    "content",
    [PROJECT_ROOT / "content", FIXTURES / "base" / "content", FIXTURES / "languages" / "content"],
    ids=["bundled", "base-fixture", "languages-fixture"],
)
def test_every_content_file_check_accepts_validates_against_its_schema(content):
    _, problems = check(Project(content.parent))
    assert [problem for problem in problems if problem.severity == "error"] == []
    files = annotation_files(content)
    assert len(files) >= 4
    assert [error for path, kind in files for error in schema_errors(path, kind)] == []


def test_the_bundled_content_has_bare_years_that_the_schema_must_accept():
    bare_years = [
        path.name
        for path, _ in annotation_files(PROJECT_ROOT / "content")
        if re.search(r"^\s*(since|until|date|published|as_of): \d{4}$", path.read_text(encoding="utf-8"), re.M)
    ]
    assert len(bare_years) >= 3  # fewer since dates say "second half of 2021" (2021-41) where the text does


# Only fixtures in a folder the build reads: one in a misspelt folder (entitys/) is ignored, so no schema applies.
@pytest.mark.parametrize(
    "case",
    [case for case in CASES if case.exit_code == 0 and case.name.split("/")[0] in {kind.folder for kind in CONTENT_KINDS}],
    ids=lambda case: case.name,
)
def test_every_broken_content_fixture_check_accepts_validates_against_its_schema(case):
    folder, stem = case.name.split("/")
    kind = next(kind.name for kind in CONTENT_KINDS if kind.folder == folder)
    assert schema_errors(FIXTURES / "broken" / folder / f"{stem}.yml", kind) == []


def test_a_date_check_refuses_is_refused_by_the_schema_with_readable_advice():
    data = yaml.load((FIXTURES / "broken" / "entities" / "date-in-words.yml").read_text(), Loader=Yaml12CoreLoader)
    error = jsonschema.exceptions.best_match(VALIDATORS["entity"].iter_errors(data))
    assert list(error.absolute_path)[-1] == "date"
    # What the plug-in shows: the failing schema's own message for the pattern or the whole value.
    messages = {error.schema.get(key) for error in [error, *error.context] for key in ("patternErrorMessage", "errorMessage")}
    assert (
        "Not a date: write it in EDTF: 2021, 2021-12, 2021-12-06, 2021-41 (second half of 2021), 2024-07~ (about July 2024), "
        "2024-07? (perhaps July 2024), 2021-05/2021-12 (a range), ../2021 or 2021/.. (open)."
    ) in messages


def test_a_bad_id_gets_readable_advice_in_the_schema():
    data = {"date": 2021, "title": "A title", "entities": ["Wagner Group"], "cite": [{"source": "x", "quote": "y"}]}
    errors = list(VALIDATORS["event"].iter_errors(data))
    assert [error.schema.get("errorMessage") for error in errors] == [
        "Not an id: use lowercase letters, digits and hyphens, e.g. wagner-group."
    ]


def test_a_language_that_is_no_tag_gets_readable_advice_in_the_schema():
    data = {"name": "Wagner", "type": "organization", "summary": "A.", "aliases": [{"name": "فاغنر", "language": "Arabic"}]}
    errors = list(VALIDATORS["entity"].iter_errors(data))
    messages = {e.schema.get(key) for error in errors for e in [error, *error.context] for key in ("patternErrorMessage", "errorMessage")}
    assert "Not a language tag: write a BCP 47 tag such as en, fr or ar." in messages
    assert list(VALIDATORS["source"].iter_errors({"title": "Un titre", "language": "fr-CA"})) == []


def test_every_fixture_file_its_model_accepts_also_validates_against_the_json_schema():
    """Per file, the schema in code (what check applies to one file) and the JSON Schema agree:
    broken fixtures whose fault lies across files (an unknown id, a quote not found) included."""
    from pydantic import ValidationError

    from dossier.content.yamlfile import YamlProblem, parse_yaml

    accepted = []
    for kind in CONTENT_KINDS:
        for path in sorted((FIXTURES / "broken" / kind.folder).glob("*.yml")):
            try:
                text = path.read_text(encoding="utf-8")
                kind.schema.model_validate(parse_yaml(text).data)
            except (UnicodeDecodeError, YamlProblem, ValidationError, ValueError):
                continue
            accepted.append(path.name)
            assert schema_errors(path, kind.name) == []
    assert len(accepted) >= 10
