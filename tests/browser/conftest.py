"""A real browser on the built site: Debian's Chromium driven by Playwright, the site on 127.0.0.1.

The site is served over http (search does not work from file://). Every page opened through
``reader`` is watched: console errors, JavaScript dialogs, and any request that would leave
127.0.0.1 (refused, then reported). What the suite measured is printed at the end of the run
and saved as test-artifacts/browser-report.json.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from dossier.pipeline import build
from tests.browser.hostile import write_hostile_content
from tests.conftest import PROJECT_ROOT, copy_project

CHROMIUM = os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
REPORT: dict = {}
"""What the suite measured, by topic; printed after the run and saved under test-artifacts/."""

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # `make test` installs it from requirements.txt
    sync_playwright = None


def browser_missing() -> str | None:
    """Why the browser suite cannot run here, or None."""
    if sync_playwright is None:
        return "playwright is not installed: run `make test`, which installs requirements.txt"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}: run `make test`, which installs Debian's chromium package"
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class Server:
    """A static file server for one built site on 127.0.0.1, on a free port."""

    root: Path
    base: str = ""

    def __enter__(self) -> "Server":
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def pages(self) -> list[str]:
        """Every HTML page of the site, as paths from its root ('entities/jnim/')."""
        found = []
        for path in sorted(self.root.rglob("*.html")):
            relative = path.relative_to(self.root).as_posix()
            found.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        return found


@dataclass
class Watch:
    """What happened in one browser context: console errors, dialogs, refused outside requests."""

    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    requests: int = 0


def _is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


@pytest.fixture(scope="session")
def browser():
    reason = browser_missing()
    if reason:
        # In CI a missing browser is a failure: the suite must run there.
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(site):
    """The real site, built once (tests/conftest.py), over http on 127.0.0.1."""
    with Server(site) as server:
        yield server


@pytest.fixture(scope="session")
def hostile_served(tmp_path_factory):
    """A copy of the project whose content is all script payloads, built and served."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    write_hostile_content(project.content_dir)
    build(project)
    with Server(project.site_dir) as server:
        yield server


def open_context(browser, **options):
    """A fresh browser context that refuses and records any request leaving 127.0.0.1."""
    context = browser.new_context(**options)
    watch = Watch()

    def route(route):
        watch.requests += 1
        if _is_local(route.request.url):
            route.continue_()
        else:
            watch.outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)

    def on_page(page):
        page.on("console", lambda message: _on_console(watch, message))
        page.on("pageerror", lambda error: watch.errors.append(f"page error: {error}"))
        page.on("dialog", lambda dialog: (watch.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))

    context.on("page", on_page)
    return context, watch


def _on_console(watch: Watch, message) -> None:
    watch.console.append(f"{message.type}: {message.text}")
    if message.type == "error":
        watch.errors.append(f"console error: {message.text}")


def open_interactive_graph(page) -> None:
    """What a reader does for the interactive graph: the page first shows the build-time drawing."""
    page.get_by_role("button", name="Open the interactive graph").click()
    page.locator(".site-graph-app[data-ready='true']").wait_for()


@pytest.fixture
def reader(browser):
    """(page, watch) in a desktop-sized window."""
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page, watch
    context.close()


def pytest_terminal_summary(terminalreporter):
    if not REPORT:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "browser-report.json"
    path.write_text(json.dumps(REPORT, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    terminalreporter.section("browser suite")
    for topic, value in sorted(REPORT.items()):
        terminalreporter.write_line(f"{topic}: {json.dumps(value, sort_keys=True)}")
    terminalreporter.write_line(f"report: {path}")
