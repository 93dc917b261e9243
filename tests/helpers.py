"""What tests share: where the project and the fixtures are, a copy of the project to build, digests of
a folder, small builders of model values for tests that need no files, and what the browser tests use."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

from dossier.content.model import Citation, Claim, Content, Entity, Paragraph, Relation, Source
from dossier.pages import GENERATED_FOLDERS
from dossier.pipeline import Project
from dossier.report import Position

TESTS = Path(__file__).resolve().parent
PROJECT_ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
SAVED_PAGES = TESTS / "tools" / "pages"
"""News pages as a browser saves them (the importer's, drift's and the captures' tests)."""
PROJECT_PARTS = ("content", "templates", "docs", "overrides", "mkdocs.yml")


def copy_project(destination: Path, root: Path = PROJECT_ROOT) -> Project:
    """A copy of the project's inputs (no site/, no generated pages) to build without touching ours."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(
                source, destination / part, ignore=shutil.ignore_patterns(*GENERATED_FOLDERS) if part == "docs" else None
            )
        else:
            shutil.copy2(source, destination / part)
    return Project(destination)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def replace_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new``, of the same length, and put the file's modification time back,
    as `cp -p`, `touch -r` and some editors and sync tools do: its size and time say nothing changed."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)



def source(source_id: str, *paragraphs: str, title: str = "A title") -> Source:
    return Source(
        id=source_id,
        title=title,
        publisher=None,
        author=None,
        published=None,
        url=None,
        notes=None,
        paragraphs=tuple(Paragraph(n, text) for n, text in enumerate(paragraphs, start=1)),
        position=Position(f"content/sources/{source_id}.yml"),
        text_path=f"content/sources/{source_id}.txt",
    )


def cite(source_id: str, quote: str, line: int = 1) -> Citation:
    return Citation(source_id, quote, Position("content/entities/x.yml", line, 1))


def entity(entity_id: str, name: str = "", aliases=(), summary="A summary.", relations=(), claims=(), type="organization") -> Entity:
    return Entity(
        id=entity_id,
        name=name or entity_id,
        type=type,
        aliases=tuple(aliases),
        summary=summary,
        relations=tuple(relations),
        claims=tuple(claims),
        position=Position(f"content/entities/{entity_id}.yml", 1, 1),
    )


def claim(text: str, *citations: Citation) -> Claim:
    return Claim(text, None, tuple(citations), Position("content/entities/x.yml", 1, 1))


def relation(subject: str, type: str, target: str, *citations: Citation) -> Relation:
    return Relation(type, subject, target, None, None, tuple(citations), Position(f"content/entities/{subject}.yml", 1, 1))


def content(sources=(), entities=(), events=()) -> Content:
    return Content(
        sources={s.id: s for s in sources},
        entities={e.id: e for e in entities},
        events={e.id: e for e in events},
    )


class QuoteParts(HTMLParser):
    """The words of each cited quote on a source page, gathered from every mark carrying its
    data-quote (a quote that overlaps another without nesting is in parts), and how many parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: dict[str, str] = {}
        self.parts: dict[str, int] = {}
        self.paragraph: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            attributes = dict(attrs)
            quote = attributes.get("data-quote")
            self._open.append(quote)
            if quote:
                self.parts[quote] = self.parts.get(quote, 0) + 1
                self.paragraph[quote] = attributes["data-paragraph"]

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open.pop()

    def handle_data(self, data):
        for quote in self._open:
            if quote:
                self.words[quote] = self.words.get(quote, "") + data


# The browser tests (tests/browser/): where they save what they measured, the site served, a watched context.

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
REPORT: dict = {}
"""What the suite measured, by topic; printed after the run and saved under test-artifacts/."""

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
