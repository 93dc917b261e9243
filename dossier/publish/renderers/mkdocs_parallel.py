"""MkDocs' full build with the pages rendered by several processes, output byte for byte the same.

``mkdocs.commands.build.build`` reads and renders every page's Markdown (90 % of its time on our
pages: Python-Markdown), then puts each page through the theme's template, all on one core.
Here the parent does what the whole site shares once (configuration, files, navigation, static
files, theme templates), and forked workers read, render and write the pages, each page
independently: a page's Markdown needs only the list of files, and its template needs only
itself and the pages of the navigation, which the parent reads and renders before forking.

MkDocs' warnings come back to the parent and are logged there in the order a single-process
build logs them: every page's reading, then the theme templates, then every page's building,
then the anchor checks (which need every page's anchors, so the parent makes them). Strict mode
then counts them and aborts with MkDocs' own message.

MkDocs has no public API for one page's build, so this module replays the steps of its
``build()`` (MkDocs 1.6) with its private ``_populate_page``, ``_build_page`` and
``_build_theme_template``/``_build_extra_template``; they are used here and nowhere else. A
build that plugins take part in goes through MkDocs' own ``build()``:
a plugin's state (a search index, say) would stay in the workers.
"""

from __future__ import annotations

import gc
import logging
import time
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build  # private helpers: see the module's docstring
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ..processes import can_fork, forked_workers, picklable
from . import mkdocs_markdown

MKDOCS_LOGGER = "mkdocs"


def can_render_in_parallel(config) -> bool:
    """Whether pages can be rendered apart: not when a plugin (or hook) takes part in the build."""
    return len(config.plugins) == 0 and can_fork()


@dataclass
class _PageResult:
    """What a worker sends back about one page: what MkDocs logged reading it and building it,
    its anchors for the parent's anchor checks, and the exception that stopped it, if any."""

    read_log: list[tuple[str, int, str]]
    build_log: list[tuple[str, int, str]]
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    """By the ``src_uri`` of the file linked to (File objects are the parent's)."""
    read_error: BaseException | None = None
    build_error: BaseException | None = None


class _Capture(logging.Handler):
    """Keeps what MkDocs logs (name, level, message) to be logged again elsewhere, in order."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    def take(self) -> list[tuple[str, int, str]]:
        taken, self.records = self.records, []
        return taken


def _replay(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).handle(logging.makeLogRecord({"name": name, "levelno": level,
                                                              "levelname": logging.getLevelName(level),
                                                              "msg": message}))


class _Captured:
    """While active, MkDocs' log goes to a _Capture instead of its handlers (the parent's ones)."""

    def __init__(self) -> None:
        self.capture = _Capture()
        self.logger = logging.getLogger(MKDOCS_LOGGER)

    def __enter__(self) -> _Capture:
        self.handlers, self.propagate = self.logger.handlers[:], self.logger.propagate
        self.logger.handlers, self.logger.propagate = [self.capture], False
        return self.capture

    def __exit__(self, *_exc) -> None:
        self.logger.handlers, self.logger.propagate = self.handlers, self.propagate


# The site as the parent built it, inherited by the forked workers (never pickled).
_site: dict = {}


def build_in_parallel(config, jobs: int, on_page: Callable[[], None] = lambda: None) -> None:
    """Build the whole site as ``mkdocs.commands.build.build(config)`` does, with ``jobs`` processes
    rendering the pages; ``on_page`` is called as each page is done, in order."""
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    logger = logging.getLogger(MKDOCS_LOGGER)
    if config.strict:
        logger.addHandler(warning_counter)
    log = logging.getLogger(mkdocs_build.__name__)
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        log.info("Cleaning site directory")
        utils.clean_directory(config.site_dir)
        log.info(f"Building documentation to directory: {config.site_dir}")
        files, env, nav = _site_structure(config)
        doc_files, env = render_pages(config, files, nav, env, InclusionLevel.is_included, jobs, on_page)
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            log.error(str(error))
            raise Abort("Aborted with a BuildError!")
        raise
    finally:
        logger.removeHandler(warning_counter)


def render_pages(config, files: Files, nav: Navigation, env, inclusion, jobs: int,
                 on_page: Callable[[], None] = lambda: None) -> tuple[list[File], object]:
    """What MkDocs' build does between the navigation and the anchor checks, with ``jobs`` processes
    rendering the pages: every documentation page at ``inclusion`` read and built, the static files
    copied, the theme's templates built, MkDocs' log replayed in its own order. The parent's pages
    keep their anchors (for the checks); only the navigation's keep their content. Returns the
    documentation files and the templates' environment (after the plugins' ``on_env``)."""
    try:
        doc_files = files.documentation_pages(inclusion=inclusion)
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        # The navigation's pages appear in every page's template: read and render them here first.
        in_nav = {page.file.src_uri for page in nav.pages}
        read_here: dict[str, tuple[list, BaseException | None]] = {}
        for file in doc_files:
            if file.src_uri in in_nav:
                read_here[file.src_uri] = _read(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        with _Captured() as capture:  # logged after the pages' reading, as MkDocs does
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                mkdocs_build._build_extra_template(template, files, config, nav)
            templates_log = capture.take()
        env.get_template("main.html")  # compiled once here, not in every worker

        _site.update(config=config, files=files, nav=nav, env=env, doc_files=doc_files, in_nav=in_nav,
                     read_here=read_here)
        build_logs, build_error = [], None
        with _rendered_pages(len(doc_files), jobs) as results:
            for file, result in zip(doc_files, results):
                _replay(result.read_log)
                if result.read_error is not None:
                    raise result.read_error
                build_logs.append(result.build_log)
                build_error = build_error or result.build_error
                if build_error is None:
                    _keep_anchors(file.page, result, files)
                on_page()
        _replay(templates_log)
        for records in build_logs:
            _replay(records)
        if build_error is not None:
            raise build_error
        return doc_files, env
    finally:
        _site.clear()


def _site_structure(config) -> tuple[Files, object, Navigation]:
    """The files, the theme's template environment and the navigation, as MkDocs' build makes them."""
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    return files, env, nav


def _read(page: Page, config, files: Files) -> tuple[list, BaseException | None]:
    """Read and render one page's Markdown; what MkDocs logged doing it, and its exception if any."""
    with _Captured() as capture:
        try:
            mkdocs_build._populate_page(page, config, files)
        except Exception as error:  # noqa: BLE001 — raised again by the parent, in page order
            return capture.take(), error
        return capture.take(), None


@contextmanager
def _rendered_pages(count: int, jobs: int) -> Iterator[Iterator[_PageResult]]:
    """Each page's _PageResult, in page order, as ``jobs`` forked processes render them.

    A worker that dies (killed for lack of memory, say) stops the build with RenderingStopped
    rather than leaving it waiting for its pages."""
    gc.collect()  # what rendering the navigation's pages left, before the workers inherit it
    with forked_workers(jobs, initializer=_start_worker) as workers:
        yield _stopped_when_broken(workers.map(_render_page, range(count), chunksize=4))


class RenderingStopped(Exception):
    """A process rendering pages ended before its pages were done."""


def _stopped_when_broken(results: Iterator[_PageResult]) -> Iterator[_PageResult]:
    try:
        yield from results
    except BrokenProcessPool:
        raise RenderingStopped(
            "a process rendering pages stopped (out of memory?): build again with --jobs 1, or with more memory"
        ) from None


def _start_worker() -> None:
    if mkdocs_markdown.can_render(_site["config"]):
        # In this worker only (the parent's pages are rendered by MkDocs itself): one Markdown
        # for all its pages, raw HTML parsed once; the same HTML and anchors (see the module).
        Page.render = mkdocs_markdown.render_page


def _keep_anchors(page: Page, result: _PageResult, files: Files) -> None:
    """Give the parent's page the anchors a worker found, for MkDocs' anchor checks."""
    page.present_anchor_ids = result.present_anchor_ids
    if result.links_to_anchors is not None:
        page.links_to_anchors = {
            files.get_file_from_path(uri): links for uri, links in result.links_to_anchors.items()
        }


def _render_page(index: int) -> _PageResult:
    """In a worker: read, render and write one page, keeping what MkDocs logged."""
    config, files, nav, env = _site["config"], _site["files"], _site["nav"], _site["env"]
    file = _site["doc_files"][index]
    page = file.page
    if file.src_uri in _site["read_here"]:
        read_log, read_error = _site["read_here"][file.src_uri]
    else:
        read_log, read_error = _read(page, config, files)
    result = _PageResult(read_log, [], None, None, read_error=picklable(read_error))
    if read_error is not None:
        return result
    with _Captured() as capture:
        try:
            mkdocs_build._build_page(page, config, _site["doc_files"], nav, env, excluded=file.inclusion.is_excluded())
        except Exception as error:  # noqa: BLE001 — raised again by the parent, in page order
            result.build_error = picklable(error)
        result.build_log = capture.take()
    result.present_anchor_ids = page.present_anchor_ids
    if page.links_to_anchors is not None:
        result.links_to_anchors = {to.src_uri: links for to, links in page.links_to_anchors.items()}
    if file.src_uri not in _site["in_nav"]:  # every page's template may need the navigation's pages
        page.markdown = page.content = None
        page.toc = []
    return result
