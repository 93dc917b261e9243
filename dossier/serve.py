"""Live preview: regenerate pages when content or templates change; MkDocs serves and reloads.

Our own watcher regenerates the Markdown (no MkDocs hook involved), and ``mkdocs serve``
notices the changed pages under docs/, rebuilds them and reloads the browser. A content error
is printed and the last good pages stay, so the preview keeps running until the file is fixed.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from .addresses import entity_page, source_page
from .markup import text
from .incremental import Preview
from .pipeline import Project
from .report import DossierError, Problem, errors_in, format_report
from .search import index_site
from .write import write_if_changed

BANNER_START = "<!-- preview-problems -->"
BANNER_END = "<!-- /preview-problems -->"

SETTLE_SECONDS = 0.05
"""How long the watcher lets a save settle before regenerating."""


def regenerate(preview: Preview) -> bool:
    """Regenerate the pages a change touches; print problems instead of raising. True when the
    pages were written."""
    project = preview.project
    started = time.perf_counter()
    try:
        summary, problems = preview.regenerate()
    except DossierError as error:
        print(format_report(error.problems), file=sys.stderr)
        print("Preview not updated: fix the errors above and save again.", file=sys.stderr, flush=True)
        preview.stale_pages |= show_problems_on_pages(project, error.problems)
        return False
    if problems:
        print(format_report(problems), file=sys.stderr)
    print(
        f"Regenerated {len(summary.written)} page(s), removed {len(summary.removed)} "
        f"({time.perf_counter() - started:.2f} s).",
        flush=True,
    )
    return True


def show_problems_on_pages(project: Project, problems: list[Problem]) -> set[str]:
    """Put the errors at the top of the pages an editor is likely looking at, until fixed.

    The pages of the files with errors and the two indexes get a banner; the next successful
    regeneration rewrites them without it. Returns the pages given a banner.
    """
    errors = errors_in(problems)
    banner = "\n".join(
        [BANNER_START, '!!! failure "This preview is out of date: the content has errors"', ""]
        + [f"    - `{text(str(problem.position))}` {text(problem.message)}" for problem in errors[:20]]
        + ["", BANNER_END, ""]
    )
    pages = {"entities/index.md", "sources/index.md"}
    for problem in errors:
        folder, _, name = problem.position.path.removeprefix("content/").partition("/")
        if folder in ("entities", "sources") and name.endswith(".yml"):
            page = entity_page if folder == "entities" else source_page
            pages.add(page(name.removesuffix(".yml")))
    shown = set()
    for page in sorted(pages):
        path = project.docs_dir / page
        if path.is_file():
            write_if_changed(path, _with_banner(path.read_text(encoding="utf-8"), banner))
            shown.add(page)
    return shown


def _with_banner(markdown: str, banner: str) -> str:
    if BANNER_START in markdown:
        before, _, rest = markdown.partition(BANNER_START)
        markdown = before + rest.partition(BANNER_END)[2].lstrip("\n")
    # After the front matter, which must stay first.
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 4) + len("\n---\n")
        return markdown[:end] + "\n" + banner + markdown[end:]
    return banner + markdown


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


def watch(preview: Preview, stop: threading.Event, settle_seconds: float = SETTLE_SECONDS) -> None:
    """Regenerate whenever a file under content/ or templates/ is written, created, moved or
    removed (the system tells, through watchdog: no polling), until ``stop`` is set."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()

    class Changes(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            # Not 'opened' or 'closed': regenerating reads every changed file, which would wake us again.
            if not event.is_directory and event.event_type in ("created", "modified", "deleted", "moved"):
                changed.set()

    observer = Observer()
    for folder in (preview.project.content_dir, preview.project.templates_dir):
        observer.schedule(Changes(), str(folder), recursive=True)
    observer.start()
    try:
        while not stop.is_set():
            if changed.wait(timeout=0.5):
                time.sleep(settle_seconds)  # one save may be several writes (an editor's temporary file)
                changed.clear()
                regenerate(preview)
    finally:
        observer.stop()
        observer.join()


def serve(project: Project, host: str, port: int) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    preview = Preview(project)  # keeps what it read and resolved: a save redoes only what it touches
    regenerate(preview)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stop), daemon=True)
    watcher.start()
    try:
        # "dirty": MkDocs rebuilds only the pages whose Markdown changed, not the whole site.
        mkdocs_serve(
            config_file=str(project.config_file),
            livereload=True,
            build_type="dirty",
            dev_addr=f"{host}:{port}",
            strict=False,
            hooks=[str(Path(__file__).with_name("search_hook.py"))],  # search in the preview too
        )
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0
