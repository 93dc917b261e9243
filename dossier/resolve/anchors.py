"""Stable anchors (permalinks) for every statement on a page, and for each cited quote.

An anchor is made from what the statement says, not from its place in the file, so that adding
or reordering statements does not move the others' links: 'claim-wagner-arrived-in-mali',
'rel-succeeded-by-africa-corps', 'figure-strength-in-mali-2'. Only where two statements of an
entity would read the same is the statement's number in its list added.

Every anchor made from content starts with a prefix of its kind ('claim-', 'rel-', 'measure-',
'figure-', 'event-'), and headings whose words come from content are given one of these (or a
fixed id) instead of the id their words would make: so none can take the id of a section
('notes'), of the theme ('__search') or of our own page furniture ('key-facts-title').
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from typing import Collection

from ..content.model import Entity, Relation
from ..content.schema import RELATION_TYPES
from ..text.prose import replace_links

MAX_SLUG = 48


_WORD = re.compile(r"[a-z0-9]+")


def slug(value: str) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word to at most MAX_SLUG characters.
    (Simpler and many times faster than python-slugify, which matters for 10,000 claims.)"""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    words, length = [], -1
    for word in _WORD.findall(ascii_text.lower()):
        if length + 1 + len(word) > MAX_SLUG and words:
            break
        words.append(word[:MAX_SLUG])
        length += 1 + len(words[-1])
    return "-".join(words) or "statement"


def _plain(value: str) -> str:
    # [[id|label]] → label, [[id]] → id: the words a reader sees, near enough for an anchor.
    return replace_links(value, lambda link: link.label or link.target_id)


def _unique(bases: list[str]) -> list[str]:
    """Each base alone as it is, repeated ones numbered by their place in the list; a number that
    makes one read as another ('X' twice and 'X 2': 'claim-x-2' both) is numbered again."""
    counts = Counter(bases)
    wanted = [base if counts[base] == 1 else f"{base}-{number}" for number, base in enumerate(bases, start=1)]
    if len(set(wanted)) == len(wanted):
        return wanted
    taken: set[str] = set()
    avoid = set(wanted)
    return [free(anchor, taken, avoid) for anchor in wanted]


def free(anchor: str, taken: set[str], avoid: Collection[str] = ()) -> str:
    """``anchor``, or when a page already has it (``taken``), the first of 'anchor-2', 'anchor-3'...
    that is neither taken nor in ``avoid``; added to ``taken``."""
    if anchor in taken:
        anchor = next(f"{anchor}-{n}" for n in itertools.count(2) if f"{anchor}-{n}" not in taken and f"{anchor}-{n}" not in avoid)
    taken.add(anchor)
    return anchor


def claim_anchors(entity: Entity) -> list[str]:
    """The anchor of each of the entity's claims, in order."""
    return _unique([f"claim-{slug(_plain(claim.text))}" for claim in entity.claims])


def relation_anchors(entity: Entity) -> list[str]:
    """The anchor of each of the entity's own relations on its page, in order: its words and the
    other entity ('rel-succeeded-by-africa-corps')."""
    return _unique([f"rel-{slug(RELATION_TYPES[relation.type][0])}-{relation.target_id}" for relation in entity.relations])


def inverse_relation_anchor(subject: Entity, relation: Relation) -> str:
    """The anchor a relation asks for on its target's page, where it reads backwards
    ('rel-successor-of-wagner-group'); that page makes it ``free`` of its other anchors."""
    base = f"rel-{slug(RELATION_TYPES[relation.type][1])}-{subject.id}"
    same = [r for r in subject.relations if r.type == relation.type and r.target_id == relation.target_id]
    if len(same) == 1:
        return base
    return f"{base}-{subject.relations.index(relation) + 1}"


def measure_anchors(entity: Entity) -> list[str]:
    """The anchor of the heading of each of the entity's figures ('measure-strength-in-mali')."""
    return [f"measure-{measure}" for measure in _measures(entity)]


def figure_anchors(entity: Entity) -> list[list[str]]:
    """The anchor of each value (row) of each of the entity's figures ('figure-strength-in-mali-2')."""
    return [
        [f"figure-{measure}-{row}" for row in range(1, len(figure.values) + 1)]
        for measure, figure in zip(_measures(entity), entity.figures)
    ]


def _measures(entity: Entity) -> list[str]:
    # Distinct slugs, so 'figure-<measure>-<row>' never reads the same for two rows: a row
    # number holds no hyphen.
    return _unique([slug(figure.measure) for figure in entity.figures])


def event_anchor(event_id: str) -> str:
    """An event's anchor on the timeline and on entity pages."""
    return f"event-{event_id}"


def within(owner_id: str, anchor: str) -> str:
    """An entity's anchor on a page that shows several entities' (the contested figures):
    'wagner-group--figure-strength-in-mali-1'. Neither ids nor anchors hold '--', nor do the ids
    Python-Markdown makes of headings, so no two such anchors read the same."""
    return f"{owner_id}--{anchor}"
