"""MkDocs kept in memory for the live preview: a save renders only the pages it changed.

``mkdocs serve`` starts every rebuild from nothing: it loads the configuration and the theme,
lists every file under docs/ and, even in its "dirty" mode, compares each page's modification
time with its output's. At 10,000 sources that is seconds before the first changed page is
rendered. The preview instead builds once, keeps MkDocs' configuration, file list, navigation
and theme, and then renders only the pages the regeneration names, with the functions MkDocs'
own build uses for each page. The navigation is the explicit one in mkdocs.yml, so it does
not change when a page is added or removed.

The whole build renders its pages in one process per available core, as ``build`` does
(``mkdocs_parallel.render_pages``); the parent keeps what later renders need (the configuration,
files, navigation and its pages, and every page's anchors).

This relies on MkDocs 1.6's build internals (``_populate_page``, ``_build_page``), pinned in
requirements.txt. Only the preview comes here; ``build`` runs MkDocs' whole build.

``MkDocsLive`` is MkDocs' live part of the preview's loop (``loop.LivePreview``): ``LiveSite``
renders, MkDocs' live-reload server serves the site and, told by ``BrowserReload``, reloads the
open pages after each part of a save; the banner comes through MkDocs' hook (``banner``).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

from ..pipeline import Project
from ..publish.write import WriteSummary
from ..report import Position, Problem
from . import banner
from .banner import Banner
from .loop import Indexer, port_unavailable, report_failure

HOOK = Path(banner.__file__)


class LiveSite:
    """One MkDocs site in a folder of its own, built whole once and then page by page."""

    def __init__(
        self, config_file: Path, site_dir: Path, serve_url: str, hooks: Iterable[Path] = (), jobs: int | None = None
    ) -> None:
        from ..publish.processes import available_cores

        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.hooks = [str(hook) for hook in hooks]
        self.jobs = jobs or available_cores()
        self._started = False

    def build(self) -> None:
        """Everything, as MkDocs' own build does it, keeping what a page needs to be rendered later;
        the pages rendered by ``jobs`` processes (forked: they touch nothing but the pages, not the
        preview's threads, whose locks they do not take)."""
        from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, _populate_page
        from mkdocs.config import load_config
        from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page
        from mkdocs.utils import clean_directory

        from ..publish.renderers.mkdocs_parallel import RenderingStopped, render_pages

        config = load_config(str(self.config_file), site_dir=str(self.site_dir), strict=False, hooks=self.hooks)
        config.site_url = self.serve_url
        if not self._started:
            config.plugins.on_startup(command="serve", dirty=False)
            self._started = True
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        self.inclusion = InclusionLevel.is_in_serve
        if self.jobs > 1 and self._only_our_hooks_in(config):
            try:
                self.pages, env = render_pages(config, files, nav, env, self.inclusion, self.jobs)
            except RenderingStopped:
                self.jobs = 1  # the preview stays up: its next whole build renders in this process
                raise RenderingStopped(
                    "a process rendering pages stopped (out of memory?); the preview renders in one process from now on"
                ) from None
            self.config, self.files, self.nav, self.env = config, files, nav, env
            self._forget_contents(self.pages)
            return
        for file in files.documentation_pages(inclusion=self.inclusion):
            if file.page is None:
                Page(None, file, config)
            _populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=self.inclusion)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self.pages = files.documentation_pages(inclusion=self.inclusion)
        for file in self.pages:
            _build_page(file.page, config, self.pages, nav, env, excluded=file.inclusion.is_excluded())
        self._forget_contents(self.pages)

    def _only_our_hooks_in(self, config) -> bool:
        """Whether the only plugins are the preview's hooks, which add a script to each page and keep
        nothing from one page to the next, so they can run in the processes rendering pages; any
        other plugin (a search index, say) would keep its state there, so the build stays in one."""
        return all(name in self.hooks for name in config.plugins)

    def remove(self, paths: Iterable[str]) -> None:
        """Take the pages (or files) at these paths under docs/ out of the site."""
        for path in paths:
            file = self.files.get_file_from_path(path)
            if file is not None:
                self.files.remove(file)
                Path(file.abs_dest_path).unlink(missing_ok=True)
                self.pages = self.files.documentation_pages(inclusion=self.inclusion)

    def add(self, paths: Iterable[str]) -> None:
        """Make pages new under docs/ known to the site, before any is rendered: a page rendered
        earlier would not recognise its links to those rendered later."""
        from mkdocs.structure.files import File, set_exclusions

        config, added = self.config, []
        for path in paths:
            if self.files.get_file_from_path(path) is None:
                file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
                set_exclusions([file], config)
                self.files.append(file)
                added.append(file)
        if added:
            self.pages = self.files.documentation_pages(inclusion=self.inclusion)

    def render(self, paths: Iterable[str]) -> None:
        """Render the pages (or copy the files) at these paths under docs/, already known to the site."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.pages import Page

        config, files = self.config, self.files
        changed = []
        for path in paths:
            file = files.get_file_from_path(path)
            if not file.is_documentation_page():
                file.copy_file()
                continue
            if file.page is None:
                Page(None, file, config)
            changed.append(file)
        for file in changed:
            _populate_page(file.page, config, files)
        for file in changed:
            _build_page(file.page, config, self.pages, self.nav, self.env, excluded=file.inclusion.is_excluded())
        for file in changed:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        self._forget_contents(changed)

    @staticmethod
    def _forget_contents(files) -> None:
        """A page's Markdown and HTML are not needed once it is written (other pages use only its
        title and address): 11,000 pages of them would hold hundreds of megabytes."""
        for file in files:
            if file.page is not None:
                file.page.markdown = None
                file.page.content = None


class MkDocsLive:
    """The preview rendered by MkDocs kept in memory (``LiveSite``), in ``folder``, served on host:port."""

    building = "Building the preview..."

    def __init__(self, project: Project, folder: Path, host: str, port: int) -> None:
        from mkdocs.livereload import LiveReloadServer

        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        self.host, self.port = host, port
        self.site_dir = folder / "site"
        self.site_dir.mkdir()
        self.site = LiveSite(project.config_file, self.site_dir, f"http://{host}:{port}/", hooks=[HOOK])
        self.banner = Banner(self.site_dir)
        self.indexer = Indexer()
        self.server = LiveReloadServer(
            builder=lambda: None, host=host, port=port, root=str(self.site_dir), polling_interval=BrowserReload.POLL_SECONDS
        )
        self.server.error_handler = lambda code: _error_page(self.site_dir, code)
        self.reload = BrowserReload(folder / "reload")
        self.reload.watched_by(self.server)
        self.warnings = _PrintWarnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        self.whole_site_needed = True
        self.to_render: dict[str, None] = {}
        self.to_remove: dict[str, None] = {}

    def queue(self, summary: WriteSummary | None = None, pages: Iterable[str] = ()) -> None:
        written, removed = (summary.written, summary.removed) if summary is not None else ([], [])
        for path in [*written, *pages]:
            self.to_remove.pop(path, None)
            self.to_render[path] = None
        for path in removed:
            self.to_render.pop(path, None)
            self.to_remove[path] = None

    def everything(self) -> None:
        self.whole_site_needed = True

    def render(self, first: list[str], should_stop: Callable[[], bool]) -> None:
        try:
            if self.whole_site_needed:
                started = time.perf_counter()
                with self.indexer.indexing:  # else MkDocs and Pagefind both remove pagefind/, and one fails
                    self.site.build()
                self.banner.write()  # a whole build empties the site folder
                self.to_render.clear()
                self.to_remove.clear()
                self.whole_site_needed = False
                print(f"Rendered the whole preview ({time.perf_counter() - started:.2f} s).", flush=True)
            elif first:  # the pages of the files just saved, before anything older
                self._render(first, should_stop=lambda: False)
            elif self.to_render or self.to_remove:
                self._render(list(self.to_render), should_stop)
        except Exception as error:  # noqa: BLE001 — MkDocs failing on a page must not stop the preview
            self.whole_site_needed = True
            report_failure(
                [Problem(Position("build.py serve"), f"MkDocs could not render the preview: {error}; fix and save again")], self.banner
            )
        self.reload.now()  # the page rendered, or the banner changed

    def _render(self, paths: list[str], should_stop: Callable[[], bool]) -> None:
        """Render these pages (all of them still to render), one at a time, until ``should_stop``."""
        started, count = time.perf_counter(), 0
        removed, self.to_remove = list(self.to_remove), {}
        self.site.remove(removed)
        self.site.add(self.to_render)
        for path in paths:
            if count and should_stop():
                break
            self.site.render([path])
            self.to_render.pop(path, None)
            count += 1
        print(f"Rendered {count} page(s) ({time.perf_counter() - started:.2f} s).", flush=True)

    def ready(self) -> bool:
        return True

    def waiting(self) -> bool:
        return self.whole_site_needed or bool(self.to_render or self.to_remove)

    def up_to_date(self) -> None:
        self.indexer.request(self.site_dir)

    def serve(self) -> tuple[int, str]:
        print(
            f"Preview at http://{self.host}:{self.port}/ (it reloads when you save a file under content/ or templates/; "
            "Ctrl+C stops it)",
            flush=True,
        )
        try:
            self.server.serve()
        except OSError as error:  # the port was taken by another program during the first build
            return 2, port_unavailable(self.host, self.port, error)
        return 0, ""

    def stop(self) -> None:
        self.server.shutdown()
        self.indexer.close()
        logging.getLogger("mkdocs").removeHandler(self.warnings)


class _PrintWarnings(logging.Handler):
    """MkDocs' warnings in the preview (a broken link, say), printed as our problems are."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.livereload"):
            return  # requests for pages not there (yet): the server's business, not the editor's
        print(Problem(Position("mkdocs.yml"), f"mkdocs: {record.getMessage()}"), file=sys.stderr, flush=True)


class BrowserReload:
    """Reloads the pages open in browsers, through MkDocs' live-reload server's public behaviour.

    MkDocs 1.6's server adds its reload script to the pages it serves only while it watches a path
    (``watch``, as MkDocs plugins call it), and it reloads the open pages once its builder has run
    after a file there changed. The preview has its own watcher and renders in its own thread, so
    the server watches a folder of ours holding one file, which ``now`` rewrites once pages are
    written; the server sees it within ``POLL_SECONDS`` and reloads the browsers (its builder
    does nothing). No private field of the server is touched."""

    POLL_SECONDS = 0.1

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(exist_ok=True)
        self.count = 0

    def watched_by(self, server) -> None:
        server.watch(str(self.folder))

    def now(self) -> None:
        self.count += 1
        (self.folder / "reload").write_text(str(self.count), encoding="utf-8")


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
