"""An entity's page: its summary, claims, figures, relations, events, mentions and back-links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content.origins import independent_count
from ..content.model import Attribution, Entity, Event, Relation, Source, Statement
from ..content.schema import CERTAINTY_RANK, ENTITY_TYPES
from ..resolve import Mention, RelationView, Resolved
from ..resolve.anchors import claim_anchors, event_anchor, free, inverse_relation_anchor, measure_anchors, relation_anchors
from ..text.markup import Md
from ..text.prose import prose_links
from . import Items, PageKind, Pages
from . import exports, graph_layout
from .addresses import entity_page
from .history import feed_file, history_page
from .exports import plain_text
from .site import (
    CERTAINTY_WORDS,
    HEDGED,
    MAX_ENTITY_EVENTS,
    MAX_MENTION_SOURCES,
    MAX_SNIPPETS,
    SITE_NAME,
    source_count_words,
    Footnotes,
    Site,
    directory_url,
)


KEY_RELATIONS = 3
"""Kinds of relation in an entity's key facts (what matters most first); the Relations section has them all."""

KEY_RELATION_ENTITIES = 3
"""Entities named per kind of relation in the key facts."""



@dataclass(frozen=True)
class KeyRelation:
    """One line of an entity's key facts: a kind of relation and the entities it matters most for."""

    label: str
    other_ids: tuple[str, ...]
    more: int
    """How many more entities the entity has this relation with (listed under Relations)."""
    notes: tuple[str, ...] = ()
    """For each of ``other_ids``: how far in time the sources carry the relation and who says so
    how surely ('as of March 2024; appears so, per sources within Wagner Group'), or '' when the
    source states it without a time, so the key facts never read plainer than the Relations list."""
    counts: tuple[str, ...] = ()
    """For each of ``other_ids``: how many sources carry the relation ('single source', '3 sources,
    2 independent'), as the Relations list says it after the relation."""


@dataclass(frozen=True)
class KeyFacts:
    """The infobox at the top of an entity page: what a reader on a phone sees first."""

    relations: list[KeyRelation]
    first_event: Event | None
    """The first dated event the entity acts in; events that only concern it are left to the timeline."""
    last_event: Event | None
    cited_by: int
    """Sources the page's notes cite."""
    named_in: int
    """Sources whose text names the entity (by its name or an alias)."""
    independent: int = 0
    """The origins of the sources cited (``content.origins``): fewer than ``cited_by`` when some derive from others."""


def key_relations(relations: list[RelationView], entities: dict[str, Entity], all_sources: dict[str, Source]) -> list[KeyRelation]:
    """The kinds of relation that matter most: those the sources state before those they report or
    a party claims, then those with most sources; each with its entities in the same order."""
    best: dict[str, dict[str, RelationView]] = {}
    for view in relations:  # sorted by label, then name: the order of last resort
        found = best.setdefault(view.label, {})
        if view.other_id not in found or _weight(view) < _weight(found[view.other_id]):
            found[view.other_id] = view
    lines = []
    for label, views in best.items():
        ordered = sorted(views.values(), key=_weight)  # stable: ties keep name order
        sources = len({citation.source_id for view in ordered for citation in view.citations})
        lines.append(((_weight(ordered[0])[0], -sources, label), label, ordered))
    lines.sort(key=lambda line: line[0])
    return [
        KeyRelation(
            label,
            tuple(view.other_id for view in ordered[:KEY_RELATION_ENTITIES]),
            max(0, len(ordered) - KEY_RELATION_ENTITIES),
            tuple(relation_note(view.relation, entities) for view in ordered[:KEY_RELATION_ENTITIES]),
            tuple(_count_words(view, all_sources) for view in ordered[:KEY_RELATION_ENTITIES]),
        )
        for _, label, ordered in lines[:KEY_RELATIONS]
    ]


def _count_words(view: RelationView, sources: dict[str, Source]) -> str:
    return source_count_words({citation.source_id for citation in view.citations}, sources)[0]


def _weight(view: RelationView) -> tuple[int, int]:
    """How much a relation matters in the key facts, smallest first: its certainty, then its sources."""
    return CERTAINTY_RANK.get(view.relation.attribution.certainty, 0), -len({c.source_id for c in view.citations})


def relation_note(relation: Relation, entities: dict[str, Entity]) -> str:
    """A relation's time and attribution in a few words: 'as of March 2024; claimed by Azawad separatists',
    'since 2021, ended'."""
    return "; ".join(part for part in (brief_time(relation), attribution_note(relation.attribution, entities)) if part)


def brief_time(relation: Relation) -> str:
    """A relation's time, short for a phone: 'since 2021, ended' (the Relations list adds 'date unknown')."""
    return relation.time_words(undated_end="ended")


def attribution_note(attribution: Attribution, entities: dict[str, Entity]) -> str:
    """Who says so and how surely, in a few words of plain text: 'appears so, per sources within
    Wagner Group', 'claimed by the Malian army'; '' when the source states it in its own voice."""
    words = CERTAINTY_WORDS.get(attribution.certainty or "", "")
    who = plain_text(attribution.according_to, entities) if attribution.according_to else ""
    if who and attribution.certainty == "claimed":
        return f"claimed by {who}"
    if who:
        return f"{words}, per {who}" if words else f"per {who}"
    return words


@dataclass(frozen=True)
class MentionGroup:
    """One source under 'Mentioned in': its first mentions, and how many there are in all."""

    source: Source
    shown: list[Mention]
    total: int


def pages(site: Site) -> Pages:
    for entity in site.content.entities.values():
        yield entity_page(entity.id), page(site, entity)


def page(site: Site, entity: Entity) -> str:
    resolved, content = site.resolved, site.content
    path = entity_page(entity.id)
    footnotes = Footnotes(resolved)
    relations = sorted(
        resolved.relations.get(entity.id, []),
        key=lambda view: (view.label, content.entities[view.other_id].name, view.other_id),
    )
    anchors = _relation_anchors(site, entity, relations)
    mentions = resolved.mentions_by_entity.get(entity.id, [])
    groups = _mention_groups(mentions, content.sources)
    events = resolved.events.get(entity.id, [])
    updated = site.updated(entity.id)
    acted = [event for event in events if event.date and entity.id in event.actor_ids]
    cited = {source.id for source in _cited_sources(site, entity)}
    cited |= {c.source_id for view in relations for c in view.citations}  # others' relations shown here too
    cited |= {c.source_id for event in events for c in event.citations}
    facts = KeyFacts(
        key_relations(relations, content.entities, content.sources),
        acted[0] if acted else None,
        acted[-1] if len(acted) > 1 else None,
        len(cited),
        len(groups),
        independent_count(cited, content.sources),
    )
    return site.render(
        "entity.md.j2",
        path,
        entity=entity,
        facts=facts,
        footnotes=footnotes,
        figures=[
            (figure, anchor, site.figure_rows(entity, index))
            for index, (figure, anchor) in enumerate(zip(entity.figures, measure_anchors(entity)))
        ],
        claims=list(zip(entity.claims, claim_anchors(entity))),
        relations=list(zip(relations, anchors)),
        event_anchor=event_anchor,
        attribution_note=lambda attribution: attribution_note(attribution, content.entities),
        neighbourhood=Md(_neighbourhood(site, entity, relations, anchors, path)) if relations else None,
        neighbourhood_types=_neighbourhood_types(site, entity, relations),
        events=events[-MAX_ENTITY_EVENTS:],
        event_count=len(events),
        mention_count=len(mentions),
        mention_groups=groups[:MAX_MENTION_SOURCES],
        mention_source_count=len(groups),
        backlinks=resolved.backlinks.get(entity.id, []),
        updated=updated,
        history_page=history_page(entity.id),
        version_url=site.history.version_url,
        version=site.history.head.short if site.history.head else "",
        feed=feed_file(entity.id),
        address=exports.entity_path(entity.id),
        site_name=SITE_NAME,
        json_ld=Md(exports.json_ld(entity, resolved, _cited_sources(site, entity), "./", updated)),
    )


def _cited_sources(site: Site, entity: Entity) -> list[Source]:
    cited = {citation.source_id for statement in entity.statements() for citation in statement.citations}
    return [site.content.sources[source_id] for source_id in sorted(cited)]


def _relation_anchors(site: Site, entity: Entity, relations: list) -> list[str]:
    """The anchor of each relation the page lists: its own ones' are theirs (source pages link to
    them); one read backwards is made free of every other on the page, as a relation that reads the
    same both ways ('allied with') would otherwise have the anchor of the entity's own."""
    own = {id(relation): anchor for relation, anchor in zip(entity.relations, relation_anchors(entity))}
    wanted = [
        own[id(view.relation)] if not view.inverse else inverse_relation_anchor(site.content.entities[view.other_id], view.relation)
        for view in relations
    ]
    taken, avoid = set(own.values()), set(wanted)
    return [anchor if not view.inverse else free(anchor, taken, avoid) for view, anchor in zip(relations, wanted)]


def _neighbourhood(site: Site, entity: Entity, relations: list, anchors: list[str], page: str) -> str:
    by_other: dict[str, list[graph_layout.NeighbourRelation]] = {}
    for view, anchor in zip(relations, anchors):
        other = site.content.entities[view.other_id]
        hedged = view.relation.attribution.certainty in HEDGED
        words = CERTAINTY_WORDS.get(view.relation.attribution.certainty or "", "")
        by_other.setdefault(view.other_id, []).append(
            graph_layout.NeighbourRelation(
                view.label,
                view.relation.type,
                hedged,
                anchor,
                f"{entity.name} {view.label} {other.name}"
                + (f" ({time})" if (time := brief_time(view.relation)) else "")
                + (f", {words}" if hedged and words else ""),
            )
        )
    neighbours = [graph_layout.Neighbour(other_id, tuple(found)) for other_id, found in by_other.items()]
    urls = {other_id: directory_url(page, entity_page(other_id)) for other_id in by_other}
    return graph_layout.neighbourhood_svg(site.content, entity.id, neighbours, urls, site.types, site.relation_types)


def _neighbourhood_types(site: Site, entity: Entity, relations: list) -> list[tuple[str, str]]:
    """The legend of the neighbourhood's node colours: each kind of entity drawn, in ENTITY_TYPES order."""
    shown = list(dict.fromkeys(view.other_id for view in relations))[: graph_layout.MAX_NEIGHBOURS]
    kinds = {entity.type} | {site.content.entities[other_id].type for other_id in shown}
    return [(ENTITY_TYPES[kind], graph_layout.type_colour(kind, site.types)) for kind in site.types if kind in kinds]


def _mention_groups(mentions: list[Mention], sources: dict[str, Source]) -> list[MentionGroup]:
    """Mentions by source, the sources with most mentions first (ties by id), each cut to MAX_SNIPPETS."""
    by_source: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_source[mention.source_id].append(mention)
    ordered = sorted(by_source.items(), key=lambda item: (-len(item[1]), item[0]))
    return [MentionGroup(sources[source_id], found[:MAX_SNIPPETS], len(found)) for source_id, found in ordered]



def inputs(resolved: Resolved, entity_id: str) -> set[tuple[str, str]]:
    """What an entity's page is made of: its file; its relations, back-links, events and mentions
    as resolved; the names of the entities it shows; the sources it cites or is mentioned in."""
    entity = resolved.content.entities[entity_id]
    events = resolved.events.get(entity_id, [])
    mentions = resolved.mentions_by_entity.get(entity_id, [])
    shown = {view.other_id for view in resolved.relations.get(entity_id, [])}
    shown |= {backlink.from_id for backlink in resolved.backlinks.get(entity_id, [])}
    prose = [entity.summary]
    for statement in (*entity.statements(), *(Statement("event", event.id, event) for event in events)):
        prose += [getattr(statement.item, "text", None) or "", statement.attribution.according_to or ""]
        if statement.kind == "event":
            shown |= set(statement.item.involved_ids)
    shown |= {link.target_id for text in prose for link in prose_links(text)}
    sources = {c.source_id for s in entity.statements() for c in s.citations}
    sources |= {c.source_id for view in resolved.relations.get(entity_id, []) for c in view.citations}  # others' relations too
    sources |= {c.source_id for event in events for c in event.citations} | {m.source_id for m in mentions}
    return (
        {(key, entity_id) for key in ("entity", "relations-of", "backlinks-of", "events-of", "mentions-of")}
        | {("name", other_id) for other_id in shown}
        | {(key, source_id) for source_id in sources for key in ("source", "anchors")}
    )


KIND = PageKind(
    "entity",
    "entities/",
    pages,
    count=lambda resolved: len(resolved.content.entities),
    items=Items(
        key="entity",
        ids=lambda resolved: resolved.content.entities,
        page=entity_page,
        render=lambda site, entity_id: page(site, site.content.entities[entity_id]),
        inputs=inputs,
    ),
)
