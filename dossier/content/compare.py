"""Two versions of the content, statement by statement: what `changes`, the history pages and the
correction rule of ``check`` all compare.

Statements are reduced to their text, their other attributes as text and their citations, and
compared generically, so a field added to the schema is compared without new code here. Equal
statements drop out; the rest pair by key (a relation's type and ends), then by likeness.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass

from ..text.dates import PartialDate
from ..text.prose import prose_links, replace_links
from .model import Content, Translator
from .schema import CERTAINTY_RANK, RELATION_TYPES

SIMILAR_ENOUGH = 0.6
"""How alike two claims' words must be (0 to 1) to count as one claim reworded, not one removed and one added."""


@dataclass(frozen=True)
class Statement:
    """A claim, relation, figure value or event, reduced to what can be compared across versions."""

    kind: str
    key: str
    """What identifies it across versions when it has an identity (a relation's type and ends); else ''."""
    text: str
    attributes: tuple[tuple[str, str], ...]
    """Every other attribute but the citations, as text: date, since, certainty, correction, ..."""
    citations: tuple[tuple[tuple[str, str], ...], ...]
    """Each citation's attributes: source, quote, and any other it has."""

    def attribute(self, name: str) -> str:
        return dict(self.attributes).get(name, "")

    @property
    def source_ids(self) -> set[str]:
        return {dict(citation).get("source_id", "") for citation in self.citations}


def plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.label
    if isinstance(value, (tuple, list)):
        return ", ".join(plain(item) for item in value)
    return str(value)


def attributes(item, leave_out: set[str]) -> tuple[tuple[str, str], ...]:
    """(name, value as text) of each attribute; a group of attributes (an Attribution) is opened."""
    found = []
    for field in dataclasses.fields(item):
        if field.name in leave_out or field.name in ("position", "citations"):
            continue
        value = getattr(item, field.name)
        # A translator reads as its credit ('Machine translation: DeepL 2026-11'), not its parts.
        if dataclasses.is_dataclass(value) and not isinstance(value, (PartialDate, Translator)):
            found += attributes(value, set())
        else:
            found.append((field.name, plain(value)))
    return tuple(found)


def _citations(item) -> tuple[tuple[tuple[str, str], ...], ...]:
    return tuple(attributes(citation, set()) for citation in getattr(item, "citations", ()))


def entity_statements(content: Content, entity_id: str) -> list[Statement]:
    """The entity's statements as compared here, from the model's own walk over them."""
    entities = content.entities
    entity = entities[entity_id]
    statements = []
    for statement in entity.statements():
        item = statement.item
        if statement.kind == "claim":
            statements.append(Statement("claim", "", item.text, attributes(item, {"text"}), _citations(item)))
        elif statement.kind == "relation":
            statements.append(
                Statement(
                    "relation", relation_key(item), relation_words(content, item),
                    attributes(item, {"type", "subject_id", "target_id"}), _citations(item),
                )
            )
        else:  # a figure's value
            measure = statement.figure.measure
            statements.append(
                Statement("figure value", measure, f"{measure}: {item.value}", attributes(item, {"value"}), _citations(item))
            )
    return statements


def relation_key(relation) -> str:
    return f"{relation.type} {relation.subject_id} {relation.target_id}"


def relation_words(content: Content, relation) -> str:
    """'Wagner Group part of Russia': a relation as the history and the messages name it."""
    entities = content.entities
    name = lambda entity_id: entities[entity_id].name if entity_id in entities else entity_id  # noqa: E731
    return f"{name(relation.subject_id)} {RELATION_TYPES[relation.type][0]} {name(relation.target_id)}"


def event_statements(content: Content, event_id: str) -> list[Statement]:
    event = content.events[event_id]
    return [Statement("event", event_id, event.title, attributes(event, {"id", "title"}), _citations(event))]


def match(old: list[Statement], new: list[Statement]) -> tuple[list[Statement], list[Statement], list[tuple[Statement, Statement]]]:
    """(removed, added, changed pairs): equal statements drop out; the rest pair by key, then by likeness."""
    old, new = list(old), list(new)
    for statement in list(old):
        if statement in new:
            old.remove(statement)
            new.remove(statement)
    pairs = []
    for before in list(old):
        candidates = [after for after in new if after.kind == before.kind]
        if before.key:
            # The values of one figure share its key: the most alike is the same value, moved or not.
            same = sorted((after for after in candidates if after.key == before.key), key=lambda after: -_likeness(before, after))
        else:
            scored = [(_likeness(before, after), after) for after in candidates]
            same = [after for score, after in sorted(scored, key=lambda pair: -pair[0]) if score >= SIMILAR_ENOUGH]
        if same:
            pairs.append((before, same[0]))
            old.remove(before)
            new.remove(same[0])
    return old, new, pairs


def _likeness(before: Statement, after: Statement) -> float:
    if before.citations == after.citations:
        return 1.0
    return difflib.SequenceMatcher(None, before.text, after.text).ratio()


def weakenings(before: Statement, after: Statement) -> list[str]:
    """How a statement became weaker: less certain ('certainty: stated → reported'), or a cited
    source withdrawn ("source 'x' withdrawn"); [] when it did not."""
    found = []
    was, now = before.attribute("certainty"), after.attribute("certainty")
    if CERTAINTY_RANK.get(now or None, 0) > CERTAINTY_RANK.get(was or None, 0):
        found.append(f"certainty: {was or 'stated'} → {now}")
    found += [f"source '{source_id}' withdrawn" for source_id in sorted(before.source_ids - after.source_ids)]
    return found


def only_links_changed(was: str, now: str) -> bool:
    """Whether two texts differ in their [[links]] alone: the same words once each link shows its
    label (or its id), as when a link is put around words or taken off them."""
    def words(value: str) -> str:
        return " ".join(replace_links(value, lambda link: link.label or link.target_id).split())

    def links(value: str) -> list[tuple[str, str | None]]:
        return [(link.target_id, link.label) for link in prose_links(value)]

    return words(was) == words(now) and links(was) != links(now)


def change_kinds(before: Statement, after: Statement) -> tuple[str, ...]:
    """What kind of change a pair is, for readers: 'reworded', 'certainty changed', 'source
    withdrawn', 'source added', or 'changed' for any other attribute (a date, a quote)."""
    kinds = []
    if before.text != after.text:
        kinds.append("links changed" if only_links_changed(before.text, after.text) else "reworded")
    if before.attribute("certainty") != after.attribute("certainty"):
        kinds.append("certainty changed")
    if before.source_ids - after.source_ids:
        kinds.append("source withdrawn")
    if after.source_ids - before.source_ids:
        kinds.append("source added")
    others = {name for name, _ in before.attributes + after.attributes} - {"certainty", "correction"}
    requoted = before.citations != after.citations and before.source_ids == after.source_ids
    if requoted or any(before.attribute(name) != after.attribute(name) for name in others):
        kinds.append("changed")
    return tuple(kinds) or ("changed",)
