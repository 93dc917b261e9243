"""Zensical: the same generated pages rendered by Material's successor (``build --renderer zensical``), strict.

Zensical reads mkdocs.yml but keeps its output and a cache inside the project folder (the
folder of the configuration) and refuses a docs_dir outside it: ``render`` runs ``zensical build``
in a temporary copy of docs/ and the theme's overrides, so that nothing but the site is written
beside the project, and MkDocs' site/ is never touched. Its warnings come back as problems at
their place in docs/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ...progress import QUIET, Progress
from ...report import Position, Problem


class Zensical:
    """Zensical, into site.zensical/ (beside MkDocs' site/, never over it)."""

    name = "zensical"
    site_folder = "site.zensical"
    serve_target = "serve-zensical"

    def render(self, config_file: Path, into: Path, progress: Progress = QUIET, jobs: int | None = None) -> list[Problem]:
        """Build the site of ``config_file`` into the folder ``into`` (strict; ``jobs`` is MkDocs'
        only); Zensical's warnings as problems."""
        import yaml

        with tempfile.TemporaryDirectory(prefix="dossier-zensical-") as folder:
            work = Path(folder)
            config, docs, overrides = zensical_config(config_file)
            shutil.copytree(docs, work / "docs")
            if overrides:  # the theme's overrides: the header's search box, the footer
                shutil.copytree(overrides, work / "overrides")
            (work / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
            result = subprocess.run(
                [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", "mkdocs.yml"],
                cwd=work, capture_output=True, text=True,
            )
            if result.returncode != 0:
                return _zensical_problems(result.stdout + result.stderr, config_file)
            shutil.move(work / "site", into)
        return []


def zensical_config(config_file: Path) -> tuple[dict, Path, Path | None]:
    """The configuration Zensical reads in a work folder (docs/ and overrides/ inside it, the site
    into site/), and the project's docs and theme overrides folders to copy there."""
    from ...mkdocs_config import read_config

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
