"""The editors' coverage pages: what the corpus says that nobody has annotated."""

from __future__ import annotations

from ..tools import coverage
from . import PageKind, Pages
from .site import Site


def pages(site: Site) -> Pages:
    yield from coverage.pages(site.resolved, site.cache.setdefault("coverage", {}))


KIND = PageKind("coverage", "coverage/", pages, for_readers=False)
