"""Each entity's history page (history/<id>/): every change to its statements, commit by commit,
as git records it; and the site's Corrections page (corrections/): the changes editors marked as
corrections. Both say what they cannot know when the build had no history to read."""

from __future__ import annotations

from itertools import groupby

from ..content.history import Change
from ..text.dates import parse_date
from . import PageKind, Pages
from .addresses import entity_page
from .exports import plain_text
from .site import Site

CORRECTIONS_PAGE = "corrections/index.md"


def history_page(entity_id: str) -> str:
    return f"history/{entity_id}/index.md"


def feed_file(entity_id: str | None = None) -> str:
    """A feed's path under docs/: the site's (feeds/index.xml) or an entity's."""
    return f"feeds/{entity_id or 'index'}.xml"


def day(date: str) -> str:
    """'2026-12-07' in words: '7 December 2026'."""
    return parse_date(date).label


def by_commit(changes: tuple[Change, ...]) -> list[tuple[object, list[Change]]]:
    """Changes (newest first) in groups of one commit each."""
    return [(commit, list(group)) for commit, group in groupby(changes, key=lambda change: change.commit)]


def change_words(change: Change) -> str:
    """'Added', 'Reworded, certainty changed': what a change did, for a reader."""
    return ", ".join(change.kinds).capitalize()


def _context(site: Site) -> dict:
    entities = site.content.entities
    return dict(
        history=site.history,
        day=day,
        by_commit=by_commit,
        words=change_words,
        plain=lambda value: plain_text(value, entities),
        commit_url=site.history.commit_url,
        named=lambda entity_id: entity_id in entities,
    )


def history_pages(site: Site) -> Pages:
    for entity in site.content.entities.values():
        path = history_page(entity.id)
        yield path, site.render(
            "history.md.j2",
            path,
            entity=entity,
            changes=site.history.of_entity(entity.id),
            entity_page=entity_page(entity.id),
            feed=feed_file(entity.id),
            corrections_page=CORRECTIONS_PAGE,
            **_context(site),
        )


def corrections_pages(site: Site) -> Pages:
    yield CORRECTIONS_PAGE, site.render(
        "corrections.md.j2",
        CORRECTIONS_PAGE,
        corrections=site.history.corrections,
        history_page=history_page,
        entity_page=entity_page,
        feed=feed_file(),
        **_context(site),
    )


HISTORY_KIND = PageKind(
    "history", "history/", history_pages, count=lambda resolved: len(resolved.content.entities),
    made_of=lambda resolved: tuple((entity.id, entity.name) for entity in resolved.content.entities.values()),
)
CORRECTIONS_KIND = PageKind(
    "corrections", "corrections/", corrections_pages,
    made_of=lambda resolved: tuple((entity.id, entity.name) for entity in resolved.content.entities.values()),
)
