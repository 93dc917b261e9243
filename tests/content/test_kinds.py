"""The registry of content kinds is the one list the content stages read."""

from __future__ import annotations

import dataclasses
import shutil

from dossier.content.kinds import CONTENT_KINDS, KINDS
from dossier.content.load import load_content
from dossier.content.model import Content
from dossier.pages import PAGE_KINDS
from tests.conftest import FIXTURES


def test_every_kind_has_its_field_on_the_content_named_as_its_folder_and_nothing_else_does():
    assert [field.name for field in dataclasses.fields(Content)] == [kind.folder for kind in CONTENT_KINDS]


def test_every_page_kind_with_a_page_per_item_names_a_content_kind():
    keys = [kind.items.key for kind in PAGE_KINDS if kind.items]
    assert keys and set(keys) <= set(KINDS)


def test_every_kind_s_folder_is_read_and_a_yaml_file_anywhere_else_is_named_with_every_folder(tmp_path):
    shutil.copytree(FIXTURES / "base" / "content", tmp_path / "content")
    (tmp_path / "content" / "notes").mkdir()
    (tmp_path / "content" / "notes" / "stray.yml").write_text("name: x\n", encoding="utf-8")
    loaded = load_content(tmp_path / "content")
    assert {file.kind for file in loaded.files} == set(KINDS)
    assert [problem.message for problem in loaded.problems] == [
        "ignored: the build reads YAML files only in content/sources/, content/entities/, content/events/: "
        "move it into one of them or delete it"
    ]
