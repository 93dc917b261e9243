"""Pages rendered by several processes (build --jobs N): the same site, byte for byte, and the same
MkDocs warnings in the same order as MkDocs' own single-process build (--jobs 1).

The byte-for-byte comparison builds a corpus of 1,000 sources (about 1,150 pages) twice, so that
each process gets hundreds of pages of every kind; the warnings need only 20 sources.
`benchmarks/scale.py --sources 1000 --compare` runs the same comparison and times it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from dossier.publish.renderers import RENDERERS
from dossier.publish.renderers import mkdocs_parallel as parallel_render
from dossier.publish.write import publish_site
from tests.helpers import PROJECT_ROOT, killed_on_the_sixth_page, run_build_py, tree_digest

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))

import run as benchmark  # noqa: E402



@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return benchmark.prepare_project(tmp_path_factory.mktemp("parallel") / "project", 1000, 100, seed=1)


def test_two_processes_build_the_same_site_as_one_byte_for_byte(corpus):
    single = run_build_py(corpus, "build", "--jobs", "1")
    assert single.returncode == 0, single.stderr
    by_one = tree_digest(corpus / "site")
    shutil.rmtree(corpus / "site")
    parallel = run_build_py(corpus, "build", "--jobs", "2")
    assert parallel.returncode == 0, parallel.stderr
    by_two = tree_digest(corpus / "site")
    assert len([path for path in by_one if path.endswith(".html")]) > 1100
    assert by_two == by_one


def test_mkdocs_warnings_are_reported_the_same_and_in_the_same_order_with_two_processes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")  # publish_site sets it for the process
    # The warnings come from two hand-written pages: 20 sources (about 50 pages) give both processes
    # pages to render, as 1,000 do, in a fraction of the time.
    root = benchmark.prepare_project(tmp_path / "project", 20, 20, seed=1)
    # One page in the navigation (read by the parent) and one outside it (read by a worker), and
    # an anchor that is missing (checked once every page is rendered).
    with (root / "docs" / "methodology.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the list](missing-list.md) and [the steps](how-to-edit.md#no-such-step).\n")
    with (root / "docs" / "how-to-edit.md").open("a", encoding="utf-8") as page:
        page.write("\nBack to [the method](methodology.md#no-such-part) or [a page](gone.md).\n")

    single, parallel = run_build_py(root, "build", "--jobs", "1"), run_build_py(root, "build", "--jobs", "2")

    assert single.returncode == parallel.returncode == 1
    assert parallel.stderr == single.stderr
    # As printed, problems are sorted by place; MkDocs' own order is compared below.
    assert [line for line in single.stderr.splitlines() if "mkdocs:" in line] == [
        f"mkdocs.yml:1:1: error: mkdocs: {message}" for message in sorted(BROKEN_LINKS_IN_MKDOCS_ORDER)
    ]
    assert not (root / "site").exists()  # nothing published: the first build of this copy failed

    # publish_site returns MkDocs' warnings in the order MkDocs logs them: reading every page,
    # then the anchor checks.
    in_order = {
        jobs: [problem.message for problem in publish_site(RENDERERS["mkdocs"], root / "mkdocs.yml", root / "site", jobs=jobs)]
        for jobs in (1, 2)
    }
    assert in_order[1] == in_order[2] == [f"mkdocs: {message}" for message in BROKEN_LINKS_IN_MKDOCS_ORDER]


BROKEN_LINKS_IN_MKDOCS_ORDER = [
    "Doc file 'how-to-edit.md' contains a link 'gone.md', but the target is not found among documentation files.",
    "Doc file 'methodology.md' contains a link 'missing-list.md', but the target is not found among documentation files.",
    "Doc file 'how-to-edit.md' contains a link 'methodology.md#no-such-part', "
    "but the doc 'methodology.md' does not contain an anchor '#no-such-part'.",
    "Doc file 'methodology.md' contains a link 'how-to-edit.md#no-such-step', "
    "but the doc 'how-to-edit.md' does not contain an anchor '#no-such-step'.",
]


def test_a_rendering_process_that_dies_stops_the_build_with_a_message_and_keeps_the_site(built_base, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    root = tmp_path / "project"
    shutil.copytree(built_base, root)
    before = tree_digest(root / "site")
    monkeypatch.setattr(parallel_render, "_render_page", killed_on_the_sixth_page)  # inherited by the forked workers
    problems = publish_site(RENDERERS["mkdocs"], root / "mkdocs.yml", root / "site", jobs=2)
    assert [str(problem) for problem in problems] == [
        "mkdocs.yml:1:1: error: mkdocs failed with RenderingStopped: a process rendering pages stopped (out of memory?): "
        "build again with --jobs 1, or with more memory. This is a bug: please report it"
    ]
    assert tree_digest(root / "site") == before

