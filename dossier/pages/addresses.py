"""Where every page lives: the one place that knows a page's path under docs/ and its published
address. Python links through these; the browser's script reads the addresses from the data the
build writes (data/entities.json's ``url``), never rebuilding them."""

from __future__ import annotations

import posixpath


# Each entity and source page is the index.md of its own folder, as it is published
# (entities/<id>/): a relative address in raw HTML then means the same from the Markdown file
# as from the published page, to MkDocs (which leaves raw HTML alone) and to Zensical (which
# reads raw-HTML addresses from the Markdown file, as it does Markdown links).
def entity_page(entity_id: str) -> str:
    return f"entities/{entity_id}/index.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}/index.md"


def published(page: str) -> str:
    """A page's address as published, relative to the site's root, without the last '/':
    'entities/x/index.md' → 'entities/x', 'timeline/index.md' → 'timeline', 'index.md' → ''."""
    stem = posixpath.splitext(page)[0]
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
