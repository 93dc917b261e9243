#!/usr/bin/env python3
"""The live preview's whole build (its first, and after mkdocs.yml changes) with 1 and with N processes.

    python benchmarks/preview_build.py --sources 1000 --entities 100 --jobs 2 --runs 2

Builds a synthetic corpus (benchmarks/make_corpus.py), generates its pages, then times
``LiveSite.build`` (what "Rendered the whole preview (N s)" times in ``build.py serve``),
alternating 1 process and --jobs processes: wall seconds and CPU seconds (user+sys, the
workers' included), with the load average before each run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(PROJECT_ROOT)]

from run import prepare_project  # noqa: E402


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user+sys) of this process and of its ended child processes (the workers)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from dossier.preview.mkdocs_live import HOOK, LiveSite

    work = Path(tempfile.mkdtemp(prefix="preview-build-"))
    try:
        root = prepare_project(work / "project", options.sources, options.entities, seed=1)
        subprocess.run([sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "generate"],
                       check=True, capture_output=True)
        for run in range(options.runs):
            for jobs in (1, options.jobs):
                site = LiveSite(root / "mkdocs.yml", work / "site", "http://127.0.0.1:8000/", hooks=[HOOK], jobs=jobs)
                load = os.getloadavg()[0]
                wall, (own, workers) = time.perf_counter(), cpu_seconds()
                site.build()
                wall, (own_after, workers_after) = time.perf_counter() - wall, cpu_seconds()
                own, workers = own_after - own, workers_after - workers
                print(f"run {run + 1}, {jobs} process(es): {len(site.pages)} pages, {wall:.2f} s wall, "
                      f"{own + workers:.2f} s CPU ({own:.2f} s in the preview's process, {workers:.2f} s in the workers) "
                      f"(load average {load:.2f})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
