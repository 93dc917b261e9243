"""Shared fixtures: the real project, and a built copy of it that tests may inspect."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

import build as command_line
from dossier.pipeline import Project, build
from tests.helpers import ARTIFACTS, FIXTURES, REPORT, copy_project


SLOW_MODULES = {
    "content/test_captures", "pages/test_element_ids", "pages/test_source_page", "preview/test_incremental", "preview/test_preview", "preview/test_zensical_preview",
    "publish/test_parallel_render", "publish/test_publishing", "publish/test_site_address", "test_benchmarks",
    "test_command_line", "test_hostile_files", "test_site", "test_walkthrough", "text/test_hostile_text",
    "tools/test_drift", "tools/test_import",
    "publish/test_renderers", "content/test_corrections", "publish/test_site_history", "pages/test_quotes_in_notes",
    "tools/test_batch", "tools/test_housekeeping", "tools/test_near_duplicates",
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
        # `make test` runs in two processes (pytest-xdist, --dist loadgroup), a group to each: the tests
        # of the real site in one, so that it is built (and rendered by Zensical) once, not once in each;
        # the others by module, so that a module's fixtures are made once and its tests keep their order.
        item.add_marker(pytest.mark.xdist_group("real-site" if "built_project" in item.fixturenames else module))


STARTED = time.time()


def pytest_sessionfinish(session):
    """Under pytest-xdist each process keeps what its tests measured: saved for the main process to print."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and REPORT:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f".browser-report-{worker}.json").write_text(json.dumps(REPORT), encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    """What the browser suite measured (tests/browser/), printed and saved under test-artifacts/."""
    for part in sorted(ARTIFACTS.glob(".browser-report-*.json")):
        if part.stat().st_mtime < STARTED:  # a stopped run's
            part.unlink()
            continue
        for topic, value in json.loads(part.read_text(encoding="utf-8")).items():
            if isinstance(value, dict):
                REPORT.setdefault(topic, {}).update(value)
            else:
                REPORT[topic] = value
        part.unlink()
    if not REPORT:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "browser-report.json"
    path.write_text(json.dumps(REPORT, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    terminalreporter.section("browser suite")
    for topic, value in sorted(REPORT.items()):
        terminalreporter.write_line(f"{topic}: {json.dumps(value, sort_keys=True)}")
    terminalreporter.write_line(f"report: {path}")


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
    return built_project.rendered_site("zensical")


@pytest.fixture(scope="session")
def built_base(tmp_path_factory) -> Path:
    """A small valid project (tests/fixtures/base/content), built once."""
    project = copy_project(tmp_path_factory.mktemp("base") / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    assert command_line.main(["--project", str(project.root)]) == 0
    return project.root
