"""What the corpus says that nobody has annotated: for editors mining the sources.

Three lists, from the resolved content: per source, the paragraphs no statement cites; names
(capitalised words and acronyms) that occur in several sources but are no entity's name or
alias; and, per source, the entities it mentions that none of their statements cites it for.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .markup import Md, text
from .model import Paragraph
from .render import entity_page, source_page
from .resolve import Resolved

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
    "August September October November December".split()
)

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


def coverage(resolved: Resolved) -> Coverage:
    content = resolved.content
    cited = {(passage.source_id, passage.paragraph) for passage in resolved.passages.values()}
    uncited = {
        source.id: [paragraph for paragraph in source.paragraphs if (source.id, paragraph.number) not in cited]
        for source in content.sources.values()
    }
    return Coverage(
        uncited={source_id: paragraphs for source_id, paragraphs in uncited.items() if paragraphs},
        paragraphs=sum(len(source.paragraphs) for source in content.sources.values()),
        candidates=candidates(resolved),
        uncited_mentions=uncited_mentions(resolved),
    )


def candidates(resolved: Resolved) -> list[Candidate]:
    """Names in at least MIN_SOURCES sources, outside every entity mention and unlike every known name."""
    known = {name.casefold() for entity in resolved.content.entities.values() for name in entity.names}
    mentioned = defaultdict(list)
    for mention in (mention for mentions in resolved.mentions_by_source.values() for mention in mentions):
        mentioned[(mention.source_id, mention.paragraph)].append((mention.start, mention.end))
    sources_of: dict[str, set[str]] = defaultdict(set)
    spelling: dict[str, str] = {}
    for source in resolved.content.sources.values():
        for paragraph in source.paragraphs:
            spans = mentioned.get((source.id, paragraph.number), [])
            for found in _NAME.finditer(paragraph.text):
                without_lead = _LEADING_NOT_NAMES.sub("", found.group())
                start = found.end() - len(without_lead)
                name = without_lead.rstrip("’'-")
                if not name or not _is_name(name, start, paragraph.text) or name.casefold() in known:
                    continue
                if any(begin < start + len(name) and start < end for begin, end in spans):
                    continue  # part of an entity's name as the text writes it
                key = name.casefold()
                sources_of[key].add(source.id)
                spelling.setdefault(key, name)
    return sorted(
        (Candidate(spelling[key], tuple(sorted(ids))) for key, ids in sources_of.items() if len(ids) >= MIN_SOURCES),
        key=lambda candidate: (-len(candidate.source_ids), candidate.name.casefold()),
    )


def _is_name(name: str, start: int, paragraph: str) -> bool:
    if len(name.split()) > 1 or _ACRONYM.match(name):
        return True
    # One capitalised word counts only inside a sentence: at a sentence's start it may be any word.
    before = paragraph[:start].rstrip()
    return name not in _NOT_NAMES and len(name) > 2 and bool(before) and before[-1] not in ".!?:;“\"‘'(—–-"


def uncited_mentions(resolved: Resolved) -> dict[str, list[tuple[str, int]]]:
    """Per source, the entities it mentions that cite it in none of their statements."""
    content = resolved.content
    cites: dict[str, set[str]] = defaultdict(set)  # entity id → the sources its statements cite
    for entity in content.entities.values():
        statements = [*entity.claims, *entity.relations, *(value for figure in entity.figures for value in figure.values)]
        for statement in statements:
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


def report(resolved: Resolved, link_pages: bool = False) -> Md:
    """The coverage as Markdown: for the terminal, or (``link_pages``) for the editors' page."""
    found = coverage(resolved)
    sources = resolved.content.sources
    uncited_count = sum(len(paragraphs) for paragraphs in found.uncited.values())

    def source_ref(source_id: str, paragraph: int | None = None) -> str:
        if not link_pages:
            return f"`{source_id}`" + (f" ¶{paragraph}" if paragraph else "")
        anchor = f"#p{paragraph}" if paragraph else ""
        return f"[{text(sources[source_id].title)}](../{source_page(source_id)}{anchor})" if not paragraph else (
            f"[¶{paragraph}](../{source_page(source_id)}{anchor})"
        )

    def entity_ref(entity_id: str) -> str:
        return f"[{text(resolved.content.entities[entity_id].name)}](../{entity_page(entity_id)})" if link_pages else f"`{entity_id}`"

    lines = [
        "# Coverage of the corpus",
        "",
        f"{uncited_count} of {found.paragraphs} paragraph(s) in {len(sources)} source(s) are cited by no statement; "
        f"{len(found.candidates)} name(s) occur in {MIN_SOURCES} or more sources but belong to no entity; "
        f"{sum(len(items) for items in found.uncited_mentions.values())} entity(ies) mentioned in a source "
        "that none of their statements cites (counted once per source).",
        "",
        "## Paragraphs no statement cites",
        "",
    ]
    for source_id, paragraphs in found.uncited.items():
        lines += [f"### {source_ref(source_id) if link_pages else f'`{source_id}`'}",
                  "", f"{len(paragraphs)} of {len(sources[source_id].paragraphs)} paragraph(s) uncited.", ""]
        lines += [f"- {source_ref(source_id, paragraph.number) if link_pages else f'¶{paragraph.number}'}: "
                  f"{text(_excerpt(paragraph.text))}" for paragraph in paragraphs]
        lines.append("")
    lines += ["## Names in several sources that belong to no entity", "",
              "Candidates for a new entity, or for an alias of an existing one.", ""]
    lines += [f"- {text(candidate.name)}: {len(candidate.source_ids)} sources "
              f"({', '.join(source_ref(source_id) for source_id in candidate.source_ids)})" for candidate in found.candidates]
    lines += ["", "## Entities mentioned in a source that none of their statements cites", ""]
    for source_id, items in found.uncited_mentions.items():
        mentioned = ", ".join(f"{entity_ref(entity_id)} ({count})" for entity_id, count in items)
        lines.append(f"- {source_ref(source_id)}: {mentioned}")
    return Md("\n".join(lines) + "\n")


def page(resolved: Resolved) -> Md:
    """The editors' page: the report with links, kept out of the readers' search."""
    return Md("---\nsearch:\n  exclude: true\n---\n\n" + report(resolved, link_pages=True))


def _excerpt(paragraph: str) -> str:
    if len(paragraph) <= _EXCERPT_LENGTH:
        return paragraph
    return paragraph[:_EXCERPT_LENGTH].rsplit(" ", 1)[0] + " …"
