#!/usr/bin/env python3
"""Dossier's full build against plain MkDocs on the same generated pages, at given corpus sizes.

    python benchmarks/scale.py --sources 3000 10000            # the issue 22 table
    python benchmarks/scale.py --sources 1000 --runs 3 --compare   # also --jobs 1, compared byte for byte

For each size (entities: a tenth of the sources) it writes a project under --workdir, then, in
each run, alternately:

- full build: ``build.py --project P build`` (check, generate, render with --jobs, Pagefind,
  publish), from scratch (no generated pages, no site/);
- MkDocs: ``python -m mkdocs build --strict`` of the docs/ that build generated, single-process,
  into a folder of its own: what Dossier is compared with.

Each is a fresh process timed from outside (interpreter start-up included, for both), with its
peak resident memory: the largest of that process and every process it waited for (MkDocs'
workers, Pagefind), from ``os.wait4``. ``--compare`` adds a full build with ``--jobs 1`` and
checks that its site/ is byte for byte the site of the parallel build.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(PROJECT_ROOT)]

from run import clean_outputs, prepare_project  # noqa: E402

EPOCH = "1750000000"


def timed(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Seconds, peak MB of the process and of the processes it waited for, and their CPU seconds
    (user and system: on a shared machine, less noisy than the wall clock)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace").strip()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{text[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def full_build(root: Path, jobs: int | None) -> tuple[float, float, float]:
    clean_outputs(root)
    command = [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), "build"]
    return timed(command + (["--jobs", str(jobs)] if jobs else []), PROJECT_ROOT)


def plain_mkdocs(root: Path) -> tuple[float, float, float]:
    site = root / "site.mkdocs"
    shutil.rmtree(site, ignore_errors=True)
    return timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", str(site)], root)


def site_digest(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*")) if path.is_file()
    }


def describe(measured: tuple[float, float, float]) -> str:
    seconds, peak, cpu = measured
    return f"{seconds:.1f} s, {cpu:.1f} CPU s, peak {peak:.0f} MB (load {load()})"


def load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def measure(sources: int, runs: int, compare: bool, jobs: int | None, workdir: Path) -> dict:
    root = prepare_project(workdir / f"corpus-{sources}", sources, max(sources // 10, 10), seed=1)
    full, mkdocs, single = [], [], []
    identical = None
    for run in range(runs):
        full.append(full_build(root, jobs))
        print(f"  {sources:,} run {run + 1}: full build {describe(full[-1])}", flush=True)
        parallel_site = site_digest(root / "site")
        mkdocs.append(plain_mkdocs(root))
        print(f"  {sources:,} run {run + 1}: mkdocs build {describe(mkdocs[-1])}", flush=True)
        if compare:
            single.append(full_build(root, 1))
            print(f"  {sources:,} run {run + 1}: full build --jobs 1 {describe(single[-1])}", flush=True)
            same = site_digest(root / "site") == parallel_site
            identical = same if identical is None else identical and same
    row = {
        "sources": sources,
        "pages": sum(1 for _ in (root / "docs").rglob("*.md")),
        "full_s": statistics.median(s for s, _, _ in full),
        "mkdocs_s": statistics.median(s for s, _, _ in mkdocs),
        "full_mb": max(m for _, m, _ in full),
        "mkdocs_mb": max(m for _, m, _ in mkdocs),
        "full_cpu": statistics.median(c for _, _, c in full),
        "mkdocs_cpu": statistics.median(c for _, _, c in mkdocs),
    }
    if compare:
        row |= {"single_s": statistics.median(s for s, _, _ in single), "single_mb": max(m for _, m, _ in single),
                "identical": identical}
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, nargs="+", default=[3000, 10000], help="corpus sizes (default 3000 10000)")
    parser.add_argument("--runs", type=int, default=1, help="runs per size; medians are reported (default 1)")
    parser.add_argument("--jobs", type=int, help="build --jobs N for the full build (default: build.py's, one per core)")
    parser.add_argument("--compare", action="store_true", help="also build with --jobs 1 and compare the sites byte for byte")
    parser.add_argument("--workdir", type=Path, help="where corpora are written (default: a new temporary folder)")
    options = parser.parse_args(argv)
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="dossier-scale-"))
    print(f"cores available: {len(os.sched_getaffinity(0))}; load average at start: {load()}; corpora in {workdir}")
    rows = [measure(size, options.runs, options.compare, options.jobs, workdir) for size in options.sources]
    print()
    print("| sources | pages | full build s | plain `mkdocs build --strict` s | ratio | full / mkdocs CPU s "
          "| full build peak MB | mkdocs peak MB |"
          + (" full build --jobs 1 s | same site |" if options.compare else ""))
    print("|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---|" if options.compare else ""))
    for row in rows:
        line = (f"| {row['sources']:,} | {row['pages']:,} | {row['full_s']:.1f} | {row['mkdocs_s']:.1f} | "
                f"{row['full_s'] / row['mkdocs_s']:.2f} | {row['full_cpu']:.0f} / {row['mkdocs_cpu']:.0f} | "
                f"{row['full_mb']:,.0f} | {row['mkdocs_mb']:,.0f} |")
        if options.compare:
            line += f" {row['single_s']:.1f} | {'yes' if row['identical'] else '**NO**'} |"
        print(line)
    print(f"\nload average at end: {load()}")
    return 0 if all(row.get("identical", True) for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
