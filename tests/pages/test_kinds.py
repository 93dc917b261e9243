"""One list of page kinds: what is generated, counted, cleaned and ignored all follow from it."""

from __future__ import annotations

import shutil
import subprocess
import sys

from dossier.pages import GENERATED_FOLDERS, GENERATED_PATHS, PAGE_KINDS, RESERVED_IDS, PageKind, iter_pages, page_count, reserved_ids
from dossier.pipeline import generate
from tests.helpers import FIXTURES, PROJECT_ROOT, base_resolved, copy_project


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


def test_generating_again_removes_stale_pages_from_every_generated_folder_and_keeps_the_editors_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    hand_written = set(project.docs_dir.rglob("*"))
    generate(project)
    # The folders pages are written into, found from the pages themselves, not from GENERATED_FOLDERS.
    written = {path for path in project.docs_dir.glob("*/**/*") if path.is_file()} - hand_written  # pages and feeds
    folders = {path.relative_to(project.docs_dir).parts[0] for path in written}
    assert folders == set(GENERATED_FOLDERS)
    stale = [project.docs_dir / folder / "a-removed-item" / "index.md" for folder in sorted(folders)]
    by_hand = [project.docs_dir / "methodology.md", project.docs_dir / "notes" / "index.md"]
    for page in stale + by_hand:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("# Written before\n", encoding="utf-8")
    generate(project)
    assert [page.relative_to(project.docs_dir).as_posix() for page in stale if page.exists()] == []
    assert all(page.read_text(encoding="utf-8") == "# Written before\n" for page in by_hand)
    assert "index.md" in GENERATED_PATHS  # the home page: a generated file beside the editors' own pages


def test_a_new_page_kind_s_folder_becomes_a_reserved_id():
    press = PageKind("press", "press/", lambda site: iter(()))
    assert "press" not in RESERVED_IDS
    assert reserved_ids(PAGE_KINDS + (press,)) == RESERVED_IDS | {"press"}


def test_every_name_the_site_uses_today_stays_reserved():
    assert RESERVED_IDS >= {
        "index", "entities", "sources", "timeline", "graph", "figures", "data", "coverage",  # page kinds
        "relations", "events", "claims",  # data/*.csv, *.json (with entities, figures)
        "readme", "404", "assets", "search", "sitemap", "tags",  # MkDocs' and Material's own
    }  # more as page kinds join


def test_check_refuses_a_file_named_after_a_page_kind_s_folder(tmp_path):
    shutil.copytree(FIXTURES / "base" / "content", tmp_path / "content")
    (tmp_path / "content" / "entities" / "coverage.yml").write_text(
        "name: Coverage\ntype: organization\nsummary: A test entity.\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(tmp_path), "check"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert (
        "content/entities/coverage.yml:1:1: error: file name 'coverage.yml': the id 'coverage' is reserved "
        "(the site uses it): rename the file, e.g. to 'coverage-entity.yml'"
    ) in result.stderr.splitlines()
