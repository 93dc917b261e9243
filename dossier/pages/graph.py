"""The site graph: every entity and the relations between them."""

from __future__ import annotations

from typing import Iterable

from ..content.schema import ENTITY_TYPES, READS_BOTH_WAYS, RELATION_TYPES
from ..resolve import Resolved
from ..text.markup import Md
from . import PageKind, Pages
from . import graph_layout
from .addresses import entity_page
from .site import HEDGED, Site, directory_url

PAGE = "graph/index.md"

STATIC_GRAPH_LIMIT = 60
"""Entities up to which the graph page also carries the static SVG circle, for readers without script."""


def pages(site: Site) -> Pages:
    content = site.content
    edges = _each_once(
        graph_layout.Edge(
            entity.id,
            relation.target_id,
            relation.type,
            RELATION_TYPES[relation.type][0],
            relation.attribution.certainty in HEDGED,
        )
        for entity in content.entities.values()
        for relation in entity.relations
    )
    urls = {entity_id: directory_url(PAGE, entity_page(entity_id)) for entity_id in content.entities}
    # The circle is the no-script fallback, drawn only while it stays small enough to read.
    large = len(content.entities) > STATIC_GRAPH_LIMIT
    svg = "" if large else graph_layout.site_graph_svg(content, edges, urls, site.types, site.relation_types)
    data = graph_layout.site_graph_data(content, edges, urls, site.types, site.relation_types)
    present_types = [kind for kind in site.types if any(e.type == kind for e in content.entities.values())]
    present_relations = [kind for kind in site.relation_types if any(edge.type == kind for edge in edges)]
    yield PAGE, site.render(
        "graph.md.j2",
        PAGE,
        svg=Md(svg),
        data=Md(data),
        large=large,
        types=[(kind, ENTITY_TYPES[kind], graph_layout.type_colour(kind, site.types)) for kind in present_types],
        relation_kinds=[
            (RELATION_TYPES[kind][0], graph_layout.relation_colour(kind, site.relation_types)) for kind in present_relations
        ],
        entity_count=len(content.entities),
        edge_count=len(edges),
        hedged_count=sum(edge.hedged for edge in edges),
    )


def _each_once(edges: Iterable[graph_layout.Edge]) -> list[graph_layout.Edge]:
    """Edges that would be drawn the same drawn once: a relation written twice (with other dates),
    or one that reads the same both ways written on both its entities."""
    drawn: dict[tuple, graph_layout.Edge] = {}
    for edge in edges:
        ends = frozenset((edge.subject_id, edge.target_id)) if edge.type in READS_BOTH_WAYS else (edge.subject_id, edge.target_id)
        drawn.setdefault((ends, edge.type, edge.hedged), edge)
    return list(drawn.values())


def made_of(resolved: Resolved) -> tuple:
    """The graph shows each entity's id, name, aliases and type, and each relation's ends, type
    and certainty: nothing else (its layout, seconds at 1,000 entities, is redone only for these)."""
    return tuple(
        (
            entity.id,
            entity.name,
            entity.aliases,
            entity.type,
            tuple((r.target_id, r.type, r.attribution.certainty) for r in entity.relations),
        )
        for entity in resolved.content.entities.values()
    )


KIND = PageKind("graph", "graph/", pages, made_of=made_of)
