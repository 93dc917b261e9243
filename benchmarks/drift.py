"""How long `new source` takes to import one page, and `drift` to check 1,000 sources, against a
web server on 127.0.0.1 (issue 19).

    .venv/bin/python benchmarks/drift.py                 # 1,000 sources, 3 runs
    .venv/bin/python benchmarks/drift.py --sources 100 --runs 1

Writes a corpus of N imported sources (a news page each, its extracted .txt, its kept copy and a
YAML with url and sha256) and entities citing each source once, under a temporary folder; serves
the pages from a thread of this process (http.server, one thread a request); and times the real
commands as an editor runs them, wall clock, start-up included. Of the pages, 80 % have the
article as imported (in a page whose bytes differ, as a live page's ads and timestamps do, so
each is extracted again), 10 % a paragraph added, 5 % a cited quote edited, 5 % are gone (404).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.tools.extract import extract_article  # noqa: E402
from tests.tools.server import LocalServer, Route  # noqa: E402

WORDS = ("the convoy army village officials said reported attack fighters region residents market "
         "town week forces local sources security government according northern road supply").split()
SCHEMA = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"


def sentence(rng: random.Random, number: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(14, 24))]
    return f"Report {number} says " + " ".join(words) + "."


def page(title: str, paragraphs: list[str], stamp: str) -> bytes:
    body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | Sahel Wire</title>"
        f"<meta property='og:site_name' content='Sahel Wire'><meta property='article:published_time' content='2025-07-01T10:00:00Z'>"
        f"</head><body><div class='cookie'>We use cookies. <button>Accept</button></div>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/africa'>Africa</a></nav>"
        f"<div class='ad'>Advertisement {stamp}</div><article><h1>{title}</h1>{body}</article>"
        f"<aside><h2>Related stories</h2><ul><li><a href='/x'>Another story</a></li></ul></aside>"
        f"<footer>© 2025 Sahel Wire</footer></body></html>"
    ).encode()


def make_corpus(root: Path, sources: int, port: int, rng: random.Random) -> dict[str, Route]:
    """Writes the project under ``root``; the routes the server answers each page with during drift."""
    for part in ("templates", "mkdocs.yml", "schemas"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, root / part)
    content = root / "content"
    for folder in ("sources", "captures", "entities", "events"):
        (content / folder).mkdir(parents=True)
    routes, claims = {}, {}
    for number in range(sources):
        source_id = f"story-{number:04d}"
        paragraphs = [sentence(rng, number * 100 + index) for index in range(rng.randint(6, 12))]
        kept = page(f"Story {number}", paragraphs, "imported")
        article = extract_article(kept, f"http://127.0.0.1:{port}/{source_id}")
        (content / "captures" / f"{source_id}.html").write_bytes(kept)
        (content / "sources" / f"{source_id}.txt").write_text(article.text)
        (content / "sources" / f"{source_id}.yml").write_text(
            SCHEMA.format(kind="source") + f'title: "Story {number}"\npublisher: "Sahel Wire"\npublished: 2025-07-01\n'
            f'language: en\nurl: "http://127.0.0.1:{port}/{source_id}"\nretrieved: 2025-07-02T08:00:00Z\n'
            f"sha256: {hashlib.sha256(kept).hexdigest()}\n"
        )
        quote = " ".join(paragraphs[1].split()[:9])
        claims.setdefault(number % 10, []).append((source_id, quote))
        kind = rng.random()
        if kind < 0.05:
            routes[f"/{source_id}"] = Route(b"Not Found", 404, "text/plain")
        elif kind < 0.10:
            edited = list(paragraphs)
            edited[1] = edited[1].replace("says", "claimed", 1)
            routes[f"/{source_id}"] = Route(page(f"Story {number}", edited, "live"))
        elif kind < 0.20:
            routes[f"/{source_id}"] = Route(page(f"Story {number}", paragraphs + ["An update was added later today."], "live"))
        else:
            routes[f"/{source_id}"] = Route(page(f"Story {number}", paragraphs, f"live {number}"))
    for group, cited in claims.items():
        lines = "".join(f'  - text: "Statement {source_id}."\n    cite: [{{source: {source_id}, quote: "{quote}"}}]\n' for source_id, quote in cited)
        (content / "entities" / f"group-{group}.yml").write_text(
            SCHEMA.format(kind="entity") + f'name: "Group {group}"\ntype: organization\nsummary: "A group."\nclaims:\n{lines}'
        )
    return routes


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - started, result


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sources", type=int, default=1000)
    options.add_argument("--runs", type=int, default=3)
    arguments = options.parse_args()
    build = [sys.executable, str(ROOT / "build.py")]
    with tempfile.TemporaryDirectory() as folder, LocalServer() as server:
        project = Path(folder) / "project"
        project.mkdir()
        server.routes.update(make_corpus(project, arguments.sources, server.port, random.Random(1)))
        seconds, result = timed([*build, "--project", str(project), "check"])
        assert result.returncode == 0, result.stderr[-2000:]
        print(f"check, {arguments.sources} sources: {seconds:.2f} s")
        runs = []
        for _ in range(arguments.runs):
            server.requests.clear()
            seconds, result = timed([*build, "--project", str(project), "drift", "--allow-private"])
            runs.append(seconds)
            print(f"drift, {arguments.sources} sources: {seconds:.2f} s, {len(server.requests)} requests; {result.stdout.splitlines()[-1]}")
        print(f"drift median: {statistics.median(runs):.2f} s")
        pages = ROOT / "tests" / "tools" / "pages"
        saved = Path(folder) / "saved.html"
        saved.write_bytes((pages / "rfi-kidal-fr.html").read_bytes())
        server.routes["/new-article"] = Route((pages / "reuters-niger-en.html").read_bytes())
        for label, target in (("a saved page", str(saved)), ("a URL", server.url("/new-article"))):
            times = []
            for run in range(arguments.runs):
                small = Path(folder) / f"small-{label[2:6]}-{run}"
                shutil.copytree(ROOT / "content", small / "content")
                for part in ("templates", "mkdocs.yml"):
                    (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, small / part)
                seconds, result = timed([*build, "--project", str(small), "new", "source", target, "--allow-private", "--id", "imported"])
                assert result.returncode == 0, result.stderr
                times.append(seconds)
            seconds, result = timed([*build, "--project", str(project), "new", "source", target, "--allow-private", "--id", f"imported-{label[2:6].lower().strip()}"])
            assert result.returncode == 0, result.stderr
            print(f"new source, {label}: {statistics.median(times):.2f} s into the bundled content, {seconds:.2f} s into {arguments.sources} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
