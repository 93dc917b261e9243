"""The editors' coverage page: what the corpus says that nobody has annotated."""

from __future__ import annotations

from . import PageKind, Pages
from .. import coverage
from ..render import Site


def pages(site: Site) -> Pages:
    yield coverage.PAGE, coverage.page(site.resolved, site.cache.setdefault("coverage", {}))


KIND = PageKind("coverage", "coverage/", pages, for_readers=False)
