"""What the corpus says that nobody has annotated: for editors mining the sources.

Three lists, from the resolved content: per source, the paragraphs no statement cites; names
(capitalised words and acronyms, nationality adjectives and demonyms left out) that occur in
several sources but are no entity's name or alias; and, per source, the entities it mentions
that none of their statements cites it for.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..content.model import Paragraph, Source
from ..pages.addresses import entity_page, source_page
from ..pages.site import by_year, newest_first, split_index
from ..resolve import Resolved
from ..resolve.anchors import within
from ..text.demonyms import is_demonym
from ..text.markup import Md, text
from ..text.typography import name_key as _uncached_name_key

PAGE = "coverage/index.md"
"""The editors' page, outside the readers' navigation (see mkdocs.yml's not_in_nav)."""

MIN_SOURCES = 2
"""A name becomes a candidate when this many sources use it."""

_EXCERPT_LENGTH = 120

# A run of capitalised words ("Operation Barkhane", "Jama'at Nasr al-Islam"), joined by the small
# words names contain; or an acronym ("ECOWAS", "G5"). Letters beyond ASCII count (Ségou).
_CAPITALISED = r"[A-Z][\w’'-]*"
_NAME = re.compile(
    rf"\b{_CAPITALISED}(?:\s+(?:(?:of|the|de|du|des|al|el|ul|wa|wal|and|for)\s+)*{_CAPITALISED})*"
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+$")
# Capitalised for grammar, not because they name something.
_NOT_NAMES = frozenset(
    "A An And As At But By For From He Her His I If In It Its Mr Mrs Ms No Not Of On Or She So The Their "
    "There These They This Those To We What When Where Which While Who With You "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December "
    # French: articles and determiners ("Les Maliens" is not a name)
    "Le La Les Un Une Des Du Au Aux Ce Cet Cette Ces".split()
)

# A corpus repeats its names hundreds of thousands of times: each is folded once.
name_key = lru_cache(maxsize=1 << 16)(_uncached_name_key)

_LEADING_NOT_NAMES = re.compile(rf"^(?:(?:{'|'.join(sorted(_NOT_NAMES))})\s+)+")


@dataclass(frozen=True)
class Candidate:
    """A name several sources use that belongs to no entity."""

    name: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    uncited: dict[str, list[Paragraph]]
    """Source id → its paragraphs no statement cites (sources with none left out)."""
    paragraphs: int
    """How many paragraphs the corpus has."""
    candidates: list[Candidate]
    uncited_mentions: dict[str, list[tuple[str, int]]]
    """Source id → (entity id, how many times the source mentions it) for entities that never cite it."""


def coverage(resolved: Resolved, cache: dict | None = None) -> Coverage:
    content = resolved.content
    cited = {(passage.source_id, passage.paragraph) for passage in resolved.passages.values()}
    uncited = {
        source.id: [paragraph for paragraph in source.paragraphs if (source.id, paragraph.number) not in cited]
        for source in content.sources.values()
    }
    return Coverage(
        uncited={source_id: paragraphs for source_id, paragraphs in uncited.items() if paragraphs},
        paragraphs=sum(len(source.paragraphs) for source in content.sources.values()),
        candidates=candidates(resolved, None if cache is None else cache.setdefault("names", {})),
        uncited_mentions=uncited_mentions(resolved),
    )


def candidates(resolved: Resolved, cache: dict | None = None) -> list[Candidate]:
    """Names in at least MIN_SOURCES sources, outside every entity mention and unlike every known name.

    ``cache`` (for a long-lived process) keeps each source's names while the source and its
    mentions are unchanged."""
    known = {name_key(name) for entity in resolved.content.entities.values() for name in entity.names}
    sources_of: dict[str, set[str]] = defaultdict(set)
    spelling: dict[str, str] = {}
    kept = {}
    for source in resolved.content.sources.values():
        mentions = resolved.mentions_by_source.get(source.id, [])
        inputs = (source, mentions)
        if cache is not None and source.id in cache and cache[source.id][0] == inputs:
            names = cache[source.id][1]
        else:
            names = _names_in(source, mentions)
        kept[source.id] = (inputs, names)
        for name in names:
            key = name_key(name)
            if key in known:
                continue
            sources_of[key].add(source.id)
            spelling.setdefault(key, name)
    if cache is not None:
        cache.clear()
        cache.update(kept)
    return sorted(
        (Candidate(spelling[key], tuple(sorted(ids))) for key, ids in sources_of.items() if len(ids) >= MIN_SOURCES),
        key=lambda candidate: (-len(candidate.source_ids), candidate.name.casefold()),
    )


def _names_in(source: Source, mentions: list) -> list[str]:
    """The names a source uses, in order, outside its entity mentions."""
    mentioned = defaultdict(list)
    for mention in mentions:
        mentioned[mention.paragraph].append((mention.start, mention.end))
    names = []
    for paragraph in source.paragraphs:
        spans = mentioned.get(paragraph.number, [])
        for found in _NAME.finditer(paragraph.text):
            lead, name = _without_lead(found.group())
            start = found.start() + lead
            if not name or not _is_name(name, start, paragraph.text) or is_demonym(name):
                continue
            if any(begin < start + len(name) and start < end for begin, end in spans):
                continue  # part of an entity's name as the text writes it
            names.append(name)
    return names


@lru_cache(maxsize=1 << 16)  # a corpus repeats its names: each run of words is trimmed once
def _without_lead(words: str) -> tuple[int, str]:
    """A run of capitalised words without the grammar words leading it and its trailing
    apostrophes and hyphens, and how many characters led it ('The Wagner Group' → 4, 'Wagner Group')."""
    without_lead = _LEADING_NOT_NAMES.sub("", words)
    return len(words) - len(without_lead), without_lead.rstrip("’'-")


def _is_name(name: str, start: int, paragraph: str) -> bool:
    if len(name.split()) > 1 or _ACRONYM.match(name):
        return True
    # One capitalised word counts only inside a sentence: at a sentence's start it may be any word.
    return name not in _NOT_NAMES and len(name) > 2 and _character_before(paragraph, start) not in ".!?:;“\"‘'(—–-"


def _character_before(paragraph: str, start: int) -> str:
    """The last character before ``start`` that is not a space ('' at the paragraph's start),
    found without copying the paragraph up to there for each word of it."""
    index = start - 1
    while index >= 0 and paragraph[index].isspace():
        index -= 1
    return paragraph[index] if index >= 0 else ""


def uncited_mentions(resolved: Resolved) -> dict[str, list[tuple[str, int]]]:
    """Per source, the entities it mentions that cite it in none of their statements."""
    content = resolved.content
    cites: dict[str, set[str]] = defaultdict(set)  # entity id → the sources its statements cite
    for entity in content.entities.values():
        for statement in entity.statements():
            for citation in statement.citations:
                cites[entity.id].add(citation.source_id)
        for relation in entity.relations:  # the target's page shows the relation too
            cites[relation.target_id] |= {citation.source_id for citation in relation.citations}
    for event in content.events.values():
        for entity_id in event.involved_ids:
            cites[entity_id] |= {citation.source_id for citation in event.citations}
    found = {}
    for source_id, mentions in sorted(resolved.mentions_by_source.items()):
        counts: dict[str, int] = defaultdict(int)
        for mention in mentions:
            if source_id not in cites[mention.entity_id]:
                counts[mention.entity_id] += 1
        if counts:
            found[source_id] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return found


PART_SIZE = 50
"""Sources a part of the editors' page covers at most: about 300 KB of Markdown at 1,000
sources. A larger corpus gets an overview page and parts by year, as the sources index does."""

CANDIDATE_SOURCES_SHOWN = 10
"""Sources linked from each candidate name on the editors' page; the rest are counted."""


def report(resolved: Resolved) -> Md:
    """The coverage as Markdown for the terminal (``build.py coverage``)."""
    found = coverage(resolved)
    lines = _summary(resolved, found) + ["## Paragraphs no statement cites", ""]
    for source_id, paragraphs in found.uncited.items():
        lines += _uncited_section(resolved, source_id, paragraphs, _Refs(resolved, link_pages=False))
    lines += _candidates(found.candidates, _Refs(resolved, link_pages=False))
    lines += ["", "## Entities mentioned in a source that none of their statements cites", ""]
    refs = _Refs(resolved, link_pages=False)
    lines += [refs.mentioned(source_id, items) for source_id, items in found.uncited_mentions.items()]
    return Md("\n".join(lines) + "\n")


def pages(resolved: Resolved, cache: dict | None = None, part_size: int = PART_SIZE) -> Iterator[tuple[str, Md]]:
    """The editors' pages, kept out of the readers' search: one page, or an overview and parts.

    ``cache`` (for a long-lived process) keeps each source's candidate names and its section of
    uncited paragraphs while the source and what they depend on are unchanged."""
    found = coverage(resolved, cache)
    refs = _Refs(resolved, link_pages=True)
    kept = {} if cache is None else cache.setdefault("uncited", {})

    def uncited(source_ids: list[str], depth: str) -> list[str]:
        lines = ["## Paragraphs no statement cites", ""]
        for source_id in source_ids:
            paragraphs = found.uncited.get(source_id)
            if paragraphs:
                inputs = (resolved.content.sources[source_id], paragraphs, depth)
                if source_id not in kept or kept[source_id][0] != inputs:
                    kept[source_id] = (inputs, _uncited_section(resolved, source_id, paragraphs, refs.at(depth)))
                lines += kept[source_id][1]
        return lines

    def mentioned(source_ids: list[str], depth: str) -> list[str]:
        at_depth = refs.at(depth)
        lines = ["", "## Entities mentioned in a source that none of their statements cites", ""]
        mentions = found.uncited_mentions
        return lines + [at_depth.mentioned(source_id, mentions[source_id]) for source_id in source_ids if source_id in mentions]

    sources = resolved.content.sources
    overview = _summary(resolved, found)
    if len(sources) <= part_size:
        every = list(found.uncited_mentions.keys() | found.uncited.keys())
        every.sort()
        lines = overview + uncited(list(found.uncited), "../") + _candidates(found.candidates, refs) + mentioned(every, "../")
        yield PAGE, _editors_page(lines)
        return
    groups = [(key, label, [source.id for source in found]) for key, label, found in by_year(newest_first(sources.values()))]
    parts = split_index(groups, PARTS_FOLDER, part_size)
    listing = ["## The sources, in parts", "", "Each part lists its sources' uncited paragraphs and the entities they mention "
               "that none of their statements cites.", ""]
    listing += [f"- [{text(part.label)}](../{part.page}): {len(part.items)} source(s), "
                f"{sum(len(found.uncited.get(source_id, [])) for source_id in part.items)} uncited paragraph(s)" for part in parts]
    yield PAGE, _editors_page(overview + listing + [""] + _candidates(found.candidates, refs))
    for part in parts:
        heading = [f"# Coverage of the corpus: {text(part.label)}", "", "[All parts](../../index.md)", ""]
        yield part.page, _editors_page(heading + uncited(part.items, "../../../") + mentioned(part.items, "../../../"))


PARTS_FOLDER = "coverage/sources"


def _editors_page(lines: list[str]) -> Md:
    return Md("---\nsearch:\n  exclude: true\n---\n\n" + "\n".join(lines) + "\n")


class _Refs:
    """How the report names a source, a paragraph and an entity: code for the terminal, links
    (relative to a page ``depth`` folders down from docs/) for the editors' pages. Entity links
    are made once per entity: at 10,000 sources they are written 300,000 times."""

    def __init__(self, resolved: Resolved, link_pages: bool, depth: str = "../") -> None:
        self.resolved, self.link_pages, self.depth = resolved, link_pages, depth
        self._entities: dict[str, str] = {}

    def at(self, depth: str) -> "_Refs":
        return self if depth == self.depth else _Refs(self.resolved, self.link_pages, depth)

    def source(self, source_id: str, paragraph: int | None = None) -> str:
        if not self.link_pages:
            return f"`{source_id}`" + (f" ¶{paragraph}" if paragraph else "")
        address = f"{self.depth}{source_page(source_id)}"
        if paragraph:
            return f"[¶{paragraph}]({address}#p{paragraph})"
        return f"[{text(self.resolved.content.sources[source_id].title)}]({address})"

    def entity(self, entity_id: str) -> str:
        if entity_id not in self._entities:
            name = text(self.resolved.content.entities[entity_id].name)
            self._entities[entity_id] = f"[{name}]({self.depth}{entity_page(entity_id)})" if self.link_pages else f"`{entity_id}`"
        return self._entities[entity_id]

    def mentioned(self, source_id: str, items: list[tuple[str, int]]) -> str:
        return f"- {self.source(source_id)}: " + ", ".join(f"{self.entity(entity_id)} ({count})" for entity_id, count in items)


def _summary(resolved: Resolved, found: Coverage) -> list[str]:
    uncited_count = sum(len(paragraphs) for paragraphs in found.uncited.values())
    return [
        "# Coverage of the corpus",
        "",
        f"{uncited_count} of {found.paragraphs} paragraph(s) in {len(resolved.content.sources)} source(s) are cited by no statement; "
        f"{len(found.candidates)} name(s) occur in {MIN_SOURCES} or more sources but belong to no entity; "
        f"{sum(len(items) for items in found.uncited_mentions.values())} entity(ies) mentioned in a source "
        "that none of their statements cites (counted once per source).",
        "",
    ]


def _uncited_section(resolved: Resolved, source_id: str, paragraphs: list[Paragraph], refs: _Refs) -> list[str]:
    source = resolved.content.sources[source_id]
    heading = f"### {refs.source(source_id)}"
    if refs.link_pages:  # its own id, not one made of the title (see render.heading_id)
        heading += f" {{: #{within(source_id, 'uncited')} }}"
    lines = [heading, "", f"{len(paragraphs)} of {len(source.paragraphs)} paragraph(s) uncited.", ""]
    lines += [
        f"- {refs.source(source_id, paragraph.number) if refs.link_pages else f'¶{paragraph.number}'}: {text(_excerpt(paragraph.text))}"
        for paragraph in paragraphs
    ]
    return lines + [""]


def _candidates(candidates: list[Candidate], refs: _Refs) -> list[str]:
    lines = ["## Names in several sources that belong to no entity", "",
             "Candidates for a new entity, or for an alias of an existing one.", ""]
    for candidate in candidates:
        shown = candidate.source_ids if not refs.link_pages else candidate.source_ids[:CANDIDATE_SOURCES_SHOWN]
        more = len(candidate.source_ids) - len(shown)
        listed = ", ".join(refs.source(source_id) for source_id in shown) + (f" and {more} more" if more else "")
        lines.append(f"- {text(candidate.name)}: {len(candidate.source_ids)} sources ({listed})")
    return lines


def _excerpt(paragraph: str) -> str:
    if len(paragraph) <= _EXCERPT_LENGTH:
        return paragraph
    return paragraph[:_EXCERPT_LENGTH].rsplit(" ", 1)[0] + " …"
