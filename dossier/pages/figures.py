"""The figures page: every figure the sources disagree on, by entity."""

from __future__ import annotations

from dataclasses import replace

from . import PageKind, Pages
from ..anchors import measure_anchors, within
from ..model import Entity
from ..render import Site

PAGE = "figures/index.md"


def pages(site: Site) -> Pages:
    contested = [
        (entity, within(entity.id, "figures"), _contested(site, entity))
        for entity in sorted(site.content.entities.values(), key=lambda e: (e.name.casefold(), e.id))
    ]
    yield PAGE, site.render("figures.md.j2", PAGE, entities=[(e, a, f) for e, a, f in contested if f])


def _contested(site: Site, entity: Entity) -> list:
    """The entity's contested figures: each with its heading's anchor and its rows, every anchor
    the entity page's own within the entity's (two entities may both have a 'Strength in Mali')."""
    return [
        (figure, within(entity.id, anchor), [replace(row, anchor=within(entity.id, row.anchor)) for row in site.figure_rows(entity, index)])
        for index, (figure, anchor) in enumerate(zip(entity.figures, measure_anchors(entity)))
        if figure.contested
    ]


KIND = PageKind("figures", "figures/", pages)
