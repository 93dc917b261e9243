"""``pipeline.check`` with the live preview's caches gives exactly what a check without them gives,
after every kind of edit, and redoes only what the edit touches: what is built from a file read
again is the same object, and only the files an edit changed are read (a new source, an alias added
or removed, a file whose stamp vouches for it)."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from dossier.content import stamps
from dossier.pipeline import Caches, check
from dossier.resolve import Resolved
from tests.helpers import (
    AFRICA_CORPS, SOURCE, add_alias, add_source, copy_project, drop_relation, edit_claim, redate_event, remove_source, rename,
    files_opened, replace, replace_keeping_size_and_time,
)

SOURCES = "content/sources"
QUOTE = "the Russian Ministry of Defence formalized a new expeditionary entity: the Africa Corps"


def remove_alias(root):
    replace(root / AFRICA_CORPS, "  - African Corps\n", "")


def edit_source_text(root):
    # A paragraph mentioning an entity is added at the body's end (every other paragraph is cited).
    replace(root / (SOURCE + ".txt"), "\n-\nBenin: Three Soldiers", "\nAnalysts say the Wagner Group may return.\n-\nBenin: Three Soldiers")


def edit_source_title(root):
    text = (root / (SOURCE + ".yml")).read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    replace(root / (SOURCE + ".yml"), title, title + " (updated)")


def there_and_back(name, old, new):
    """An edit of Africa Corps' file that introduces a mistake, and the edit that mends it."""

    def there(root):
        replace(root / AFRICA_CORPS, old, new)

    def back(root):
        replace(root / AFRICA_CORPS, new, old)

    there.__name__, back.__name__ = name, f"mend_{name}"
    return there, back


break_quote, fix_quote = there_and_back(
    "break_quote", f'quote: "{QUOTE}"', 'quote: "the Russian Ministry of Defense formalized a new expeditionary entity"'
)
break_yaml, fix_yaml = there_and_back("break_yaml", "type: military unit\n", "type: military unit\ntype: [unclosed\n")
link_nowhere, unlink_nowhere = there_and_back("link_nowhere", "though [[azawad-separatists]] say", "though [[azawad-separatist]] say")


def add_entity(root):
    # The entity a broken link names comes into being: the link is fixed by a file of its own.
    (root / "content/entities/azawad-separatist.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/entity.schema.json\n"
        "name: Operatives\ntype: armed group\nsummary: Former Wagner operatives, as a test names them.\n",
        encoding="utf-8",
    )


def remove_entity(root):
    (root / "content/entities/azawad-separatist.yml").unlink()


EDITS = [
    edit_claim, add_alias, remove_alias, rename, add_source, edit_source_text, edit_source_title, remove_source,
    drop_relation, redate_event, break_quote, fix_quote, break_yaml, fix_yaml, link_nowhere, add_entity,
    remove_entity, unlink_nowhere,
]  # fmt: skip


def assert_same(cached: tuple[Resolved | None, list], fresh: tuple[Resolved | None, list], edit: str) -> None:
    """The same problems in the same order, and the same resolved content, every mapping in the same order."""
    (resolved, problems), (expected, expected_problems) = cached, fresh
    assert [str(problem) for problem in problems] == [str(problem) for problem in expected_problems], edit
    assert problems == expected_problems, edit
    assert (resolved is None) == (expected is None), edit
    if resolved is None:
        return
    for mapping in ("sources", "entities", "events"):
        assert list(getattr(resolved.content, mapping).items()) == list(getattr(expected.content, mapping).items()), (edit, mapping)
    for field in dataclasses.fields(Resolved):
        if field.name != "content":
            assert list(getattr(resolved, field.name).items()) == list(getattr(expected, field.name).items()), (edit, field.name)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_after_each_edit_a_check_with_caches_finds_what_a_check_without_them_finds(project):
    caches = Caches()
    check(project, caches)
    kinds = set()
    for edit in EDITS:
        edit(project.root)
        cached, fresh = check(project, caches), check(project)
        assert_same(cached, fresh, edit.__name__)
        kinds.add("errors" if cached[0] is None else "good")
    assert kinds == {"errors", "good"}  # the edits include errors, and their fixes


def test_a_file_read_again_is_the_same_object_and_so_is_what_is_built_from_it(project):
    caches = Caches()
    before, _ = check(project, caches)
    edit_claim(project.root)
    after, _ = check(project, caches)
    edited = "africa-corps"
    assert after.content.entities[edited] is not before.content.entities[edited]
    assert all(after.content.entities[i] is entity for i, entity in before.content.entities.items() if i != edited)
    assert all(after.content.sources[i] is source for i, source in before.content.sources.items())
    assert all(after.mentions_by_source[i] is mentions for i, mentions in before.mentions_by_source.items())


def test_a_new_source_costs_reading_that_source_only(project, monkeypatch):
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # as if the copied files had been left alone for two seconds
    caches = Caches()
    check(project, caches)
    add_source(project.root)
    with files_opened(project.content_dir, project.root) as read:
        resolved, _ = check(project, caches)
    assert read == ["content/sources/a-new-source.txt", "content/sources/a-new-source.yml"]
    assert resolved.mentions_by_source["a-new-source"] == [
        mention._replace(source_id="a-new-source") for mention in resolved.mentions_by_source[SOURCE.rsplit("/", 1)[1]]
    ]
    assert_same((resolved, []), (check(project)[0], []), "add_source")


def test_a_spelling_added_or_removed_reads_only_the_file_it_is_in_and_finds_it_where_a_fresh_check_does(project, monkeypatch):
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # as if the copied files had been left alone for two seconds
    caches = Caches()
    check(project, caches)
    add_alias(project.root)  # "Russian Ministry": in a few paragraphs of two of the four sources, read again by none
    with files_opened(project.content_dir, project.root) as read:
        resolved, _ = check(project, caches)
    assert read == [AFRICA_CORPS]
    assert_same((resolved, []), (check(project)[0], []), "add_alias")
    replace(project.root / AFRICA_CORPS, "  - Russian Ministry\n", "  - A spelling no article holds\n")
    with files_opened(project.content_dir, project.root) as read:
        resolved, _ = check(project, caches)
    assert read == [AFRICA_CORPS]
    assert_same((resolved, []), (check(project)[0], []), "replace_alias")


def test_a_source_s_text_edited_on_disk_is_read_and_resolved_again(project):
    caches = Caches()
    before, _ = check(project, caches)
    source_id = SOURCE.rsplit("/", 1)[1]
    edit_source_text(project.root)
    after, problems = check(project, caches)
    assert after.content.sources[source_id] != before.content.sources[source_id]
    assert len(after.mentions_by_source[source_id]) == len(before.mentions_by_source[source_id]) + 1
    assert_same((after, problems), check(project), "edit_source_text")


@pytest.mark.parametrize("racy_ns", [stamps.RACY_NS, 0], ids=["just-changed", "stamps-vouch"])
def test_an_edit_that_keeps_the_size_and_modification_time_is_read_again(project, monkeypatch, racy_ns):
    # just-changed: files are read again for having changed in the last 2 s; stamps-vouch: as if
    # they had not, so that only their stamps (the status-change time) tell the edit.
    monkeypatch.setattr(stamps, "RACY_NS", racy_ns)
    caches = Caches()
    check(project, caches)
    replace_keeping_size_and_time(project.root / AFRICA_CORPS, "a precise date for its creation", "a precise date for its founding")
    replace_keeping_size_and_time(project.root / (SOURCE + ".txt"), "a significant development", "a substantial development")
    cached = check(project, caches)
    assert_same(cached, check(project), "replace_keeping_size_and_time")
    source_id = SOURCE.rsplit("/", 1)[1]
    assert "for its founding" in str(cached[0].content.entities["africa-corps"])
    assert cached[0].content.sources[source_id].paragraphs[0].text.startswith("In a substantial development")


def test_an_unchanged_file_whose_stamp_vouches_for_it_is_not_read(project, monkeypatch):
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # as if every file had been left alone for two seconds
    caches = Caches()
    with files_opened(project.content_dir, project.root) as first:
        check(project, caches)
    assert AFRICA_CORPS in first and SOURCE + ".txt" in first
    with files_opened(project.content_dir, project.root) as read:
        check(project, caches)
    assert read == []
    edit_claim(project.root)
    with files_opened(project.content_dir, project.root) as read:
        check(project, caches)
    assert read == [AFRICA_CORPS]


def test_a_removed_source_leaves_no_mention_behind(project):
    caches = Caches()
    check(project, caches)
    add_source(project.root)
    check(project, caches)
    remove_source(project.root)
    resolved, _ = check(project, caches)
    assert "a-new-source" not in resolved.mentions_by_source
    assert all(mention.source_id != "a-new-source" for mentions in resolved.mentions_by_entity.values() for mention in mentions)
    shutil.rmtree(project.docs_dir, ignore_errors=True)
    assert_same((resolved, []), (check(project)[0], []), "remove_source")
