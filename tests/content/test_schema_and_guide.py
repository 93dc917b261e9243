"""The schema is defined once in code; its JSON Schema files and the editor's guide follow it."""

from __future__ import annotations

import json
import re

from pydantic import BaseModel

from dossier.content.kinds import CONTENT_KINDS
from dossier.content.schema import EntitySchema, json_schema
from tests.helpers import PROJECT_ROOT


def field_names(model: type[BaseModel]) -> set[str]:
    names = set()
    for name, field in model.model_fields.items():
        names.add(name)
        for argument in [field.annotation, *getattr(field.annotation, "__args__", ())]:
            for inner in [argument, *getattr(argument, "__args__", ())]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    names |= field_names(inner)
    return names


def test_the_exported_json_schemas_are_up_to_date():
    for kind in CONTENT_KINDS:
        path = PROJECT_ROOT / "schemas" / f"{kind.name}.schema.json"
        assert path.read_text(encoding="utf-8") == json_schema(kind.schema), f"{path} is stale: run make schema"


def test_the_json_schemas_refuse_unknown_keys_and_list_the_allowed_values():
    entity = json.loads(json_schema(EntitySchema))
    assert entity["additionalProperties"] is False
    assert "private military company" in entity["properties"]["type"]["enum"]


def test_the_editors_guide_mentions_every_field_of_every_file_kind():
    guide = (PROJECT_ROOT / "docs" / "how-to-edit.md").read_text(encoding="utf-8")
    written = set(re.findall(r"^\s*-?\s*([a-z0-9_]+):", guide, re.M)) | set(re.findall(r"`([a-z0-9_]+)`", guide))
    for kind in CONTENT_KINDS:
        missing = field_names(kind.schema) - written
        assert not missing, f"how-to-edit.md does not mention {kind.name} fields {sorted(missing)}"


def test_every_content_file_starts_with_its_schema_line():
    for kind in CONTENT_KINDS:
        for path in sorted((PROJECT_ROOT / "content" / kind.folder).glob("*.yml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{kind.name}.schema.json", path
