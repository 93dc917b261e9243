"""Resolve: connects validated content into what pages show. Pure functions, no files.

Quotes are located in their sources, mentions found in every body, and every link counted
from both of its ends, before any page is rendered (as Pelican does), so that back-links and
"mentioned in" lists are complete.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ..model import Citation, Content, Event
from ..report import Problem
from .citations import Passage, locate_citations
from .folded import FoldedSources
from .links import Backlink, CitingStatement, RelationView, backlinks, citing_statements, events_by_entity, relation_views
from .mentions import Mention, MentionFinder

__all__ = ["Resolved", "resolve", "Passage", "Mention", "RelationView", "Backlink", "CitingStatement"]


@dataclass
class Resolved:
    """Content plus everything derived from it that pages need."""

    content: Content
    passages: dict[Citation, Passage]
    """Where each verified quote sits; a citation missing here failed verification."""
    mentions_by_source: dict[str, list[Mention]]
    mentions_by_entity: dict[str, list[Mention]]
    relations: dict[str, list[RelationView]]
    backlinks: dict[str, list[Backlink]]
    events: dict[str, list[Event]]
    citing: dict[str, list[CitingStatement]]


def all_citations(content: Content) -> Iterator[Citation]:
    """Every citation in the content, in a stable order."""
    for entity in content.entities.values():
        for relation in entity.relations:
            yield from relation.citations
        for claim in entity.claims:
            yield from claim.citations
        for figure in entity.figures:
            for value in figure.values:
                yield from value.citations
    for event in content.events.values():
        yield from event.citations


def resolve(content: Content) -> tuple[Resolved, list[Problem]]:
    """Everything pages need, and a problem for each quote not found in its source."""
    with _no_cycle_collection():
        return _resolve(content)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while resolving.

    Resolving makes hundreds of thousands of small objects (mentions, spans) and no reference
    cycles; the collector would walk the whole content again and again, finding nothing, which
    cost a third of the time on a 10,000-source corpus. Reference counting still frees garbage.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve(content: Content) -> tuple[Resolved, list[Problem]]:
    folded = FoldedSources(content.sources)
    passages, problems = locate_citations(all_citations(content), content.sources, folded)
    mentions = MentionFinder(content.entities.values()).in_sources(content.sources.values(), folded)
    by_source: dict[str, list[Mention]] = defaultdict(list)
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_source[mention.source_id].append(mention)
        by_entity[mention.entity_id].append(mention)
    resolved = Resolved(
        content=content,
        passages=passages,
        mentions_by_source=dict(by_source),
        mentions_by_entity=dict(by_entity),
        relations=relation_views(content),
        backlinks=backlinks(content),
        events=events_by_entity(content),
        citing=citing_statements(content),
    )
    return resolved, problems
