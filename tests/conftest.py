"""Shared fixtures: the real project, and a built copy of it that tests may inspect."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

import build as command_line
from dossier.pipeline import Project, build
from dossier.pages import GENERATED_FOLDERS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PROJECT_PARTS = ("content", "templates", "docs", "overrides", "mkdocs.yml")


SLOW_MODULES = {
    "test_benchmarks", "test_command_line", "test_hostile_files", "test_hostile_text",
    "test_incremental", "test_parallel_render", "test_preview", "test_publishing", "test_site", "test_site_address",
    "test_walkthrough", "test_zensical_preview", "publish/test_renderers", "tools/test_captures", "tools/test_drift", "tools/test_import",
    "content/test_corrections", "publish/test_site_history",
}
"""Test modules that run build.py as real processes, serve previews or build whole sites: seconds each,
minutes together. `make test-quick` leaves them out (with tests/browser/); `make test` runs everything."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = Path(item.fspath).relative_to(Path(__file__).parent).with_suffix("").as_posix()
        if module.startswith("browser/"):
            item.add_marker(pytest.mark.browser)
        elif module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch):
    """CI sets GITHUB_ACTIONS, which adds annotations to the output; tests that want them set it."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def copy_project(destination: Path, root: Path = PROJECT_ROOT) -> Project:
    """A copy of the project's inputs (no site/, no generated pages) to build without touching ours."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(
                source, destination / part, ignore=shutil.ignore_patterns(*GENERATED_FOLDERS) if part == "docs" else None
            )
        else:
            shutil.copy2(source, destination / part)
    return Project(destination)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Project:
    """The real content, built once into a temporary copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    build(project)
    return project


@pytest.fixture(scope="session")
def site(built_project) -> Path:
    return built_project.site_dir


@pytest.fixture(scope="session")
def zensical_site(built_project) -> Path:
    """The same generated pages rendered by Zensical instead of MkDocs (build --renderer zensical)."""
    build(built_project, renderer="zensical")
    return built_project.rendered_site("zensical")


@pytest.fixture(scope="session")
def built_base(tmp_path_factory) -> Path:
    """A small valid project (tests/fixtures/base/content), built once."""
    project = copy_project(tmp_path_factory.mktemp("base") / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    assert command_line.main(["--project", str(project.root)]) == 0
    return project.root


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def replace_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new``, of the same length, and put the file's modification time back,
    as `cp -p`, `touch -r` and some editors and sync tools do: its size and time say nothing changed."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
