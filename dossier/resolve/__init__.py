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
from typing import Iterable, Iterator

from ..model import Citation, Content, Event
from ..report import Problem
from .citations import Passage, locate_in, located
from .folded import FoldedSource
from .hedges import dropped_hedges
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
    quote_anchors: dict[Passage, str]
    """Each verified passage's anchor on its source page: 'p3-q2', the second quote in paragraph 3."""


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
    with no_cycle_collection():
        return _resolve(content)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector for a stage that makes many objects and no cycles.

    Loading, validating and resolving make hundreds of thousands of small objects (parsed
    YAML, paragraphs, mentions) and no reference cycles; the collector would walk all of the
    content again and again, finding nothing: a third of resolving time, and a fifth of check,
    on a 10,000-source corpus. Reference counting still frees what is no longer used.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def quote_anchors(passages: Iterable[Passage]) -> dict[Passage, str]:
    """An anchor for each distinct passage: its paragraph, and its rank there by start (outer first)."""
    by_paragraph: dict[tuple[str, int], set[Passage]] = defaultdict(set)
    for passage in passages:
        by_paragraph[passage.source_id, passage.paragraph].add(passage)
    anchors = {}
    for found in by_paragraph.values():
        for rank, passage in enumerate(sorted(found, key=lambda p: (p.start, -p.end)), start=1):
            anchors[passage] = f"{passage.anchor}-q{rank}"
    return anchors


def _resolve(content: Content) -> tuple[Resolved, list[Problem]]:
    # One pass over the sources, each folded once for its quotes and its mentions, and then let go.
    citations = [citation for citation in all_citations(content) if citation.source_id in content.sources]
    cited: dict[str, list[Citation]] = defaultdict(list)
    for citation in citations:
        cited[citation.source_id].append(citation)
    finder = MentionFinder(content.entities.values())
    found: dict[Citation, Passage | str] = {}
    mentions: list[Mention] = []
    for source in content.sources.values():
        folded = FoldedSource(source)
        found.update(locate_in(folded, cited.get(source.id, ())))
        mentions += finder.in_source(folded)
    passages, problems = located(citations, found, content.sources)
    problems += dropped_hedges(content, passages)
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
        quote_anchors=quote_anchors(passages.values()),
    )
    return resolved, problems
