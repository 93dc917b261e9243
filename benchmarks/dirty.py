#!/usr/bin/env python3
"""`build.py build --dirty` after a claim edit, against a full build, on a synthetic corpus.

    python benchmarks/dirty.py --sources 1000 --entities 100 --runs 3

Builds a corpus (benchmarks/make_corpus.py) in a project folder under --workdir, then times, each
as the editor runs it (`build.py` in a fresh process, wall-clock, start-up included):
1. a full build from scratch (`build.py`);
2. a first `build --dirty` with no cache yet: it generates every page (none changes) and saves
   the cache in .dossier-cache/;
3. --runs times: one claim of one entity changed (a different text each time), then
   `build --dirty`. The median is reported, and its fraction of the full build.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(PROJECT_ROOT)]

from run import EDITED_ENTITY, machine, prepare_project  # noqa: E402


def timed_build(root: Path, *arguments: str) -> tuple[float, str]:
    """Seconds `build.py --project root ARGUMENTS` takes, and what it printed on stderr."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), *arguments],
        capture_output=True, text=True, env=environment,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"build.py {' '.join(arguments)} failed:\n{result.stderr}")
    return seconds, result.stderr


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--sources", type=int, default=1000)
    options.add_argument("--entities", type=int, default=100)
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--workdir", type=Path, help="where the project is built (default: a new temporary folder)")
    options.add_argument("--json", type=Path, help="also write the results here")
    arguments = options.parse_args()
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="dossier-dirty-"))
    root = prepare_project(workdir / f"dirty-{arguments.sources}", arguments.sources, arguments.entities, arguments.seed)
    entity = root / "content" / "entities" / f"{EDITED_ENTITY}.yml"
    original = entity.read_text(encoding="utf-8")

    full, _ = timed_build(root)
    print(f"full build: {full:.1f} s", flush=True)
    first, notes = timed_build(root, "build", "--dirty")
    print(f"first build --dirty (no cache yet): {first:.1f} s; {notes.strip()}", flush=True)
    cache = root / ".dossier-cache" / "preview.pickle"
    edits = []
    for run in range(1, arguments.runs + 1):
        entity.write_text(original.replace('  - text: "', f'  - text: "Benchmark edit {run}: ', 1), encoding="utf-8")
        seconds, notes = timed_build(root, "build", "--dirty")
        if notes.strip():  # a note means the cache was not used: not what is measured here
            raise RuntimeError(f"build --dirty did not use its cache: {notes}")
        page = (root / "site" / "entities" / EDITED_ENTITY / "index.html").read_text(encoding="utf-8")
        assert f"Benchmark edit {run}" in page
        edits.append(seconds)
        print(f"claim edit {run}: build --dirty {seconds:.2f} s", flush=True)
    entity.write_text(original, encoding="utf-8")
    median = statistics.median(edits)
    results = {
        "machine": machine(),
        "sources": arguments.sources,
        "entities": arguments.entities,
        "full_build_s": round(full, 2),
        "first_dirty_s": round(first, 2),
        "claim_edit_dirty_s": [round(seconds, 2) for seconds in edits],
        "claim_edit_dirty_median_s": round(median, 2),
        "fraction_of_full": round(median / full, 4),
        "cache_mb": round(cache.stat().st_size / 1e6, 1),
    }
    print(json.dumps(results, indent=2))
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
