"""One list of page kinds: what is generated, counted, cleaned and ignored all follow from it."""

from __future__ import annotations

import shutil
import subprocess

from dossier.pages import GENERATED_FOLDERS, GENERATED_PATHS, PAGE_KINDS, iter_pages, page_count
from dossier.pipeline import Project, check
from tests.helpers import FIXTURES, PROJECT_ROOT


def base_resolved(tmp_path):
    shutil.copytree(FIXTURES / "base" / "content", tmp_path / "content")
    resolved, problems = check(Project(tmp_path))
    assert resolved is not None, problems
    return resolved


def owner(path):
    """The generated path (a folder ending in '/', or a file) a page is written under."""
    return path if "/" not in path else path.split("/", 1)[0] + "/"


def test_every_kind_yields_pages_only_under_what_it_owns_and_as_many_as_it_counts(tmp_path):
    resolved = base_resolved(tmp_path)
    for kind in PAGE_KINDS:
        paths = [path for path, _ in iter_pages(resolved, PROJECT_ROOT / "templates", kinds=(kind,))]
        assert paths and {owner(path) for path in paths} == {kind.owns}, kind.name
        assert len(paths) == kind.count(resolved), kind.name
    everything = [path for path, _ in iter_pages(resolved, PROJECT_ROOT / "templates")]
    assert len(everything) == len(set(everything)) == page_count(resolved)
    assert {owner(path) for path in everything} == set(GENERATED_PATHS)


def test_gitignore_lists_exactly_the_generated_paths():
    ignored = [line for line in (PROJECT_ROOT / ".gitignore").read_text().splitlines() if line.startswith("/docs/")]
    assert sorted(ignored) == sorted(f"/docs/{path}" for path in GENERATED_PATHS)


def test_make_clean_removes_the_generated_paths_and_nothing_else_of_docs(tmp_path):
    for name in ("Makefile", ".gitignore"):
        shutil.copy2(PROJECT_ROOT / name, tmp_path / name)
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "docs" / "methodology.md").write_text("by hand")
    for path in GENERATED_PATHS:
        target = tmp_path / "docs" / path / "page.md" if path.endswith("/") else tmp_path / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("generated")
    subprocess.run(["make", "--silent", "clean"], cwd=tmp_path, check=True)
    assert sorted(path.name for path in (tmp_path / "docs").iterdir()) == ["assets", "methodology.md"]


def test_the_generated_folders_are_the_owned_folders():
    assert set(GENERATED_FOLDERS) == {path.rstrip("/") for path in GENERATED_PATHS if path.endswith("/")}
    assert "index.md" in GENERATED_PATHS  # the home page: a generated file beside the editors' own pages
