"""The figures page: every figure the sources disagree on, by entity."""

from __future__ import annotations

from . import PageKind, Pages
from ..render import Site

PAGE = "figures/index.md"


def pages(site: Site) -> Pages:
    contested = [
        (entity, [(figure, site.figure_rows(entity, index)) for index, figure in enumerate(entity.figures) if figure.contested])
        for entity in sorted(site.content.entities.values(), key=lambda e: (e.name.casefold(), e.id))
    ]
    yield PAGE, site.render("figures.md.j2", PAGE, entities=[(e, f) for e, f in contested if f])


KIND = PageKind("figures", "figures/", pages)
