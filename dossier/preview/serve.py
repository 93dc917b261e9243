"""``build.py serve``: the live preview with either renderer, through one loop (``loop``).

The renderer's live part (``mkdocs_live.MkDocsLive``, ``zensical_live.ZensicalLive``) works in a
temporary folder, removed when the preview stops (Ctrl+C or SIGTERM).
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
from pathlib import Path

from ..pipeline import Project
from ..publish.renderers import DEFAULT_RENDERER
from .loop import port_unavailable, run, stop_on_terminate, usable_port
from .mkdocs_live import MkDocsLive
from .zensical_live import WORK_PREFIX, ZensicalLive

LIVE_PREVIEWS = {"mkdocs": (MkDocsLive, "dossier-preview-"), "zensical": (ZensicalLive, WORK_PREFIX)}
"""Each renderer's live part, and the prefix of its work folder's name, by the renderer's name."""


def serve(project: Project, host: str, port: int, renderer: str = DEFAULT_RENDERER) -> int:
    """Serve the live preview on host:port until stopped; the command's exit code."""
    try:
        port = usable_port(host, port)
    except OSError as error:
        print(port_unavailable(host, port, error, renderer), file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, stop_on_terminate)  # stop as on Ctrl+C, removing the work folder
    live_preview, prefix = LIVE_PREVIEWS[renderer]
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        code, failure = run(project, live_preview(project, folder, host, port))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if failure:
        print(failure, file=sys.stderr)  # last, after what stopping printed
    return code
