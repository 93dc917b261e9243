"""The renderers: what turns the generated Markdown of docs/ into a site's HTML (*render*).

Each is a small object with one interface, ``Renderer``; ``write.publish_site`` runs one into a
folder beside the site, indexes it for search and swaps it in, whichever it is. The live
preview's counterparts are ``preview.mkdocs_live`` and ``preview.zensical_live``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ...progress import Progress
from ...report import Problem
from .mkdocs import MkDocs
from .zensical import Zensical


class Renderer(Protocol):
    name: str
    """As ``--renderer`` names it."""
    site_folder: str
    """Where ``build`` publishes its site, in the project folder."""
    serve_target: str
    """The make target of its live preview."""

    def render(self, config_file: Path, into: Path, progress: Progress, jobs: int | None) -> list[Problem]:
        """Render the site of ``config_file`` (strict) into ``into``, a folder that does not exist
        yet; every problem the renderer reports (none: the site is whole). A file it cannot write
        raises OSError naming it; anything else it stops with is a problem, not a traceback."""


RENDERERS: dict[str, Renderer] = {renderer.name: renderer for renderer in (MkDocs(), Zensical())}
"""By name; the first is the default, and what is published."""
DEFAULT_RENDERER = "mkdocs"
