"""The data page and the data files it describes (JSON and CSV, for reuse)."""

from __future__ import annotations

from ..content.schema import ENTITY_TYPES, RELATION_TYPES
from ..text.markup import Md
from . import PageKind, Pages
from . import exports
from .site import Site

PAGE = "data/index.md"


def pages(site: Site) -> Pages:
    content = site.content
    yield PAGE, site.render(
        "data.md.j2",
        PAGE,
        # Our own vocabulary, in the order the schema gives it: plain words, nothing to escape.
        entity_types=Md(", ".join(ENTITY_TYPES)),
        relation_types=Md(", ".join(RELATION_TYPES)),
        counts={"entities": len(content.entities), "events": len(content.events), "sources": len(content.sources)},
    )
    yield from exports.data_files(site.resolved).items()


KIND = PageKind("data", "data/", pages, count=lambda resolved: 1 + len(exports.DATA_FILES))
