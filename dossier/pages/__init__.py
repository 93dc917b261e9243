"""The page kinds: one module each, and ``PAGE_KINDS``, the one list everything else follows.

A page kind is a function from the resolved content (through ``site.Site``) to its pages, with
the paths under docs/ it owns. The page iteration, the page count, the folders the generator
owns (which ``write`` empties of stale pages), the ids content may not take, ``make clean`` and
``.gitignore`` all come from this list; tests/pages/test_kinds.py proves the last two agree with it. Adding a page kind is
its template, its module here (and its line below) and a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator, Mapping

from ..content.history import History
from ..resolve import Resolved
from ..resolve.translations import DEFAULT_SITE_LANGUAGE
from .site import FALLBACK_DATE, Site

Pages = Iterator[tuple[str, str]]
"""(path under docs/, Markdown or data) pairs, yielded one at a time so that they are written as
they come: held all at once, a 10,000-source site's Markdown takes 365 MB."""


@dataclass(frozen=True)
class PageKind:
    name: str
    owns: str
    """What it writes under docs/: a folder ('timeline/', every file in it generated) or a file ('index.md')."""
    pages: Callable[[Site], Pages]
    count: Callable[[Resolved], int] = lambda resolved: 1
    """How many pages it yields, for progress (about: split indexes add a few)."""
    for_readers: bool = True
    """False for the editors' pages, which ``changes`` does not report."""
    items: "Items | None" = None
    """For a kind with a page per entity or source: how to find, render and depend on one page.
    Without it, the kind's pages are redone on any change, unless ``made_of`` says otherwise."""
    made_of: Callable[[Resolved], object] | None = None
    """For a kind without items: all its pages are made of, as a value two runs compare (the
    live preview renders it again only when that differs)."""


@dataclass(frozen=True)
class Items:
    """A kind with one page per item (an entity, a source): what ``incremental`` needs to redo one."""

    key: str
    """The key naming an item's own file ('entity', 'source'): its page is the one an edit of that
    file is about, which the live preview writes first."""
    ids: Callable[[Resolved], Iterable[str]]
    page: Callable[[str], str]
    """The item's page path under docs/."""
    render: Callable[[Site, str], str]
    inputs: Callable[[Resolved, str], set[tuple[str, str]]]
    """What the item's page is made of, as keys ``regenerate.changed`` compares between runs:
    ('entity', id), ('name', id), ('source', id), ('mentions', source id), ('anchors', source id),
    ('citing', source id), ('relations-of', id), ('backlinks-of', id), ('events-of', id),
    ('mentions-of', entity id), ('timeline', 'order')."""


from . import coverage, data, entity, entity_index, exports, feeds, figures, graph, history, home, source, source_index, timeline  # noqa: E402

PAGE_KINDS: tuple[PageKind, ...] = (
    home.KIND,
    entity_index.KIND,
    source_index.KIND,
    timeline.KIND,
    graph.KIND,
    figures.KIND,
    data.KIND,
    entity.KIND,
    source.KIND,
    history.HISTORY_KIND,
    history.CORRECTIONS_KIND,
    feeds.KIND,
    coverage.KIND,
)
"""Every page kind, in the order their pages are generated."""

READER_KINDS = tuple(kind for kind in PAGE_KINDS if kind.for_readers)

GENERATED_FOLDERS: tuple[str, ...] = tuple(
    dict.fromkeys(kind.owns.rstrip("/") for kind in PAGE_KINDS if kind.owns.endswith("/"))
)
"""Folders of docs/ that belong to the generator: every file in them is written by it."""

GENERATED_PATHS: tuple[str, ...] = tuple(dict.fromkeys(kind.owns for kind in PAGE_KINDS))
"""Everything under docs/ the generator writes, folders ending in '/': what .gitignore and
``make clean`` list."""


SITE_OWN_NAMES = frozenset({"readme", "404", "assets", "search", "sitemap", "tags"})
"""Names MkDocs and Material use at the top of the site themselves: README.md (read as an index
page), 404.html, assets/, search/, sitemap.xml, tags."""


def reserved_ids(kinds: tuple[PageKind, ...] = PAGE_KINDS, data_files: Iterable[str] = exports.DATA_FILES) -> frozenset[str]:
    """The ids no content file may take, since it would replace or shadow a page of the site:
    the name of what each page kind owns ('timeline/', 'index.md'), each data file's name
    ('data/claims.csv'), and ``SITE_OWN_NAMES``."""
    return (
        frozenset(PurePosixPath(kind.owns).stem for kind in kinds)
        | {PurePosixPath(path).stem for path in data_files}
        | SITE_OWN_NAMES
    )


RESERVED_IDS = reserved_ids()
"""What ``validate_content`` and ``build.py new`` refuse as an id."""


def is_generated(path: str) -> bool:
    """Whether a path under docs/ ('entities/x/index.md', 'methodology.md') is the generator's."""
    return any(path == owned or (owned.endswith("/") and path.startswith(owned)) for owned in GENERATED_PATHS)


@dataclass(frozen=True)
class PagesPart:
    """Some of the site's pages, which can be made apart from the others (by one of several
    processes): the pages of a few items of a kind with items, or all the pages of another kind."""

    kind: PageKind
    item_ids: tuple[str, ...] | None
    """None for all the kind's pages: they share what they are made of (the coverage, the graph's layout)."""

    def pages(self, site: Site) -> Pages:
        if self.item_ids is None:
            yield from self.kind.pages(site)
            return
        for item_id in self.item_ids:
            yield self.kind.items.page(item_id), self.kind.items.render(site, item_id)


ITEMS_PER_PART = 20
"""Items whose pages one part makes: a few dozen milliseconds of work for sources, a tenth of a
second for entities; small enough to spread evenly over processes."""


def pages_parts(resolved: Resolved, kinds: tuple[PageKind, ...] = PAGE_KINDS, items_per_part: int = ITEMS_PER_PART) -> list[PagesPart]:
    """The pages of ``kinds`` in parts, in the order ``iter_pages`` yields them."""
    parts = []
    for kind in kinds:
        if kind.items is None:
            parts.append(PagesPart(kind, None))
            continue
        ids = list(kind.items.ids(resolved))
        parts += [PagesPart(kind, tuple(ids[start : start + items_per_part])) for start in range(0, len(ids), items_per_part)]
    return parts


def iter_pages(
    resolved: Resolved,
    templates_dir: Path,
    last_updated: Mapping[str, str] | None = None,
    main_ids: tuple[str, ...] = (),
    page_size: int = 0,
    build_date: str = FALLBACK_DATE,
    kinds: tuple[PageKind, ...] = PAGE_KINDS,
    cache: dict | None = None,
    history: History | None = None,
    language: str = DEFAULT_SITE_LANGUAGE,
) -> Pages:
    """The pages of ``kinds``, one at a time, part after part (``pages_parts``).

    ``last_updated`` maps entity ids to the date ('YYYY-MM-DD') their file last changed (see
    ``history.entity_dates``); entities missing from it show ``build_date``. ``main_ids`` are the
    main dossiers (``extra.main_dossiers`` in mkdocs.yml); ``page_size`` the rows of an index or
    timeline page (default ``INDEX_PAGE_SIZE``, ``TIMELINE_PAGE_SIZE``).
    ``history`` is what git says of the content (``publish.history.site_history``); without it the
    history pages, the Corrections page and the feeds say that it was not read. ``language`` is the
    site's (theme.language in mkdocs.yml): sources in another are marked with their own.
    """
    site = Site(resolved, templates_dir, last_updated, build_date, page_size, main_ids, cache, history, language)
    for part in pages_parts(resolved, kinds):
        yield from part.pages(site)


def page_count(resolved: Resolved, kinds: tuple[PageKind, ...] = PAGE_KINDS) -> int:
    """How many pages ``iter_pages`` yields, for progress (about: split indexes add a few)."""
    return sum(kind.count(resolved) for kind in kinds)
