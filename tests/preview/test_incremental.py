"""The live preview redoes only the pages a change touches, and what it writes is exactly what a
full generation writes: after every kind of edit, the two docs/ folders are compared file by file."""

from __future__ import annotations

import shutil

import pytest

from dossier.content import stamps
from dossier.pages import GENERATED_PATHS
from dossier.pages.addresses import entity_page
from dossier.pipeline import generate
from dossier.preview.loop import regenerate
from dossier.preview.regenerate import Preview
from dossier.report import DossierError
from tests.helpers import (
    AFRICA_CORPS, SOURCE, add_alias, add_source, change_language, copy_project, drop_relation, edit_claim, redate_event, remove_source, rename,
    replace_keeping_size_and_time,
)


def generated(docs):
    return {
        path.relative_to(docs).as_posix(): path.read_bytes()
        for owned in GENERATED_PATHS
        for path in ([docs / owned] if not owned.endswith("/") else sorted((docs / owned).rglob("*")))
        if path.is_file()
    }


def full_generation(project, full):
    """What a full generation of ``project``'s content writes (generated in the project ``full``)."""
    shutil.rmtree(full.content_dir)
    shutil.copytree(project.content_dir, full.content_dir)
    generate(full)
    return generated(full.docs_dir)


EDITS = [edit_claim, add_alias, rename, add_source, remove_source, drop_relation, redate_event, change_language]


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    folder = tmp_path_factory.mktemp("incremental")
    return copy_project(folder / "preview"), copy_project(folder / "full")


def test_after_each_edit_the_preview_writes_exactly_what_a_full_generation_writes(projects, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    preview_project, full = projects
    preview = Preview(preview_project)
    preview.regenerate()
    for edit in EDITS:
        edit(preview_project.root)
        summary, _ = preview.regenerate()
        in_full = full_generation(preview_project, full)
        assert generated(preview_project.docs_dir) == in_full, edit.__name__
        assert 0 < len(summary.written) < len(in_full) / 2, (edit.__name__, summary.written)


def test_a_claim_edit_writes_its_entity_page_its_cited_source_s_page_and_the_claims_file_only(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    project, full = copy_project(tmp_path / "preview"), copy_project(tmp_path / "full")
    preview = Preview(project)
    preview.regenerate()
    before = generated(project.docs_dir)
    edit_claim(project.root)
    summary, _ = preview.regenerate()
    after = generated(project.docs_dir)
    edited = ["data/claims.csv", entity_page("africa-corps"), f"sources/{SOURCE.rsplit('/', 1)[1]}/index.md"]
    assert summary.written == edited == sorted(path for path in after if after[path] != before.get(path))
    assert len(summary.written) + summary.unchanged < len(after) / 4  # the other pages are not even rendered
    assert after == full_generation(project, full)


def test_an_error_leaves_the_last_good_pages_and_the_fix_is_regenerated_from_them(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    project, full = copy_project(tmp_path / "preview"), copy_project(tmp_path / "full")
    preview = Preview(project)
    assert regenerate(preview)
    entity = project.root / AFRICA_CORPS
    original = entity.read_text(encoding="utf-8")
    entity.write_text(original.replace("type: military unit", "type: military unit\ntype: again"), encoding="utf-8")
    page = project.docs_dir / entity_page("africa-corps")
    last_good = page.read_text(encoding="utf-8")
    assert not regenerate(preview)
    assert page.read_text(encoding="utf-8") == last_good
    entity.write_text(original.replace("a precise date for its creation.", "no date."), encoding="utf-8")
    assert regenerate(preview)
    in_full = full_generation(project, full)
    assert generated(project.docs_dir) == in_full


def test_the_graph_page_is_rendered_again_only_when_what_it_shows_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    project = copy_project(tmp_path / "project")
    preview = Preview(project)
    preview.regenerate()
    # A page rendered again is written, or counted unchanged; a claim edit's three pages are written
    # (see above), and the pages made of everything that claims do not change are not rendered at all.
    edit_claim(project.root)
    summary, _ = preview.regenerate()
    assert "graph/index.md" not in summary.written
    claim_edit_renders = len(summary.written) + summary.unchanged
    edit_claim_back = (project.root / AFRICA_CORPS).read_text(encoding="utf-8").replace("for when it was created.", "for its creation.")
    (project.root / AFRICA_CORPS).write_text(edit_claim_back, encoding="utf-8")
    graph_page = project.docs_dir / "graph" / "index.md"
    graph_page.write_text("stale", encoding="utf-8")  # seen only if the graph page is rendered again
    summary, _ = preview.regenerate()
    assert len(summary.written) + summary.unchanged == claim_edit_renders
    assert graph_page.read_text(encoding="utf-8") == "stale"
    rename(project.root)
    summary, _ = preview.regenerate()
    assert "graph/index.md" in summary.written and "The Africa Corps" in graph_page.read_text(encoding="utf-8")


def test_in_two_parts_the_edited_page_comes_first_and_the_rest_then_equals_a_full_generation(projects, monkeypatch):
    """The live preview's first part writes only the page of the file edited, already as a full
    generation writes it; after the second part, docs/ is a full generation's, file for file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    preview_project, full = projects
    shutil.rmtree(preview_project.root)
    copy_project(preview_project.root)
    preview = Preview(preview_project)
    preview.regenerate_first()
    assert preview.pending is None  # the first time, everything is written at once
    first_pages = {
        edit_claim: {entity_page("africa-corps")},
        add_alias: {entity_page("africa-corps")},
        add_source: {"sources/a-new-source/index.md"},
        redate_event: set(),
    }
    for edit, expected_first in first_pages.items():
        edit(preview_project.root)
        first, _ = preview.regenerate_first()
        assert set(first.written) == expected_first, edit.__name__
        in_full = full_generation(preview_project, full)
        for path in expected_first:
            assert (preview_project.docs_dir / path).read_bytes() == in_full[path]
        rest = preview.finish()
        assert rest.written and not set(rest.written) & expected_first, edit.__name__
        assert preview.pending is None and preview.finish().written == []
        assert generated(preview_project.docs_dir) == in_full, edit.__name__


def test_a_save_before_the_rest_is_written_is_compared_with_the_last_complete_content(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    project, full = copy_project(tmp_path / "preview"), copy_project(tmp_path / "full")
    preview = Preview(project)
    preview.regenerate_first()
    add_alias(project.root)
    preview.regenerate_first()  # its rest (the sources now mentioning the alias) never written...
    edit_claim(project.root)
    preview.regenerate_first()
    preview.finish()  # ...until now, together with the claim edit's
    in_full = full_generation(project, full)
    assert generated(project.docs_dir) == in_full


def test_the_rest_stops_when_a_new_save_comes_and_writes_nothing_until_done(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    project = copy_project(tmp_path / "preview")
    preview = Preview(project)
    preview.regenerate_first()
    add_alias(project.root)
    preview.regenerate_first()
    before = generated(project.docs_dir)
    assert preview.finish(should_stop=lambda: True) is None
    assert generated(project.docs_dir) == before and preview.pending is not None
    assert preview.finish().written
    assert preview.pending is None


@pytest.mark.parametrize("racy_ns", [stamps.RACY_NS, 0], ids=["just-changed", "stamps-vouch"])
def test_a_template_edit_that_keeps_its_size_and_modification_time_renders_its_pages_again(tmp_path, monkeypatch, racy_ns):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    monkeypatch.setattr(stamps, "RACY_NS", racy_ns)  # see tests/preview/test_check_cache.py
    project, full = copy_project(tmp_path / "preview"), copy_project(tmp_path / "full")
    preview = Preview(project)
    preview.regenerate()
    for root in (project.root, full.root):
        replace_keeping_size_and_time(root / "templates" / "entity.md.j2", "Key facts</p>", "Top facts</p>")
    summary, _ = preview.regenerate()
    assert entity_page("africa-corps") in summary.written
    assert generated(project.docs_dir) == full_generation(project, full)


def test_a_template_broken_then_put_back_as_it_was_renders_with_the_template_put_back(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    project, full = copy_project(tmp_path / "preview"), copy_project(tmp_path / "full")
    preview = Preview(project)
    preview.regenerate()
    template = project.root / "templates" / "entity.md.j2"
    good = template.read_bytes()
    template.write_bytes(good + b"{{ no_such_name.attribute }}\n")  # compiles, then fails to render
    with pytest.raises(DossierError):
        preview.regenerate()
    template.write_bytes(good)  # the same bytes as at the last good run: the broken one compiled since
    preview.regenerate()
    assert generated(project.docs_dir) == full_generation(project, full)
