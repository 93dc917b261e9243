"""The pipeline: load → validate → resolve → render → write, each stage a function of data."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import yaml

from . import coverage
from .frontmatter import proven_pages
from .history import entity_dates
from .load import load_content
from .render import GENERATED_FOLDERS, TemplateProblem, iter_pages, page_count
from .progress import QUIET, Progress
from .report import DossierError, Problem, errors_in
from .resolve import Resolved, no_cycle_collection, resolve
from .scaffold import placeholder_problems
from .schema import SCHEMAS, json_schema
from .validate import validate_content
from .write import WriteSummary, publish_site, publish_site_with_zensical, write_if_changed, write_pages


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

    @property
    def zensical_site_dir(self) -> Path:
        """Where ``build --renderer zensical`` puts its site: beside site/, never over it."""
        return self.root / "site.zensical"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"


def check(project: Project) -> tuple[Resolved | None, list[Problem]]:
    """Load, validate and resolve; every problem found, and the resolved content if usable."""
    with no_cycle_collection():
        loaded = load_content(project.content_dir)
        content, problems = validate_content(loaded)
        # Resolve even when some files failed: the valid ones may still hold quotes to report.
        resolved, resolve_problems = resolve(content)
    problems += resolve_problems + placeholder_problems(loaded.files)
    return (None if errors_in(problems) else resolved), problems


def generate(project: Project, progress: Progress = QUIET) -> tuple[WriteSummary, list[Problem]]:
    """Check, then write the generated Markdown pages; raise DossierError on any error."""
    resolved, problems = check(project)
    if resolved is None or errors_in(problems):
        raise DossierError(problems)
    pages = chain(
        iter_pages(
            resolved, project.templates_dir, last_updated=entity_dates(project.root), main_ids=main_dossiers(project)
        ),
        [(coverage.PAGE, coverage.page(resolved))],  # for editors, outside the readers' navigation
    )
    # Every page's front matter is proven to read back as written, on every build.
    unreadable: list[Problem] = []
    pages = proven_pages(pages, unreadable, project.docs_dir.name)
    try:
        summary = write_pages(project.docs_dir, pages, GENERATED_FOLDERS, progress, total=page_count(resolved) + 1)
    except TemplateProblem as error:
        raise DossierError(problems + [error.problem]) from None
    if unreadable:
        raise DossierError(problems + unreadable)
    return summary, problems


def main_dossiers(project: Project) -> tuple[str, ...]:
    """The entity ids listed under ``extra: main_dossiers:`` in mkdocs.yml (none if it lists none)."""
    try:
        config = yaml.load(project.config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        return ()
    listed = (config.get("extra") or {}).get("main_dossiers") or []
    return tuple(str(entity_id) for entity_id in listed)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !relative tags are not ours to resolve."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


RENDERERS = ("mkdocs", "zensical")
"""What can render the generated pages: MkDocs with Material (the default, into site/), or Zensical
(into site.zensical/)."""


def build(
    project: Project, dirty: bool = False, progress: Progress = QUIET, renderer: str = "mkdocs"
) -> tuple[WriteSummary, list[Problem]]:
    """Generate the pages, then render the site; the old site stays if anything fails."""
    summary, problems = generate(project, progress)
    if renderer == "zensical":
        render_problems = publish_site_with_zensical(project.config_file, project.zensical_site_dir)
    else:
        render_problems = publish_site(project.config_file, project.site_dir, dirty=dirty, progress=progress)
    if render_problems:
        raise DossierError(problems + render_problems)
    return summary, problems


def export_schemas(project: Project) -> list[str]:
    """Write schemas/<kind>.schema.json from the schema in code; the names of files that changed."""
    return [
        f"schemas/{kind}.schema.json"
        for kind in sorted(SCHEMAS)
        if write_if_changed(project.schemas_dir / f"{kind}.schema.json", json_schema(kind))
    ]
