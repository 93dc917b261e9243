"""The [[entity-id]] and [[entity-id|label]] links editors write in prose."""

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


def prose_links(text: str) -> list[ProseLink]:
    """Every [[...]] link in a piece of editor prose, in order."""
    return [
        ProseLink(match.group(1).strip(), (match.group(2) or "").strip() or None, match.start())
        for match in LINK.finditer(text)
    ]
