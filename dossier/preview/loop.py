"""The live preview's loop, whichever renderer shows the pages: a save regenerates what it
changes, and the renderer's live part (``LivePreview``: ``mkdocs_live``, ``zensical_live``) renders it.

Our own watcher (``Changes``) sees a save: under content/ or templates/ it regenerates the Markdown
the save touches (``regenerate.Preview`` keeps what it read and resolved), in two parts each
ending in a render: first the pages of the files edited (the page the editor has open), then the
rest. A hand-written page of docs/ is rendered again on its own; a change to mkdocs.yml, the
theme's overrides or the files of docs/ rebuilds the whole preview. Any error (bad content, a
broken template, anything unexpected) is printed and shown in the banner on every page
(``banner``); the last good pages stay, and the watcher keeps running until the file is fixed.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Callable, Iterable, Protocol

from ..pages import GENERATED_FOLDERS, is_generated
from ..pipeline import Project
from ..publish.renderers import DEFAULT_RENDERER, RENDERERS
from ..publish.search import index_site
from ..publish.write import WriteSummary
from ..report import COMMAND, DossierError, Position, Problem, errors_in, format_report
from .banner import Banner
from .regenerate import Preview

POLL_SECONDS = 0.4
"""How often the polling watcher looks, where the system gives no file events."""
SETTLE_SECONDS = 0.1
"""How long a save's file events must have stopped before the preview reads the files."""


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
        report_failure(error.problems, banner)
    except Exception as error:  # noqa: BLE001
        report_failure([unexpected_problem(error)], banner)
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


def report_failure(problems: list[Problem], banner: Banner) -> None:
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




def stop_on_terminate(_signal, _frame) -> None:
    raise KeyboardInterrupt


def usable_port(host: str, port: int) -> int:
    """``port``, or for 0 a port the system says is free; raises OSError when it cannot be listened
    on (checked before any work is done)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as both servers do
        probe.bind((host, port))
        return probe.getsockname()[1]


def port_unavailable(host: str, port: int, error: OSError, renderer: str = DEFAULT_RENDERER) -> str:
    """Why the preview cannot listen on host:port, naming the commands that choose another."""
    other = port + 1 if 1024 <= port < 65535 else 8000
    option = "" if renderer == DEFAULT_RENDERER else f" --renderer {renderer}"
    target = RENDERERS[renderer].serve_target
    return (
        f"error: cannot listen on {host}:{port} ({error.strerror or error}): stop the other preview or server there, "
        f"or choose another port (make {target} PORT={other}, or {COMMAND} serve{option} --port {other})"
    )


class LivePreview(Protocol):
    """A renderer's live part: it serves the preview's site and renders what the loop hands it."""

    banner: Banner
    """The errors' banner, in the site it serves."""
    building: str
    """What is printed while the first build runs."""

    def queue(self, summary: WriteSummary | None = None, pages: Iterable[str] = ()) -> None:
        """Note what a regeneration wrote and removed, and hand-written pages of docs/ saved, as to render."""

    def everything(self) -> None:
        """mkdocs.yml, the theme's overrides or the files of docs/ changed: render the whole site again."""

    def render(self, first: list[str], should_stop: Callable[[], bool]) -> None:
        """Render what waits, ``first`` (the pages of the files just saved) before anything older;
        the rest may stop between two pages when ``should_stop`` says so (a new save: it goes first)."""

    def ready(self) -> bool:
        """Whether ``render`` can do what waits now (a renderer that builds on its own may be busy)."""

    def waiting(self) -> bool:
        """Whether anything the changes asked for is not rendered yet."""

    def up_to_date(self) -> None:
        """Every page the changes touched is rendered (MkDocs then indexes the site for search)."""

    def serve(self) -> tuple[int, str]:
        """Serve until Ctrl+C (KeyboardInterrupt) or the renderer stops: the command's exit code, and
        what to say last when it is not 0."""

    def stop(self) -> None:
        """Stop serving, and wait for the search index run in progress."""


class Loop:
    """What each change asks of the preview, done by ``keep_up`` in a thread of its own.

    A save is done in two parts, each ending in a render: first the pages of the files edited
    (the page the editor has open: as fast at 10,000 sources as at 10), then everything else the
    change touches. A new save interrupts the rest between two pages: it is served first."""

    def __init__(self, project: Project, live: LivePreview, changes: Changes) -> None:
        self.project, self.live, self.changes = project, live, changes
        self.preview = Preview(project)  # keeps what it read and resolved: a save redoes only what it touches
        self.first_run = True
        self.busy_since: float | None = None
        """When the work on the changes still being handled began."""

    def keep_up(self, stopping: threading.Event, more: bool) -> None:
        """Do what each change asks, part by part, until ``stopping`` is set; ``more``: work is left."""
        while not stopping.is_set():
            if not more and not self.changes.wait(timeout=0.5):
                continue
            if more and not self.live.ready():
                self.changes.event.wait(0.1)  # the renderer is busy: look again in a moment, or at a save
            if stopping.is_set():
                return
            try:
                more = self()
            except Exception as error:  # noqa: BLE001 — the preview must keep watching whatever happens
                report_failure([unexpected_problem(error)], self.live.banner)
                more = False

    def __call__(self) -> bool:
        """Do the next part of what the changes ask; True when there is more to do."""
        content, pages, everything = self.changes.take()
        if self.busy_since is None and (content or pages or everything or self.first_run):
            self.busy_since = time.perf_counter()
        first: list[str] = sorted(pages)
        if content or self.first_run:
            summary = regenerate(self.preview, self.live.banner, first_only=True)
            first += summary.written if summary is not None else []
            self.live.queue(summary)
            self.first_run = False
        elif self.preview.pending is not None:
            self.live.queue(finish(self.preview, self.live.banner, should_stop=self.changes.event.is_set))
        self.live.queue(pages=sorted(pages))
        if everything:
            self.live.everything()
        self.live.render(first, should_stop=self.changes.event.is_set)
        if self.preview.pending is not None or self.live.waiting():
            return True
        if self.busy_since is not None:
            print(f"Every page up to date ({time.perf_counter() - self.busy_since:.2f} s after the change was seen).", flush=True)
            self.busy_since = None
        self.live.up_to_date()
        return False


def run(project: Project, live: LivePreview) -> tuple[int, str]:
    """The live preview: build it, serve it and keep it up to date until Ctrl+C; the exit code and
    what to say last (``LivePreview.serve``). ``live`` is stopped at the end, however it ends."""
    changes = Changes(project)
    loop = Loop(project, live, changes)
    stopping = threading.Event()
    observer = start_observer(watched_folders(project), changes)
    worker = None
    try:
        print(live.building, flush=True)
        more = loop()
        worker = threading.Thread(target=loop.keep_up, args=(stopping, more), daemon=True)
        worker.start()
        return live.serve()
    except KeyboardInterrupt:
        return 0, ""
    finally:
        stopping.set()
        changes.event.set()  # stops a rendering in progress between two pages
        if worker is not None:
            worker.join(timeout=10)
        observer.stop()
        live.stop()
