"""The home page (docs/index.md): the main dossiers, what the site holds, the latest changes."""

from __future__ import annotations

from collections import Counter

from . import PageKind, Pages
from .site import Site

PAGE = "index.md"


def pages(site: Site) -> Pages:
    entities = site.content.entities.values()
    yield PAGE, site.render(
        "home.md.j2",
        PAGE,
        main=[(entity, len(site.resolved.events.get(entity.id, []))) for entity in site.main_dossiers()],
        counts={
            "entities": len(site.content.entities),
            "sources": len(site.content.sources),
            "events": len(site.content.events),
            "relations": sum(len(entity.relations) for entity in entities),
        },
        figures=Counter(figure.difference_kind for entity in entities for figure in entity.figures),
        latest=sorted(entities, key=lambda e: (site.updated(e.id), e.name.casefold()), reverse=True)[:5],
        updated=site.updated,
    )


KIND = PageKind("home", PAGE, pages)
