"""What changed in the evidence from one commit to the next, statement by statement, as readers
see it on the history pages, the Corrections page and the feeds. Pure: the versions of the
content and the commits come in as data (``publish.history`` reads them from git)."""

from __future__ import annotations

from dataclasses import dataclass

from .compare import Statement, change_kinds, entity_statements, event_statements, match, only_links_changed
from .corrections import normal
from .model import Content


@dataclass(frozen=True)
class Commit:
    """A commit that changed content/."""

    sha: str
    date: str
    """The committer's day, 'YYYY-MM-DD'."""
    time: str
    """The committer's time, ISO 8601 with its offset: what the feeds' dates are."""

    @property
    def short(self) -> str:
        return self.sha[:10]


@dataclass(frozen=True)
class Change:
    """One statement added, removed or changed by one commit."""

    commit: Commit
    number: int
    """Its place among the commit's changes: with the commit, its stable identity."""
    owner_id: str
    """The entity that holds the statement, or the event it is."""
    entity_ids: tuple[str, ...]
    """The entities whose history shows it: its owner, a relation's target, an event's entities."""
    kinds: tuple[str, ...]
    """'added', 'removed', or what changed: 'reworded', 'certainty changed', 'source withdrawn',
    'source added', 'changed' (a date, a quote)."""
    statement_kind: str
    """'claim', 'relation', 'figure value' or 'event'."""
    text: str
    """The statement as it reads after the commit (as it read before, for a removed one)."""
    details: tuple[str, ...] = ()
    """What changed, in words: '“old words” → “new words”', 'certainty: stated → reported'."""
    correction: str = ""
    """The editors' reason, when they marked the change as a correction."""

    @property
    def anchor(self) -> str:
        return f"change-{self.commit.short}-{self.number}"


@dataclass(frozen=True)
class History:
    """What git says of the content: its changes, newest first, and the commit built."""

    changes: tuple[Change, ...] = ()
    unavailable: str = "history unavailable: the git history was not read"
    """Why the history cannot be told ('' when it can): no git, no repository, a shallow clone."""
    head: Commit | None = None
    head_is_built: bool = False
    """Whether content/ and templates/ are exactly HEAD's (no uncommitted change): then HEAD is the version built."""
    repo_url: str = ""
    """The repository's address (repo_url in mkdocs.yml), '' when not set."""
    site_url: str = ""
    """The site's published address (site_url in mkdocs.yml), for the feeds' links; '' when not set."""

    @property
    def version_url(self) -> str:
        """The repository at the commit built, for citations of this exact version; '' when unknown."""
        if not (self.repo_url and self.head and self.head_is_built):
            return ""
        return f"{self.repo_url.rstrip('/')}/tree/{self.head.sha}"

    def commit_url(self, sha: str) -> str:
        """A commit in the repository, '' when the site names none."""
        return f"{self.repo_url.rstrip('/')}/commit/{sha}" if self.repo_url else ""

    def of_entity(self, entity_id: str) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if entity_id in change.entity_ids)

    @property
    def corrections(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.correction)


def commit_changes(before: Content, after: Content, commit: Commit) -> list[Change]:
    """Every statement ``commit`` added, removed or changed, entities by id, then events by id."""
    found: list[tuple] = []
    for entity_id in sorted(before.entities.keys() | after.entities.keys()):
        old = entity_statements(before, entity_id) if entity_id in before.entities else []
        new = entity_statements(after, entity_id) if entity_id in after.entities else []
        reasons = {normal(c.removed): c.reason for c in after.entities[entity_id].corrections} if entity_id in after.entities else {}
        found += _changes(old, new, entity_id, lambda statement: _entities_of(entity_id, statement), reasons)
    for event_id in sorted(before.events.keys() | after.events.keys()):
        old = event_statements(before, event_id) if event_id in before.events else []
        new = event_statements(after, event_id) if event_id in after.events else []
        event = after.events.get(event_id) or before.events[event_id]
        found += _changes(old, new, event_id, lambda statement: event.involved_ids, {})
    return [Change(commit, number, *fields) for number, fields in enumerate(found, start=1)]


def _entities_of(entity_id: str, statement: Statement) -> tuple[str, ...]:
    if statement.kind == "relation":
        return tuple(dict.fromkeys((entity_id, statement.key.split(" ")[2])))
    return (entity_id,)


def _changes(old: list[Statement], new: list[Statement], owner_id: str, entities_of, reasons: dict[str, str]) -> list[tuple]:
    removed, added, pairs = match(old, new)
    found = []
    for statement in added:
        found.append((owner_id, entities_of(statement), ("added",), statement.kind, statement.text))
    for statement in removed:
        reason = reasons.get(normal(statement.text), "")
        found.append((owner_id, entities_of(statement), ("removed",), statement.kind, statement.text, (), reason))
    for before, after in pairs:
        correction = after.attribute("correction")
        corrected = correction if correction and correction != before.attribute("correction") else ""
        found.append((owner_id, entities_of(after), change_kinds(before, after), after.kind, after.text, _details(before, after), corrected))
    return found


_LABELS = {"actor_ids": "actors", "entity_ids": "entities concerned", "place_id": "place", "as_of": "as of"}
"""Attribute names as readers read them, where the field's name would not do."""


def _details(before: Statement, after: Statement) -> tuple[str, ...]:
    details = []
    if before.text != after.text and not only_links_changed(before.text, after.text):  # else its kind says 'links changed'
        details.append(f"“{before.text}” → “{after.text}”")
    for name in sorted({name for name, _ in before.attributes + after.attributes} - {"correction"}):
        was, now = before.attribute(name), after.attribute(name)
        label = _LABELS.get(name, name.replace("_", " "))
        if was != now and only_links_changed(was, now):  # the same words twice would read as no change
            details.append(f"{label}: links changed")
        elif was != now:
            details.append(f"{label}: {was or '(none)'} → {now or '(none)'}")
    details += [f"source withdrawn: {source_id}" for source_id in sorted(before.source_ids - after.source_ids)]
    details += [f"source added: {source_id}" for source_id in sorted(after.source_ids - before.source_ids)]
    return tuple(details)
