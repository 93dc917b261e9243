"""MkDocs hook for the live preview only (dossier/serve.py adds it): index the preview's site.

``mkdocs serve`` renders into a temporary folder of its own and rebuilds it on every change,
so the index is written there, after each rebuild, and never into docs/ (whose files MkDocs
would copy and watch) nor into site/ (the published build, which the preview must not touch).
"""

import sys
from pathlib import Path

from dossier.search import index_site


def on_post_build(config, **kwargs) -> None:
    for problem in index_site(Path(config["site_dir"])):
        print(problem, file=sys.stderr)
