"""Resolve: connects validated content into what pages show. Pure functions, no files.

Quotes are located in their sources, mentions found in every body, and every link counted
from both of its ends, before any page is rendered (as Pelican does), so that back-links and
"mentioned in" lists are complete.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Hashable, Iterable, Iterator, NamedTuple

from ..content.model import Citation, Content, Entity, Event, Source, Statement
from ..memo import Memo
from ..report import Problem
from .citations import Passage, locate_in, not_found_messages
from .folded import PARAGRAPH_BREAK, FoldedSource
from .hedges import dropped_hedge
from .links import Backlink, CitingStatement, RelationView, backlinks, citing_statements, events_by_entity, relation_views
from .mentions import Mention, MentionFinder, Spellings, entity_spellings
from .trimmed import trimmed_quotes

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


class _KeptSource:
    """One source as a run resolved it: what the next run reuses while the source is unchanged."""

    __slots__ = ("source", "quotes", "mentions", "folded_text")

    def __init__(self, source: Source):
        self.source = source
        self.quotes: dict[tuple, Passage | str | None] = {}
        """Where each quote was found (or why it is refused), by quote, paragraph, prefix and suffix."""
        self.mentions: list[Mention] | None = None
        self.folded_text: str | None = None
        """Its body folded for names (kept by a long-lived process only): a spelling added or removed
        re-scans only the sources that contain it."""


class _OwnerWork(NamedTuple):
    """What an entity's or event's citations come to: their passages, the problems with their
    quotes, and the statements that drop their source's hedge or say more than their quotes."""

    passages: dict[Citation, Passage]
    problems: list[Problem]
    hedges: list[Problem]


@dataclass
class ResolveCache:
    """What a long-lived process (the live preview) keeps from one run to the next: per source,
    where its quotes were found and its mentions (kept while the source is unchanged and no
    spelling it contains was added or removed); per entity and event, what its statements come
    to (kept while it, its citations' sources and their quotes' places are unchanged); and the
    mentions by entity, patched for the sources whose mentions changed."""

    sources: dict[str, _KeptSource] = field(default_factory=dict)
    words: Spellings = field(default_factory=dict)
    finder: MentionFinder | None = None
    by_entity: dict[str, list[Mention]] = field(default_factory=dict)
    owners: Memo = field(default_factory=Memo)
    """Each entity's and event's statements and citations (``Owner``)."""
    works: Memo = field(default_factory=Memo)
    """What each one's statements come to (``_OwnerWork``)."""
    spellings: Memo = field(default_factory=Memo)
    relations: Memo = field(default_factory=Memo)
    backlinks: Memo = field(default_factory=Memo)
    citing: Memo = field(default_factory=Memo)
    anchors: Memo = field(default_factory=Memo)


def resolve(content: Content, cache: ResolveCache | None = None) -> tuple[Resolved, list[Problem]]:
    """Everything pages need, and a problem for each quote not found in its source.

    ``cache`` (for a long-lived process) makes the next run redo only what an edit touches; the
    result is the same as without it."""
    with no_cycle_collection():
        return _resolve(content, cache if cache is not None else ResolveCache(), long_lived=cache is not None)


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


def quote_anchors(passages: Iterable[Passage], memo: Memo | None = None) -> dict[Passage, str]:
    """An anchor for each distinct passage: its paragraph, and its rank there by start (outer first).

    ``memo`` (for a long-lived process) keeps each source's anchors while its passages are the same."""
    memo = memo if memo is not None else Memo()
    by_source: dict[str, list[Passage]] = defaultdict(list)
    for passage in passages:
        by_source[passage.source_id].append(passage)
    anchors: dict[Passage, str] = {}
    for source_id, found in by_source.items():
        anchors.update(memo.get(source_id, tuple(found), lambda: _anchors_in_source(found)))
    return anchors


def _anchors_in_source(passages: list[Passage]) -> dict[Passage, str]:
    by_paragraph: dict[int, set[Passage]] = defaultdict(set)
    for passage in passages:
        by_paragraph[passage.paragraph].add(passage)
    anchors = {}
    for found in by_paragraph.values():
        for rank, passage in enumerate(sorted(found, key=lambda p: (p.start, -p.end)), start=1):
            anchors[passage] = f"{passage.anchor}-q{rank}"
    return anchors


MAX_RESCANNED_SPELLINGS = 16
"""Spellings added or removed at once that are looked for in each source's folded text; with
more (a branch switched), every source is scanned again, which is then quicker."""


def _resolve(content: Content, cache: ResolveCache, long_lived: bool) -> tuple[Resolved, list[Problem]]:
    sources = content.sources
    owners = [cache.owners.get(entity.id, entity, lambda: Owner.of(entity.id, entity)) for entity in content.entities.values()]
    owners += [cache.owners.get(("event", event.id), event, lambda: Owner.of(("event", event.id), event)) for event in content.events.values()]
    # Each source's citations, its quotes looked up (or located) below while the source is at hand.
    cited: dict[str, list[Citation]] = defaultdict(list)
    for owner in owners:
        for citation in owner.citations:
            if citation.source_id in sources:
                cited[citation.source_id].append(citation)
    # The spellings added, removed or given to another entity since the last run.
    words = spellings_of(content, cache.spellings)
    if words == cache.words:
        rescan = set()
    else:
        rescan = {key for key in words.keys() | cache.words.keys() if words.get(key) != cache.words.get(key)}
        cache.finder = None
    finder = cache.finder
    # One pass over the sources, each folded at most once for its quotes and its mentions, and then let go.
    found: dict[int, Passage | str | None] = {}  # by id(citation): a Citation's own hash costs microseconds
    found_contexts: dict[int, Passage | str | None] = {}  # where each citation's context is, the same way
    kept_sources: dict[str, _KeptSource] = {}
    changed_mentions: list[tuple[list[Mention] | None, list[Mention]]] = []
    for source in sources.values():
        kept = cache.sources.get(source.id)
        if kept is None or not (kept.source is source or kept.source == source):
            kept = _KeptSource(source)
        folded = None
        for citation in cited.get(source.id, ()):
            key = (citation.quote, citation.paragraph, citation.prefix, citation.suffix)
            if key not in kept.quotes:
                folded = folded or FoldedSource(source)
                kept.quotes[key] = locate_in(folded, [citation]).get(citation)
            found[id(citation)] = kept.quotes[key]
            if citation.context:  # located as a quote is: whole words, once in the source
                key = ("context", citation.context)
                if key not in kept.quotes:
                    folded = folded or FoldedSource(source)
                    context = Citation(source.id, citation.context, citation.position)
                    kept.quotes[key] = locate_in(folded, [context]).get(context)
                found_contexts[id(citation)] = kept.quotes[key]
        paragraphs = _paragraphs_to_rescan(kept, rescan) if kept.mentions is not None and rescan else set()
        if kept.mentions is None or paragraphs is None:
            finder = finder or MentionFinder(content.entities.values(), words)
            folded = folded or FoldedSource(source)
            before = cache.sources.get(source.id)
            mentions = finder.in_source(folded)
            changed_mentions.append((before.mentions if before else None, mentions))
            kept.mentions = mentions
            kept.folded_text = folded.names.text if long_lived else None
        elif paragraphs:
            finder = finder or MentionFinder(content.entities.values(), words)
            mentions = _rescanned(kept, paragraphs, finder)
            changed_mentions.append((kept.mentions, mentions))
            kept.mentions = mentions
        kept_sources[source.id] = kept
    removed = [kept.mentions for source_id, kept in cache.sources.items() if source_id not in kept_sources]
    by_entity = _mentions_by_entity(cache.by_entity, changed_mentions, removed, kept_sources)
    cache.sources, cache.words, cache.finder, cache.by_entity = kept_sources, words, finder, by_entity
    mentions = {source_id: kept.mentions for source_id, kept in kept_sources.items() if kept.mentions}
    works = _owner_works(owners, found, found_contexts, sources, mentions, cache.works)
    passages: dict[Citation, Passage] = {}
    problems: list[Problem] = []
    for work in works:
        passages.update(work.passages)
        problems += work.problems
    for work in works:
        problems += work.hedges
    resolved = Resolved(
        content=content,
        passages=passages,
        mentions_by_source=mentions,
        mentions_by_entity=by_entity,
        relations=relation_views(content, cache.relations),
        backlinks=backlinks(content, cache.backlinks),
        events=events_by_entity(content),
        citing=citing_statements(content, cache.citing),
        quote_anchors=quote_anchors(passages.values(), cache.anchors),
    )
    return resolved, problems


def spellings_of(content: Content, memo: Memo) -> Spellings:
    """Every spelling mentions are found by (``mentions.spellings``), each entity's kept while it is unchanged."""
    words: Spellings = {}
    for entity in content.entities.values():
        for key, value in memo.get(entity.id, entity, lambda: entity_spellings(entity)):
            words.setdefault(key, value)
    return words


def _paragraphs_to_rescan(kept: _KeptSource, spellings: set[str]) -> set[int] | None:
    """The indexes of a source's paragraphs that hold one of these spellings, whose mentions may
    have changed; None when the whole source must be scanned again (too many spellings, or its
    folded text not kept)."""
    text = kept.folded_text
    if text is None or len(spellings) > MAX_RESCANNED_SPELLINGS:
        return None
    if not any(spelling in text for spelling in spellings):  # most sources: one fast test per spelling
        return set()
    # A spelling never holds PARAGRAPH_BREAK, so no mention spans two paragraphs, and each
    # paragraph's mentions are what a scan of that paragraph alone finds.
    return {
        index for index, folded in enumerate(text.split(PARAGRAPH_BREAK)) if any(spelling in folded for spelling in spellings)
    }


def _rescanned(kept: _KeptSource, indexes: set[int], finder: MentionFinder) -> list[Mention]:
    """A source's mentions with those of some paragraphs found again."""
    source = kept.source
    numbers = {source.paragraphs[index].number for index in indexes}
    mentions = [mention for mention in kept.mentions or () if mention.paragraph not in numbers]
    for index in indexes:
        number, text = source.paragraphs[index]
        mentions += [Mention(source.id, number, start, end, entity_id) for start, end, entity_id in finder.find(text)]
    return sorted(mentions)  # by paragraph, then start: the order a scan of the whole source gives


def _mentions_by_entity(
    before: dict[str, list[Mention]],
    changed: list[tuple[list[Mention] | None, list[Mention]]],
    removed: list[list[Mention] | None],
    kept_sources: dict[str, _KeptSource],
) -> dict[str, list[Mention]]:
    """Each entity's mentions in source order, then text order (which is the order of the
    Mention tuples), entities in the order of their first mention. Only the entities with a
    mention gone or new, in the sources whose mentions were found again, are redone (unless
    most sources were)."""
    if not before or len(changed) + len(removed) > len(kept_sources) // 4:
        by_entity: dict[str, list[Mention]] = defaultdict(list)
        for kept in kept_sources.values():
            for mention in kept.mentions or ():
                by_entity[mention.entity_id].append(mention)
        return dict(by_entity)
    gone: set[Mention] = {mention for mentions in removed for mention in mentions or ()}
    new: dict[str, list[Mention]] = defaultdict(list)
    for old_mentions, mentions in changed:
        old, now = set(old_mentions or ()), set(mentions)
        gone |= old - now
        for mention in now - old:
            new[mention.entity_id].append(mention)
    by_entity = dict(before)
    for entity_id in {mention.entity_id for mention in gone} | new.keys():
        mentions = sorted([mention for mention in before.get(entity_id, ()) if mention not in gone] + new.get(entity_id, []))
        if mentions:
            by_entity[entity_id] = mentions
        else:
            by_entity.pop(entity_id, None)
    return dict(sorted(by_entity.items(), key=lambda item: item[1][0]))


class Owner(NamedTuple):
    """An entity or event, its statements and their citations, as resolve goes through them."""

    key: Hashable
    item: Entity | Event
    statements: tuple[Statement, ...]
    citations: tuple[Citation, ...]
    source_ids: tuple[str, ...]
    """Each citation's source id."""
    citation_ids: tuple[int, ...]
    """Each citation's ``id()``: the item keeps its citations, so these stay theirs while it lives."""

    @classmethod
    def of(cls, key: Hashable, item: Entity | Event) -> Owner:
        statements = tuple(item.statements()) if isinstance(item, Entity) else (Statement("event", item.id, item),)
        citations = tuple(citation for statement in statements for citation in statement.citations)
        return cls(key, item, statements, citations, tuple(c.source_id for c in citations), tuple(map(id, citations)))


def _owner_works(
    owners: list[Owner],
    found: dict[int, Passage | str | None],
    found_contexts: dict[int, Passage | str | None],
    sources: dict[str, Source],
    mentions: dict[str, list[Mention]],
    memo: Memo,
) -> list[_OwnerWork]:
    """What each entity's and event's statements come to, in content order; redone only for those
    that changed, or whose cited sources, their quotes' places or their mentions did."""
    works: list[_OwnerWork | None] = []
    redo = []
    for owner in owners:
        inputs = (
            owner.item,
            tuple(map(sources.get, owner.source_ids)),
            tuple(map(found.get, owner.citation_ids)),
            tuple(map(found_contexts.get, owner.citation_ids)),
            tuple(map(mentions.get, owner.source_ids)),
        )
        work = memo.kept(owner.key, inputs)
        if work is None:
            redo.append((len(works), owner, inputs))
        works.append(work)
    missing = [
        (citation, source)
        for _, owner, (_, cited_sources, matches, *_) in redo
        for citation, source, match in zip(owner.citations, cited_sources, matches)
        if source is not None and match is None
    ]
    messages = not_found_messages(missing)
    for index, owner, inputs in redo:
        works[index] = memo.keep(owner.key, inputs, _owner_work(owner, inputs[1], inputs[2], inputs[3], sources, mentions, messages))
    return works


def _owner_work(
    owner: Owner,
    cited_sources: tuple,
    matches: tuple,
    context_matches: tuple,
    sources: dict[str, Source],
    mentions: dict[str, list[Mention]],
    messages: dict[int, str],
) -> _OwnerWork:
    passages: dict[Citation, Passage] = {}
    contexts: dict[Citation, Passage] = {}
    problems: list[Problem] = []
    for citation, source, match, context in zip(owner.citations, cited_sources, matches, context_matches):
        if source is None:
            continue  # not in content/sources/: validate reports it
        if isinstance(match, Passage):
            passages[citation] = match
            if citation.context:
                if isinstance(context, Passage) and (context.paragraph, context.end) <= (match.paragraph, match.start):
                    contexts[citation] = context
                else:
                    problems.append(Problem(citation.position, _context_refused(citation, context)))
        else:
            problems.append(Problem(citation.position, match if isinstance(match, str) else messages[id(citation)]))
    warnings = [problem for statement in owner.statements if (problem := dropped_hedge(statement, passages, sources, mentions))]
    for statement in owner.statements:
        warnings += trimmed_quotes(statement, passages, contexts, sources, mentions)
    return _OwnerWork(passages, problems, warnings)


def _context_refused(citation: Citation, context: Passage | str | None) -> str:
    """Why a citation's ``context`` does not count: not in the source, refused as a quote would
    be, or not before the quote."""
    if isinstance(context, str):
        return f"context: {context}"
    where = "after the quote" if context else "not in the source"
    return (
        f'context "{citation.context}" is {where} in {citation.source_id}: copy, exactly, the words before the '
        "quote that name who it is about"
    )
