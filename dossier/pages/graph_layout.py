"""Relationship graphs drawn at build time as SVG: no script needed to see them, none fetched.

Layouts are computed here, in plain arithmetic, so the same content always gives the same
drawing byte for byte. The site-wide graph puts every entity on one circle, grouped by type
and sorted by name: labels never overlap however many entities there are (the circle grows
with them), and relations are curves through the middle, coloured by type. An entity page
gets a fan: the entity at the top, its neighbours in a column, an edge and a label per relation.

Every piece of text that comes from content goes through ``html_text``; links are final
directory URLs because MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from ..content.model import Content
from ..text.markup import html_text

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
class NeighbourRelation:
    """One relation between the entity in the middle and a neighbour, as the neighbourhood draws it."""

    label: str
    """Read from the entity in the middle: 'operates in'."""
    type: str
    hedged: bool
    anchor: str
    """The relation's own anchor on the entity page: each edge links to its line in Relations."""
    description: str
    """The relation in a sentence, the edge's accessible name: 'Wagner Group operates in Mali, reportedly'."""


@dataclass(frozen=True)
class Neighbour:
    """An entity related to the one in the middle, and every relation between them."""

    entity_id: str
    relations: tuple[NeighbourRelation, ...]


# The neighbourhood is drawn in CSS pixels and shown at that size, never scaled down, so its text
# is as large on a phone as on a desktop (docs/assets/dossier.css sets the same sizes). It is a
# fan: the entity's name and node at the top left, its neighbours in one column on the right, one
# line per name and one per relation under it; every text has its own line, so none can overlap
# another or a node, and the whole fits a 375 px phone.
NEIGHBOURHOOD_WIDTH = 340
NAME_SIZE = 13
"""Font size (px) of neighbour names; relation labels are LABEL_SIZE, the centre's name CENTRE_SIZE."""
LABEL_SIZE = 12
CENTRE_SIZE = 14
CHAR_WIDTH = 0.64
"""A generous average glyph width, in ems, for wrapping names (the browser suite measures the result)."""
LINE = 17
CENTRE_X, CENTRE_Y = 20.0, 40.0
NODE_X = 116.0
TEXT_X = 128.0
SAMPLE = 18
"""Length of the line sample before each relation label, drawn like that relation's edge."""


def _wrap(value: str, width: float, size: float, lines: int = 2) -> list[str]:
    """``value`` in at most ``lines`` lines of ``width`` px, cut at spaces; the last line ends in '…' if cut."""
    room = max(1, int(width / (size * CHAR_WIDTH)))
    out: list[str] = []
    rest = value.split()
    while rest and len(out) < lines:
        line = rest.pop(0)
        while rest and len(line) + 1 + len(rest[0]) <= room:
            line += " " + rest.pop(0)
        out.append(line)
    if rest or any(len(line) > room for line in out):
        out[-1] = out[-1][: room - 1].rstrip() + "…"
    return out


def neighbourhood_svg(
    content: Content,
    centre_id: str,
    neighbours: list[Neighbour],
    url_of: dict[str, str],
    types: tuple[str, ...],
    relation_types: tuple[str, ...],
) -> str:
    """The entity at the top left, up to MAX_NEIGHBOURS neighbours in a column, an edge per relation."""
    shown = neighbours[:MAX_NEIGHBOURS]
    centre = content.entities[centre_id]
    text_room = NEIGHBOURHOOD_WIDTH - TEXT_X - 4
    edges: list[str] = []
    nodes: list[str] = []
    y = CENTRE_Y + 12
    for neighbour in shown:
        entity = content.entities[neighbour.entity_id]
        name_lines = _wrap(entity.name, text_room, NAME_SIZE)
        node_y = y + LINE / 2
        count = len(neighbour.relations)
        for index, relation in enumerate(neighbour.relations):
            colour = relation_colour(relation.type, relation_types)
            dashes = _DASHES if relation.hedged else ""
            # Two relations with one neighbour are two curves, bowed apart, each with its own label line.
            bow = (index - (count - 1) / 2) * 22
            mx, my = (CENTRE_X + NODE_X) / 2, (CENTRE_Y + node_y) / 2
            length = math.hypot(NODE_X - CENTRE_X, node_y - CENTRE_Y)
            qx, qy = mx - bow * (node_y - CENTRE_Y) / length, my + bow * (NODE_X - CENTRE_X) / length
            label_y = node_y + LINE * (len(name_lines) - 1 + index + 1)
            label = _wrap(relation.label, text_room - SAMPLE - 6, LABEL_SIZE, lines=1)[0]
            edges.append(
                f'<a class="relation" href="#{html_text(relation.anchor)}" aria-label="{html_text(relation.description)}">'
                f"<title>{html_text(relation.description)}</title>"
                f'<path class="{_edge_class(relation.hedged)}" d="M{CENTRE_X:.1f},{CENTRE_Y:.1f} '
                f'Q{qx:.1f},{qy:.1f} {NODE_X - 6:.1f},{node_y:.1f}" stroke="{colour}"{dashes}/>'
                f'<line class="sample" x1="{TEXT_X:.1f}" y1="{label_y:.1f}" x2="{TEXT_X + SAMPLE:.1f}" y2="{label_y:.1f}" '
                f'stroke="{colour}"{dashes}/>'
                f'<text class="edge-label" x="{TEXT_X + SAMPLE + 6:.1f}" y="{label_y:.1f}" dy="0.35em">{html_text(label)}</text></a>'
            )
        # A space between the lines, so that the name reads whole to assistive technology.
        tspans = " ".join(
            f'<tspan x="{TEXT_X:.1f}" y="{node_y + LINE * line_number:.1f}" dy="0.35em">{html_text(line)}</tspan>'
            for line_number, line in enumerate(name_lines)
        )
        nodes.append(
            f'<a class="node" href="{html_text(url_of[entity.id])}" data-id="{html_text(entity.id)}" '
            f'data-type="{html_text(entity.type)}" aria-label="{html_text(entity.name)} ({html_text(entity.type)})">'
            f"<title>{html_text(entity.name)} ({html_text(entity.type)})</title>"
            f'<circle cx="{NODE_X:.1f}" cy="{node_y:.1f}" r="6" fill="{type_colour(entity.type, types)}"/>'
            f"<text>{tspans}</text></a>"
        )
        y += LINE * (len(name_lines) + count) + 9
    height = y + 4
    centre_name = _wrap(centre.name, NEIGHBOURHOOD_WIDTH - 8, CENTRE_SIZE, lines=1)[0]
    lines = [
        f'<svg class="dossier-graph neighbourhood-graph" viewBox="0 0 {NEIGHBOURHOOD_WIDTH} {height:.0f}" '
        f'width="{NEIGHBOURHOOD_WIDTH}" height="{height:.0f}" role="group" aria-labelledby="neighbourhood-title">',
        f'<title id="neighbourhood-title">{html_text(centre.name)} and the {len(shown)} entities it is related to</title>',
        '<g class="edges">',
        *edges,
        "</g>",
        '<g class="nodes">',
        f'<g class="node centre"><circle cx="{CENTRE_X:.1f}" cy="{CENTRE_Y:.1f}" r="9" fill="{type_colour(centre.type, types)}"/>'
        f'<text x="4" y="18" dy="0.35em">{html_text(centre_name)}</text></g>',
        *nodes,
        "</g>",
        "</svg>",
    ]
    return "\n".join(lines)


SITE_SPACING = 80.0
"""Layout units per entity along the side of the site graph's square: room for a name when zoomed in."""

LAYOUT_SEED = 1
LAYOUT_ITERATIONS = 100


def site_layout(entity_ids: list[str], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """Where each entity sits in the interactive site graph, computed at build time.

    Each group of connected entities is laid out by ForceAtlas2 (networkx) with a fixed seed, so
    related entities sit together and the same content always gives the same positions; the
    groups, largest first, are then set side by side in rows (entities without relations last),
    so that a few unrelated entities cannot push the others into a knot. Rounded to 0.1 unit.
    """
    import networkx  # only the graph page needs it, and it takes a while to import

    found = networkx.Graph()
    found.add_nodes_from(sorted(entity_ids))
    found.add_edges_from(sorted({tuple(sorted((e.subject_id, e.target_id))) for e in edges if e.subject_id != e.target_id}))
    groups = sorted((sorted(group) for group in networkx.connected_components(found)), key=lambda g: (-len(g), g[0]))
    row_width = SITE_SPACING * math.sqrt(max(len(entity_ids), 1)) * 1.3
    position: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group in groups:
        side = SITE_SPACING * math.sqrt(len(group)) if len(group) > 1 else 0.0
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height + SITE_SPACING, 0.0
        for entity_id, (px, py) in _group_layout(found, group, side).items():
            position[entity_id] = (round(x + px, 1), round(y + py, 1))
        # An entity alone gets room for its name beside it, as its row has no relations to follow.
        x += side + SITE_SPACING if len(group) > 1 else SITE_SPACING * 2.5
        row_height = max(row_height, side)
    return position


def _group_layout(found, ordered: list[str], side: float) -> dict[str, tuple[float, float]]:
    """One connected group's positions, scaled into a square of ``side`` units."""
    import networkx

    if len(ordered) == 1:
        return {ordered[0]: (0.0, 0.0)}
    # A graph of its own with nodes and edges in sorted order: a subgraph view would hand the
    # layout its nodes in set order, which changes with PYTHONHASHSEED, and so would the positions.
    group = networkx.Graph()
    group.add_nodes_from(ordered)
    group.add_edges_from(sorted(tuple(sorted(edge)) for edge in found.subgraph(ordered).edges()))
    raw = networkx.forceatlas2_layout(group, max_iter=LAYOUT_ITERATIONS, seed=LAYOUT_SEED)
    xs = [float(raw[i][0]) for i in ordered]
    ys = [float(raw[i][1]) for i in ordered]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return {i: ((px - min(xs)) / span * side, (py - min(ys)) / span * side) for i, px, py in zip(ordered, xs, ys)}


def site_graph_data(
    content: Content,
    edges: list[Edge],
    url_of: dict[str, str],
    types: tuple[str, ...],
    relation_types: tuple[str, ...],
) -> str:
    """The interactive site graph's data, as JSON safe inside <script> ('<', '>', '&' are \\u escapes).

    Compact on purpose (at 1,000 entities it is most of the page): nodes are
    [id, name, aliases, type index, x, y, url], edges [from node, to node, relation index, hedged].
    """
    order = sorted(content.entities.values(), key=lambda e: (e.name.casefold(), e.id))
    index = {entity.id: number for number, entity in enumerate(order)}
    position = site_layout(list(index), edges)
    present_types = [kind for kind in types if any(e.type == kind for e in order)]
    present_relations = sorted({edge.type for edge in edges}, key=lambda kind: relation_types.index(kind) if kind in relation_types else len(relation_types))
    labels = {edge.type: edge.label for edge in edges}
    document = {
        "types": [[kind, type_colour(kind, types)] for kind in present_types],
        "relations": [[labels[kind], relation_colour(kind, relation_types)] for kind in present_relations],
        "nodes": [
            [
                entity.id,
                entity.name,
                list(entity.aliases),
                present_types.index(entity.type) if entity.type in present_types else -1,
                *position[entity.id],
                url_of[entity.id],
            ]
            for entity in order
        ],
        "edges": [
            [index[edge.subject_id], index[edge.target_id], present_relations.index(edge.type), int(edge.hedged)]
            for edge in edges
        ],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
