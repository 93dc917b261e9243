"""How long `new source` takes with its near-identical-text check, and `rename source` / `remove
source`, on a synthetic corpus of N sources (issue 19, item 5).

    .venv/bin/python benchmarks/housekeeping.py --sources 10000   # about 5 minutes, corpus included
    .venv/bin/python benchmarks/housekeeping.py --sources 1000

Writes the corpus with benchmarks/make_corpus.py (articles of 600 to 1,500 words) under a temporary
folder and times the real commands as an editor runs them (a fresh process, wall clock, start-up
and imports included), then the near-identical check alone, in this process, over every article.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from dossier.text.resemblance import NEARLY_THE_SAME, Probe  # noqa: E402

ARTICLES = ROOT / "tests" / "tools" / "articles"
PAGES = ROOT / "tests" / "tools" / "pages"


def timed(*arguments: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), *arguments], capture_output=True, text=True)
    return time.perf_counter() - started, result


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sources", type=int, default=10_000)
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        for part in ("templates", "docs", "overrides", "mkdocs.yml"):
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, project / part)
        entities = max(2, arguments.sources // 10)
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--sources", str(arguments.sources),
             "--entities", str(entities), "--out", str(project / "content")],
            check=True, capture_output=True,
        )
        at = ["--project", str(project)]
        saved = Path(folder) / "saved.html"
        saved.write_bytes((PAGES / "rfi-kidal-fr.html").read_bytes())
        steps = [
            ("new source, a .txt (AFP dispatch, outlet A)", ["new", "source", str(ARTICLES / "afp-mopti-on-outlet-a.txt"), "--id", "afp-a"]),
            ("new source, the same dispatch from outlet B (warns)", ["new", "source", str(ARTICLES / "afp-mopti-on-outlet-b.txt"), "--id", "afp-b"]),
            ("new source, a saved page", ["new", "source", str(saved), "--id", "rfi-kidal"]),
            ("remove source, an uncited one", ["remove", "source", "afp-b"]),
            ("rename source, a cited one", ["rename", "source", "source-00001", "renamed-source"]),
        ]
        for label, command in steps:
            seconds, result = timed(*at, *command)
            assert result.returncode == 0, result.stderr[-2000:]
            print(f"{label}, {arguments.sources} sources: {seconds:.2f} s")
        texts = [path.read_text() for path in sorted((project / "content" / "sources").glob("*.txt"))]
        started = time.perf_counter()
        probe = Probe.of((ARTICLES / "afp-mopti-on-outlet-b.txt").read_text())
        near = [text for text in texts if probe.resemblance(text) >= NEARLY_THE_SAME]
        print(f"near-identical check alone over {len(texts)} articles: {time.perf_counter() - started:.2f} s ({len(near)} found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
