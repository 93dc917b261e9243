"""The timeline: one page, or an overview and a page per year (in parts) when large."""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping

from ..content.model import Event
from ..resolve import anchors
from ..resolve import Resolved
from ..text.dates import OPEN_START
from . import PageKind, Pages
from .site import Footnotes, IndexPart, Site, split_index

PAGE = "timeline/index.md"


def years(site: Site) -> dict[str, list[Event]]:
    """Events in date order by group: a year, or for an undated event the bound that places it
    ("After February 2024 (date unknown)") or, with no bound, "Date unknown"."""

    def make() -> dict[str, list[Event]]:
        found: dict[str, list[Event]] = {}
        for event in sorted(site.content.events.values(), key=lambda e: e.sort_key):
            found.setdefault(timeline_group(event), []).append(event)
        return found

    return site.once("timeline years", make)


def parts(site: Site) -> list[IndexPart] | None:
    """The timeline's pages by year when it is too long for one page; None when it is one page."""

    def make() -> list[IndexPart] | None:
        if len(site.content.events) <= site.timeline_page_size:
            return None
        groups = [(label if label.isdigit() else anchors.slug(label), label, events) for label, events in years(site).items()]
        return split_index(groups, "timeline/year", site.timeline_page_size)

    return site.once("timeline parts", make)


def event_page(site: Site, event_id: str) -> str:
    """The timeline page an event is on: the one page, or its year's part."""
    pages = site.once("event pages", lambda: {event.id: part.page for part in parts(site) or [] for event in part.items})
    return pages.get(event_id, PAGE)


def pages(site: Site) -> Pages:
    content = site.content
    groups = years(site)
    involved = sorted(
        {entity_id for events in groups.values() for event in events for entity_id in event.involved_ids},
        key=lambda entity_id: (content.entities[entity_id].name.casefold(), entity_id),
    )
    found = parts(site)
    if found is None:
        yield PAGE, _timeline_page(site, PAGE, list(groups.items()), involved)
        return
    pages_of: dict[str, list[str]] = defaultdict(list)
    for part in found:
        for entity_id in dict.fromkeys(e for event in part.items for e in event.involved_ids):
            pages_of[entity_id].append(part.key)
    yield PAGE, site.render(
        "timeline.md.j2", PAGE, years=[], parts=found, part=None,
        footnotes=Footnotes(site.resolved), involved=involved, pages_of=pages_of, event_anchor=anchors.event_anchor,
    )
    for part in found:
        yield part.page, _timeline_page(site, part.page, [(part.label, part.items)], involved, found, part, pages_of)


def _timeline_page(
    site: Site,
    page: str,
    years: list[tuple[str, list[Event]]],
    involved: list[str],
    parts: list[IndexPart] | tuple = (),
    part: IndexPart | None = None,
    pages_of: Mapping[str, list[str]] | None = None,
) -> str:
    return site.render(
        "timeline.md.j2", page, years=years, footnotes=Footnotes(site.resolved), involved=involved,
        parts=parts, part=part, pages_of=pages_of or {}, event_anchor=anchors.event_anchor,
    )


def timeline_group(event: Event) -> str:
    """The heading an event is listed under on the timeline; never a date no source gives."""
    if event.date:  # its first year; '2021 or earlier' has none
        return str(event.date.year) if event.date.start != OPEN_START else event.date.label.capitalize()
    if event.after:
        return f"After {event.after.label} (date unknown)"
    if event.before:
        return f"Before {event.before.label} (date unknown)"
    return "Date unknown"


def made_of(resolved: Resolved) -> tuple:
    """The timeline shows the events; the name and type of the entities (involved, or linked from
    an attribution); and for each event's notes, the sources cited and where each quote sits."""
    events = tuple(resolved.content.events.values())
    citations = [citation for event in events for citation in event.citations]
    passages = [resolved.passages.get(citation) for citation in citations]
    return (
        events,
        tuple((entity.id, entity.name, entity.type) for entity in resolved.content.entities.values()),
        tuple(resolved.content.sources.get(citation.source_id) for citation in citations),
        tuple(passages),
        tuple(resolved.quote_anchors.get(passage) if passage else None for passage in passages),
    )


KIND = PageKind("timeline", "timeline/", pages, made_of=made_of)
