"""Shared fixtures: the real project, and a built copy of it that tests may inspect."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier.pipeline import Project, build

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content", "templates", "docs", "mkdocs.yml")


def copy_project(destination: Path, root: Path = PROJECT_ROOT) -> Project:
    """A copy of the project's inputs (no site/, no generated pages) to build without touching ours."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(
                source, destination / part, ignore=shutil.ignore_patterns("entities", "sources") if part == "docs" else None
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
