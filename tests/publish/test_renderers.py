"""Rendering the generated pages into a site, through the command an editor runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, tree_digest


def run_build(root: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "build", *options],
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_hand_written_page_naming_a_missing_template_is_refused_at_its_line(built_base, tmp_path, jobs):
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    before = tree_digest(root / "site")
    (root / "docs" / "methodology.md").write_text("---\ntitle: Methodology\ntemplate: wide.html\n---\n\n# Methodology\n")
    result = run_build(root, "--jobs", jobs)
    assert result.returncode == 1
    assert result.stderr == (
        "docs/methodology.md:3:11: error: template 'wide.html' is in neither overrides/ nor the theme: "
        "add overrides/wide.html, or remove this line to use the theme's page template\n"
        "1 error(s), 0 warning(s)\n"
        "Nothing was published: the previous site/ is unchanged.\n"
    )
    assert tree_digest(root / "site") == before
    assert not (root / "site.building").exists()
