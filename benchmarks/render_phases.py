#!/usr/bin/env python3
"""The render and search phases of a build alone, on a project whose docs/ is already generated.

    python benchmarks/render_phases.py /tmp/scale/corpus-3000 --into /tmp/render-site --jobs 2

Renders the project's docs/ with MkDocs (``--jobs`` processes, as ``build`` does) into --into,
then indexes it with Pagefind, and prints each phase's wall seconds and CPU seconds (this
process's and its children's: the render's workers, Pagefind), with the load average at the
start: on a shared machine the CPU seconds say more than the wall clock. The project is only
read; --into is replaced.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dossier.publish.renderers.mkdocs import MkDocs  # noqa: E402
from dossier.publish.search import index_site  # noqa: E402


def cpu_seconds() -> tuple[float, float]:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def timed(phase) -> str:
    start, (own, children) = time.perf_counter(), cpu_seconds()
    problems = phase()
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    own_after, children_after = cpu_seconds()
    return (f"wall {time.perf_counter() - start:.1f} s, CPU {own_after - own:.1f} s here "
            f"+ {children_after - children:.1f} s in child processes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a project folder whose docs/ is generated")
    parser.add_argument("--into", type=Path, required=True, help="where the site is rendered (replaced)")
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1750000000")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    shutil.rmtree(options.into, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.2f}", flush=True)
    print("render:", timed(lambda: MkDocs().render(options.project / "mkdocs.yml", options.into, jobs=options.jobs)), flush=True)
    print("search:", timed(lambda: index_site(options.into)), flush=True)


if __name__ == "__main__":
    main()
