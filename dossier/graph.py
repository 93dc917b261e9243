"""Relationship graphs drawn at build time as SVG: no script needed to see them, none fetched.

Layouts are computed here, in plain arithmetic, so the same content always gives the same
drawing byte for byte. The site-wide graph puts every entity on one circle, grouped by type
and sorted by name: labels never overlap however many entities there are (the circle grows
with them), and relations are curves through the middle, coloured by type. An entity page
gets a small star: the entity in the middle, its neighbours around it, each edge labelled.

Every piece of text that comes from content goes through ``html_text``; links are final
directory URLs because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .markup import html_text
from .model import Content

NODE_SPACING = 17.0
"""Pixels of circumference per entity on the site-wide circle: one line of label text each."""

MIN_RADIUS = 180.0
LABEL_ROOM = 190.0
"""Pixels outside the circle kept for labels."""

MAX_LABEL = 30
"""Characters of a name shown on the site-wide graph; the full name is in the node's tooltip."""

MAX_NEIGHBOURS = 16
"""Neighbours drawn around an entity on its own page; the Relations list has them all."""

TYPE_COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#ff7f0e",
)
RELATION_COLOURS = (
    "#4e79a7", "#e15759", "#59a14f", "#b07aa1", "#9c755f", "#f28e2b", "#76b7b2", "#edc948",
    "#ff9da7", "#bab0ac", "#86bcb6", "#d37295", "#a0cbe8", "#8cd17d", "#b6992d",
)


@dataclass(frozen=True)
class Edge:
    """One relation as the graph draws it: from its subject to its target."""

    subject_id: str
    target_id: str
    type: str
    label: str
    """The relation in words, read from the subject: 'succeeded by'."""
    hedged: bool = False
    """True when the source only reports, attributes, hedges or disputes it: drawn dashed."""


_DASHES = ' stroke-dasharray="6 4"'


def _edge_class(hedged: bool) -> str:
    return "edge hedged" if hedged else "edge"


def type_colour(entity_type: str, types: tuple[str, ...]) -> str:
    return TYPE_COLOURS[types.index(entity_type) % len(TYPE_COLOURS)] if entity_type in types else "#7f7f7f"


def relation_colour(relation_type: str, relation_types: tuple[str, ...]) -> str:
    return RELATION_COLOURS[relation_types.index(relation_type) % len(RELATION_COLOURS)]


def site_graph_svg(
    content: Content,
    edges: list[Edge],
    url_of: dict[str, str],
    types: tuple[str, ...],
    relation_types: tuple[str, ...],
) -> str:
    """Every entity on a circle grouped by type, every relation a curve; one line of raw HTML per element."""
    order = sorted(
        content.entities.values(),
        key=lambda e: (types.index(e.type) if e.type in types else len(types), e.name.casefold(), e.id),
    )
    # One empty slot between two types keeps the groups apart on the circle.
    slots: list[str | None] = []
    for entity in order:
        if slots and content.entities[slots[-1]].type != entity.type:
            slots.append(None)
        slots.append(entity.id)
    count = max(len(slots), 1)
    radius = max(MIN_RADIUS, count * NODE_SPACING / (2 * math.pi))
    size = 2 * (radius + LABEL_ROOM)
    centre = size / 2
    position: dict[str, tuple[float, float, float]] = {}
    for index, entity_id in enumerate(slots):
        if entity_id is None:
            continue
        angle = 2 * math.pi * index / count - math.pi / 2
        position[entity_id] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle), angle)

    lines = [
        f'<svg class="dossier-graph site-graph" viewBox="0 0 {size:.0f} {size:.0f}" '
        f'width="{size:.0f}" height="{size:.0f}" aria-labelledby="site-graph-title" data-graph="site">',
        f'<title id="site-graph-title">Every entity and the relations between them: '
        f'{len(order)} entities, {len(edges)} relations</title>',
        '<g class="edges">',
    ]
    for edge in edges:
        x1, y1, _ = position[edge.subject_id]
        x2, y2, _ = position[edge.target_id]
        # Pulling the curve towards the centre keeps chords between neighbours short and off the labels.
        cx, cy = centre + ((x1 + x2) / 2 - centre) * 0.3, centre + ((y1 + y2) / 2 - centre) * 0.3
        subject, target = content.entities[edge.subject_id], content.entities[edge.target_id]
        lines.append(
            f'<path class="{_edge_class(edge.hedged)}" d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" '
            f'stroke="{relation_colour(edge.type, relation_types)}"{_DASHES if edge.hedged else ""} '
            f'data-from="{html_text(edge.subject_id)}" data-to="{html_text(edge.target_id)}" '
            f'data-from-type="{html_text(subject.type)}" data-to-type="{html_text(target.type)}">'
            f"<title>{html_text(subject.name)} {html_text(edge.label)} {html_text(target.name)}"
            f"{' (reported, claimed, apparent or disputed)' if edge.hedged else ''}</title></path>"
        )
    lines.append("</g>")
    lines.append('<g class="nodes">')
    for entity in order:
        x, y, angle = position[entity.id]
        degrees = math.degrees(angle)
        # Labels read outwards; on the left half they are turned round so they are never upside down.
        left = math.cos(angle) < -1e-9
        rotation = degrees + 180 if left else degrees
        anchor = "end" if left else "start"
        offset = -9 if left else 9
        label = entity.name if len(entity.name) <= MAX_LABEL else entity.name[: MAX_LABEL - 1] + "…"
        lines.append(
            f'<a class="node" href="{html_text(url_of[entity.id])}" data-id="{html_text(entity.id)}" '
            f'data-type="{html_text(entity.type)}">'
            f"<title>{html_text(entity.name)} ({html_text(entity.type)})</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{type_colour(entity.type, types)}"/>'
            f'<text transform="translate({x:.1f},{y:.1f}) rotate({rotation:.1f})" x="{offset}" dy="0.35em" '
            f'text-anchor="{anchor}">{html_text(label)}</text></a>'
        )
    lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines)


@dataclass(frozen=True)
class Neighbour:
    """An entity related to the one in the middle, and every relation between them in words."""

    entity_id: str
    labels: tuple[str, ...]
    hedged: bool = False
    """True when every relation with it is only reported, claimed, apparent or disputed: drawn dashed."""


def neighbourhood_svg(
    content: Content, centre_id: str, neighbours: list[Neighbour], url_of: dict[str, str], types: tuple[str, ...]
) -> str:
    """The entity in the middle, up to MAX_NEIGHBOURS neighbours around it, each edge labelled."""
    shown = neighbours[:MAX_NEIGHBOURS]
    width, height, radius = 860.0, 540.0, 215.0
    cx, cy = width / 2, height / 2
    centre = content.entities[centre_id]
    lines = [
        f'<svg class="dossier-graph neighbourhood-graph" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" aria-labelledby="neighbourhood-title">',
        f'<title id="neighbourhood-title">{html_text(centre.name)} and the {len(shown)} entities it is related to</title>',
    ]
    placed = []
    for index, neighbour in enumerate(shown):
        angle = 2 * math.pi * index / max(len(shown), 1) - math.pi / 2
        placed.append((neighbour, cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle))
    lines.append('<g class="edges">')
    for neighbour, x, y, angle in placed:
        words = "; ".join(neighbour.labels)
        # Each label lies along its own edge, turned to read left to right, so labels never collide.
        degrees = math.degrees(angle)
        if math.cos(angle) < -1e-9:
            degrees += 180
        mx, my = cx + (x - cx) * 0.55, cy + (y - cy) * 0.55
        lines.append(
            f'<line class="{_edge_class(neighbour.hedged)}" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"'
            f'{_DASHES if neighbour.hedged else ""}/>'
            f'<text class="edge-label" transform="translate({mx:.1f},{my:.1f}) rotate({degrees:.1f})" '
            f'text-anchor="middle" dy="-0.35em">{html_text(words)}</text>'
        )
    lines.append("</g>")
    lines.append('<g class="nodes">')
    lines.append(
        f'<g class="node centre"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="{type_colour(centre.type, types)}"/>'
        f'<text x="{cx:.1f}" y="{cy - 16:.1f}" text-anchor="middle">{html_text(centre.name)}</text></g>'
    )
    for neighbour, x, y, angle in placed:
        entity = content.entities[neighbour.entity_id]
        horizontal = math.cos(angle)
        anchor = "start" if horizontal > 0.3 else "end" if horizontal < -0.3 else "middle"
        dx = 10 if anchor == "start" else -10 if anchor == "end" else 0
        dy = 0 if anchor != "middle" else (18 if math.sin(angle) > 0 else -12)
        lines.append(
            f'<a class="node" href="{html_text(url_of[entity.id])}" data-id="{html_text(entity.id)}" '
            f'data-type="{html_text(entity.type)}"><title>{html_text(entity.name)} ({html_text(entity.type)})</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{type_colour(entity.type, types)}"/>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" dy="0.35em" text-anchor="{anchor}">{html_text(entity.name)}</text></a>'
        )
    lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines)
