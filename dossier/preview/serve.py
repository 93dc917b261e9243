"""Live preview: regenerate what a save changes, render only those pages, reload the browser.

Our own watcher sees a save under content/ or templates/ and regenerates the Markdown it
touches (``regenerate.Preview`` keeps what it read and resolved); ``mkdocs_live.LiveSite`` keeps MkDocs
in memory and renders only the pages written, in a thread of ours; MkDocs' live-reload server
serves them and, told by ``BrowserReload``, reloads the open pages. A hand-written page of
docs/ is rendered again on its own; a change to mkdocs.yml, the theme's overrides or the files
of docs/ rebuilds the whole preview. Any error (bad content, a broken template, anything
unexpected) is printed and shown in a banner on every page; the last good pages stay, and the
watcher keeps running until the file is fixed.

The banner is site-wide through one small file rather than written into each page: every page
of the preview (generated or hand-written) carries a short script, added by the preview's own
MkDocs hook, that reads ``preview-problems.json`` and shows its lines as plain text. Writing the
banner into every page instead would mean rendering the whole site each time the errors change.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from ..pages import GENERATED_FOLDERS, is_generated
from ..pipeline import Project
from ..publish.search import index_site
from ..publish.write import WriteSummary
from ..report import DossierError, Position, Problem, errors_in, format_report
from ..report import COMMAND
from .mkdocs_live import LiveSite
from .regenerate import Preview

PROBLEMS_FILE = "preview-problems.json"
"""Served at the root of the preview: the current errors, as a JSON list of plain-text lines."""
HOOK = Path(__file__).with_name("banner.py")

POLL_SECONDS = 0.4
"""How often the polling watcher looks, where the system gives no file events."""
SETTLE_SECONDS = 0.1
"""How long a save's file events must have stopped before the preview reads the files."""


class Banner:
    """The errors every page of the preview shows: ``preview-problems.json`` in the served site."""

    def __init__(self, site_dir: Path | None) -> None:
        self.site_dir = site_dir
        self.lines: list[str] = []

    def show(self, problems: list[Problem]) -> None:
        """Publish these errors to every page; none clears the banner."""
        self.lines = [str(problem) for problem in problems[:20]]
        if len(problems) > 20:
            self.lines.append(f"... and {len(problems) - 20} more: see the terminal")
        self.write()

    def write(self) -> None:
        if self.site_dir is None:
            return
        path = self.site_dir / PROBLEMS_FILE
        temporary = path.with_name(PROBLEMS_FILE + ".tmp")
        temporary.write_text(json.dumps(self.lines, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(temporary, path)


def regenerate(preview: Preview, banner: Banner | None = None, first_only: bool = False) -> WriteSummary | None:
    """Regenerate the pages a change touches (``first_only``: the pages of the files edited);
    report any error instead of raising. The pages written, or None when the content has errors
    (the last good pages stay)."""
    banner = banner or Banner(None)
    started = time.perf_counter()
    done = _reported(lambda: preview.regenerate_first() if first_only else preview.regenerate(), banner)
    if done is None:
        return None
    summary, problems = done
    if problems:
        print(format_report(problems), file=sys.stderr)
    _say_written("Regenerated", summary, started)
    banner.show([])
    return summary


def finish(preview: Preview, banner: Banner, should_stop=lambda: False) -> WriteSummary | None:
    """The rest of a regeneration whose first part is written; errors reported as ``regenerate``
    does. None on an error, or when ``should_stop`` stopped it (the rest stays to do)."""
    started = time.perf_counter()
    summary = _reported(lambda: preview.finish(should_stop), banner)
    if summary is not None:
        _say_written("Then regenerated", summary, started)
    return summary


def _reported(work, banner: Banner):
    """What ``work`` returns, or None after reporting its error: a template or program error
    must not stop the watcher either."""
    try:
        return work()
    except DossierError as error:
        _report_failure(error.problems, banner)
    except Exception as error:  # noqa: BLE001
        _report_failure([unexpected_problem(error)], banner)
    return None


def _say_written(what: str, summary: WriteSummary, started: float) -> None:
    print(
        f"{what} {len(summary.written)} page(s), removed {len(summary.removed)} "
        f"({time.perf_counter() - started:.2f} s).",
        flush=True,
    )


def unexpected_problem(error: Exception) -> Problem:
    """A Problem for an exception regeneration did not expect, located in a template when it is one."""
    from jinja2 import TemplateSyntaxError

    if isinstance(error, TemplateSyntaxError) and error.name:
        return Problem(Position(f"templates/{error.name}", error.lineno or 0, 1), f"template error: {error.message}")
    frames = traceback.extract_tb(error.__traceback__)
    in_templates = [frame for frame in frames if frame.filename.endswith(".j2")]
    if in_templates:  # Jinja puts the template's own file and line into the traceback
        frame = in_templates[-1]
        return Problem(Position(f"templates/{Path(frame.filename).name}", frame.lineno or 0, 1), f"template error: {error}")
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return Problem(Position("build.py serve"), f"regeneration failed: {type(error).__name__}: {error}{where}; fix and save again")


def _report_failure(problems: list[Problem], banner: Banner) -> None:
    print(format_report(problems), file=sys.stderr)
    print("Preview not updated: fix the errors above and save again.", file=sys.stderr, flush=True)
    banner.show(errors_in(problems) or problems)


class Changes:
    """What the file events since the last rebuild ask for: regenerating (content/, templates/),
    rendering hand-written pages of docs/ again, or rebuilding everything (mkdocs.yml, the
    theme's overrides, files added to or removed from docs/)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._lock = threading.Lock()
        self.content = False
        self.pages: set[str] = set()
        self.everything = False
        self.event = threading.Event()
        self.last_seen = 0.0
        """When the last file event that matters came (``time.monotonic``)."""

    def dispatch(self, event) -> None:
        # Reading a file is an event too under inotify; only changes matter.
        if event.event_type not in ("created", "deleted", "modified", "moved", "closed") or event.is_directory:
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        with self._lock:
            wanted = [self._note(Path(os.fsdecode(path)), event.event_type) for path in paths if path]
        if any(wanted):
            self.last_seen = time.monotonic()
            self.event.set()

    def wait(self, timeout: float) -> bool:
        """Whether a change came within ``timeout``; if so, returns once its file events have
        stopped for ``SETTLE_SECONDS`` (a save is several: truncated, written, closed)."""
        if not self.event.wait(timeout):
            return False
        while (quiet := time.monotonic() - self.last_seen) < SETTLE_SECONDS:
            time.sleep(SETTLE_SECONDS - quiet)
        return True

    def _note(self, path: Path, event_type: str) -> bool:
        project = self.project
        if path.is_relative_to(project.content_dir) or path.is_relative_to(project.templates_dir):
            self.content = True
        elif path == project.config_file or path.is_relative_to(project.root / "overrides"):
            self.everything = True
        elif path.is_relative_to(project.docs_dir):
            relative = path.relative_to(project.docs_dir).as_posix()
            if is_generated(relative) or relative.endswith(".tmp"):
                return False  # our own writes: the regeneration names them
            if event_type in ("modified", "closed") and path.is_file():
                self.pages.add(relative)
            else:
                self.everything = True
        else:
            return False
        return True

    def take(self) -> tuple[bool, set[str], bool]:
        """(regenerate?, hand-written pages to render, rebuild everything?), and forget them."""
        with self._lock:
            taken = self.content, self.pages, self.everything
            self.content, self.pages, self.everything = False, set(), False
            self.event.clear()
            return taken


def watched_folders(project: Project) -> list[tuple[Path, bool]]:
    """(folder, recursive) pairs: never the generated folders of docs/, which hold a folder per
    page (11,000 at 10,000 sources, beyond the system's default limit of file watches)."""
    folders = [(project.content_dir, True), (project.templates_dir, True), (project.root / "overrides", True)]
    folders += [(project.root, False), (project.docs_dir, False)]
    if project.docs_dir.is_dir():
        folders += [
            (folder, True)
            for folder in sorted(project.docs_dir.iterdir())
            if folder.is_dir() and folder.name not in GENERATED_FOLDERS
        ]
    return [(folder, recursive) for folder, recursive in folders if folder.is_dir()]


def start_observer(folders: list[tuple[Path, bool]], changes: Changes, poll_seconds: float = POLL_SECONDS):
    """A running watchdog observer of the folders: native file events, else polling."""
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    for make in (Observer, lambda: PollingObserver(timeout=poll_seconds)):
        observer = make()
        try:
            for folder, recursive in folders:
                observer.schedule(changes, str(folder), recursive=recursive)
            observer.start()
            return observer
        except OSError as error:  # e.g. inotify's watch limit reached: poll instead
            print(f"File events unavailable ({error.strerror or error}); watching by polling instead.", file=sys.stderr)
    raise RuntimeError("no file watcher could start")


class Indexer:
    """Pagefind over the preview's site, one run at a time, in a thread of its own: a request
    made while it runs is served by one more run after it (the latest site is what counts)."""

    def __init__(self, index=lambda site_dir: index_site(site_dir, background=True)) -> None:
        self._index = index
        self.indexing = threading.Lock()
        """Held while Pagefind runs: what empties or removes the site folder waits for it."""
        self._lock = threading.Lock()
        self._wanted: Path | None = None
        self._running = False
        self._closed = False

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._wanted = site_dir
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._wanted = self._wanted, None
                if site_dir is None:
                    self._running = False
                    return
            with self.indexing:
                if self._closed:
                    return
                problems = self._index(site_dir)
            with self._lock:
                superseded = self._wanted is not None
            if not superseded:  # else a page changed under it (removed, say): the next run counts
                for problem in problems:
                    print(problem, file=sys.stderr)

    def close(self) -> None:
        """Wait for the run in progress and start no other: the site is about to be removed, and
        Pagefind, left running, wrote its folder again after it."""
        with self._lock:
            self._closed = True
        if self.indexing.locked():
            print("Waiting for the search index run to end...", flush=True)
        with self.indexing:
            pass


class _PrintWarnings(logging.Handler):
    """MkDocs' warnings in the preview (a broken link, say), printed as our problems are."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.livereload"):
            return  # requests for pages not there (yet): the server's business, not the editor's
        print(Problem(Position("mkdocs.yml"), f"mkdocs: {record.getMessage()}"), file=sys.stderr, flush=True)


class Rebuilder:
    """What a change asks of the preview, done in a thread of its own (``keep_up``).

    A save is done in two parts, each ending in a browser reload: first the pages of the files
    edited (the page the editor has open: as fast at 10,000 sources as at 10), then everything
    else the change touches. Pages still to render wait in ``to_render``, and a new save
    interrupts them between two pages: it is served first, and they follow."""

    def __init__(self, project: Project, live: LiveSite, changes: Changes, banner: Banner) -> None:
        self.project, self.live, self.changes, self.banner = project, live, changes, banner
        self.preview = Preview(project)  # keeps what it read and resolved: a save redoes only what it touches
        self.indexer = Indexer()
        self.whole_site_needed = True
        self.to_render: dict[str, None] = {}
        self.to_remove: dict[str, None] = {}
        self.busy_since: float | None = None
        """When the work on the changes still being handled began."""

    def keep_up(self, reload: BrowserReload, stopping: threading.Event, more: bool) -> None:
        """Do what each change asks, part by part, reloading the browsers after each part (the
        errors' banner comes with the reload), until ``stopping`` is set; ``more``: work is left."""
        while not stopping.is_set():
            if not more and not self.changes.wait(timeout=0.5):
                continue
            if stopping.is_set():
                return
            try:
                more = self()
            except Exception as error:  # noqa: BLE001 — the preview must keep watching whatever happens
                _report_failure([unexpected_problem(error)], self.banner)
                more = False
            if not stopping.is_set():
                reload.now()

    def __call__(self) -> bool:
        """Do the next part of what the changes ask; True when there is more to do."""
        if self.busy_since is None:
            self.busy_since = time.perf_counter()
        content, pages, everything = self.changes.take()
        first: list[str] = sorted(pages)
        if content or self.whole_site_needed:
            summary = regenerate(self.preview, self.banner, first_only=True)
            first += self._take(summary)
        elif self.preview.pending is not None:
            self._take(finish(self.preview, self.banner, should_stop=self.changes.event.is_set))
        try:
            if everything or self.whole_site_needed:
                started = time.perf_counter()
                with self.indexer.indexing:  # else MkDocs and Pagefind both remove pagefind/, and one fails
                    self.live.build()
                self.banner.write()  # a whole build empties the site folder
                self.to_render.clear()
                self.to_remove.clear()
                self.whole_site_needed = False
                print(f"Rendered the whole preview ({time.perf_counter() - started:.2f} s).", flush=True)
            elif first:  # the pages of the files just saved, before anything older
                self._render(first, stop_for_a_save=False)
            elif self.to_render or self.to_remove:
                self._render(list(self.to_render), stop_for_a_save=True)
        except Exception as error:  # noqa: BLE001 — MkDocs failing on a page must not stop the preview
            self.whole_site_needed = True
            _report_failure([Problem(Position("build.py serve"), f"MkDocs could not render the preview: {error}; fix and save again")], self.banner)
            return False
        if self.preview.pending is not None or self.to_render or self.to_remove:
            return True
        print(f"Every page up to date ({time.perf_counter() - self.busy_since:.2f} s after the change was seen).", flush=True)
        self.busy_since = None
        self.indexer.request(self.live.site_dir)
        return False

    def _take(self, summary: WriteSummary | None) -> list[str]:
        """Note what a regeneration wrote and removed as still to render; the pages written."""
        if summary is None:
            return []
        for path in summary.written:
            self.to_remove.pop(path, None)
            self.to_render[path] = None
        for path in summary.removed:
            self.to_render.pop(path, None)
            self.to_remove[path] = None
        return summary.written

    def _render(self, paths: list[str], stop_for_a_save: bool) -> None:
        """Render these pages (all of them still to render), one at a time; a new save stops
        the rest, if ``stop_for_a_save``: it is served first, and they follow."""
        started, count = time.perf_counter(), 0
        removed, self.to_remove = list(self.to_remove), {}
        self.live.remove(removed)
        self.live.add(self.to_render)
        for path in paths:
            if stop_for_a_save and count and self.changes.event.is_set():
                break
            self.live.render([path])
            self.to_render.pop(path, None)
            count += 1
        print(f"Rendered {count} page(s) ({time.perf_counter() - started:.2f} s).", flush=True)


class BrowserReload:
    """Reloads the pages open in browsers, through MkDocs' live-reload server's public behaviour.

    MkDocs 1.6's server adds its reload script to the pages it serves only while it watches a path
    (``watch``, as MkDocs plugins call it), and it reloads the open pages once its builder has run
    after a file there changed. The preview has its own watcher and renders in its own thread, so
    the server watches a folder of ours holding one file, which ``now`` rewrites once pages are
    written; the server sees it within ``POLL_SECONDS`` and reloads the browsers (its builder
    does nothing). No private field of the server is touched."""

    POLL_SECONDS = 0.1

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(exist_ok=True)
        self.count = 0

    def watched_by(self, server) -> None:
        server.watch(str(self.folder))

    def now(self) -> None:
        self.count += 1
        (self.folder / "reload").write_text(str(self.count), encoding="utf-8")


def stop_on_terminate(_signal, _frame) -> None:
    raise KeyboardInterrupt


def usable_port(host: str, port: int) -> int:
    """``port``, or for 0 a port the system says is free; raises OSError when it cannot be listened
    on (checked before any work is done)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as both servers do
        probe.bind((host, port))
        return probe.getsockname()[1]


def port_unavailable(host: str, port: int, error: OSError, renderer: str = "mkdocs") -> str:
    """Why the preview cannot listen on host:port, naming the commands that choose another."""
    other = port + 1 if 1024 <= port < 65535 else 8000
    option, target = ("", "serve") if renderer == "mkdocs" else (f" --renderer {renderer}", f"serve-{renderer}")
    return (
        f"error: cannot listen on {host}:{port} ({error.strerror or error}): stop the other preview or server there, "
        f"or choose another port (make {target} PORT={other}, or {COMMAND} serve{option} --port {other})"
    )


def serve(project: Project, host: str, port: int) -> int:
    from mkdocs.livereload import LiveReloadServer

    try:
        port = usable_port(host, port)
    except OSError as error:
        print(port_unavailable(host, port, error), file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, stop_on_terminate)  # stop as on Ctrl+C, removing the preview's folder
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").addHandler(_PrintWarnings())
    folder = Path(tempfile.mkdtemp(prefix="dossier-preview-"))
    site_dir = folder / "site"
    site_dir.mkdir()
    live = LiveSite(project.config_file, site_dir, f"http://{host}:{port}/", hooks=[HOOK])
    server = LiveReloadServer(
        builder=lambda: None, host=host, port=port, root=str(site_dir), polling_interval=BrowserReload.POLL_SECONDS
    )
    server.error_handler = lambda code: _error_page(site_dir, code)
    reload = BrowserReload(folder / "reload")
    reload.watched_by(server)
    changes = Changes(project)
    rebuild = Rebuilder(project, live, changes, Banner(site_dir))
    stopping = threading.Event()
    observer = start_observer(watched_folders(project), changes)
    worker, unavailable = None, None
    try:
        print("Building the preview...", flush=True)
        more = rebuild()
        worker = threading.Thread(target=rebuild.keep_up, args=(reload, stopping, more), daemon=True)
        worker.start()
        print(f"Preview at http://{host}:{port}/ (it reloads when you save a file under content/ or templates/; Ctrl+C stops it)", flush=True)
        try:
            server.serve()
        except OSError as error:  # the port was taken by another program during the first build
            unavailable = port_unavailable(host, port, error)
    except KeyboardInterrupt:
        pass
    finally:
        stopping.set()
        changes.event.set()  # stops a rendering in progress between two pages
        if worker is not None:
            worker.join(timeout=10)
        observer.stop()
        server.shutdown()
        rebuild.indexer.close()
        shutil.rmtree(folder, ignore_errors=True)
    if unavailable:
        print(unavailable, file=sys.stderr)  # last, after what stopping printed
        return 2
    return 0


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
