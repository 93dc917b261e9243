"""Live preview: regenerate pages when content or templates change; MkDocs serves and reloads.

Our own watcher regenerates the Markdown (no MkDocs hook involved), and ``mkdocs serve``
notices the changed pages under docs/, rebuilds them and reloads the browser. A content error
is printed and the last good pages stay, so the preview keeps running until the file is fixed.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from .markup import text
from .pipeline import Project, generate
from .report import DossierError, Problem, errors_in, format_report
from .write import write_if_changed

BANNER_START = "<!-- preview-problems -->"
BANNER_END = "<!-- /preview-problems -->"

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
        show_problems_on_pages(project, error.problems)
        return False
    if problems:
        print(format_report(problems), file=sys.stderr)
    print(f"Regenerated {len(summary.written)} page(s), removed {len(summary.removed)}.", flush=True)
    return True


def show_problems_on_pages(project: Project, problems: list[Problem]) -> None:
    """Put the errors at the top of the pages an editor is likely looking at, until fixed.

    The pages of the files with errors and the two indexes get a banner; the next successful
    regeneration rewrites them without it.
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
            pages.add(f"{folder}/{name.removesuffix('.yml')}/index.md")
    for page in sorted(pages):
        path = project.docs_dir / page
        if path.is_file():
            write_if_changed(path, _with_banner(path.read_text(encoding="utf-8"), banner))


def _with_banner(markdown: str, banner: str) -> str:
    if BANNER_START in markdown:
        before, _, rest = markdown.partition(BANNER_START)
        markdown = before + rest.partition(BANNER_END)[2].lstrip("\n")
    # After the front matter, which must stay first.
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 4) + len("\n---\n")
        return markdown[:end] + "\n" + banner + markdown[end:]
    return banner + markdown


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
