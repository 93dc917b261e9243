"""The figures page (figures/, "Where sources differ"): every figure whose sources give different
values, by entity, each saying how they differ; only those that disagree are contested."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..content.model import Entity
from ..resolve.anchors import measure_anchors, within
from . import PageKind, Pages
from .site import Site

PAGE = "figures/index.md"


def pages(site: Site) -> Pages:
    differing = [
        (entity, within(entity.id, "figures"), _differing(site, entity))
        for entity in sorted(site.content.entities.values(), key=lambda e: (e.name.casefold(), e.id))
    ]
    entities = [(e, a, f) for e, a, f in differing if f]
    counts = Counter(figure.difference_kind for _, _, figures in entities for figure, _, _ in figures)
    yield PAGE, site.render("figures.md.j2", PAGE, entities=entities, counts=counts)


def _differing(site: Site, entity: Entity) -> list:
    """The entity's figures whose values differ: each with its heading's anchor and its rows, every
    anchor the entity page's own within the entity's (two entities may both have a 'Strength in Mali')."""
    return [
        (figure, within(entity.id, anchor), [replace(row, anchor=within(entity.id, row.anchor)) for row in site.figure_rows(entity, index)])
        for index, (figure, anchor) in enumerate(zip(entity.figures, measure_anchors(entity)))
        if figure.difference_kind
    ]


KIND = PageKind("figures", "figures/", pages)
