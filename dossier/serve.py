"""Live preview: regenerate pages when content or templates change; MkDocs serves and reloads.

Our own watcher regenerates the Markdown, and ``mkdocs serve`` notices the changed pages under
docs/, rebuilds them and reloads the browser. The watcher's ``incremental.Preview`` keeps what
it read and resolved, so a save renders again only the pages it touches. Any error in regeneration (bad content, a broken
template, anything unexpected) is printed and shown in a banner on every page; the last good
pages stay, and the watcher keeps running until the file is fixed.

The banner is site-wide through one small file rather than written into each page: every page
of the preview (generated or hand-written) carries a short script, added by the preview's own
MkDocs hook, that reads ``preview-problems.json`` and shows its lines as plain text. Writing the
banner into every page instead would touch hand-written files and make MkDocs re-render the
whole site each time the errors change (minutes at 10,000 sources).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from .incremental import Preview
from .pipeline import Project
from .report import DossierError, Position, Problem, errors_in, format_report
from .scaffold import COMMAND
from .search import index_site

PROBLEMS_FILE = "preview-problems.json"
"""Served at the root of the preview: the current errors, as a JSON list of plain-text lines."""
STATE_ENVIRONMENT = "DOSSIER_PREVIEW_STATE"
"""Names the folder holding PROBLEMS_FILE, for the hook (which MkDocs loads as a file, not a module)."""
HOOK = Path(__file__).with_name("preview_hook.py")

POLL_SECONDS = 0.4
SETTLE_SECONDS = 0.2
"""An editor's save is often several file events; regenerate once they have settled."""


def regenerate(preview: Preview, state_dir: Path | None = None) -> bool:
    """Regenerate the pages a change touches; report any error instead of raising. True when the
    pages were written."""
    started = time.perf_counter()
    try:
        summary, problems = preview.regenerate()
    except DossierError as error:
        _report_failure(error.problems, state_dir)
        return False
    except Exception as error:  # a template or program error must not kill the watcher
        _report_failure([unexpected_problem(error)], state_dir)
        return False
    if problems:
        print(format_report(problems), file=sys.stderr)
    print(
        f"Regenerated {len(summary.written)} page(s), removed {len(summary.removed)} "
        f"({time.perf_counter() - started:.2f} s).",
        flush=True,
    )
    write_banner(state_dir, [])
    return True


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


def _report_failure(problems: list[Problem], state_dir: Path | None) -> None:
    print(format_report(problems), file=sys.stderr)
    print("Preview not updated: fix the errors above and save again.", file=sys.stderr, flush=True)
    write_banner(state_dir, errors_in(problems) or problems)


def write_banner(state_dir: Path | None, problems: list[Problem]) -> None:
    """Publish the current errors to every page of the preview; none clears the banner."""
    if state_dir is None:
        return
    lines = [str(problem) for problem in problems[:20]]
    if len(problems) > 20:
        lines.append(f"... and {len(problems) - 20} more: see the terminal")
    data = json.dumps(lines, ensure_ascii=False, indent=0)
    path = state_dir / PROBLEMS_FILE
    if path.is_file() and path.read_text(encoding="utf-8") == data:
        return  # unchanged: no rebuild, no reload
    temporary = path.with_name(PROBLEMS_FILE + ".tmp")
    temporary.write_text(data, encoding="utf-8")
    os.replace(temporary, path)


class _Changes:
    """Collects file events from watchdog (or the polling fallback) into one flag."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def dispatch(self, event) -> None:
        # Reading a file is an event too under inotify; only changes matter.
        if event.event_type in ("created", "deleted", "modified", "moved", "closed"):
            self.event.set()


def start_observer(folders: list[Path], changes: _Changes, poll_seconds: float = POLL_SECONDS):
    """A running watchdog observer of the folders: native file events, else polling."""
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    for make in (Observer, lambda: PollingObserver(timeout=poll_seconds)):
        observer = make()
        try:
            for folder in folders:
                if folder.is_dir():
                    observer.schedule(changes, str(folder), recursive=True)
            observer.start()
            return observer
        except OSError as error:  # e.g. inotify's watch limit reached: poll instead
            print(f"File events unavailable ({error.strerror or error}); watching by polling instead.", file=sys.stderr)
    raise RuntimeError("no file watcher could start")


def watch(
    project: Project,
    stop: threading.Event,
    state_dir: Path | None = None,
    poll_seconds: float = POLL_SECONDS,
    preview: Preview | None = None,
) -> None:
    """Regenerate whenever a file under content/ or templates/ changes, until ``stop`` is set;
    ``preview`` is what earlier regenerations kept (a new one starts with a full generation)."""
    preview = preview or Preview(project)
    changes = _Changes()
    observer = start_observer([project.content_dir, project.templates_dir], changes, poll_seconds)
    try:
        while not stop.is_set():
            if not changes.event.wait(poll_seconds):
                continue
            while changes.event.is_set() and not stop.is_set():  # wait for a burst of events to settle
                changes.event.clear()
                stop.wait(SETTLE_SECONDS)
            try:
                regenerate(preview, state_dir)
            except Exception:  # noqa: BLE001 — the watcher must survive anything, even a failing report
                traceback.print_exc()
    finally:
        observer.stop()


class _Indexer:
    """Pagefind over the preview's site, one run at a time, in a thread of its own: a request
    made while it runs is served by one more run after it (the latest site is what counts)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wanted: Path | None = None
        self._running = False

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
            for problem in index_site(site_dir, background=True):
                print(problem, file=sys.stderr)


index_in_background = _Indexer().request
"""Called by search_hook after each of MkDocs' rebuilds (the hook module is loaded again with each
rebuild's configuration; this module is not, so there is one indexer for the whole preview)."""


class _HideDirtyNotice(logging.Filter):
    """MkDocs warns on every dirty rebuild that navigation may be stale: noise in a preview."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _stop_on_terminate(_signal, _frame) -> None:
    raise KeyboardInterrupt


def port_problem(host: str, port: int) -> str | None:
    """Why the preview cannot listen on host:port, or None; checked before any work is done."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind((host, port))
        except OSError as error:
            return (
                f"error: cannot listen on {host}:{port} ({error.strerror}): stop the other preview or server "
                f"there, or choose another port ({COMMAND} serve --port {port + 1})"
            )
    return None


def serve(project: Project, host: str, port: int) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    problem = port_problem(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop_on_terminate)  # stop as on Ctrl+C, removing the state folder
    state_dir = Path(tempfile.mkdtemp(prefix="dossier-preview-"))
    os.environ[STATE_ENVIRONMENT] = str(state_dir)
    write_banner(state_dir, [])
    logging.getLogger("mkdocs.commands.build").addFilter(_HideDirtyNotice())
    preview = Preview(project)  # keeps what it read and resolved: a save redoes only what it touches
    regenerate(preview, state_dir)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(project, stop, state_dir), kwargs={"preview": preview}, daemon=True)
    watcher.start()
    print(f"Preview at http://{host}:{port}/ (it reloads when you save a file under content/ or templates/; Ctrl+C stops it)", flush=True)
    try:
        # "dirty": MkDocs rebuilds only the pages whose Markdown changed, not the whole site.
        mkdocs_serve(
            config_file=str(project.config_file),
            livereload=True,
            build_type="dirty",
            dev_addr=f"{host}:{port}",
            strict=False,
            # The error banner on every page, and search in the preview too.
            hooks=[str(HOOK), str(Path(__file__).with_name("search_hook.py"))],
        )
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        for leftover in state_dir.iterdir():
            leftover.unlink()
        state_dir.rmdir()
    return 0
