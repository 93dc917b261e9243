"""The sources index, newest first; split by year of publication (in parts) when large."""

from __future__ import annotations

from collections import Counter

from ..resolve import Resolved
from . import PageKind, Pages
from .site import Site, by_year, newest_first, split_index

PAGE = "sources/index.md"


def pages(site: Site) -> Pages:
    counts = Counter(c.source_id for c in site.resolved.passages)
    sources = newest_first(site.content.sources.values())
    if len(sources) <= site.page_size:
        yield PAGE, site.render("sources-index.md.j2", PAGE, sources=sources, citation_counts=counts, parts=[], part=None)
        return
    parts = split_index(by_year(sources), "sources/year", site.page_size)
    yield PAGE, site.render("sources-index.md.j2", PAGE, sources=[], citation_counts=counts, parts=parts, part=None)
    for part in parts:
        yield part.page, site.render(
            "sources-index.md.j2", part.page, sources=part.items, citation_counts=counts, parts=parts, part=part
        )


def made_of(resolved: Resolved) -> tuple:
    """The index shows each source's title (in its language), date and publisher, and how many
    citations it has."""
    counts = Counter(c.source_id for c in resolved.passages)
    return tuple(
        (source.id, source.title, source.language, source.published, source.publisher, counts[source.id])
        for source in resolved.content.sources.values()
    )


KIND = PageKind("source index", "sources/", pages, made_of=made_of)
