"""Shared fixtures: the real project, and a built copy of it that tests may inspect."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import build as command_line
from dossier.pipeline import Project, build
from tests.helpers import FIXTURES, copy_project


SLOW_MODULES = {
    "content/test_captures", "preview/test_dirty_build", "preview/test_incremental", "preview/test_preview",
    "preview/test_zensical_preview", "publish/test_parallel_render", "publish/test_publishing",
    "publish/test_site_address", "test_benchmarks", "test_command_line", "test_hostile_files", "test_site",
    "test_walkthrough", "text/test_hostile_text", "tools/test_drift", "tools/test_import",
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
    return built_project.zensical_site_dir


@pytest.fixture(scope="session")
def built_base(tmp_path_factory) -> Path:
    """A small valid project (tests/fixtures/base/content), built once."""
    project = copy_project(tmp_path_factory.mktemp("base") / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    assert command_line.main(["--project", str(project.root)]) == 0
    return project.root
