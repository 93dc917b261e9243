"""The editors' coverage pages: what the corpus says that nobody has annotated."""

from __future__ import annotations

from . import coverage_report
from . import PageKind, Pages
from .site import Site


def pages(site: Site) -> Pages:
    yield from coverage_report.pages(site.resolved, site.cache.setdefault("coverage", {}))


KIND = PageKind("coverage", "coverage/", pages, for_readers=False)
