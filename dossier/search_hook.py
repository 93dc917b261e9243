"""MkDocs hook for the live preview only (dossier/serve.py adds it): index the preview's site.

``mkdocs serve`` renders into a temporary folder of its own and rebuilds it on every change,
so the index is written there, after each rebuild, and never into docs/ (whose files MkDocs
would copy and watch) nor into site/ (the published build, which the preview must not touch).
It is written in the background: MkDocs serves no page until its rebuild ends, and Pagefind takes
seconds at 1,000 pages, so the edited page shows at once and search catches up a moment later.
"""

from pathlib import Path

from dossier.serve import index_in_background


def on_post_build(config, **kwargs) -> None:
    index_in_background(Path(config["site_dir"]))
