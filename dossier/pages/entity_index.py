"""The entities index: main dossiers first, then every entity under its type's heading; split by
type (in parts) when large."""

from __future__ import annotations

from collections import defaultdict

from ..content.model import Entity
from ..content.schema import ENTITY_TYPES
from . import PageKind, Pages
from .site import Site, split_index

PAGE = "entities/index.md"


def pages(site: Site) -> Pages:
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in site.content.entities.values():
        groups[entity.type].append(entity)
    ordered = [
        (kind.replace(" ", "-"), heading, sorted(groups[kind], key=lambda e: (e.name.casefold(), e.id)))
        for kind, heading in ENTITY_TYPES.items()
        if kind in groups
    ]
    main = site.main_dossiers()
    if len(site.content.entities) <= site.page_size:
        groups_shown = [(heading, entities) for _, heading, entities in ordered]
        yield PAGE, site.render("entities-index.md.j2", PAGE, main=main, groups=groups_shown, parts=[], part=None)
        return
    parts = split_index(ordered, "entities/type", site.page_size)
    yield PAGE, site.render("entities-index.md.j2", PAGE, main=main, groups=[], parts=parts, part=None)
    for part in parts:
        yield part.page, site.render(
            "entities-index.md.j2", part.page, main=[], groups=[(part.label, part.items)], parts=parts, part=part
        )


KIND = PageKind("entity index", "entities/", pages)
