"""Stable anchors (permalinks) for every statement on a page, and for each cited quote.

An anchor is made from what the statement says, not from its place in the file, so that adding
or reordering statements does not move the others' links: 'claim-wagner-arrived-in-mali',
'rel-succeeded-by-africa-corps', 'figure-strength-in-mali-2'. Only where two statements of an
entity would read the same is the statement's number in its list added.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .model import Entity, Relation
from .prose import prose_links

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
    for link in reversed(prose_links(value)):
        end = value.index("]]", link.offset) + 2
        value = value[: link.offset] + (link.label or link.target_id) + value[end:]
    return value


def _unique(bases: list[str]) -> list[str]:
    counts = Counter(bases)
    return [base if counts[base] == 1 else f"{base}-{number}" for number, base in enumerate(bases, start=1)]


def claim_anchors(entity: Entity) -> list[str]:
    """The anchor of each of the entity's claims, in order."""
    return _unique([f"claim-{slug(_plain(claim.text))}" for claim in entity.claims])


def relation_anchor(subject: Entity, relation: Relation, label: str, other_id: str) -> str:
    """A relation's anchor on either of its two pages: its words there and the other entity."""
    base = f"rel-{slug(label)}-{other_id}"
    same = [r for r in subject.relations if r.type == relation.type and r.target_id == relation.target_id]
    if len(same) == 1:
        return base
    return f"{base}-{subject.relations.index(relation) + 1}"


def figure_anchors(entity: Entity) -> list[list[str]]:
    """The anchor of each value (row) of each of the entity's figures."""
    measures = _unique([f"figure-{slug(figure.measure)}" for figure in entity.figures])
    return [[f"{measure}-{row}" for row in range(1, len(figure.values) + 1)] for measure, figure in zip(measures, entity.figures)]


def event_anchor(event_id: str) -> str:
    """An event's anchor on the timeline and on entity pages."""
    return f"event-{event_id}"
