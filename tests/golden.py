"""The generated Markdown of tests/fixtures/base, as a folder to compare with a checked-in copy.

Refresh the copy after an intended change to the output (then review its diff like code):

    .venv/bin/python -m tests.golden
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from dossier.pipeline import Project, generate
from tests.helpers import FIXTURES, PROJECT_ROOT

GOLDEN = FIXTURES / "base-golden"
"""The checked-in copy: docs/ as ``generate`` writes it for the base fixture."""

BUILD_EPOCH = "1735689600"
"""2025-01-01: the date entities without history show, fixed so that the copy never drifts."""


def generate_base(destination: Path) -> Path:
    """Generate the base fixture's pages into ``destination``/docs; that folder."""
    project = Project(destination)
    shutil.copytree(PROJECT_ROOT / "templates", project.templates_dir)
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", project.config_file)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    project.docs_dir.mkdir()
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        generate(project)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return project.docs_dir


def refresh() -> None:
    with tempfile.TemporaryDirectory() as folder:
        docs = generate_base(Path(folder) / "project")
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(docs, GOLDEN)
    print(f"Refreshed {GOLDEN.relative_to(Path.cwd()) if GOLDEN.is_relative_to(Path.cwd()) else GOLDEN}: review it with git diff.")


if __name__ == "__main__":
    sys.exit(refresh())
