"""Where every page lives: the one place that knows a page's path under docs/ and its published
address. Python links through these; the browser's script reads the addresses from the data the
build writes (data/entities.json's ``url``), never rebuilding them."""

from __future__ import annotations

import posixpath


def entity_page(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def published(page: str) -> str:
    """A page's address as published, relative to the site's root, without the last '/':
    'entities/x.md' → 'entities/x', 'timeline/index.md' → 'timeline', 'index.md' → ''."""
    stem = posixpath.splitext(page)[0]
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
