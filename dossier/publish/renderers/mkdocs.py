"""MkDocs with Material: the renderer of the published site (``build``), strict.

``render`` runs MkDocs' build into a folder: with pages rendered in worker processes
(``mkdocs_parallel``) when there are several cores and no plugin takes part, else MkDocs' own
single-process build; the two give the same site and the same warnings. MkDocs' warnings come
back as problems; an exception MkDocs stops with becomes one located line, not a traceback.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ...progress import QUIET, Progress
from ...report import Position, Problem


class MkDocs:
    """The default renderer: MkDocs with Material, into site/ (what is published)."""

    name = "mkdocs"
    site_folder = "site"
    serve_target = "serve"

    def render(self, config_file: Path, into: Path, progress: Progress = QUIET, jobs: int | None = None) -> list[Problem]:
        """Build the site of ``config_file`` into the folder ``into`` (strict), with pages rendered in
        ``jobs`` processes (default: one per available core; ``jobs=1`` is MkDocs' own build);
        MkDocs' warnings as problems, in the order MkDocs logs them."""
        from jinja2 import TemplateNotFound
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        from ..processes import available_cores
        from .mkdocs_parallel import build_in_parallel, can_render_in_parallel

        mkdocs_log = logging.getLogger("mkdocs")
        page_log = logging.getLogger("mkdocs.commands.build")
        previous_level = page_log.level
        collector = _Collect(progress, total_pages=0)
        mkdocs_log.addHandler(collector)
        failure: Problem | None = None
        try:
            config = load_config(str(config_file), site_dir=str(into), strict=True)
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
        except OSError:  # a file MkDocs could not write: the caller names it
            raise
        except Exception as error:  # noqa: BLE001 — MkDocs or an extension failed: one located line, not a traceback
            failure = _renderer_failure(error, collector.messages, config_file)
        finally:
            mkdocs_log.removeHandler(collector)
            page_log.setLevel(previous_level)
            progress.finish()
        problems = [Problem(Position(config_file.name), f"mkdocs: {message}") for message in collector.messages]
        return problems + ([failure] if failure else [])


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


def _missing_template(error, messages: list[str], config_file: Path) -> Problem:
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
