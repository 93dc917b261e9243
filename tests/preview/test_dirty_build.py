"""`build --dirty`: regenerates from the cache the previous one left, and ends where a full build does."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import build
from dossier.content import stamps
from dossier.pages import GENERATED_FOLDERS
from dossier.pipeline import Project, generate
from dossier.preview import dirty
from dossier.preview.regenerate import Preview
from tests.helpers import PROJECT_PARTS, PROJECT_ROOT, replace_keeping_size_and_time, tree_digest

CACHE = f"{dirty.CACHE_DIR}/{dirty.STATE_FILE}"
FULL_GENERATION = "(the next build --dirty regenerates only what changed)."
NO_CACHE = f"note: no {CACHE} from an earlier build --dirty: generating every page {FULL_GENERATION}\n"
TEMPLATES_CHANGED = f"note: templates/ or mkdocs.yml changed since the last build --dirty: generating every page {FULL_GENERATION}\n"
SITE_RENDERED_WHOLE = (
    "note: site/ was built from another mkdocs.yml, theme or code version (or is missing): MkDocs renders every page.\n"
)


def dirty_build(root: Path) -> str:
    """Run `build.py build --dirty` as an editor does, in a process of its own; its notes (stderr)."""
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "build", "--dirty"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def full_build_of_the_same_inputs(root: Path, elsewhere: Path) -> Path:
    """A full build of a copy of the project's inputs (no cache, no generated pages, no site/)."""
    shutil.rmtree(elsewhere, ignore_errors=True)
    elsewhere.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if (root / part).is_dir():
            shutil.copytree(root / part, elsewhere / part)
        else:
            shutil.copy2(root / part, elsewhere / part)
    for folder in GENERATED_FOLDERS:
        shutil.rmtree(elsewhere / "docs" / folder, ignore_errors=True)
    (elsewhere / "docs" / "index.md").unlink()
    assert build.main(["--project", str(elsewhere)]) == 0
    return elsewhere


def assert_same_as_a_full_build(root: Path, elsewhere: Path) -> None:
    reference = full_build_of_the_same_inputs(root, elsewhere)
    for folder in ("docs", "site"):  # byte for byte: pages, sitemap, search index, everything
        assert tree_digest(root / folder) == tree_digest(reference / folder), folder


def add_second_source(root: Path) -> None:
    sources = root / "content" / "sources"
    shutil.copy2(sources / "base-article.txt", sources / "second-article.txt")
    annotation = (sources / "base-article.yml").read_text().replace("A base article for tests", "A second article")
    (sources / "second-article.yml").write_text(annotation)


def remove_second_source(root: Path) -> None:
    for suffix in (".txt", ".yml"):
        (root / "content" / "sources" / f"second-article{suffix}").unlink()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def reword_a_claim(root: Path) -> None:
    replace_in(root / "content/entities/africa-corps.yml", "It said it will remain in Mali.", "It says it stays.")


def add_an_alias(root: Path) -> None:
    replace_in(root / "content/entities/africa-corps.yml", "type: military unit\n", "type: military unit\naliases:\n  - Afrika Korps\n")


def edit_a_template(root: Path) -> None:
    template = root / "templates" / "entity.md.j2"
    template.write_text(template.read_text() + "\nEdited template.\n")


def rename_the_site(root: Path) -> None:
    replace_in(root / "mkdocs.yml", "site_name: Dossier", "site_name: Dossier (edited)")


NOT_CITED = "content/sources/second-article.yml:1:1: warning: source is never cited: cite it or remove it\n0 error(s), 1 warning(s)\n"
EDITS = [  # (what changed, the edit, the notes build --dirty prints)
    ("a claim", reword_a_claim, ""),
    ("an alias", add_an_alias, ""),
    ("a new source", add_second_source, NOT_CITED),
    ("a removed source", remove_second_source, ""),
    ("a template", edit_a_template, TEMPLATES_CHANGED),
    ("mkdocs.yml", rename_the_site, TEMPLATES_CHANGED + SITE_RENDERED_WHOLE),
]


def test_after_each_kind_of_edit_a_dirty_build_gives_the_docs_and_site_of_a_full_build(built_base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    assert dirty_build(root) == NO_CACHE  # the full build wrote no cache: this one writes it
    assert_same_as_a_full_build(root, tmp_path / "full")
    for what, edit, notes in EDITS:
        untouched = root / "site" / "entities" / "wagner-group" / "index.html"
        rendered_at = untouched.stat().st_mtime_ns
        edit(root)
        assert dirty_build(root) == notes, what
        assert_same_as_a_full_build(root, tmp_path / "full")
        if what in ("a claim", "an alias"):  # MkDocs rendered only what changed (the other pages mention Wagner)
            assert untouched.stat().st_mtime_ns == rendered_at, what
    assert dirty_build(root) == ""  # nothing changed since: nothing to say
    assert_same_as_a_full_build(root, tmp_path / "full")


GENERATED_PAGE_EDITED = (
    "note: docs/entities/wagner-group/index.md changed since the last build --dirty (as every page another build writes): "
    f"generating every page {FULL_GENERATION}\n"
)
SAME_SIZE_AND_TIME = [  # (what changed, its file, old text, new text, the notes build --dirty prints)
    ("a claim", "content/entities/africa-corps.yml", "It said it will remain", "It says it will remain", ""),
    ("an article", "content/sources/base-article.txt", "did not answer questions", "did not answer inquiries", ""),
    ("a template", "templates/entity.md.j2", "Key facts</p>", "Top facts</p>", TEMPLATES_CHANGED),
    ("a hand-written page", "docs/how-to-edit.md", "Everything on this site", "Everything in this site", ""),
    ("a stylesheet", "docs/assets/dossier.css", "padding-left: 2.4em;", "padding-left: 2.5em;", ""),
    ("a generated page", "docs/entities/wagner-group/index.md", "# Wagner Group {: #title }\n", "# Wagner Gruop {: #title }\n", GENERATED_PAGE_EDITED),
]


def test_an_edit_that_keeps_the_size_and_modification_time_is_rebuilt_all_the_same(built_base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    # Files changed in the last RACY_NS are read again whatever their stamps say: waiting first
    # makes the stamps the cache keeps vouch for every file, so that each edit below is told by them.
    time.sleep(stamps.RACY_NS / 1e9)
    assert dirty_build(root) == NO_CACHE
    for what, relative, old, new, notes in SAME_SIZE_AND_TIME:
        replace_keeping_size_and_time(root / relative, old, new)
        assert dirty_build(root) == notes, what
        assert_same_as_a_full_build(root, tmp_path / "full")


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda data: b"", "JSONDecodeError: Expecting value: line 1 column 1 (char 0)"),
        (lambda data: b"\x80\x04garbage\n" + data, "UnicodeDecodeError: 'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte"),
        (lambda data: data[: len(data) // 2], "UnpicklingError: pickle data was truncated"),
        (lambda data: data.split(b"\n", 1)[0] + b"\nnot a pickle", "UnpicklingError: invalid load key, 'n'."),
    ],
    ids=["empty", "not-json", "truncated", "not-pickle"],
)
def test_a_damaged_cache_means_a_full_generation_with_a_one_line_note(built_base, tmp_path, damage, reason):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    dirty_build(root)
    cache = root / CACHE
    cache.write_bytes(damage(cache.read_bytes()))
    reword_a_claim(root)
    assert dirty_build(root) == f"note: {CACHE} cannot be read ({reason}): generating every page {FULL_GENERATION}\n"
    assert_same_as_a_full_build(root, tmp_path / "full")
    assert dirty_build(root) == ""  # the cache was written again


def test_pages_another_build_wrote_since_make_the_cache_unusable(built_base, tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    dirty_build(root)
    reword_a_claim(root)
    generate(Project(root))  # docs/ now holds pages the cache did not write
    assert build.main(["--project", str(root), "build", "--dirty"]) == 0
    assert capsys.readouterr().err == (
        "note: docs/data/claims.csv changed since the last build --dirty (as every page another build writes): "
        f"generating every page {FULL_GENERATION}\n"
    )
    (root / "docs" / "entities" / "africa-corps" / "index.md").unlink()
    assert build.main(["--project", str(root), "build", "--dirty"]) == 0
    assert capsys.readouterr().err.startswith("note: docs/entities/africa-corps/index.md changed since the last build --dirty")
    assert_same_as_a_full_build(root, tmp_path / "full")


def test_the_cache_is_for_the_code_dates_and_templates_that_wrote_it(built_base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    dirty_build(root)
    project = Project(root)
    code, inputs, dates = dirty.code_version(), dirty.generation_inputs(project), dirty.current_dates(project)
    assert dirty.load_preview(project, code, inputs, dates)[1] == ""
    assert dirty.load_preview(project, "another", inputs, dates)[:2] == (
        None, f"{CACHE} was written by another version of Dossier, its libraries or Python"
    )
    assert dirty.load_preview(project, code, "other templates", dates)[:2] == (
        None, "templates/ or mkdocs.yml changed since the last build --dirty"
    )
    assert dirty.load_preview(project, code, inputs, ({"wagner-group": "2026-01-01"}, dates[1]))[:2] == (
        None, "the git history changed since the last build --dirty (pages show the dates of commits)"
    )


def test_the_whole_preview_state_is_kept_and_read_back_for_this_project(built_base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    dirty_build(root)
    moved = tmp_path / "moved"
    shutil.copytree(root, moved)  # new inodes and times, the same bytes: the cache stays usable
    project = Project(moved)
    kept, why, _ = dirty.load_preview(project, dirty.code_version(), dirty.generation_inputs(project), dirty.current_dates(project))
    assert why == "" and kept.project == project
    fresh = Preview(project)
    fresh.regenerate()
    for field in dataclasses.fields(Preview):
        if field.name != "caches":
            assert getattr(kept, field.name) == getattr(fresh, field.name), field.name
    assert kept.caches.files.keys() == fresh.caches.files.keys()
    assert kept.caches.pages.keys() == fresh.caches.pages.keys() and kept.caches.pages["templates"] is None  # compiled again


def test_a_full_build_never_reads_the_cache_and_records_only_what_made_the_site(built_base, tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    assert sorted(path.name for path in (root / dirty.CACHE_DIR).iterdir()) == [dirty.SITE_FILE]
    (root / CACHE).write_bytes(b"not a cache")
    before = {folder: tree_digest(root / folder) for folder in ("docs", "site")}
    assert build.main(["--project", str(root)]) == 0
    assert capsys.readouterr().err == ""
    assert {folder: tree_digest(root / folder) for folder in ("docs", "site")} == before
    assert (root / CACHE).read_bytes() == b"not a cache"


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(built_base, tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    shutil.rmtree(root / dirty.CACHE_DIR)
    (root / dirty.CACHE_DIR).write_text("a file where the cache folder goes")
    assert build.main(["--project", str(root), "build", "--dirty"]) == 0
    assert capsys.readouterr().err == (
        NO_CACHE
        + f"note: {CACHE} cannot be written (File exists): the next build --dirty generates every page.\n"
        + SITE_RENDERED_WHOLE
        + f"note: {dirty.CACHE_DIR}/{dirty.SITE_FILE} cannot be written (File exists): the next build --dirty renders every page.\n"
    )
    assert (root / "site" / "index.html").is_file()


def test_the_cache_is_ignored_by_git_and_removed_by_make_clean(tmp_path):
    assert f"/{dirty.CACHE_DIR}/" in (PROJECT_ROOT / ".gitignore").read_text().splitlines()
    shutil.copy2(PROJECT_ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy2(PROJECT_ROOT / ".gitignore", tmp_path / ".gitignore")
    (tmp_path / dirty.CACHE_DIR).mkdir()
    (tmp_path / CACHE).write_bytes(b"cache")
    subprocess.run(["make", "--silent", "clean"], cwd=tmp_path, check=True)
    assert not (tmp_path / dirty.CACHE_DIR).exists()


def test_a_dirty_build_with_a_content_error_publishes_nothing_and_keeps_the_cache(built_base, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    dirty_build(root)
    before = {path: tree_digest(root / path) for path in ("docs", "site", dirty.CACHE_DIR)}
    entity = root / "content/entities/africa-corps.yml"
    replace_in(entity, "type: military unit", "type: army")
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "build", "--dirty"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1 and result.stderr.endswith("Nothing was published: the previous site/ is unchanged.\n")
    assert {path: tree_digest(root / path) for path in before} == before
    replace_in(entity, "type: army", "type: military unit")
    reword_a_claim(root)
    assert dirty_build(root) == ""  # the cache was still good
    assert_same_as_a_full_build(root, tmp_path / "full")
