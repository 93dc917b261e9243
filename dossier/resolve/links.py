"""Who points at whom: relations seen from both ends, back-links, events and citing statements."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from ..content.model import Citation, Content, Entity, Event, Relation, Statement
from ..content.repeats import both_ends_key
from ..content.schema import RELATION_TYPES
from ..memo import Memo
from ..text.prose import prose_links
from .anchors import claim_anchors, event_anchor, figure_anchors, relation_anchors


@dataclass(frozen=True)
class RelationView:
    """A relation as one of its two entities shows it: the label reads from that entity."""

    relation: Relation
    other_id: str
    label: str
    inverse: bool
    """True on the target's page, where the relation is read backwards."""
    also: tuple[Relation, ...] = ()
    """The same relation written on the other entity too (it reads the same both ways): shown once, here."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.relation.citations + tuple(citation for relation in self.also for citation in relation.citations)


@dataclass(frozen=True)
class Backlink:
    """Another entity whose prose or relations point at this one, and where."""

    from_id: str
    places: tuple[str, ...]
    """Which parts point here, among 'summary', 'relation', 'claim'."""


@dataclass(frozen=True)
class CitingStatement:
    """A claim, relation or event that cites a source, as the source page lists it."""

    kind: str
    """'claim', 'relation', 'figure' or 'event'."""
    owner_id: str
    """The entity (for claims and relations) or event it belongs to."""
    text: str
    """The claim's text, the relation in words, or the event's title."""
    citation: Citation
    anchor: str = ""
    """The statement's own anchor on its page (the entity's, or the timeline for an event)."""
    both_ends: tuple | None = None
    """For a relation that reads the same both ways, what it says (``repeats.both_ends_key``):
    written on both its entities, a source page lists it once."""


def relation_views(content: Content, memo: Memo | None = None) -> dict[str, list[RelationView]]:
    """Every entity's relations, its own and those written on other entities about it.

    ``memo`` (for a long-lived process) keeps each entity's views while the entity is unchanged."""
    memo = memo if memo is not None else Memo()
    views: dict[str, list[RelationView]] = defaultdict(list)
    for entity in content.entities.values():
        for entity_id, view in memo.get(entity.id, entity, lambda: _views_of(entity)):
            views[entity_id].append(view)
    return {entity_id: _each_once(found) for entity_id, found in views.items()}


def _each_once(views: list[RelationView]) -> list[RelationView]:
    """An entity's relations with one written on both entities (``repeats.both_ends_key``) shown
    once: the entity's own, with the other's citations."""
    own = {key: index for index, view in enumerate(views) if not view.inverse and (key := both_ends_key(view.relation))}
    if not own:
        return views
    kept = list(views)
    for index, view in enumerate(views):
        first = own.get(both_ends_key(view.relation)) if view.inverse else None
        if first is not None:
            kept[first] = replace(kept[first], also=kept[first].also + (view.relation,))
            kept[index] = None
    return [view for view in kept if view is not None]


def _views_of(entity: Entity) -> list[tuple[str, RelationView]]:
    """Each relation of an entity as its own page and its target's page show it."""
    views = []
    for relation in entity.relations:
        forward, backward = RELATION_TYPES[relation.type]
        views.append((entity.id, RelationView(relation, relation.target_id, forward, inverse=False)))
        views.append((relation.target_id, RelationView(relation, entity.id, backward, inverse=True)))
    return views


def backlinks(content: Content, memo: Memo | None = None) -> dict[str, list[Backlink]]:
    """For each entity, the other entities whose summary, relations or claims point to it.

    ``memo`` (for a long-lived process) keeps each entity's outgoing links while it is unchanged."""
    memo = memo if memo is not None else Memo()
    places: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entity in content.entities.values():
        for target, place in memo.get(entity.id, entity, lambda: list(_outgoing(entity))):
            if target != entity.id:
                places[target][entity.id].add(place)
    order = ("summary", "relation", "claim")
    return {
        target: [
            Backlink(from_id, tuple(p for p in order if p in found))
            for from_id, found in sorted(sources.items())
        ]
        for target, sources in places.items()
    }


def _outgoing(entity: Entity):
    for link in prose_links(entity.summary):
        yield link.target_id, "summary"
    for relation in entity.relations:
        yield relation.target_id, "relation"
    for claim in entity.claims:
        for link in prose_links(claim.text):
            yield link.target_id, "claim"


def events_by_entity(content: Content) -> dict[str, list[Event]]:
    """Each entity's events, in date order (ties by id, so the order never varies)."""
    found: dict[str, list[Event]] = defaultdict(list)
    for event in sorted(content.events.values(), key=lambda e: e.sort_key):
        for entity_id in event.involved_ids:
            found[entity_id].append(event)
    return dict(found)


def citing_statements(content: Content, memo: Memo | None = None) -> dict[str, list[CitingStatement]]:
    """For each source, every claim, relation and event that cites it, in content order.

    ``memo`` (for a long-lived process) keeps each entity's and event's while it is unchanged."""
    memo = memo if memo is not None else Memo()
    found: dict[str, list[CitingStatement]] = defaultdict(list)
    for entity in content.entities.values():
        for citing in memo.get(entity.id, entity, lambda: _citing_of_entity(entity)):
            found[citing.citation.source_id].append(citing)
    for event in content.events.values():
        for citing in memo.get(("event", event.id), event, lambda: _citing_of_event(event)):
            found[citing.citation.source_id].append(citing)
    return dict(found)


def _citing_of_entity(entity: Entity) -> list[CitingStatement]:
    citing = []
    claims, relations, figures = claim_anchors(entity), relation_anchors(entity), figure_anchors(entity)
    for statement in entity.statements():
        text, anchor = _words_and_anchor(statement, entity, claims, relations, figures)
        both_ends = both_ends_key(statement.item) if statement.kind == "relation" else None
        citing += [CitingStatement(statement.kind, entity.id, text, citation, anchor, both_ends) for citation in statement.citations]
    return citing


def _citing_of_event(event: Event) -> list[CitingStatement]:
    return [CitingStatement("event", event.id, event.title, citation, event_anchor(event.id)) for citation in event.citations]


def _words_and_anchor(
    statement: Statement, entity: Entity, claims: list[str], relations: list[str], figures: list[list[str]]
) -> tuple[str, str]:
    """A statement of an entity as a source page lists it, and its anchor on the entity's page."""
    item = statement.item
    if statement.kind == "claim":
        return item.text, claims[statement.index]
    if statement.kind == "relation":
        label = RELATION_TYPES[item.type][0]
        return f"[[{entity.id}]] {label} [[{item.target_id}]]", relations[statement.index]
    return f"{statement.figure.measure}: {item.value}", figures[statement.figure_index][statement.index]
