"""``build --dirty``: a quick local rebuild that regenerates only what changed since the last one.

The live preview keeps a ``regenerate.Preview`` in memory between saves; ``build --dirty``
keeps the same ``Preview`` on disk between runs, in ``.dossier-cache/`` in the project folder,
and regenerates through it (the same comparison and rendering, not a second implementation),
then lets MkDocs rebuild only the pages whose Markdown changed.

The cache is used only when it can vouch for what it describes; anything else means a full
generation (still writing only the pages whose text changed) with a one-line note saying why:
- it was written by this code: the same Dossier sources, installed libraries and Python;
- templates/ and mkdocs.yml hold the same bytes, and git gives the same dates;
- every generated file under docs/ holds the bytes it held when the cache was written (a plain
  build, ``generate``, the preview or a hand edit in between changes them).
Content is compared by the ``Preview`` itself: files whose bytes changed are read again, and pages
whose inputs changed are rendered again. Whether a file changed is told as for every cache of
files (``stamps``): by its stamp, then by its bytes, never by its size and modification time alone.

A second, small record (``site``) says what made site/ (mkdocs.yml, the theme's overrides, this
code): MkDocs' dirty build re-renders only pages whose Markdown is newer than their HTML, so when
the configuration or theme changed since, every page is rendered again; the few files of docs/ the
generator does not own (hand-written pages, stylesheet, scripts), which it would judge by their
modification time alone, are rendered again every time (``write.forget_hand_written_files``). A
plain build writes this record too (it costs nothing, and lets the first ``--dirty`` build after it
render only changed pages), but never the ``Preview``: that would cost a full build seconds and
hundreds of MB at 10,000 sources, for every build in CI that never uses ``--dirty``.

The cache is pickled: pickle runs code when it is read, so a cache file is trusted exactly like
the code beside it. Dossier reads it only from ``.dossier-cache/`` in the project folder, which
only Dossier writes (never from content/, which editors and pull requests write).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import Callable

from ..content.stamps import Seen, look
from ..pages import GENERATED_PATHS
from ..pipeline import Project, build_lock, publish, say_note, say_waiting
from ..progress import QUIET, Progress
from ..publish.history import build_date, entity_dates
from ..resolve import no_cycle_collection
from .regenerate import Preview

CACHE_DIR = ".dossier-cache"
"""In the project folder, beside .build.lock: gitignored, removed by ``make clean``."""
STATE_FILE = "preview.pickle"
SITE_FILE = "site"
FORMAT = 1
"""Bumped when the file's layout changes (the code version covers what is inside it)."""
PACKAGE = Path(__file__).resolve().parent.parent


# The key ---------------------------------------------------------------------------------------


def code_version() -> str:
    """A digest of this package's sources, every installed distribution's version and Python's:
    pickled objects are read back only by the code that wrote them."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version} pickle {pickle.HIGHEST_PROTOCOL}\n".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(f"{path.relative_to(PACKAGE).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    for name, version in sorted({(d.metadata["Name"] or "").lower(): d.version for d in metadata.distributions()}.items()):
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()


def _files_digest(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()


def _tree(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else [folder]


def generation_inputs(project: Project) -> str:
    """What the pages are made of besides content/ and the code: the templates and mkdocs.yml."""
    return _files_digest([*_tree(project.templates_dir), project.config_file], project.root)


def site_inputs(project: Project, code: str) -> str:
    """What every HTML page of site/ is made of besides its Markdown: mkdocs.yml, the theme's
    overrides (overrides/, the theme's custom_dir) and the code."""
    return code + _files_digest([project.config_file, *_tree(project.root / "overrides")], project.root)


def generated_files(project: Project, kept: dict[str, Seen]) -> dict[str, Seen]:
    """Every file the generator owns under docs/, as it is now (a missing one is absent, so the
    listing differs from one that had it); only files whose stamps do not vouch for what ``kept``
    says are read (``stamps.look``)."""
    found: dict[str, Seen] = {}
    docs = str(project.docs_dir)
    for owned in GENERATED_PATHS:
        path = os.path.join(docs, owned.rstrip("/"))
        if os.path.isfile(path):
            found[owned] = look(path, kept.get(owned))
        for folder, _, names in os.walk(path):  # os.walk, not Path.rglob: 11,000 files in 0.1 s, not 1 s
            for name in names:
                entry = os.path.join(folder, name)
                relative = os.path.relpath(entry, docs).replace(os.sep, "/")
                found[relative] = look(entry, kept.get(relative))
    return found


def current_dates(project: Project) -> tuple:
    """The git dates pages show, as ``Preview.dates`` holds them."""
    return (entity_dates(project.root), build_date(project.root))


# The Preview on disk ---------------------------------------------------------------------------


def _nothing() -> None:
    return None


def _pickler(handle) -> pickle.Pickler:
    """A pickler for what a process keeps that does not survive it as it is, by type (in a
    dispatch table: a ``persistent_id`` method would be called for each of millions of objects):
    - compiled templates cannot be pickled: left out, ``site.Site`` compiles them again;
    - resolve's ``Owner`` holds its citations' ``id()``s, which name other objects in another
      process: it is made again from its item when read. (Anything else kept by ``id()`` needs
      the same; tests/preview/test_dirty_build.py fails otherwise, with quotes "not found".)"""
    import copyreg

    import jinja2

    from ..resolve import Owner

    pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table | {
        jinja2.Environment: lambda environment: (_nothing, ()),
        Owner: lambda owner: (Owner.of, (owner.key, owner.item)),
    }
    return pickler


def save_preview(project: Project, preview: Preview, code: str, inputs: str, docs: dict[str, Seen]) -> None:
    """Write the preview's state atomically (temporary file, then os.replace): a build stopped
    half-way leaves the previous cache, which the listing of docs/ then rejects. ``docs``: the
    listing ``load_preview`` found, whose files are not read again unless written since."""
    folder = project.root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    target = folder / STATE_FILE
    temporary = folder / f".{STATE_FILE}.tmp"
    try:
        with temporary.open("wb") as handle:
            handle.write(json.dumps({"format": FORMAT, "code": code, "inputs": inputs}).encode() + b"\n")
            pickle.dump(generated_files(project, docs), handle, protocol=pickle.HIGHEST_PROTOCOL)
            with no_cycle_collection():  # millions of objects and no cycles: see resolve
                _pickler(handle).dump(preview)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def load_preview(project: Project, code: str, inputs: str, dates: tuple) -> tuple[Preview | None, str, dict[str, Seen]]:
    """The preview the last ``build --dirty`` left, or None and why it cannot be used; and the
    generated files of docs/ as they are now, for ``save_preview`` (empty if not listed)."""
    path = project.root / CACHE_DIR / STATE_FILE
    shown = f"{CACHE_DIR}/{STATE_FILE}"
    now: dict[str, Seen] = {}
    if not path.is_file():
        return None, f"no {shown} from an earlier build --dirty", now
    try:
        with path.open("rb") as handle:
            header = json.loads(handle.readline(4096))
            if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("code") != code:
                return None, f"{shown} was written by another version of Dossier, its libraries or Python", now
            if header.get("inputs") != inputs:
                return None, "templates/ or mkdocs.yml changed since the last build --dirty", now
            listed = pickle.load(handle)
            now = generated_files(project, listed)
            if listed != now:
                first = min(path for path in listed.keys() | now.keys() if listed.get(path) != now.get(path))
                why = f"docs/{first} changed since the last build --dirty (as every page another build writes)"
                return None, why, now
            with no_cycle_collection():
                preview = pickle.load(handle)
    except Exception as error:  # noqa: BLE001 — any damage to the file means: generate everything
        return None, f"{shown} cannot be read ({_reason(error)})", now
    if not isinstance(preview, Preview):
        return None, f"{shown} cannot be read (it holds no preview state)", now
    if preview.dates != dates:
        return None, "the git history changed since the last build --dirty (pages show the dates of commits)", now
    preview.project = project  # the folder may have moved; everything kept is relative to it
    return preview, "", now


def build_dirty(
    project: Project,
    progress: Progress = QUIET,
    on_wait: Callable[[], None] = say_waiting,
    on_note: Callable[[str], None] = say_note,
):
    """``build --dirty``: regenerate from the cache the previous dirty build left, and let MkDocs
    render only the pages whose Markdown changed when site/ was made from today's mkdocs.yml,
    overrides and code; the old site stays if anything fails. Returns the summary and problems."""
    code = code_version()
    with build_lock(project, on_wait):
        summary, problems = regenerate(project, code, on_note)
        # summary.written and summary.removed are exactly the pages to render again: a renderer
        # of only those (as the preview's) can later replace MkDocs' dirty walk of every page here.
        render_dirty = site_is_current(project, code)
        if not render_dirty:
            on_note(
                "note: site/ was built from another mkdocs.yml, theme or code version (or is missing): "
                "MkDocs renders every page."
            )
        publish(project, problems, dirty=render_dirty, progress=progress)
        remember_site(project, code, on_note)
    return summary, problems


def site_recorder(project: Project, on_note: Callable[[str], None] = say_note) -> Callable[[], None]:
    """What a full MkDocs build calls once its site/ is in place: records what made it, so that the
    next ``build --dirty`` may keep its pages (the code's version is taken now, before the build)."""
    code = code_version()
    return lambda: remember_site(project, code, on_note)


def regenerate(project: Project, code: str, on_note: Callable[[str], None] = say_note):
    """Regenerate the pages from the cache (the caller holds the build lock), then save it.

    Returns ``Preview.regenerate``'s summary and problems; raises DossierError as it does.
    """
    inputs, dates = generation_inputs(project), current_dates(project)
    preview, why, docs = load_preview(project, code, inputs, dates)
    if preview is None:
        on_note(f"note: {why}: generating every page (the next build --dirty regenerates only what changed).")
        preview = Preview(project, dates=dates)
    summary, problems = preview.regenerate_pages(first_only=False)  # the caller already holds the build lock
    try:
        save_preview(project, preview, code, inputs, docs)
    except Exception as error:  # noqa: BLE001 — a cache that cannot be written must not fail the build
        on_note(f"note: {CACHE_DIR}/{STATE_FILE} cannot be written ({_reason(error)}): the next build --dirty generates every page.")
    return summary, problems


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror  # the path is the cache's, named in the note
    return type(error).__name__ + (f": {str(error)[:100]}" if str(error) else "")


# What made site/ --------------------------------------------------------------------------------


def site_is_current(project: Project, code: str) -> bool:
    """Whether site/ was built from today's mkdocs.yml, overrides and code (by any build)."""
    try:
        recorded = (project.root / CACHE_DIR / SITE_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return project.site_dir.is_dir() and recorded == site_inputs(project, code)


def remember_site(project: Project, code: str, on_note: Callable[[str], None] = say_note) -> None:
    """Record what made the site/ just published (after it was swapped in: a build stopped
    before that leaves the older record, which then makes the next --dirty build render all)."""
    folder = project.root / CACHE_DIR
    temporary = folder / f".{SITE_FILE}.tmp"
    try:
        folder.mkdir(exist_ok=True)
        temporary.write_text(site_inputs(project, code), encoding="utf-8")
        os.replace(temporary, folder / SITE_FILE)
    except OSError as error:  # the site is published: only the next --dirty build is slower
        on_note(f"note: {CACHE_DIR}/{SITE_FILE} cannot be written ({_reason(error)}): the next build --dirty renders every page.")
