#!/usr/bin/env python3
"""Save-to-updated-page in the live preview, measured through the running server over HTTP.

    python benchmarks/preview.py --sources 1000 --entities 100 --runs 3

Builds a synthetic corpus (benchmarks/make_corpus.py), times one full build (`build.py`, fresh
process), then starts `build.py serve` and, for each edit, writes the file and polls the page over
HTTP until it shows the change: a claim edit (the entity page), an alias added (the entity page)
and a new source (its page). Each edit runs --runs times and is undone in between; the median is
reported, and its fraction of the full build; and the time until the server says every page the
save touches is up to date (the other pages follow the edited one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(PROJECT_ROOT)]

from run import EDITED_ENTITY, machine, prepare_project  # noqa: E402

TIMEOUT = 600


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, words: str, timeout: float = TIMEOUT) -> float:
    """Seconds until the page at ``url`` contains ``words``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if words in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise RuntimeError(f"timed out waiting for {words!r} at {url}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def edits(root: Path):
    """(name, apply(run) → (page, words), undo) for each measured edit."""
    entity = root / "content" / "entities" / f"{EDITED_ENTITY}.yml"
    original = entity.read_text(encoding="utf-8")
    sources = root / "content" / "sources"
    model = sorted(sources.glob("*.txt"))[0]

    def claim(run):
        entity.write_text(original.replace('  - text: "', f'  - text: "Benchmark edit {run}: ', 1), encoding="utf-8")
        return f"entities/{EDITED_ENTITY}/", f"Benchmark edit {run}"

    def alias(run):
        entity.write_text(original.replace("aliases:\n", f"aliases:\n  - Benchmark Alias {run}\n", 1), encoding="utf-8")
        return f"entities/{EDITED_ENTITY}/", f"Benchmark Alias {run}"

    def restore():
        entity.write_text(original, encoding="utf-8")

    def new_source(run):
        shutil.copy2(model, sources / f"benchmark-source-{run}.txt")
        annotation = model.with_suffix(".yml").read_text(encoding="utf-8")
        title = f"Benchmark source {run}"
        lines = [f"title: {title}" if line.startswith("title:") else line for line in annotation.splitlines()]
        (sources / f"benchmark-source-{run}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return f"sources/benchmark-source-{run}/", title

    def remove_source():
        for path in sources.glob("benchmark-source-*"):
            path.unlink()

    return [("claim edit", claim, restore), ("alias added", alias, restore), ("new source", new_source, remove_source)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=1_000)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", type=Path, help="also write the measurements to this JSON file")
    options = parser.parse_args(argv)
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="dossier-preview-"))
    root = prepare_project(workdir / f"corpus-{options.sources}x{options.entities}", options.sources, options.entities, options.seed)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root)]

    start = time.perf_counter()
    subprocess.run(build, check=True, capture_output=True, env=environment)
    full_build = time.perf_counter() - start
    print(f"{options.sources:,} sources: full build {full_build:.1f} s", flush=True)

    port = free_port()
    server = subprocess.Popen([*build, "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, env=environment)
    log: list[str] = []
    stamped: list[tuple[float, str]] = []
    server_log = workdir / "server.log"

    def keep_log():
        with server_log.open("w", encoding="utf-8") as out:
            for line in server.stdout:
                now = time.time()
                log.append(line)
                stamped.append((now, line))
                out.write(f"{now:.3f} {line}")
                out.flush()

    threading.Thread(target=keep_log, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    results = {}
    try:
        started = wait_for(base + f"entities/{EDITED_ENTITY}/", "</html>")
        print(f"server ready after {started:.1f} s", flush=True)
        def up_to_date_after(saved: float, lines_before: int) -> float:
            """Seconds from the save to the server's next "Every page up to date" line."""
            deadline = time.time() + TIMEOUT
            while time.time() < deadline:
                for line in stamped[lines_before:]:
                    if "Every page up to date" in line[1]:
                        return line[0] - saved
                time.sleep(0.05)
            raise RuntimeError("timed out waiting for the preview to be up to date")

        for name, apply, undo in edits(root):
            seconds, every_page = [], []
            for run in range(options.runs):
                time.sleep(1.0)  # the watcher settles; each save is its own change
                print(f"{time.time():.3f} {name} {run}", file=sys.stderr, flush=True)
                lines_before, saved = len(stamped), time.time()
                page, words = apply(run)
                seconds.append(wait_for(base + page, words))
                every_page.append(up_to_date_after(saved, lines_before))
                lines_before = len(stamped)
                undo()
                up_to_date_after(time.time(), lines_before)  # the undo is done before the next run
            results[name] = {"seconds": seconds, "median_s": statistics.median(seconds),
                             "fraction_of_full_build": statistics.median(seconds) / full_build,
                             "every_page_seconds": every_page, "every_page_median_s": statistics.median(every_page)}
            print(f"  {name}: median {statistics.median(seconds):.2f} s of {', '.join(f'{s:.2f}' for s in seconds)} "
                  f"= {statistics.median(seconds) / full_build:.1%} of a full build; every page the save touches: "
                  f"median {statistics.median(every_page):.2f} s of {', '.join(f'{s:.2f}' for s in every_page)}", flush=True)
            time.sleep(2.0)
    finally:
        server.terminate()
        server.wait(timeout=30)
    regenerated = [line.strip() for line in log if line.startswith("Regenerated")]
    report = {"machine": machine(), "command": " ".join([Path(sys.executable).name, *sys.argv]),
              "sources": options.sources, "entities": options.entities, "full_build_s": full_build,
              "edits": results, "server_log_regenerated": regenerated}
    if options.json:
        options.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("Server said: " + "; ".join(regenerated[-6:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
