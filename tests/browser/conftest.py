"""A real browser on the built site: Debian's Chromium driven by Playwright, the site on 127.0.0.1.

The site is served over http (search does not work from file://). Every page opened through
``reader`` is watched: console errors, JavaScript dialogs, and any request that would leave
127.0.0.1 (refused, then reported). What the suite measured is printed at the end of the run
and saved as test-artifacts/browser-report.json.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier.pipeline import build
from tests.browser.hostile import write_hostile_content
from tests.helpers import SIZES, Server, copy_project, open_context

CHROMIUM = os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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
def served(request, site):
    """The real site, built once (tests/conftest.py), over http on 127.0.0.1; rendered by Zensical
    instead of MkDocs for the tests marked BOTH_RENDERERS (tests/helpers.py)."""
    renderer = getattr(request, "param", "mkdocs")
    with Server(site if renderer == "mkdocs" else request.getfixturevalue("zensical_site")) as server:
        yield server


@pytest.fixture(scope="session")
def hostile_served(tmp_path_factory):
    """A copy of the project whose content is all script payloads, built and served."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    write_hostile_content(project.content_dir)
    build(project)
    with Server(project.site_dir) as server:
        yield server


@pytest.fixture
def reader(browser):
    """(page, watch) in a desktop-sized window."""
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page, watch
    context.close()


@pytest.fixture(params=SIZES, ids=[name for name, _ in SIZES])
def sized(request, browser):
    """(page, watch, size name) in a phone-sized or a desktop-sized window."""
    name, viewport = request.param
    context, watch = open_context(browser, viewport=viewport, device_scale_factor=1, has_touch=name == "phone")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page, watch, name
    context.close()
    assert watch.errors == [] and watch.outside == [] and watch.dialogs == []
