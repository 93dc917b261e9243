"""The timeline: one page, or an overview and a page per year (in parts) when large."""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping

from . import PageKind, Pages
from .. import anchors
from ..model import Event
from ..render import Footnotes, IndexPart, Site, split_index

PAGE = "timeline/index.md"


def pages(site: Site) -> Pages:
    content = site.content
    ordered = sorted(content.events.values(), key=lambda e: e.sort_key)
    # Events in date order fall into groups: a year, or for an undated event the bound that
    # places it ("After February 2024 (date unknown)") or, with no bound, "Date unknown".
    years: dict[str, list[Event]] = {}
    for event in ordered:
        years.setdefault(timeline_group(event), []).append(event)
    involved = sorted(
        {entity_id for event in ordered for entity_id in event.involved_ids},
        key=lambda entity_id: (content.entities[entity_id].name.casefold(), entity_id),
    )
    if len(ordered) <= site.timeline_page_size:
        yield PAGE, _timeline_page(site, PAGE, list(years.items()), involved)
        return
    groups = [(label if label.isdigit() else anchors.slug(label), label, events) for label, events in years.items()]
    parts = split_index(groups, "timeline/year", site.timeline_page_size)
    pages_of: dict[str, list[str]] = defaultdict(list)
    for part in parts:
        for entity_id in dict.fromkeys(e for event in part.items for e in event.involved_ids):
            pages_of[entity_id].append(part.key)
    yield PAGE, site.render(
        "timeline.md.j2", PAGE, years=[], parts=parts, part=None,
        footnotes=Footnotes(site.resolved), involved=involved, pages_of=pages_of,
    )
    for part in parts:
        yield part.page, _timeline_page(site, part.page, [(part.label, part.items)], involved, parts, part, pages_of)


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
        parts=parts, part=part, pages_of=pages_of or {},
    )


def timeline_group(event: Event) -> str:
    """The heading an event is listed under on the timeline; never a date no source gives."""
    if event.date:
        return str(event.date.year)
    if event.after:
        return f"After {event.after.label} (date unknown)"
    if event.before:
        return f"Before {event.before.label} (date unknown)"
    return "Date unknown"


KIND = PageKind("timeline", "timeline/", pages)
