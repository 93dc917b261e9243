#!/usr/bin/env python3
"""What a reader's browser pays on a built site: one entity page view, and a first search.

    python benchmarks/reader.py SITE_DIR [--entity entity-0001] [--query NAME]

Serves SITE_DIR on 127.0.0.1 and opens it in Debian's Chromium (Playwright, a fresh context,
so the cache is cold). Prints JSON: bytes of every response for the entity page view (and
how many of them were for search: there must be none), then bytes, requests and time for a
first search typed into the header's box until the first result shows, whether that result is
the entity's page, and the tab's JavaScript heap after searching. Sizes are the response
bodies as served, uncompressed (the test server does not compress).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402


def measure(site: Path, entity: str, query: str) -> dict:
    from playwright.sync_api import sync_playwright

    with Server(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        received: list[tuple[str, int]] = []
        page.on("requestfinished", lambda request: received.append((request.url, request.sizes()["responseBodySize"])))
        page.goto(server.url(f"entities/{entity}/"), wait_until="networkidle")
        view = list(received)
        received.clear()
        box = page.locator("#dossier-search-input")
        start = time.perf_counter()
        box.click()
        box.press_sequentially(query, delay=50)
        first = page.locator(".dossier-search__results li:first-child a")
        page.wait_for_function(
            "q => document.querySelector('.dossier-search__results').getAttribute('data-query') === q", arg=query,
            timeout=120_000,
        )
        seconds = time.perf_counter() - start - 0.05 * len(query)  # minus the typing itself
        page.wait_for_load_state("networkidle")
        client = context.new_cdp_session(page)
        client.send("Performance.enable")
        metrics = {metric["name"]: metric["value"] for metric in client.send("Performance.getMetrics")["metrics"]}
        result = {
            "entity page view": {
                "bytes": sum(size for _, size in view),
                "requests": len(view),
                "search requests": sum(1 for url, _ in view if "/pagefind/" in url),
            },
            "first search": {
                "query": query,
                "bytes": sum(size for _, size in received),
                "requests": len(received),
                "seconds after the last key": round(seconds, 3),
                "first result": first.get_attribute("href"),
                "entity first": first.get_attribute("href").rstrip("/").endswith(f"/entities/{entity}"),
            },
            "JS heap after searching MB": round(metrics.get("JSHeapUsedSize", 0) / 2**20, 1),
        }
        browser.close()
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--entity", default="entity-0001")
    parser.add_argument("--query", help="what to type (default: the entity's page title)")
    options = parser.parse_args(argv)
    query = options.query
    if not query:
        html = (options.site / "entities" / options.entity / "index.html").read_text(encoding="utf-8")
        query = html.split("<h1", 1)[1].split(">", 1)[1].split("<", 1)[0].strip()
    print(json.dumps(measure(options.site, options.entity, query), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
