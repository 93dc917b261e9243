"""MkDocs kept in memory for the live preview: a save renders only the pages it changed.

``mkdocs serve`` starts every rebuild from nothing: it loads the configuration and the theme,
lists every file under docs/ and, even in its "dirty" mode, compares each page's modification
time with its output's. At 10,000 sources that is seconds before the first changed page is
rendered. The preview instead builds once, keeps MkDocs' configuration, file list, navigation
and theme, and then renders only the pages the regeneration names, with the functions MkDocs'
own build uses for each page. The navigation is the explicit one in mkdocs.yml, so it does
not change when a page is added or removed.

This relies on MkDocs 1.6's build internals (``_populate_page``, ``_build_page``), pinned in
requirements.txt. Only the preview comes here; ``build`` runs MkDocs' whole build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable


class LiveSite:
    """One MkDocs site in a folder of its own, built whole once and then page by page."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str, hooks: Iterable[Path] = ()) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.hooks = [str(hook) for hook in hooks]
        self._started = False

    def build(self) -> None:
        """Everything, as MkDocs' own build does it, keeping what a page needs to be rendered later."""
        from mkdocs.commands.build import _build_extra_template, _build_page, _build_theme_template, _populate_page
        from mkdocs.config import load_config
        from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page
        from mkdocs.utils import clean_directory

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
