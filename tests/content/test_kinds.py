"""The registry of content kinds is the one list the content stages read."""

from __future__ import annotations

import dataclasses

from dossier.content.kinds import CONTENT_KINDS, KINDS
from dossier.content.model import Content
from dossier.pages import PAGE_KINDS


def test_every_kind_has_its_field_on_the_content_named_as_its_folder_and_nothing_else_does():
    assert [field.name for field in dataclasses.fields(Content)] == [kind.folder for kind in CONTENT_KINDS]


def test_every_page_kind_with_a_page_per_item_names_a_content_kind():
    keys = [kind.items.key for kind in PAGE_KINDS if kind.items]
    assert keys and set(keys) <= set(KINDS)

