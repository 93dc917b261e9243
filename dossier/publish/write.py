"""The only writer: generated Markdown into docs/, and the built site swapped in atomically.

Pages are rewritten only when their text changed, so the live preview renders again only what
changed; generated pages that no longer have content are removed.
The site is rendered (by one of ``renderers``) beside ``site/``, indexed for search, and swapped in
only when the whole build succeeded.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..progress import QUIET, Progress
from ..report import Position, Problem
from .renderers import Renderer
from .search import index_site


@dataclass
class WriteSummary:
    """What writing the generated pages changed on disk."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def write_pages(
    docs_dir: Path,
    pages: Mapping[str, str] | Iterable[tuple[str, str]],
    generated_folders: tuple[str, ...],
    progress: Progress = QUIET,
    total: int = 0,
) -> WriteSummary:
    """Make the generated folders of ``docs_dir`` hold exactly ``pages``, touching only what changed.

    ``pages`` may be (path, text) pairs as they are rendered, so that a large site is never
    held in memory at once; ``total`` is then how many there will be, for progress.
    """
    summary = WriteSummary()
    if isinstance(pages, Mapping):
        pages, total = sorted(pages.items()), len(pages)
    kept: set[str] = set()
    for done, (relative, markdown) in enumerate(pages, start=1):
        kept.add(relative)
        if write_if_changed(docs_dir / relative, markdown):
            summary.written.append(relative)
        else:
            summary.unchanged += 1
        progress.show("Pages generated", done, max(total, done))
    summary.written.sort()
    summary.removed = remove_stale_pages(docs_dir, generated_folders, kept)
    return summary


def remove_stale_pages(docs_dir: Path, generated_folders: tuple[str, ...], kept: set[str]) -> list[str]:
    """Remove every file of the generated folders that is not one of the pages ``kept`` (paths
    under docs/), and the folders left empty; the paths removed, in reverse order of their names."""
    removed = []
    for folder in generated_folders:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in kept:
                path.unlink()
                removed.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return removed


def write_if_changed(path: Path, text: str) -> bool:
    """Write a file only when its text differs, atomically; True when written.

    Unchanged files keep their modification time and are not seen as changed by the live preview.
    """
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:  # name the page, not the temporary file
        raise OSError(error.errno, error.strerror, str(path)) from None
    return True


def create_file(path: Path, data: str | bytes) -> None:
    """Create a new file for an editor; never overwrites (raises FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def build_date_epoch(project_dir: Path) -> str:
    """SOURCE_DATE_EPOCH for reproducible output: as set, else the last commit's time, else fixed."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project_dir, capture_output=True, text=True, timeout=10
        )
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "1735689600"  # 2025-01-01: any fixed value keeps two builds identical


def publish_site(
    renderer: Renderer, config_file: Path, site_dir: Path, progress: Progress = QUIET, jobs: int | None = None
) -> list[Problem]:
    """Render the site with ``renderer`` beside ``site_dir``, index it for search, and swap it in
    only on success. Returns the renderer's problems (or Pagefind's); when there are any,
    ``site_dir`` is left as it was. ``jobs``: how many processes render pages, where the renderer can."""
    _recover_interrupted_swap(site_dir)
    read_only = _read_only_folder(site_dir)
    if read_only:
        relative = read_only.relative_to(site_dir.parent).as_posix()
        return [
            Problem(
                Position(relative),
                f"folder is read-only, so the new site cannot replace it: make it writable "
                f"(chmod -R u+w {site_dir.name}) or delete it, then build again",
            )
        ]
    building = site_dir.with_name(site_dir.name + ".building")
    remove_leftover(building)
    os.environ["SOURCE_DATE_EPOCH"] = build_date_epoch(config_file.parent)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        problems = renderer.render(config_file, building, progress, jobs) or index_site(building)
    except BaseException:  # a file it could not write (the caller names it), Ctrl+C: leave no half-built site
        shutil.rmtree(building, ignore_errors=True)
        raise
    if problems:
        shutil.rmtree(building, ignore_errors=True)
        return problems
    _swap_in(building, site_dir)
    return []


def _swap_in(building: Path, site_dir: Path) -> None:
    previous = site_dir.with_name(site_dir.name + ".previous")
    remove_leftover(previous)
    if site_dir.exists():
        os.replace(site_dir, previous)
    os.replace(building, site_dir)
    remove_leftover(previous)


def remove_leftover(path: Path) -> None:
    """Remove a folder the build made (site.building/, site.previous/), even if left read-only.

    Raises OSError naming the path when it cannot be removed (another user's files, say); the
    caller reports it, and nothing is published.
    """
    if path.is_symlink() or path.is_file():
        path.unlink()
        return
    if not path.exists():
        return
    try:
        shutil.rmtree(path, onerror=_raise_naming_the_file)
    except OSError:
        # A copy of a read-only site is read-only too: make its folders writable, then try again.
        _make_writable(path)
        for folder, subfolders, _ in os.walk(path):
            for name in subfolders:
                _make_writable(Path(folder) / name)
        shutil.rmtree(path, onerror=_raise_naming_the_file)


def _raise_naming_the_file(_function, path: str, info) -> None:
    # rmtree works relative to folders, so its own error names only the file, not where it is.
    raise OSError(info[1].errno, info[1].strerror, path) from None


def _make_writable(folder: Path) -> None:
    try:
        os.chmod(folder, folder.stat().st_mode | stat.S_IRWXU)
    except OSError:
        pass  # not ours: rmtree then says which file it could not remove


def _read_only_folder(site_dir: Path) -> Path | None:
    """The first folder of the published site that this user cannot change, if any."""
    if not site_dir.is_dir() or site_dir.is_symlink():
        return None
    for folder, subfolders, _ in os.walk(site_dir):
        if not os.access(folder, os.W_OK | os.X_OK):
            return Path(folder)
    return None


def _recover_interrupted_swap(site_dir: Path) -> None:
    # A build killed between the two renames of _swap_in leaves only the previous site.
    previous = site_dir.with_name(site_dir.name + ".previous")
    if previous.exists() and not site_dir.exists():
        os.replace(previous, site_dir)
