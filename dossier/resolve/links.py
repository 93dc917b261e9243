"""Who points at whom: relations seen from both ends, back-links, events and citing statements."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..anchors import claim_anchors, figure_anchors, relation_anchor
from ..model import Citation, Content, Entity, Event, Relation
from ..prose import prose_links
from ..schema import RELATION_TYPES


@dataclass(frozen=True)
class RelationView:
    """A relation as one of its two entities shows it: the label reads from that entity."""

    relation: Relation
    other_id: str
    label: str
    inverse: bool
    """True on the target's page, where the relation is read backwards."""


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


def relation_views(content: Content) -> dict[str, list[RelationView]]:
    """Every entity's relations, its own and those written on other entities about it."""
    views: dict[str, list[RelationView]] = defaultdict(list)
    for entity in content.entities.values():
        for relation in entity.relations:
            forward, backward = RELATION_TYPES[relation.type]
            views[entity.id].append(RelationView(relation, relation.target_id, forward, inverse=False))
            views[relation.target_id].append(RelationView(relation, entity.id, backward, inverse=True))
    return dict(views)


def backlinks(content: Content) -> dict[str, list[Backlink]]:
    """For each entity, the other entities whose summary, relations or claims point to it."""
    places: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entity in content.entities.values():
        for target, place in _outgoing(entity):
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


def citing_statements(content: Content) -> dict[str, list[CitingStatement]]:
    """For each source, every claim, relation and event that cites it, in content order."""
    found: dict[str, list[CitingStatement]] = defaultdict(list)
    for entity in content.entities.values():
        for claim, anchor in zip(entity.claims, claim_anchors(entity)):
            for citation in claim.citations:
                found[citation.source_id].append(CitingStatement("claim", entity.id, claim.text, citation, anchor))
        for relation in entity.relations:
            label = RELATION_TYPES[relation.type][0]
            anchor = relation_anchor(entity, relation, label, relation.target_id)
            for citation in relation.citations:
                text = f"[[{entity.id}]] {label} [[{relation.target_id}]]"
                found[citation.source_id].append(CitingStatement("relation", entity.id, text, citation, anchor))
        for figure, anchors in zip(entity.figures, figure_anchors(entity)):
            for value, anchor in zip(figure.values, anchors):
                for citation in value.citations:
                    text = f"{figure.measure}: {value.value}"
                    found[citation.source_id].append(CitingStatement("figure", entity.id, text, citation, anchor))
    for event in content.events.values():
        for citation in event.citations:
            found[citation.source_id].append(CitingStatement("event", event.id, event.title, citation, event.id))
    return dict(found)
