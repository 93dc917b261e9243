"""The pipeline: load → validate → resolve → render → write, each stage a function of data."""

from __future__ import annotations

import fcntl
import gc
import os
import sys
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import yaml

from .content.load import PROJECT_FOLDERS, LoadedFile, links_and_special_files, load_content, special_file_problem
from .content.kinds import CONTENT_KINDS
from .content.schema import json_schema
from .content.validate import ValidateCache, validate_content
from .mkdocs_config import config_problems, read_config
from .pages import GENERATED_FOLDERS, RESERVED_IDS, page_count, pages_parts
from .pages.site import Site, TemplateProblem
from .memo import Memo, one_run
from .progress import QUIET, Progress
from .content.corrections import correction_problems
from .publish.history import build_date, entity_dates, site_history
from .publish.revisions import RevisionError, content_at_revision, previous_revision
from .publish.renderers import DEFAULT_RENDERER, RENDERERS
from .publish.processes import available_cores
from .publish.write import WriteSummary, publish_site, write_if_changed
from .publish.write_parallel import GenerationStopped, write_pages_in_parallel
from .report import DossierError, Position, Problem, errors_in
from .resolve import Resolved, ResolveCache, no_cycle_collection, resolve
from .resolve.translations import DEFAULT_SITE_LANGUAGE, untranslated_quotes
from .content.placeholders import placeholder_problems


@dataclass(frozen=True)
class Project:
    """Where a Dossier project keeps its parts; ``root`` holds mkdocs.yml."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def rendered_site(self, renderer: str) -> Path:
        """Where ``build --renderer NAME`` puts its site (site/ for MkDocs, what is published; beside
        it, never over it, for the others)."""
        return self.root / RENDERERS[renderer].site_folder

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"


def layout_problems(project: Project) -> list[Problem]:
    """A Problem for each part of the project (content/, templates/, docs/, overrides/,
    mkdocs.yml) that is a symbolic link or a special file, for each link or special file
    anywhere inside templates/, docs/ and overrides/, hidden ones included, and for each setting
    of mkdocs.yml that reaches outside the project (``mkdocs_config.config_problems``).

    Every command checks this before it reads the project (build.py), and so does every
    ``check``, which the preview runs on each save: a link would publish whatever it points
    to, and a pull request can commit one. Inside content/, ``load_content`` reports links as it
    lists the files it reads."""
    problems = []
    for part in (*PROJECT_FOLDERS, project.config_file.name):
        path = project.root / part
        if not os.path.lexists(path):
            continue  # a missing part is reported by whoever needs it
        problem = special_file_problem(path, part)
        if problem:
            problems.append(problem)
        elif part in PROJECT_FOLDERS and part != project.content_dir.name and path.is_dir():
            problems += links_and_special_files(path, project.root)
        elif part == project.config_file.name:
            problems += config_problems(path)
    return problems


@dataclass
class Caches:
    """What a long-lived process (the live preview) keeps between runs: the files as read (by path,
    while their bytes are the same: ``stamps``), each file's checks and model, what resolving each
    source, entity and event came to, and what page kinds keep (``site.Site.cache``). A file read
    again is the same object as before, and so is all that is built from it, so that an edit costs
    about what it touches. A build without them reads and computes everything."""

    files: dict = field(default_factory=dict)
    validate: ValidateCache = field(default_factory=ValidateCache)
    resolve: ResolveCache = field(default_factory=ResolveCache)
    placeholders: Memo = field(default_factory=Memo)
    pages: dict = field(default_factory=dict)
    settled: bool = False
    """Whether a first run has moved what they hold out of the cycle collector's sight (see ``check``)."""


def check(project: Project, caches: Caches | None = None) -> tuple[Resolved | None, list[Problem]]:
    """Load, validate and resolve; every problem found, and the resolved content if usable."""
    refused = layout_problems(project)
    if refused:
        return None, refused
    # A long-lived process's run, entered here for every stage: its memos keep what this run used.
    with one_run(caches) if caches is not None else nullcontext():
        with no_cycle_collection():
            loaded = load_content(project.content_dir, caches.files if caches else None)
            content, problems = validate_content(loaded, RESERVED_IDS, caches.validate if caches else None)
            # Resolve even when some files failed: the valid ones may still hold quotes to report.
            resolved, resolve_problems = resolve(content, caches.resolve if caches else None)
        problems += resolve_problems + _placeholder_problems(loaded.files, caches.placeholders if caches else Memo())
        problems += untranslated_quotes(resolved.passages, content.sources, site_language(project))
    if caches is not None and not caches.settled:
        _keep_out_of_cycle_collection()
        caches.settled = True
    return (None if errors_in(problems) else resolved), problems


def check_published(project: Project) -> tuple[Resolved | None, list[Problem]]:
    """``check``, then the correction rule against the previous commit (``revisions.previous_revision``):
    what ``build.py check`` and every build apply. The live preview leaves the rule out: it reads
    git on no save."""
    resolved, problems = check(project)
    if resolved is None:
        return resolved, problems
    revision = previous_revision(project.root)
    if revision is not None:
        try:
            before = content_at_revision(project.root, revision)
        except RevisionError:
            before = None  # nothing published there to compare with (no content/, links refused)
        if before is not None:
            problems += correction_problems(before, resolved.content, revision)
    return (None if errors_in(problems) else resolved), problems


def _keep_out_of_cycle_collection() -> None:
    """After a long-lived process's first run, move what it holds out of the cycle collector's sight.

    The caches then hold the whole content, millions of objects and no reference cycles, kept
    for the process's life. Every few runs the collector would walk them all (half a second at
    10,000 sources, landing in whichever run triggers it); frozen, it walks only newer objects.
    Reference counting still frees them. Garbage is collected first, so none is kept forever.
    """
    gc.collect()
    gc.freeze()


def _placeholder_problems(files: list[LoadedFile], memo: Memo) -> list[Problem]:
    problems = []
    for file in files:
        problems += memo.get(file.path, file, lambda: placeholder_problems([file]))
    return problems


LOCK_FILE = ".build.lock"
"""In the project folder: whoever holds an fcntl lock on it may write docs/ and site/."""


def say_waiting() -> None:
    print(
        f"Another build of this project is running (it holds {LOCK_FILE}): waiting for it to finish...",
        file=sys.stderr,
        flush=True,
    )


def say_note(note: str) -> None:
    print(note, file=sys.stderr, flush=True)


@contextmanager
def build_lock(project: Project, on_wait: Callable[[], None] = say_waiting) -> Iterator[None]:
    """Hold the project's build lock: one build, generate or preview regeneration writes at a time.

    Two builds at once would otherwise write docs/ and swap site/ under each other, publishing
    a gutted site. The lock is released when the process ends, however it ends.
    """
    try:
        # Read-only is enough to lock, so a lock file made by another user does not get in the way.
        descriptor = os.open(project.root / LOCK_FILE, os.O_RDONLY | os.O_CREAT, 0o666)
    except OSError as error:
        raise DossierError(
            [Problem(Position(LOCK_FILE), f"cannot create the build lock ({error.strerror}): make the project folder writable")]
        ) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


@contextmanager
def reported_file_errors(project: Project) -> Iterator[None]:
    """Turn a file the build cannot write or remove (read-only docs/ or site/, a stuck leftover) into a Problem."""
    try:
        yield
    except OSError as error:
        if not error.filename:
            raise
        path = Path(error.filename)
        relative = path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)
        parts = relative.split("/")
        site = project.site_dir.name
        if parts[0] == site or parts[0].startswith(f"{site}."):  # site/, site.building/, site.zensical/...
            folder = parts[0]
        elif parts[0] == "docs" and len(parts) > 2 and parts[1] in GENERATED_FOLDERS:
            folder = "/".join(parts[:2])
        else:  # not the build's own output: never suggest deleting it
            raise DossierError(
                [Problem(Position(relative), f"{error.strerror}: check its permissions and that the disk is not full, then build again")]
            ) from None
        raise DossierError(
            [
                Problem(
                    Position(relative),
                    f"cannot be written or removed ({error.strerror}): the build remakes {folder}/, so delete it "
                    f"(rm -rf {folder}) or make it writable (chmod -R u+w {folder}), then build again",
                )
            ]
        ) from None


def generate(
    project: Project, progress: Progress = QUIET, on_wait: Callable[[], None] = say_waiting, jobs: int | None = None
) -> tuple[WriteSummary, list[Problem]]:
    """Check, then write the generated Markdown pages; raise DossierError on any error.

    ``jobs``: how many processes make the pages (default: one per core; a small site, one)."""
    with build_lock(project, on_wait):
        return _generate(project, progress, jobs)


def _generate(project: Project, progress: Progress, jobs: int | None = None) -> tuple[WriteSummary, list[Problem]]:
    resolved, problems = check_published(project)
    if resolved is None or errors_in(problems):
        raise DossierError(problems)
    site = Site(
        resolved,
        project.templates_dir,
        last_updated=entity_dates(project.root),
        build_date=build_date(project.root),
        main_ids=main_dossiers(project),
        history=site_history(project.root, project.config_file),
        language=site_language(project),
    )
    try:
        with reported_file_errors(project):
            # Every page's front matter is proven to read back as written, on every build.
            summary, unreadable = write_pages_in_parallel(
                project.docs_dir, site, pages_parts(resolved), GENERATED_FOLDERS, jobs or available_cores(),
                progress, total=page_count(resolved),
            )
    except TemplateProblem as error:
        raise DossierError(problems + [error.problem]) from None
    except GenerationStopped as error:
        raise DossierError(problems + [Problem(Position(project.docs_dir.name), str(error))]) from None
    if unreadable:
        raise DossierError(problems + unreadable)
    return summary, problems


def main_dossiers(project: Project) -> tuple[str, ...]:
    """The entity ids listed under ``extra: main_dossiers:`` in mkdocs.yml (none if it lists none)."""
    try:
        config = read_config(project.config_file)
    except (OSError, yaml.YAMLError):
        return ()
    listed = (config.get("extra") or {}).get("main_dossiers") or []
    return tuple(str(entity_id) for entity_id in listed)


def site_language(project: Project) -> str:
    """The language readers of the site read: theme.language in mkdocs.yml (English by default)."""
    try:
        theme = read_config(project.config_file).get("theme") or {}
    except (OSError, yaml.YAMLError):
        return DEFAULT_SITE_LANGUAGE
    return str(theme.get("language") or DEFAULT_SITE_LANGUAGE) if isinstance(theme, dict) else DEFAULT_SITE_LANGUAGE


def configured_site_url(project: Project) -> str:
    """The site's published address, ``site_url`` in mkdocs.yml (by default from DOSSIER_SITE_URL),
    or '' when it is not set: then sitemap.xml lists no page, pages have no canonical link or
    share-preview address, and 404.html finds its styles only at the root of a domain."""
    try:
        return str(read_config(project.config_file).get("site_url") or "")
    except (OSError, yaml.YAMLError):
        return ""


def build(
    project: Project,
    progress: Progress = QUIET,
    renderer: str = DEFAULT_RENDERER,
    on_wait: Callable[[], None] = say_waiting,
    jobs: int | None = None,
) -> tuple[WriteSummary, list[Problem]]:
    """Generate every page, then render the site; the old site stays if anything fails.

    ``jobs``: how many processes make the pages, and render them in a MkDocs build (default: one per core)."""
    with build_lock(project, on_wait):
        summary, problems = _generate(project, progress, jobs)
        publish(project, problems, renderer, progress=progress, jobs=jobs)
    return summary, problems


def publish(
    project: Project, problems: list[Problem], renderer: str = DEFAULT_RENDERER, progress: Progress = QUIET, jobs: int | None = None,
) -> None:
    """Render the generated pages into site/ (or site.zensical/) and swap it in (the caller holds
    the build lock). Raises DossierError with ``problems`` and the renderer's own if it refuses the pages."""
    with reported_file_errors(project):
        render_problems = publish_site(RENDERERS[renderer], project.config_file, project.rendered_site(renderer), progress, jobs)
    if render_problems:
        raise DossierError(problems + render_problems)


def export_schemas(project: Project) -> list[str]:
    """Write schemas/<kind>.schema.json from the schema in code; the names of files that changed."""
    return [
        f"schemas/{kind.name}.schema.json"
        for kind in sorted(CONTENT_KINDS, key=lambda kind: kind.name)
        if write_if_changed(project.schemas_dir / f"{kind.name}.schema.json", json_schema(kind.schema))
    ]
