"""The sources index, newest first; split by year of publication (in parts) when large."""

from __future__ import annotations

from collections import Counter, defaultdict

from . import PageKind, Pages
from ..model import Source
from ..render import Site, split_index
from ..resolve import Resolved

PAGE = "sources/index.md"


def pages(site: Site) -> Pages:
    counts = Counter(c.source_id for c in site.resolved.passages)
    sources = sorted(
        site.content.sources.values(),
        key=lambda s: (s.published.sort_key if s.published else (0, 0, 0), s.title.casefold(), s.id),
        reverse=True,
    )
    if len(sources) <= site.page_size:
        yield PAGE, site.render("sources-index.md.j2", PAGE, sources=sources, citation_counts=counts, parts=[], part=None)
        return
    years: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        years[str(source.published.year) if source.published else "undated"].append(source)
    groups = [(year, "Date not stated" if year == "undated" else year, found) for year, found in years.items()]
    parts = split_index(groups, "sources/year", site.page_size)
    yield PAGE, site.render("sources-index.md.j2", PAGE, sources=[], citation_counts=counts, parts=parts, part=None)
    for part in parts:
        yield part.page, site.render(
            "sources-index.md.j2", part.page, sources=part.items, citation_counts=counts, parts=parts, part=part
        )


def made_of(resolved: Resolved) -> tuple:
    """The index shows each source's title, date and publisher, and how many citations it has."""
    counts = Counter(c.source_id for c in resolved.passages)
    return tuple(
        (source.id, source.title, source.published, source.publisher, counts[source.id])
        for source in resolved.content.sources.values()
    )


KIND = PageKind("source index", "sources/", pages, made_of=made_of)
