"""The live preview's whole build with its pages rendered by several processes: the same site,
byte for byte, as one process renders, and pages rendered again afterwards are the same too.

The corpus has 150 sources (about 190 pages), as tests/publish/test_parallel_render.py's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dossier.preview.banner import PROBLEMS_FILE
from dossier.preview.mkdocs_live import HOOK, LiveSite
from dossier.publish.renderers import mkdocs_parallel
from tests.helpers import PROJECT_ROOT, killed_on_the_sixth_page, tree_digest

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))

import run as benchmark  # noqa: E402

EDITED = "methodology.md"
"""A hand-written page in the navigation, read by the parent."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = benchmark.prepare_project(tmp_path_factory.mktemp("parallel-preview") / "project", 150, 20, seed=1)
    generated = subprocess.run(
        [sys.executable, "build.py", "--project", str(root), "generate"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert generated.returncode == 0, generated.stderr
    return root


def test_two_processes_build_the_same_preview_as_one_and_render_later_edits_the_same(corpus, tmp_path):
    sites = {jobs: LiveSite(corpus / "mkdocs.yml", tmp_path / f"by-{jobs}", "http://127.0.0.1:8000/", hooks=[HOOK], jobs=jobs)
             for jobs in (1, 2)}
    for site in sites.values():
        site.build()
    by_one, by_two = (tree_digest(site.site_dir) for site in sites.values())
    assert len(by_one) > 190
    assert by_two == by_one
    # The preview's hook ran in the workers too: every page reads the banner.
    source_page = next(tmp_path.glob("by-2/sources/*/index.html")).read_text(encoding="utf-8")
    assert f'fetch("/{PROBLEMS_FILE}"' in source_page

    guide = corpus / "docs" / EDITED
    guide.write_text(guide.read_text(encoding="utf-8").replace("# ", "# Freshly edited: ", 1), encoding="utf-8")
    source = next(corpus.glob("docs/sources/*/index.md")).relative_to(corpus / "docs").as_posix()
    for site in sites.values():
        site.render([EDITED, source])
    assert "Freshly edited: " in (tmp_path / "by-2" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert tree_digest(sites[2].site_dir) == tree_digest(sites[1].site_dir)


def test_a_rendering_process_that_dies_leaves_the_preview_rendering_in_one_process(corpus, tmp_path, monkeypatch):
    site = LiveSite(corpus / "mkdocs.yml", tmp_path / "site", "http://127.0.0.1:8000/", hooks=[HOOK], jobs=2)
    monkeypatch.setattr(mkdocs_parallel, "_render_page", killed_on_the_sixth_page)  # inherited by the forked workers
    with pytest.raises(mkdocs_parallel.RenderingStopped, match="the preview renders in one process from now on"):
        site.build()
    site.build()  # the next save: in this process, so the dying worker is not asked again
    assert site.jobs == 1
    assert (tmp_path / "site" / "methodology" / "index.html").is_file()

