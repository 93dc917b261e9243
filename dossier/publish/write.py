"""The only writer: generated Markdown into docs/, and the built site swapped in atomically.

Pages are rewritten only when their text changed, so the live preview renders again only what
changed; generated pages that no longer have content are removed.
The site is built beside ``site/`` and swapped in only when the whole build succeeded.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..progress import QUIET, Progress
from ..report import Position, Problem
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
    for folder in generated_folders:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in kept:
                path.unlink()
                summary.removed.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return summary


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


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings as problems, and counts the pages it renders for the progress line."""

    def __init__(self, progress: Progress, total_pages: int) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []
        self.progress, self.total_pages, self.rendered = progress, total_pages, 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())
        elif record.getMessage().startswith("Building page"):
            self.page_rendered()

    def page_rendered(self) -> None:
        self.rendered += 1
        self.progress.show("Pages rendered", self.rendered, self.total_pages)


def publish_site(
    config_file: Path,
    site_dir: Path,
    progress: Progress = QUIET,
    jobs: int | None = None,
) -> list[Problem]:
    """Render the site with MkDocs (strict) beside ``site_dir``; swap it in only on success.

    Returns MkDocs' warnings as problems; when there are any, ``site_dir`` is left as it was.
    A build renders pages in ``jobs`` processes (default: one per available core), with the
    same output and the same warnings as MkDocs' own single-process build (``jobs=1``).
    """
    from jinja2 import TemplateNotFound
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .parallel_render import available_cores, build_in_parallel, can_render_in_parallel

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
    mkdocs_log = logging.getLogger("mkdocs")
    page_log = logging.getLogger("mkdocs.commands.build")
    previous_level = page_log.level
    collector = _Collect(progress, total_pages=0)
    mkdocs_log.addHandler(collector)
    failure: Problem | None = None
    try:
        config = load_config(str(config_file), site_dir=str(building), strict=True)
        collector.total_pages = sum(1 for _ in Path(config["docs_dir"]).rglob("*.md"))
        jobs = jobs or available_cores()
        if jobs > 1 and can_render_in_parallel(config):
            build_in_parallel(config, jobs, on_page=collector.page_rendered)
        else:
            if progress.enabled:
                page_log.setLevel(logging.DEBUG)  # "Building page" is a debug message
            build(config)
    except MkDocsException as error:
        if not collector.messages:
            collector.messages.append(str(error))
    except TemplateNotFound as error:  # before OSError, which jinja2 makes it too: a page's `template:` names none
        failure = _missing_template(error, collector.messages, config_file)
    except OSError:  # a file MkDocs could not write: the caller names it; leave no half-built site behind
        shutil.rmtree(building, ignore_errors=True)
        raise
    except Exception as error:  # noqa: BLE001 — MkDocs or an extension failed: one located line, not a traceback
        failure = _renderer_failure(error, collector.messages, config_file)
    except BaseException:  # Ctrl+C: leave no half-built site behind
        shutil.rmtree(building, ignore_errors=True)
        raise
    finally:
        mkdocs_log.removeHandler(collector)
        page_log.setLevel(previous_level)
        progress.finish()
    problems = [Problem(Position(config_file.name), f"mkdocs: {message}") for message in collector.messages]
    problems += [failure] if failure else []
    problems = problems or index_site(building)
    if problems:
        shutil.rmtree(building, ignore_errors=True)
        return problems
    _swap_in(building, site_dir)
    return []


# How MkDocs names the page it was rendering when an exception stopped it (logged, then raised).
_FAILED_PAGE = re.compile(r"Error (?:reading|building) page '(?P<page>[^']+)':")


def _renderer_failure(error: Exception, messages: list[str], config_file: Path) -> Problem:
    """MkDocs stopped by an exception rather than a warning, as one line at the page it names.

    Content that passes check must render, so this is a bug, and the message says so instead of
    showing a traceback. MkDocs' own line naming the page is replaced by this one."""
    failed = next((found for found in map(_FAILED_PAGE.match, messages) if found), None)
    stopped = f"mkdocs failed with {type(error).__name__}: {error}"
    if not failed:
        return Problem(Position(config_file.name), f"{stopped}. This is a bug: please report it")
    messages.remove(failed.string)
    return Problem(
        Position(f"docs/{failed['page']}"),
        f"{stopped}. If the page is generated from content/ (which passed check), this is a bug in Dossier: "
        "please report it with that content; if the page is written by hand, simplify it",
    )


def _missing_template(error,  messages: list[str], config_file: Path) -> Problem:
    """A page whose front matter names a template that neither overrides/ nor the theme has, at
    its ``template:`` line (MkDocs' own line naming the page is replaced by this one)."""
    failed = next((found for found in map(_FAILED_PAGE.match, messages) if found), None)
    if not failed:
        return _renderer_failure(error, messages, config_file)
    messages.remove(failed.string)
    page = f"docs/{failed['page']}"
    line, column = _front_matter_key(config_file.parent / page, "template")
    return Problem(
        Position(page, line, column),
        f"template '{error.name}' is in neither overrides/ nor the theme: add overrides/{error.name}, "
        "or remove this line to use the theme's page template",
    )


def _front_matter_key(path: Path, key: str) -> tuple[int, int]:
    """The line and column of ``key``'s value in the front matter of the Markdown file at ``path``
    ((0, 0) if it has none there)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0, 0
    if not lines or lines[0].rstrip() != "---":
        return 0, 0
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        found = re.match(rf"{key}:\s*", line)
        if found:
            return number, found.end() + 1
    return 0, 0


def publish_site_with_zensical(config_file: Path, site_dir: Path) -> list[Problem]:
    """Render the same generated pages with Zensical (strict) into ``site_dir``, indexed by Pagefind
    as the MkDocs site is, and swapped in on success.

    Zensical reads mkdocs.yml but keeps its output and a cache inside the project folder (the
    folder of the configuration): it builds in a temporary copy of docs/ and the theme's
    overrides, so that nothing but ``site_dir`` is written beside the project, and MkDocs' site/
    is never touched.
    """
    import yaml

    _recover_interrupted_swap(site_dir)
    with tempfile.TemporaryDirectory(prefix="dossier-zensical-") as folder:
        work = Path(folder)
        config, docs, overrides = zensical_config(config_file)
        shutil.copytree(docs, work / "docs")
        if overrides:  # the theme's overrides: the header's search box, the footer
            shutil.copytree(overrides, work / "overrides")
        (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        environment = dict(os.environ, SOURCE_DATE_EPOCH=build_date_epoch(config_file.parent))
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", "mkdocs.yml"],
            cwd=work, capture_output=True, text=True, env=environment,
        )
        if result.returncode != 0:
            return _zensical_problems(result.stdout + result.stderr, config_file)
        building = site_dir.with_name(site_dir.name + ".building")
        if building.exists():
            shutil.rmtree(building)
        shutil.move(work / "site", building)
    problems = index_site(building)  # the same search as the MkDocs site: Pagefind's
    if problems:
        shutil.rmtree(building, ignore_errors=True)
        return problems
    _swap_in(building, site_dir)
    return []


def zensical_config(config_file: Path) -> tuple[dict, Path, Path | None]:
    """The configuration Zensical reads in a work folder (docs/ and overrides/ inside it, the site
    into site/), and the project's docs and theme overrides folders to copy there."""
    from ..mkdocs_config import read_config

    config = read_config(config_file)
    if not config.get("site_url"):  # DOSSIER_SITE_URL unset: no address, as MkDocs reads ""
        config.pop("site_url", None)
    docs = config_file.parent / config.get("docs_dir", "docs")
    overrides = (config.get("theme") or {}).get("custom_dir")
    if overrides:
        config["theme"]["custom_dir"] = "overrides"
    config.update(docs_dir="docs", site_dir="site")
    return config, docs, config_file.parent / overrides if overrides else None


# Zensical's warnings: "Warning: page does not exist", then a frame whose first line is
# "╭─[ methodology.md:3:15 ]" (the file relative to docs/).
_ZENSICAL_WARNING = re.compile(r"^(?:Warning|Error): (?P<message>.+?)\s*$")
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_ZENSICAL_PLACE = re.compile(r"\[ (?P<path>[^\]]+?):(?P<line>\d+):(?P<col>\d+) \]")


def _zensical_problems(output: str, config_file: Path) -> list[Problem]:
    """Zensical's warnings as problems at their place in docs/; its traceback is left out."""
    problems: list[Problem] = []
    lines = ANSI_COLOUR.sub("", output).splitlines()  # it colours its output even when piped
    for number, line in enumerate(lines):
        warning = _ZENSICAL_WARNING.match(line.strip())
        if not warning:
            continue
        place = next((m for m in map(_ZENSICAL_PLACE.search, lines[number + 1 : number + 3]) if m), None)
        position = (
            Position(f"docs/{place['path']}", int(place["line"]), int(place["col"])) if place else Position(config_file.name)
        )
        problems.append(Problem(position, f"zensical: {warning['message']}"))
    if not problems:
        last = next((line.strip() for line in reversed(lines) if line.strip()), "the build failed")
        problems.append(Problem(Position(config_file.name), f"zensical: {last}"))
    return problems


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
