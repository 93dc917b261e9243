"""What tests share: where the project and the fixtures are, a copy of the project to build, digests of
a folder, small builders of model values for tests that need no files, and what the browser tests use."""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

import build as command_line
from dossier.content.model import Citation, Claim, Content, Entity, Figure, FigureValue, Paragraph, Relation, Source
from dossier.pages import GENERATED_FOLDERS, READER_KINDS, iter_pages
from dossier.pipeline import Project, check
from dossier.publish.pagefind_order import SIGNATURE, unpack
from dossier.publish.renderers import mkdocs_parallel
from dossier.report import Position, errors_in
from dossier.resolve import resolve
from dossier.text.dates import parse_date

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


# Edits of the real content (a copy of it), each one kind of change an editor makes.

AFRICA_CORPS = "content/entities/africa-corps.yml"
SOURCE = "content/sources/strategic-realignment-wagner-withdrawal-from-mali"
"""A source of the real content, without its suffix (.txt, .yml)."""


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_claim(root):
    replace(root / AFRICA_CORPS, "a precise date for its creation.", "a precise date for when it was created.")


def add_alias(root):
    replace(root / AFRICA_CORPS, "  - African Corps\n", "  - African Corps\n  - Russian Ministry\n")


def rename(root):
    replace(root / AFRICA_CORPS, "name: Africa Corps\n", "name: The Africa Corps\n")


def add_source(root):
    for suffix in (".txt", ".yml"):
        shutil.copy2(root / (SOURCE + suffix), root / f"content/sources/a-new-source{suffix}")


def remove_source(root):
    for suffix in (".txt", ".yml"):
        (root / f"content/sources/a-new-source{suffix}").unlink()


def drop_relation(root):
    replace(root / AFRICA_CORPS, "  - type: created-by\n    target: russian-ministry-of-defence\n", "  - type: created-by\n    target: wagner-group\n")


def redate_event(root):
    replace(root / "content/events/2023-11-kidal-recaptured.yml", "date: 2023-11", "date: 2021-11")


def change_language(root):
    # Its title, now marked as French wherever it is shown (the sources index, the entities citing it).
    replace(root / (SOURCE + ".yml"), "language: en\n", "language: fr\n")


def project_with_case(built_base: Path, tmp_path: Path, name: str, also: tuple[str, ...] = ()) -> Path:
    """A copy of the built small project with the broken case ``<folder>/<stem>`` (tests/fixtures/broken/) added."""
    project = tmp_path / "project"
    shutil.copytree(built_base, project, symlinks=True)
    # ``also``: other files of the case, by stem in its folder or as <folder>/<stem> in another.
    for place in (name, *(other if "/" in other else f"{name.split('/')[0]}/{other}" for other in also)):
        folder, stem = place.split("/")
        (project / "content" / folder).mkdir(exist_ok=True)  # a misnamed folder is a case too
        for path in sorted((FIXTURES / "broken" / folder).iterdir()):
            if path.stem == stem:
                shutil.copy(path, project / "content" / folder / path.name)
    return project


def run_build(project: Path, capsys) -> tuple[int, str]:
    """``build.py`` in this process: its exit code and all it printed."""
    code = command_line.main(["--project", str(project)])
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def base_resolved(tmp_path: Path):
    """The small valid project (tests/fixtures/base/content), checked and resolved."""
    shutil.copytree(FIXTURES / "base" / "content", tmp_path / "content")
    resolved, problems = check(Project(tmp_path))
    assert resolved is not None, problems
    return resolved


_OPENED: list[list[str]] = []


def _record_open(event: str, arguments: tuple) -> None:
    if event == "open" and _OPENED and isinstance(arguments[0], (str, bytes, os.PathLike)):
        for opened in _OPENED:
            opened.append(os.path.realpath(os.fsdecode(arguments[0])))


sys.addaudithook(_record_open)  # audit hooks cannot be removed: it records only inside files_opened


@contextmanager
def files_opened(folder: Path, relative_to: Path | None = None):
    """The files under ``folder`` that this process opens inside the block (Python's 'open' audit
    event: every open, os.open and Path.read_*), relative to ``relative_to`` (default: the folder),
    as a sorted list filled in when the block ends. Files tried but missing are left out."""
    opened: list[str] = []
    found: list[str] = []
    _OPENED.append(opened)
    try:
        yield found
    finally:
        _OPENED.remove(opened)
        root, base = os.path.realpath(folder), os.path.realpath(relative_to or folder)
        found.extend(sorted({os.path.relpath(path, base) for path in opened
                             if path.startswith(root + os.sep) and os.path.isfile(path)}))  # tried and missing: not read


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


def entity(
    entity_id: str, name: str = "", aliases=(), summary="A summary.", relations=(), claims=(), type="organization", figures=()
) -> Entity:
    return Entity(
        id=entity_id,
        name=name or entity_id,
        type=type,
        aliases=tuple(aliases),
        summary=summary,
        relations=tuple(relations),
        claims=tuple(claims),
        position=Position(f"content/entities/{entity_id}.yml", 1, 1),
        figures=tuple(figures),
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


def render_site(resolved, templates_dir: Path, **options) -> dict[str, str]:
    """Every page the readers see, keyed by its path under docs/, in a stable order."""
    return dict(sorted(iter_pages(resolved, templates_dir, kinds=READER_KINDS, **options)))


ARTICLE = source(
    "article",
    "Wagner arrived in late 2021 and left in 2025.",
    "The Africa Corps took over from Wagner.",
    title="Wagner leaves",
)


def figure(measure, *values):
    """A figure from (value, citation) or (value, as_of, citation) tuples."""
    return Figure(
        measure,
        tuple(
            FigureValue(value[0], parse_date(value[1]) if len(value) == 3 else None, (value[-1],)) for value in values
        ),
        Position("content/entities/x.yml", 1, 1),
    )


def render(*entities, sources=(ARTICLE,)) -> dict[str, str]:
    """The generated pages (path -> Markdown) of these entities and sources, resolved without problems."""
    resolved, problems = resolve(content(sources=sources, entities=entities))
    assert errors_in(problems) == []
    return render_site(resolved, PROJECT_ROOT / "templates")


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


BOTH_RENDERERS = pytest.mark.parametrize("served", ["mkdocs", "zensical"], indirect=True)
"""What a reader relies on, tried on the site as MkDocs renders it and as Zensical does (build
--renderer zensical, indexed by Pagefind and with the theme's overrides, as the MkDocs site is)."""


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


# The live preview (tests/preview/, tests/browser/test_preview_banner.py, the walkthrough): a real `build.py serve`.

TIMEOUT = 60
"""Seconds a preview test waits for what a save should bring."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def fetch_bytes(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return b""


def searchable_text(base: str, url: str) -> str:
    """What the preview's search index holds for the page at ``url`` ('' if not indexed yet)."""
    entry = fetch_bytes(base + "pagefind/pagefind-entry.json")
    if not entry:
        return ""
    meta_hash = json.loads(entry)["languages"]["en"]["hash"]
    meta = fetch_bytes(f"{base}pagefind/pagefind.{meta_hash}.pf_meta")
    if not meta:
        return ""
    pages = unpack(meta)[1]  # MetaIndex: version, pages ([hash, word count]), ...
    for page_hash, _ in pages:
        fragment = fetch_bytes(f"{base}pagefind/fragment/{page_hash}.pf_fragment")
        if fragment:
            found = json.loads(gzip.decompress(fragment).removeprefix(SIGNATURE))
            if found["url"] == url:
                return found["content"]
    return ""


@dataclass
class Preview:
    """A running ``build.py serve`` on a copy of the small project; ``log`` is what it printed."""

    root: Path
    port: int
    log: list[str] = field(default_factory=list)

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    @property
    def output(self) -> str:
        return "".join(self.log)


@contextmanager
def preview(built_base: Path, tmp_path: Path, *options: str):
    running = Preview(tmp_path / "project", free_port())
    shutil.copytree(built_base, running.root)
    server = subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(running.root), "serve", "--port", str(running.port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    threading.Thread(target=lambda: running.log.extend(server.stdout), daemon=True).start()
    try:
        wait_for(lambda: "It said it will remain in Mali" in fetch(running.url("entities/africa-corps/")), "the first build")
        yield running
        assert server.poll() is None, "the server stopped"
    finally:
        server.terminate()
        server.wait(timeout=10)


def problems(port: int) -> list[str]:
    """The errors the preview's banner shows, as plain text."""
    text = fetch(f"http://127.0.0.1:{port}/preview-problems.json")
    return json.loads(text) if text else []


def edit_break_and_fix(running: Preview) -> None:
    """Save a claim edit, then an error, then its fix, each seen over HTTP: the page, search, the banner."""
    page = running.url("entities/africa-corps/")
    entity = running.root / "content" / "entities" / "africa-corps.yml"
    original = entity.read_text()

    entity.write_text(original.replace("It said it will remain in Mali.", "It said it would stay for good."))
    wait_for(lambda: "It said it would stay for good" in fetch(page), "the edited claim to appear")
    wait_for(lambda: "It said it would stay for good" in searchable_text(running.url(), "/entities/africa-corps/"),
             "search in the preview to know the edited claim")

    entity.write_text(original.replace("type: military unit", "type: military unit\ntype: again"))
    wait_for(lambda: "duplicate key 'type'" in running.output, "the error to be printed")
    duplicate = "content/entities/africa-corps.yml:4:1: error: duplicate key 'type' (first written on line 3): keep one of them"
    # The served list may lag a save (or show a half-written file) for a moment: wait for this error.
    wait_for(lambda: problems(running.port)[:1] == [duplicate], "the error to be published to the banner")
    assert "It said it would stay for good" in fetch(page), "the last good page is still served"

    entity.write_text(original.replace("It said it will remain in Mali.", "Fixed and back."))
    wait_for(lambda: "Fixed and back" in fetch(page), "the fixed file to be shown")
    wait_for(lambda: problems(running.port) == [], "the banner to be cleared")


RENDERERS = {"mkdocs": ([], "make serve", "serve"), "zensical": (["--renderer", "zensical"], "make serve-zensical", "serve --renderer zensical")}
"""The options that choose each renderer, and the commands that start its preview."""


def open_interactive_graph(page) -> None:
    """What a reader does for the interactive graph: the page first shows the build-time drawing."""
    page.get_by_role("button", name="Open the interactive graph").click()
    page.locator(".site-graph-app[data-ready='true']").wait_for()


ARABIC, FRENCH_AGENCY, FRENCH_RADIO = "ar-maarik-tinzaouatene", "fr-embuscade-tinzaouatene", "fr-lourdes-pertes-wagner"


LANGUAGES = FIXTURES / "languages"


def language_project(destination: Path) -> Project:
    project = copy_project(destination)
    shutil.rmtree(project.content_dir)
    shutil.copytree(LANGUAGES / "content", project.content_dir)
    return project


SEARCH_BOX = "#dossier-search-input"


def search_for(page, typed: str) -> None:
    """Type into the header's search box and wait until the results are those of ``typed``."""
    box = page.locator(SEARCH_BOX)
    box.fill("")
    box.press_sequentially(typed, delay=20)
    page.wait_for_function(
        "typed => document.querySelector('.dossier-search__results').dataset.query === typed", arg=typed
    )


def git(root: Path, *args: str, date: str = "2025-03-01T12:00:00Z") -> str:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(root), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=root, env=env, check=True, capture_output=True, text=True,
    )
    return result.stdout


def published_base(tmp_path: Path) -> Path:
    """The base fixture as a project committed once: its statements are published."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project.content_dir)
    shutil.copytree(FIXTURES / "base" / "content", project.content_dir)
    git(project.root, "init", "-q")
    git(project.root, "add", ".")
    git(project.root, "commit", "-q", "-m", "First publication")
    return project.root


def edit_wagner(root: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` once in the base fixture's Wagner Group file."""
    path = root / "content/entities/wagner-group.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SIZES = [("phone", PHONE), ("desktop", DESKTOP)]


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    REPORT.setdefault("screenshots", {})[name] = str(path.relative_to(ARTIFACTS.parent))


def run_build_py(project: Project | Path, *arguments: str) -> subprocess.CompletedProcess:
    """``build.py --project <project> ARGUMENTS`` as an editor runs it: a real process, its output captured."""
    root = project.root if isinstance(project, Project) else project
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "build.py"), "--project", str(root), *arguments],
        capture_output=True, text=True, timeout=300,
    )


READER_PAGES = {
    "home": "",
    "entity": "entities/wagner-group/",
    "source": "sources/a-mixed-picture-how-mali-views-the-wagner-group/",
    "timeline": "timeline/",
    "graph": "graph/",
    "figures": "figures/",
    "sources index": "sources/",
}
"""One page of each kind a reader meets on the bundled site: what the accessibility and speed
tests and the Lighthouse benchmark (benchmarks/lighthouse.py) visit."""


_RENDER_PAGE = mkdocs_parallel._render_page


def killed_on_the_sixth_page(index: int):
    """Put in place of mkdocs_parallel._render_page (the forked workers inherit it): a worker's
    task that ends its process on the sixth page, as the kernel kills one out of memory."""
    if index == 5:
        os._exit(9)
    return _RENDER_PAGE(index)


def printed_note(note) -> dict[str, str | None]:
    """A note (a Playwright locator, the page emulating print) as printed: its text, and the source
    title, source address and original address the print stylesheet adds after its links."""
    return note.evaluate(
        """note => {
            const after = element => element ? getComputedStyle(element, '::after').content : null;
            return {
                text: note.innerText,
                title: after(note.querySelector('cite')),
                source: after(note.querySelector('a.note-source')),
                original: after(note.querySelector('a.note-original')),
            };
        }"""
    )
