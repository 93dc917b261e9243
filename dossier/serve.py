"""Live preview: regenerate pages when content or templates change; MkDocs serves and reloads.

Our own watcher regenerates the Markdown (no MkDocs hook involved), and ``mkdocs serve``
notices the changed pages under docs/, rebuilds them and reloads the browser. A content error
is printed and the last good pages stay, so the preview keeps running until the file is fixed.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from .pipeline import Project, generate
from .report import DossierError, format_report

POLL_SECONDS = 0.4


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file below the folders: cheap change detection."""
    found = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                stat = path.stat()
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def regenerate(project: Project) -> bool:
    """Regenerate pages; print problems instead of raising. True when the pages were written."""
    try:
        summary, problems = generate(project)
    except DossierError as error:
        print(format_report(error.problems), file=sys.stderr)
        print("Preview not updated: fix the errors above and save again.", file=sys.stderr, flush=True)
        return False
    if problems:
        print(format_report(problems), file=sys.stderr)
    print(f"Regenerated {len(summary.written)} page(s), removed {len(summary.removed)}.", flush=True)
    return True


def watch(project: Project, stop: threading.Event, poll_seconds: float = POLL_SECONDS) -> None:
    """Regenerate whenever a file under content/ or templates/ changes, until ``stop`` is set."""
    folders = [project.content_dir, project.templates_dir]
    last = snapshot(folders)
    while not stop.wait(poll_seconds):
        current = snapshot(folders)
        if current != last:
            last = current
            regenerate(project)


def serve(project: Project, host: str, port: int) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    regenerate(project)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(project, stop), daemon=True)
    watcher.start()
    try:
        mkdocs_serve(config_file=str(project.config_file), livereload=True, dev_addr=f"{host}:{port}", strict=False)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0
