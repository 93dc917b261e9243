"""The [[entity-id]] and [[entity-id|label]] links editors write in prose: the one parser of them
(validate checks them, resolve follows them, markup links them, exports and anchors read their words)."""

from __future__ import annotations

import re
from dataclasses import dataclass

LINK = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")


@dataclass(frozen=True)
class ProseLink:
    """One [[...]] link: the id it names, the label to show (None: the entity's name), its offset."""

    target_id: str
    label: str | None
    offset: int
    end: int
    """Where the link's closing ]] ends."""


def prose_links(text: str) -> list[ProseLink]:
    """Every [[...]] link in a piece of editor prose, in order."""
    return [
        ProseLink(match.group(1).strip(), (match.group(2) or "").strip() or None, match.start(), match.end())
        for match in LINK.finditer(text)
    ]


def replace_links(text: str, words) -> str:
    """The prose with each link replaced by ``words(link)``."""
    pieces, position = [], 0
    for link in prose_links(text):
        pieces += [text[position : link.offset], words(link)]
        position = link.end
    return "".join(pieces) + text[position:]
