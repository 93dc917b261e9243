#!/usr/bin/env python3
"""Lighthouse mobile performance of each kind of page of a built site, served as a static host serves it.

    python benchmarks/lighthouse.py SITE_DIR [--lighthouse /tmp/lh/node_modules/.bin/lighthouse] [--runs 3]

Builds nothing: it serves SITE_DIR on 127.0.0.1 twice, compressed (gzip, and Cache-Control as
GitHub Pages sends it) and plain (no compression, no cache headers), and runs Lighthouse
(npm, installed outside the project: `cd /tmp/lh && npm install lighthouse@13.5.0`) with its
mobile preset (simulated slow 4G and a 4x slower CPU) on Debian's Chromium, headless. Prints a
Markdown table: the median performance score of --runs runs per page and server, with the
median first contentful paint, largest contentful paint and total blocking time of the
compressed runs, then the machine's load average (Lighthouse's simulation is scaled from the
CPU time it observes, so a loaded machine scores lower).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import READER_PAGES  # noqa: E402

PAGES = READER_PAGES
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
CACHE_CONTROL = "max-age=600"
"""What GitHub Pages sends with every file."""


class PlainHandler(SimpleHTTPRequestHandler):
    """http.server as it is: files as they are on disk, no cache headers."""

    def log_message(self, format, *args):
        pass


class CompressingHandler(PlainHandler):
    """Text files gzipped when the browser accepts it, every response with Cache-Control."""

    compressed: dict[str, bytes] = {}

    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.endswith(COMPRESSIBLE)
            or not os.path.isfile(path)
            or not self.path.split("?")[0].endswith(("/", *COMPRESSIBLE))
        ):
            return super().send_head()
        if path not in self.compressed:
            self.compressed[path] = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        body = self.compressed[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: a file-like object that do_GET copies out and closes."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path, handler) -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), lambda *args: handler(*args, directory=str(site)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def lighthouse(command: list[str], url: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [*command, url, "--only-categories=performance", "--output=json", f"--output-path={report}",
             f"--chrome-flags={CHROME_FLAGS}", "--quiet"],
            check=True,
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        )
        audits = json.loads(report.read_text(encoding="utf-8"))
    return {
        "score": round(audits["categories"]["performance"]["score"] * 100),
        "fcp": audits["audits"]["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["audits"]["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["audits"]["total-blocking-time"]["numericValue"],
        "cls": audits["audits"]["cumulative-layout-shift"]["numericValue"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--lighthouse", default="/tmp/lh/node_modules/.bin/lighthouse", help="the lighthouse command")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and server (the median is shown)")
    parser.add_argument("--nice", type=int, default=0, help="run Lighthouse and Chromium at this niceness (-5: ahead of other work; needs root)")
    parser.add_argument("--page", action="append", choices=PAGES, help="only these kinds of page (repeatable)")
    options = parser.parse_args(argv)
    command = [options.lighthouse]
    if options.nice:
        command = ["nice", "-n", str(options.nice), *command]
    kinds = options.page or list(PAGES)
    servers = {"compressed": serve(options.site, CompressingHandler), "plain": serve(options.site, PlainHandler)}
    results: dict[tuple[str, str], list[dict]] = {}
    load = os.getloadavg()
    try:
        for kind in kinds:
            for name, httpd in servers.items():
                url = f"http://127.0.0.1:{httpd.server_address[1]}/{PAGES[kind]}"
                results[kind, name] = [lighthouse(command, url) for _ in range(options.runs)]
                scores = [run["score"] for run in results[kind, name]]
                print(f"{kind}, {name}: {scores}", file=sys.stderr, flush=True)
    finally:
        for httpd in servers.values():
            httpd.shutdown()
            httpd.server_close()
    load = [max(before, after) for before, after in zip(load, os.getloadavg())]

    def median(kind: str, name: str, metric: str) -> float:
        return statistics.median(run[metric] for run in results[kind, name])

    print("| page | performance, compressed | (runs) | FCP s | LCP s | TBT ms | CLS | performance, plain |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for kind in kinds:
        runs = ", ".join(str(run["score"]) for run in results[kind, "compressed"])
        print(
            f"| {kind} (`{PAGES[kind] or '/'}`) | {median(kind, 'compressed', 'score'):.0f} | {runs} "
            f"| {median(kind, 'compressed', 'fcp'):.1f} | {median(kind, 'compressed', 'lcp'):.1f} "
            f"| {median(kind, 'compressed', 'tbt'):.0f} | {median(kind, 'compressed', 'cls'):.3f} "
            f"| {median(kind, 'plain', 'score'):.0f} |"
        )
    print(f"\nLoad average (1, 5, 15 min, the higher of before and after): {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} "
          f"on {os.cpu_count()} cores; Lighthouse niceness {options.nice}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
