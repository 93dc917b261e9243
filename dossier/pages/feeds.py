"""Atom feeds of the changes to the evidence (feeds/): one for the whole site (feeds/index.xml)
and one per entity (feeds/<id>.xml), each entry one change of one statement as the history pages
show it; a withdrawal is an entry of its own.

Written with feedgen. Every date is a commit's, never the clock's, so the same history gives the
same bytes; an entry's id is made from its commit and its place in it, so it never changes once
published, and a reader's feed reader never shows it twice.
"""

from __future__ import annotations

import datetime
import uuid

from feedgen.feed import FeedGenerator

from ..content.history import Change
from . import PageKind, Pages
from .exports import plain_text
from .history import change_words, feed_file, history_page
from .addresses import published
from .site import SITE_NAME, Site

FEED_ENTRIES = 50
"""Entries a feed carries, the newest: what a feed reader needs to catch up; the pages have them all."""

_ENTRY_NAMESPACE = uuid.UUID("6f1d3c0e-8e6b-4b8a-9a53-2f5b0c1d7e41")
"""Dossier's own namespace for entry and feed ids (uuid5): fixed, so ids never change."""


MATERIAL_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<!-- Not the site's sitemap (that is ../sitemap.xml): Material for MkDocs fetches sitemap.xml beside every\n"
    '     <link rel="alternate"> of a page, the feeds\' included, and this answers it with no page. -->\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)


def pages(site: Site) -> Pages:
    yield "feeds/sitemap.xml", MATERIAL_SITEMAP
    yield feed_file(), feed(site, None)
    for entity in site.content.entities.values():
        yield feed_file(entity.id), feed(site, entity.id)


def feed(site: Site, entity_id: str | None) -> str:
    """The Atom document of the site's changes, or of one entity's."""
    history = site.history
    changes = history.of_entity(entity_id) if entity_id else history.changes
    name = site.content.entities[entity_id].name if entity_id else None
    generator = FeedGenerator()
    generator.id(_urn(f"feed {feed_file(entity_id)} {history.site_url}"))
    generator.title(f"{SITE_NAME}: changes to {name}" if name else f"{SITE_NAME}: changes to the evidence")
    generator.subtitle(
        history.unavailable
        or "Each change to a statement (added, removed, reworded, certainty changed, source withdrawn), with its commit"
    )
    generator.author({"name": SITE_NAME})
    generator.link(href=_address(site, history_page(entity_id) if entity_id else "corrections/index.md"), rel="alternate")
    generator.link(href=_address(site, feed_file(entity_id), page=False), rel="self")
    generator.language(site.language)
    newest = changes[0].commit.time if changes else (history.head.time if history.head else f"{site.build_date}T00:00:00+00:00")
    generator.updated(_time(newest))
    for change in changes[:FEED_ENTRIES]:
        _entry(generator.add_entry(order="append"), site, change, entity_id)
    return generator.atom_str(pretty=True).decode("utf-8")


def _entry(entry, site: Site, change: Change, feed_entity_id: str | None) -> None:
    entities = site.content.entities
    owner = entities[change.owner_id].name if change.owner_id in entities else "Timeline"
    words = change_words(change)
    entry.id(_urn(f"change {change.commit.sha} {change.number}"))
    entry.title(f"{'Correction: ' if change.correction else ''}{owner}: {change.statement_kind} {words.lower()}")
    summary = [f"{words} {change.statement_kind}: “{plain_text(change.text, entities)}”"]
    summary += [plain_text(detail, entities) for detail in change.details]
    if change.correction:
        summary.append(f"Correction: {change.correction}")
    summary.append(f"Commit {change.commit.short}, {change.commit.date}.")
    entry.summary("\n".join(summary))
    entry.updated(_time(change.commit.time))
    entry.published(_time(change.commit.time))
    shown_on = feed_entity_id or next((i for i in (change.owner_id, *change.entity_ids) if i in entities), None)
    if shown_on:
        entry.link(href=_address(site, history_page(shown_on), f"#{change.anchor}"), rel="alternate")


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ENTRY_NAMESPACE, name)}"


def _time(iso: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(iso)


def _address(site: Site, path: str, anchor: str = "", page: bool = True) -> str:
    """A page's or file's full address when site_url is set, else its address from the feed's own
    folder (feeds/), which is what a relative address in a feed is read from."""
    where = (published(path) + "/" if published(path) else "") if page else path
    base = site.history.site_url
    return (base.rstrip("/") + "/" if base else "../") + where + anchor


KIND = PageKind(
    "feeds", "feeds/", pages, count=lambda resolved: 2 + len(resolved.content.entities),
    made_of=lambda resolved: tuple((entity.id, entity.name) for entity in resolved.content.entities.values()),
)
