"""An entity's page: its summary, claims, figures, relations, events, mentions and back-links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import Items, PageKind, Pages
from .. import exports, graph
from ..anchors import claim_anchors, event_anchor, relation_anchor
from ..markup import Md
from ..model import Entity, Source, Statement
from ..prose import prose_links
from ..render import (
    HEDGED,
    MAX_ENTITY_EVENTS,
    MAX_MENTION_SOURCES,
    MAX_SNIPPETS,
    SITE_NAME,
    Footnotes,
    Site,
    directory_url,
)
from ..addresses import entity_page
from ..resolve import Mention, Resolved


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
    mentions = resolved.mentions_by_entity.get(entity.id, [])
    groups = _mention_groups(mentions, content.sources)
    events = resolved.events.get(entity.id, [])
    updated = site.updated(entity.id)
    return site.render(
        "entity.md.j2",
        path,
        entity=entity,
        footnotes=footnotes,
        figures=[(figure, site.figure_rows(entity, index)) for index, figure in enumerate(entity.figures)],
        claims=list(zip(entity.claims, claim_anchors(entity))),
        relations=[(view, _relation_anchor(site, entity.id, view)) for view in relations],
        event_anchor=event_anchor,
        neighbourhood=Md(_neighbourhood(site, entity, relations, path)) if relations else None,
        events=events[-MAX_ENTITY_EVENTS:],
        event_count=len(events),
        mention_count=len(mentions),
        mention_groups=groups[:MAX_MENTION_SOURCES],
        mention_source_count=len(groups),
        backlinks=resolved.backlinks.get(entity.id, []),
        updated=updated,
        address=exports.entity_path(entity.id),
        site_name=SITE_NAME,
        json_ld=Md(exports.json_ld(entity, resolved, _cited_sources(site, entity), "./", updated)),
    )


def _cited_sources(site: Site, entity: Entity) -> list[Source]:
    cited = {citation.source_id for statement in entity.statements() for citation in statement.citations}
    return [site.content.sources[source_id] for source_id in sorted(cited)]


def _relation_anchor(site: Site, entity_id: str, view) -> str:
    subject = site.content.entities[view.other_id if view.inverse else entity_id]
    return relation_anchor(subject, view.relation, view.label, view.other_id)


def _neighbourhood(site: Site, entity: Entity, relations: list, page: str) -> str:
    labels: dict[str, list[str]] = defaultdict(list)
    for view in relations:
        if view.label not in labels[view.other_id]:
            labels[view.other_id].append(view.label)
    hedged: dict[str, list[bool]] = defaultdict(list)
    for view in relations:
        hedged[view.other_id].append(view.relation.attribution.certainty in HEDGED)
    neighbours = [graph.Neighbour(other_id, tuple(found), all(hedged[other_id])) for other_id, found in labels.items()]
    urls = {other_id: directory_url(page, entity_page(other_id)) for other_id in labels}
    return graph.neighbourhood_svg(site.content, entity.id, neighbours, urls, site.types)


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
        ids=lambda resolved: resolved.content.entities,
        page=entity_page,
        render=lambda site, entity_id: page(site, site.content.entities[entity_id]),
        inputs=inputs,
    ),
)
