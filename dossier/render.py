"""Render: resolved content → {page path: Markdown}, through the Jinja2 templates.

Templates receive plain data and helpers. Any value a template prints is escaped as inert
Markdown text unless it is ``Md`` (built by ``markup`` or the helpers here), so forgetting to
escape is not possible.
"""

from __future__ import annotations

import functools
import os
import posixpath
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import jinja2

from . import anchors, exports, graph
from .markup import Md, front_matter, html_text, markdown_link, prose, text
from .anchors import claim_anchors, event_anchor, figure_anchors, relation_anchor
from .markup import text_fragment_url
from .model import UNATTRIBUTED, Attribution, Citation, Entity, Event, Figure, Source
from .report import Position, Problem
from .resolve import Mention, Passage, Resolved
from .schema import RELATION_TYPES

CERTAINTY_WORDS = {
    "stated": "",
    "reported": "reportedly",
    "claimed": "claimed",
    "appears": "appears so",
    "disputed": "disputed",
}
"""How each certainty reads after a statement; 'stated' adds nothing to a plain sentence."""

HEDGED = ("reported", "claimed", "appears", "disputed")
"""Certainties drawn dashed in the graphs: the source does not vouch for the link itself."""

GENERATED_FOLDERS = ("entities", "sources", "timeline", "graph", "figures", "data", "coverage")
"""Folders of docs/ that belong to the generator: every file in them is written by it."""

SITE_NAME = "Dossier"
"""The site's name in 'Cite this page'; the same as site_name in mkdocs.yml."""

MAX_MENTION_SOURCES = 20
"""Sources listed under 'Mentioned in' on an entity page, those with most mentions first."""

MAX_SNIPPETS = 3
"""Mentions quoted per source under 'Mentioned in'."""

MAX_ENTITY_EVENTS = 50
"""Events on an entity's own timeline, the latest ones; the site-wide timeline has them all."""

INDEX_PAGE_SIZE = 400
"""Rows an index page lists at most (sources, entities, timeline events): about 100-200 KB of
HTML. Smaller indexes stay one page; larger ones split by year or type, then into parts."""

TIMELINE_PAGE_SIZE = 150
"""Events a timeline page shows at most: an event with its note is about 1.3 KB of HTML, and
every page carries the entity filter (about 80 KB at 1,000 entities), so at most ~280 KB."""

MAIN_DOSSIERS = 4
"""Entities the home page and the entities index lead with, when mkdocs.yml names none."""

SNIPPET_CONTEXT = 70
"""Characters of context shown each side of a mention in 'Mentioned in'."""

STATIC_GRAPH_LIMIT = 60
"""Entities up to which the graph page also carries the static SVG circle, for readers without script."""

KEY_RELATIONS = 3
"""Kinds of relation in an entity's key facts (the most frequent first); the Relations section has them all."""

KEY_RELATION_ENTITIES = 3
"""Entities named per kind of relation in the key facts."""

SHORT_TITLE_WORDS = 5
"""Words of a title that name a source briefly when it has no publisher and no short head before a colon."""

TYPE_HEADINGS = {
    "organization": "Organizations",
    "armed group": "Armed groups",
    "private military company": "Private military companies",
    "military unit": "Military units",
    "armed forces": "Armed forces",
    "government": "Governments",
    "state body": "State bodies",
    "international mission": "International missions",
    "person": "People",
    "place": "Places",
}


class TemplateProblem(Exception):
    """A template that cannot be rendered (syntax, an undefined name, a missing template), located
    at the template's line; the pipeline reports it like a content problem, not as a traceback."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


# Each entity and source page is the index.md of its own folder, as it is published
# (entities/<id>/): a relative address in raw HTML then means the same from the Markdown file
# as from the published page, to MkDocs (which leaves raw HTML alone) and to Zensical (which
# reads raw-HTML addresses from the Markdown file, as it does Markdown links).
def entity_page(entity_id: str) -> str:
    return f"entities/{entity_id}/index.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}/index.md"


@dataclass(frozen=True)
class IndexPart:
    """One page of a split index: a year's or a type's items (or a part of them), and its page."""

    key: str
    label: str
    items: list
    page: str


def split_index(groups: list[tuple[str, str, list]], folder: str, size: int) -> list[IndexPart]:
    """Groups (key, label, items) as pages of at most ``size`` items: '2021', '2021-2', ...

    Pages live in ``folder`` (e.g. 'sources/by-year/2021/index.md'), each the index.md of its own
    folder as entity and source pages are, two levels down where those are one.
    """
    parts = []
    for key, label, items in groups:
        chunks = [items[start : start + size] for start in range(0, len(items), size)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            part_key = key if number == 1 else f"{key}-{number}"
            part_label = label if len(chunks) == 1 else f"{label}, part {number}"
            parts.append(IndexPart(part_key, part_label, chunk, f"{folder}/{part_key}/index.md"))
    return parts


def render_site(
    resolved: Resolved, templates_dir: Path, last_updated: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Every generated page and data file, keyed by its path under docs/, in a stable order.

    ``last_updated`` maps entity ids to the date ('YYYY-MM-DD') their file last changed (see
    ``history.entity_dates``); entities missing from it show the build's date.
    """
    return dict(sorted(iter_pages(resolved, templates_dir, last_updated)))


def iter_pages(
    resolved: Resolved,
    templates_dir: Path,
    last_updated: Mapping[str, str] | None = None,
    main_ids: tuple[str, ...] = (),
    page_size: int = 0,
) -> Iterator[tuple[str, str]]:
    """The pages of ``render_site`` one at a time, so that they can be written as they come:
    held all at once, a 10,000-source site's Markdown takes 365 MB.

    ``main_ids`` are the main dossiers (``extra.main_dossiers`` in mkdocs.yml); ``page_size``
    the rows of an index or timeline page (default ``INDEX_PAGE_SIZE``, ``TIMELINE_PAGE_SIZE``).
    """
    renderer = _Renderer(resolved, templates_dir, last_updated or {}, page_size, main_ids)
    yield "index.md", renderer.home()
    yield from renderer.entity_index()
    yield from renderer.source_index()
    yield from renderer.timeline()
    yield "graph/index.md", renderer.graph()
    yield "figures/index.md", renderer.figures()
    yield "data/index.md", renderer.data()
    yield from exports.data_files(resolved).items()
    for entity in resolved.content.entities.values():
        yield entity_page(entity.id), renderer.entity(entity)
    for source in resolved.content.sources.values():
        yield source_page(source.id), renderer.source(source)


def page_count(resolved: Resolved) -> int:
    """How many pages ``iter_pages`` yields, for progress (about: split indexes add a few)."""
    return 7 + len(exports.DATA_FILES) + len(resolved.content.entities) + len(resolved.content.sources)


@dataclass
class Note:
    """One numbered footnote: a passage of a source, and every place on the page citing it."""

    number: int
    citation: Citation
    passage: Passage
    places: int = 0
    """How many places on the page cite it; each gets its own back-link (a, b, c)."""


@dataclass
class Footnotes:
    """Numbers a page's citations in order of first use; one passage cited twice shares a number.

    The markup is Python-Markdown's footnotes' (ids fnref:N, fn:N; classes footnote-ref,
    footnote-backref), which Material's footnote tooltips read, written here so that each note
    can link to its own quote and label its back-links.
    """

    resolved: Resolved
    notes: list[Note] = field(default_factory=list)
    _by_passage: dict[Passage, Note] = field(default_factory=dict)

    def refs(self, citations: tuple[Citation, ...]) -> Md:
        """The note markers for a statement's citations, as inline HTML."""
        notes: list[Note] = []
        for citation in citations:
            passage = self.resolved.passages[citation]
            if passage not in self._by_passage:
                note = Note(len(self.notes) + 1, citation, passage)
                self.notes.append(note)
                self._by_passage[passage] = note
            if self._by_passage[passage] not in notes:
                notes.append(self._by_passage[passage])
        markers = []
        for note in notes:
            note.places += 1
            markers.append(
                f'<sup id="{_ref_id(note.number, note.places)}"><a class="footnote-ref" href="#fn:{note.number}">'
                f"{note.number}</a></sup>"
            )
        return Md("".join(markers))


def _ref_id(number: int, place: int) -> str:
    return f"fnref:{number}" if place == 1 else f"fnref{place}:{number}"


def _back_label(place: int) -> str:
    """a, b, ..., z, aa, ab, ...: the label of a note's back-link to its n-th place."""
    label = ""
    while place:
        place, rest = divmod(place - 1, 26)
        label = chr(ord("a") + rest) + label
    return label


@dataclass(frozen=True)
class FigureRow:
    """One value of a figure as its table shows it: each citation as a link and the quoted words."""

    value: str
    as_of: str
    citations: tuple[tuple[Citation, Passage], ...]
    attribution: Attribution = UNATTRIBUTED
    anchor: str = ""


@dataclass(frozen=True)
class KeyRelation:
    """One line of an entity's key facts: a kind of relation and the first entities it links to."""

    label: str
    other_ids: tuple[str, ...]
    more: int
    """How many more entities the entity has this relation with (listed under Relations)."""
    hedges: tuple[str, ...] = ()
    """For each of ``other_ids``: how its relation is hedged ('appears so', 'claimed', 'attributed')
    or '' when the source states it, so the key facts never read plainer than the Relations list."""


@dataclass(frozen=True)
class KeyFacts:
    """The infobox at the top of an entity page: what a reader on a phone sees first."""

    relations: list[KeyRelation]
    first_event: Event | None
    last_event: Event | None
    source_count: int


def key_relations(relations: list) -> list[KeyRelation]:
    """The most frequent kinds of relation (ties by label), each with its first entities by name order."""
    by_label: dict[str, list[str]] = {}
    hedges: dict[tuple[str, str], str] = {}
    for view in relations:  # already sorted by label, then name
        found = by_label.setdefault(view.label, [])
        if view.other_id not in found:
            found.append(view.other_id)
        if hedge := _hedge_words(view.relation.attribution):
            hedges.setdefault((view.label, view.other_id), hedge)
    ordered = sorted(by_label.items(), key=lambda item: (-len(item[1]), item[0]))[:KEY_RELATIONS]
    return [
        KeyRelation(
            label,
            tuple(ids[:KEY_RELATION_ENTITIES]),
            max(0, len(ids) - KEY_RELATION_ENTITIES),
            tuple(hedges.get((label, other_id), "") for other_id in ids[:KEY_RELATION_ENTITIES]),
        )
        for label, ids in ordered
    ]


def _hedge_words(attribution: Attribution) -> str:
    """A statement's certainty in a word or two for the key facts; '' when the source states it."""
    words = CERTAINTY_WORDS.get(attribution.certainty or "", "")
    return words or ("attributed" if attribution.according_to else "")


def source_label(source: Source) -> str:
    """A source named briefly, for notes and figure tables: its publisher, or its title's head
    before a colon, or its first words; the full title goes in the link's tooltip."""
    if source.publisher:
        return source.publisher
    head = source.title.split(":", 1)[0].strip()
    if head != source.title and len(head.split()) <= SHORT_TITLE_WORDS:
        return head
    words = source.title.split()
    return source.title if len(words) <= SHORT_TITLE_WORDS + 1 else " ".join(words[:SHORT_TITLE_WORDS]) + "…"


@dataclass(frozen=True)
class MentionGroup:
    """One source under 'Mentioned in': its first mentions, and how many there are in all."""

    source: Source
    shown: list[Mention]
    total: int


class _Renderer:
    def __init__(
        self,
        resolved: Resolved,
        templates_dir: Path,
        last_updated: Mapping[str, str],
        page_size: int = 0,
        main_ids: tuple[str, ...] = (),
    ):
        self.page_size = page_size or INDEX_PAGE_SIZE
        self.timeline_page_size = page_size or TIMELINE_PAGE_SIZE
        self.main_ids = main_ids
        self.resolved = resolved
        self.content = resolved.content
        self.last_updated = last_updated
        self._build_date: str | None = None
        self._entity_links: dict[tuple[str, str, str | None], Md] = {}
        self._templates_dir = templates_dir
        self.types = tuple(TYPE_HEADINGS)
        self.relation_types = tuple(RELATION_TYPES)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=False,  # Markdown, not HTML: escaping is done by finalize below
            finalize=_escape_unless_safe,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def _render(self, template: str, page: str, **context: Any) -> str:
        helpers = _PageHelpers(self.resolved, page, self._entity_links)
        try:
            return self.env.get_template(template).render(page=helpers, content=self.content, **context)
        except Exception as error:
            problem = self._template_problem(template, error)
            if problem is None:
                raise
            raise TemplateProblem(problem) from None

    def _template_problem(self, template: str, error: Exception) -> Problem | None:
        """The template's own file and line for an error raised while rendering; None when the
        error did not come from template code (a bug of ours, left to raise)."""
        folder = self._templates_dir.name
        if isinstance(error, jinja2.TemplateSyntaxError):
            return Problem(
                Position(f"{folder}/{error.name or template}", error.lineno or 0), f"template syntax error: {error.message}"
            )
        if isinstance(error, jinja2.TemplateNotFound):
            reason = f"template '{error.name}' is not in {folder}/: restore it (git checkout -- {folder}/{error.name}) or fix the name"
        elif isinstance(error, jinja2.UndefinedError):
            reason = f"{error.message}: check the name against what dossier/render.py passes to this template"
        else:
            reason = f"the template failed: {type(error).__name__}: {error}"
        # Jinja rewrites tracebacks so that template code shows as the template's own lines.
        templates = os.path.realpath(self._templates_dir)
        in_templates = [
            (os.path.realpath(frame.filename), frame.lineno)
            for frame in traceback.extract_tb(error.__traceback__)
            if os.path.realpath(frame.filename).startswith(templates + os.sep)
        ]
        if in_templates:
            filename, line = in_templates[-1]
            return Problem(Position(f"{folder}/{Path(filename).relative_to(templates).as_posix()}", line or 0), reason)
        if isinstance(error, jinja2.TemplateNotFound):  # the page's own template is missing
            return Problem(Position(f"{folder}/{error.name}"), reason)
        return None

    def updated(self, entity_id: str) -> str:
        """When the entity's file last changed; the build's date when history cannot say."""
        if entity_id in self.last_updated:
            return self.last_updated[entity_id]
        if self._build_date is None:
            from .history import build_date  # I/O (environment, git), only when a date is missing

            self._build_date = build_date(self._templates_dir.parent)
        return self._build_date

    def entity(self, entity: Entity) -> str:
        page = entity_page(entity.id)
        footnotes = Footnotes(self.resolved)
        relations = sorted(
            self.resolved.relations.get(entity.id, []),
            key=lambda view: (view.label, self.content.entities[view.other_id].name, view.other_id),
        )
        mentions = self.resolved.mentions_by_entity.get(entity.id, [])
        groups = _mention_groups(mentions, self.content.sources)
        events = self.resolved.events.get(entity.id, [])
        updated = self.updated(entity.id)
        dated = [event for event in events if event.date]
        cited = {source.id for source in self._cited_sources(entity)}
        cited |= {c.source_id for event in events for c in event.citations}
        facts = KeyFacts(
            key_relations(relations),
            dated[0] if dated else None,
            dated[-1] if len(dated) > 1 else None,
            len(cited | {group.source.id for group in groups}),
        )
        return self._render(
            "entity.md.j2",
            page,
            entity=entity,
            facts=facts,
            footnotes=footnotes,
            figures=[(figure, self._figure_rows(entity, index)) for index, figure in enumerate(entity.figures)],
            claims=list(zip(entity.claims, claim_anchors(entity))),
            relations=[(view, self._relation_anchor(entity.id, view)) for view in relations],
            event_anchor=event_anchor,
            hedge_words=_hedge_words,
            neighbourhood=Md(self._neighbourhood(entity, relations, page)) if relations else None,
            neighbourhood_types=self._neighbourhood_types(entity, relations),
            events=events[-MAX_ENTITY_EVENTS:],
            event_count=len(events),
            mention_count=len(mentions),
            mention_groups=groups[:MAX_MENTION_SOURCES],
            mention_source_count=len(groups),
            backlinks=self.resolved.backlinks.get(entity.id, []),
            updated=updated,
            address=exports.entity_path(entity.id),
            site_name=SITE_NAME,
            json_ld=Md(exports.json_ld(entity, self.resolved, self._cited_sources(entity), "./", updated)),
        )

    def _cited_sources(self, entity: Entity) -> list[Source]:
        cited = {
            citation.source_id
            for statements in (entity.claims, entity.relations)
            for statement in statements
            for citation in statement.citations
        }
        cited |= {c.source_id for figure in entity.figures for value in figure.values for c in value.citations}
        return [self.content.sources[source_id] for source_id in sorted(cited)]

    def _figure_rows(self, entity: Entity, index: int) -> list[FigureRow]:
        figure = entity.figures[index]
        return [
            FigureRow(
                value.value,
                value.as_of.label if value.as_of else "not stated",
                tuple((citation, self.resolved.passages[citation]) for citation in value.citations),
                value.attribution,
                anchor,
            )
            for value, anchor in zip(figure.values, figure_anchors(entity)[index])
        ]

    def _relation_anchor(self, entity_id: str, view) -> str:
        subject = self.content.entities[view.other_id if view.inverse else entity_id]
        return relation_anchor(subject, view.relation, view.label, view.other_id)

    def _neighbourhood(self, entity: Entity, relations: list, page: str) -> str:
        by_other: dict[str, list[graph.NeighbourRelation]] = {}
        for view in relations:
            other = self.content.entities[view.other_id]
            hedged = view.relation.attribution.certainty in HEDGED
            words = CERTAINTY_WORDS.get(view.relation.attribution.certainty or "", "")
            by_other.setdefault(view.other_id, []).append(
                graph.NeighbourRelation(
                    view.label,
                    view.relation.type,
                    hedged,
                    self._relation_anchor(entity.id, view),
                    f"{entity.name} {view.label} {other.name}" + (f", {words}" if hedged and words else ""),
                )
            )
        neighbours = [graph.Neighbour(other_id, tuple(found)) for other_id, found in by_other.items()]
        urls = {other_id: directory_url(page, entity_page(other_id)) for other_id in by_other}
        return graph.neighbourhood_svg(self.content, entity.id, neighbours, urls, self.types, self.relation_types)

    def _neighbourhood_types(self, entity: Entity, relations: list) -> list[tuple[str, str]]:
        """The legend of the neighbourhood's node colours: each kind of entity drawn, in TYPE_HEADINGS order."""
        shown = list(dict.fromkeys(view.other_id for view in relations))[: graph.MAX_NEIGHBOURS]
        kinds = {entity.type} | {self.content.entities[other_id].type for other_id in shown}
        return [(TYPE_HEADINGS[kind], graph.type_colour(kind, self.types)) for kind in self.types if kind in kinds]

    @functools.cached_property
    def _timeline_years(self) -> dict[str, list[Event]]:
        # Events in date order fall into groups: a year, or for an undated event the bound that
        # places it ("After February 2024 (date unknown)") or, with no bound, "Date unknown".
        years: dict[str, list[Event]] = {}
        for event in sorted(self.content.events.values(), key=lambda e: e.sort_key):
            years.setdefault(timeline_group(event), []).append(event)
        return years

    @functools.cached_property
    def _timeline_parts(self) -> list[IndexPart] | None:
        """The timeline's pages by year when it is too long for one page; None when it is one page."""
        if len(self.content.events) <= self.timeline_page_size:
            return None
        groups = [
            (label if label.isdigit() else anchors.slug(label), label, events)
            for label, events in self._timeline_years.items()
        ]
        return split_index(groups, "timeline/year", self.timeline_page_size)

    @functools.cached_property
    def _event_pages(self) -> dict[str, str]:
        """The timeline page each event is on: the one page, or its year's part."""
        parts = self._timeline_parts or []
        return {event.id: part.page for part in parts for event in part.items}

    def event_page(self, event_id: str) -> str:
        return self._event_pages.get(event_id, "timeline/index.md")

    def timeline(self) -> Iterator[tuple[str, str]]:
        """The timeline: one page, or an overview and a page per year (in parts) when large."""
        years = self._timeline_years
        involved = sorted(
            {entity_id for events in years.values() for event in events for entity_id in event.involved_ids},
            key=lambda entity_id: (self.content.entities[entity_id].name.casefold(), entity_id),
        )
        parts = self._timeline_parts
        if parts is None:
            yield "timeline/index.md", self._timeline_page("timeline/index.md", list(years.items()), involved)
            return
        pages_of: dict[str, list[str]] = defaultdict(list)
        for part in parts:
            for entity_id in dict.fromkeys(e for event in part.items for e in event.involved_ids):
                pages_of[entity_id].append(part.key)
        yield "timeline/index.md", self._render(
            "timeline.md.j2", "timeline/index.md", years=[], parts=parts, part=None,
            footnotes=Footnotes(self.resolved), involved=involved, pages_of=pages_of,
        )
        for part in parts:
            yield part.page, self._timeline_page(part.page, [(part.label, part.items)], involved, parts, part, pages_of)

    def _timeline_page(
        self,
        page: str,
        years: list[tuple[str, list[Event]]],
        involved: list[str],
        parts: list[IndexPart] | tuple = (),
        part: IndexPart | None = None,
        pages_of: Mapping[str, list[str]] | None = None,
    ) -> str:
        return self._render(
            "timeline.md.j2", page, years=years, footnotes=Footnotes(self.resolved), involved=involved,
            parts=parts, part=part, pages_of=pages_of or {},
        )

    def graph(self) -> str:
        page = "graph/index.md"
        edges = [
            graph.Edge(
                entity.id,
                relation.target_id,
                relation.type,
                RELATION_TYPES[relation.type][0],
                relation.attribution.certainty in HEDGED,
            )
            for entity in self.content.entities.values()
            for relation in entity.relations
        ]
        urls = {entity_id: directory_url(page, entity_page(entity_id)) for entity_id in self.content.entities}
        # The circle is the no-script fallback, drawn only while it stays small enough to read.
        large = len(self.content.entities) > STATIC_GRAPH_LIMIT
        svg = "" if large else graph.site_graph_svg(self.content, edges, urls, self.types, self.relation_types)
        data = graph.site_graph_data(self.content, edges, urls, self.types, self.relation_types)
        present_types = [kind for kind in self.types if any(e.type == kind for e in self.content.entities.values())]
        present_relations = [kind for kind in self.relation_types if any(edge.type == kind for edge in edges)]
        return self._render(
            "graph.md.j2",
            page,
            svg=Md(svg),
            data=Md(data),
            large=large,
            types=[(kind, TYPE_HEADINGS[kind], graph.type_colour(kind, self.types)) for kind in present_types],
            relation_kinds=[
                (RELATION_TYPES[kind][0], graph.relation_colour(kind, self.relation_types)) for kind in present_relations
            ],
            entity_count=len(self.content.entities),
            edge_count=len(edges),
            hedged_count=sum(edge.hedged for edge in edges),
        )

    def figures(self) -> str:
        contested = [
            (entity, [(figure, self._figure_rows(entity, index)) for index, figure in enumerate(entity.figures) if figure.contested])
            for entity in sorted(self.content.entities.values(), key=lambda e: (e.name.casefold(), e.id))
        ]
        return self._render("figures.md.j2", "figures/index.md", entities=[(e, f) for e, f in contested if f])

    def data(self) -> str:
        return self._render(
            "data.md.j2",
            "data/index.md",
            relations_columns=exports.RELATIONS_COLUMNS,
            events_columns=exports.EVENTS_COLUMNS,
            claims_columns=exports.CLAIMS_COLUMNS,
            figures_columns=exports.FIGURES_COLUMNS,
            counts={
                "entities": len(self.content.entities),
                "events": len(self.content.events),
                "sources": len(self.content.sources),
            },
        )

    def source(self, source: Source) -> str:
        page = source_page(source.id)
        mentions = self.resolved.mentions_by_source.get(source.id, [])
        counts = Counter(mention.entity_id for mention in mentions)
        citing = self.resolved.citing.get(source.id, [])
        statements = _cited_by(citing, self.resolved, self.event_page)
        helpers = _PageHelpers(self.resolved, page, self._entity_links)
        quotes = {
            passage: self.resolved.quote_anchors[passage]
            for passage in sorted({self.resolved.passages[c.citation] for c in citing}, key=lambda p: (p.paragraph, p.start, -p.end))
        }
        body, split = _body_html(source, mentions, quotes, page, _cited_by_paragraph(statements, helpers))
        return self._render(
            "source.md.j2",
            page,
            source=source,
            body=Md(body),
            split_style=_split_quote_style(split),
            mentioned=sorted(counts.items(), key=lambda item: (-item[1], self.content.entities[item[0]].name)),
            citing=statements,
        )

    def main_dossiers(self) -> list[Entity]:
        """The site's main subjects: those mkdocs.yml names (an editorial choice: the site is about
        them, though others are cited more), else the entities with most cited statements."""
        named = [self.content.entities[i] for i in self.main_ids if i in self.content.entities]
        if named:
            return named
        cited = Counter()
        for entity in self.content.entities.values():
            statements = (*entity.claims, *entity.relations, *(v for f in entity.figures for v in f.values))
            cited[entity.id] += sum(len(statement.citations) for statement in statements)
            cited[entity.id] += len(self.resolved.events.get(entity.id, []))
        ranked = sorted(self.content.entities.values(), key=lambda e: (-cited[e.id], e.name.casefold(), e.id))
        return ranked[:MAIN_DOSSIERS]

    def home(self) -> str:
        entities = self.content.entities.values()
        return self._render(
            "home.md.j2",
            "index.md",
            main=[(entity, len(self.resolved.events.get(entity.id, []))) for entity in self.main_dossiers()],
            counts={
                "entities": len(self.content.entities),
                "sources": len(self.content.sources),
                "events": len(self.content.events),
                "relations": sum(len(entity.relations) for entity in entities),
            },
            latest=sorted(entities, key=lambda e: (self.updated(e.id), e.name.casefold()), reverse=True)[:5],
            updated=self.updated,
        )

    def entity_index(self) -> Iterator[tuple[str, str]]:
        """The entities index, main dossiers first; split by type (in parts) when large."""
        groups: dict[str, list[Entity]] = defaultdict(list)
        for entity in self.content.entities.values():
            groups[entity.type].append(entity)
        ordered = [
            (kind.replace(" ", "-"), TYPE_HEADINGS[kind], sorted(groups[kind], key=lambda e: (e.name.casefold(), e.id)))
            for kind in TYPE_HEADINGS
            if kind in groups
        ]
        main = self.main_dossiers()
        if len(self.content.entities) <= self.page_size:
            groups_shown = [(heading, entities) for _, heading, entities in ordered]
            yield "entities/index.md", self._render(
                "entities-index.md.j2", "entities/index.md", main=main, groups=groups_shown, parts=[], part=None
            )
            return
        parts = split_index(ordered, "entities/type", self.page_size)
        yield "entities/index.md", self._render(
            "entities-index.md.j2", "entities/index.md", main=main, groups=[], parts=parts, part=None
        )
        for part in parts:
            yield part.page, self._render(
                "entities-index.md.j2", part.page, main=[], groups=[(part.label, part.items)], parts=parts, part=part
            )

    def source_index(self) -> Iterator[tuple[str, str]]:
        """The sources index, newest first; split by year of publication (in parts) when large."""
        counts = Counter(c.source_id for c in self.resolved.passages)
        sources = sorted(
            self.content.sources.values(),
            key=lambda s: (s.published.sort_key if s.published else (0, 0, 0), s.title.casefold(), s.id),
            reverse=True,
        )
        if len(sources) <= self.page_size:
            yield "sources/index.md", self._render(
                "sources-index.md.j2", "sources/index.md", sources=sources, citation_counts=counts, parts=[], part=None
            )
            return
        years: dict[str, list[Source]] = defaultdict(list)
        for source in sources:
            years[str(source.published.year) if source.published else "undated"].append(source)
        groups = [(year, "Date not stated" if year == "undated" else year, found) for year, found in years.items()]
        parts = split_index(groups, "sources/year", self.page_size)
        yield "sources/index.md", self._render(
            "sources-index.md.j2", "sources/index.md", sources=[], citation_counts=counts, parts=parts, part=None
        )
        for part in parts:
            yield part.page, self._render(
                "sources-index.md.j2", part.page, sources=part.items, citation_counts=counts, parts=parts, part=part
            )


class _PageHelpers:
    """What a template may call to link, quote and format, relative to the page it renders."""

    def __init__(self, resolved: Resolved, path: str, entity_links: dict[tuple[str, str, str | None], Md] | None = None):
        self.resolved = resolved
        self.path = path
        self._folder = posixpath.dirname(path)
        self._entity_links = {} if entity_links is None else entity_links
        """Links already made, shared by the pages of a site: by (folder, entity id, label)."""

    def url(self, target: str) -> str:
        """The relative Markdown path from this page to another page (with optional #anchor)."""
        target_path, _, anchor = target.partition("#")
        relative = relative_path(target_path, posixpath.dirname(self.path))
        return relative + (f"#{anchor}" if anchor else "")

    def entity_link(self, entity_id: str, label: str | None = None) -> Md:
        # A link reads the same from every page as far from entities/ (every source page, each in
        # its own folder). Source pages name dozens of entities each: 400,000 links at 10,000
        # sources, a third of generation, made once each.
        way = _relative_folder("entities", self._folder or ".")
        key = (way, entity_id, label)
        link = self._entity_links.get(key)
        if link is None:
            entity = self.resolved.content.entities[entity_id]
            target = entity_page(entity_id).removeprefix("entities/")
            link = markdown_link(text(label or entity.name), target if way == "." else f"{way}/{target}")
            self._entity_links[key] = link
        return link

    def source_link(self, source_id: str, anchor: str = "", label: str | None = None) -> Md:
        source = self.resolved.content.sources[source_id]
        target = source_page(source_id) + (f"#{anchor}" if anchor else "")
        return markdown_link(text(label or source.title), self.url(target))

    def prose(self, value: str | None, paragraphs: bool = False) -> Md:
        return prose(value or "", self.entity_link, paragraphs=paragraphs)

    def front_matter(self, value: str) -> Md:
        return front_matter(value)

    def external_link(self, url: str) -> Md:
        return markdown_link(text(url), url)

    def quote(self, citation: Citation) -> Md:
        """The quoted words as the source has them, not as the editor typed them."""
        passage = self.resolved.passages[citation]
        paragraph = self.resolved.content.sources[passage.source_id].paragraphs[passage.paragraph - 1]
        return text(paragraph.text[passage.start : passage.end])

    def snippet(self, mention: Mention) -> Md:
        """A mention in its context, the mentioned words in bold."""
        paragraph = self.resolved.content.sources[mention.source_id].paragraphs[mention.paragraph - 1].text
        start = max(0, mention.start - SNIPPET_CONTEXT)
        end = min(len(paragraph), mention.end + SNIPPET_CONTEXT)
        before, after = paragraph[start : mention.start], paragraph[mention.end : end]
        # Cut at word boundaries so the snippet does not open or close mid-word.
        if start > 0:
            before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
        if end < len(paragraph):
            after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
        return Md(f"{text(before.lstrip())}**{text(paragraph[mention.start : mention.end])}**{text(after.rstrip())}")

    def first_sentence(self, value: str) -> str:
        """The first sentence of editor prose as plain text, [[links]] replaced by their labels."""
        return exports.first_sentence(value, self.resolved.content.entities)

    def html(self, value: str) -> Md:
        """Any string as HTML text or attribute value, for the raw HTML a template writes."""
        return Md(html_text(value))

    def raw_link(self, target_page: str, label: str, query: str = "") -> Md:
        """An HTML link to another generated page, only inside a block of raw HTML (where Markdown is not read)."""
        return Md(f'<a href="{html_text(directory_url(self.path, target_page) + query)}">{html_text(label)}</a>')

    def page_link(self, label: str, target_page: str) -> Md:
        """A Markdown link to another page of the site, e.g. the timeline from the home page."""
        return markdown_link(text(label), self.url(target_page))

    def directory_url(self, target_page: str) -> str:
        """The published URL of another generated page from this one, for raw HTML ('../x/')."""
        return directory_url(self.path, target_page)

    def attribution(self, attribution: Attribution) -> Md:
        """Who says it and how sure, after a statement: ' — appears so, according to sources within Wagner'."""
        words = self._attribution_words(attribution)
        if not words:
            return Md("")
        return Md(f' — <span class="attribution certainty-{attribution.certainty or "unmarked"}">{words}</span>')

    def attribution_cell(self, attribution: Attribution) -> Md:
        """The same for a figures table, where 'stated' and 'not marked' are said too."""
        certainty = attribution.certainty
        if certainty == "stated" and not attribution.according_to:
            return Md("stated by the source")
        return self._attribution_words(attribution) or Md("not marked")

    def _attribution_words(self, attribution: Attribution) -> Md:
        words = CERTAINTY_WORDS.get(attribution.certainty or "", "")
        who = self.prose(attribution.according_to) if attribution.according_to else ""
        if who and attribution.certainty == "claimed":
            return Md(f"claimed by {who}")
        if who:
            return Md(f"{words}, according to {who}" if words else f"according to {who}")
        return Md(words)

    def permalink(self, anchor: str, what: str) -> Md:
        """A statement's own anchor: a small link to itself, so it can be linked and cited alone."""
        anchor = html_text(anchor)
        return Md(
            f' <a class="permalink" id="{anchor}" href="#{anchor}" title="Link to this {what}" '
            f'aria-label="Link to this {what}">#</a>'
        )

    def quote_url(self, citation: Citation) -> str:
        """The source page at exactly the quoted words (raw HTML: a final directory URL)."""
        passage = self.resolved.passages[citation]
        anchor = self.resolved.quote_anchors[passage]
        return f"{directory_url(self.path, source_page(passage.source_id))}#{anchor}"

    def link_to(self, target_page: str, anchor: str, label: str) -> Md:
        """A Markdown link to a statement's own anchor on another generated page."""
        return markdown_link(text(label), self.url(f"{target_page}#{anchor}"))

    def quote_places(self, quotes: tuple[tuple[Passage, str], ...]) -> Md:
        """'¶3, ¶7': links to a statement's quotes on this source page."""
        return Md(", ".join(markdown_link(text(f"¶{passage.paragraph}"), f"#{anchor}") for passage, anchor in quotes))

    def brief_quote_link(self, citation: Citation) -> Md:
        """'RUSI, ¶6': the source named briefly, linked to the quote on its page."""
        passage = self.resolved.passages[citation]
        source = self.resolved.content.sources[passage.source_id]
        return self.quote_link(citation, f"{source_label(source)}, ¶{passage.paragraph}")

    def raw_entity_link(self, entity_id: str) -> Md:
        """An HTML link to an entity page, for a block of raw HTML (the key facts)."""
        entity = self.resolved.content.entities[entity_id]
        href = directory_url(self.path, entity_page(entity_id))
        return Md(f'<a href="{html_text(href)}">{html_text(entity.name)}</a>')

    def quote_link(self, citation: Citation, label: str) -> Md:
        """A Markdown link to a quote on its source page (Markdown, not HTML: text inside an
        inline HTML tag would still be read as Markdown)."""
        passage = self.resolved.passages[citation]
        return self.source_link(passage.source_id, self.resolved.quote_anchors[passage], label)

    def notes(self, footnotes: Footnotes) -> Md:
        """The numbered notes of a page: source, quoted words, a link to them on the source page and
        (for a source with an address) to the passage in the original article; back-links to each place."""
        if not footnotes.notes:
            return Md("")
        lines = ['<div class="footnote">', "<ol>"]
        for note in footnotes.notes:
            source = self.resolved.content.sources[note.passage.source_id]
            # Named briefly (a page may cite one source eighty times); the full title is the tooltip.
            about = f'<cite title="{html_text(source.title)}">{html_text(source_label(source))}</cite>'
            if source.published:
                about += f", {html_text(source.published.label)}"
            words = _passage_words(self.resolved, note.passage)
            links = (
                f'<a class="note-source" href="{html_text(self.quote_url(note.citation))}">'
                f"Source, paragraph {note.passage.paragraph}</a>"
            )
            if source.url:
                links += (
                    f' · <a class="note-original" href="{html_text(text_fragment_url(source.url, words))}" '
                    'rel="noopener noreferrer" title="The passage in the original article, on another site">'
                    'original article<span class="leaves-site" aria-label=" (leaves this site)"> ↗</span></a>'
                )
            if note.places == 1:
                back = (
                    f'<a class="footnote-backref" href="#{_ref_id(note.number, 1)}" '
                    'title="Back to the text" aria-label="Back to the text">↩</a>'
                )
            else:
                back = '<span class="backrefs">↩ ' + " ".join(
                    f'<a class="footnote-backref" href="#{_ref_id(note.number, place)}" '
                    f'title="Back to place {_back_label(place)} in the text" '
                    f'aria-label="Back to place {_back_label(place)} in the text">{_back_label(place)}</a>'
                    for place in range(1, note.places + 1)
                ) + "</span>"
            lines.append(f'<li id="fn:{note.number}"><p>{about}: “{html_text(words)}” {links} {back}</p></li>')
        lines += ["</ol>", "</div>"]
        return Md("\n".join(lines))

    def count(self, number: int, noun: str, plural: str | None = None) -> str:
        """'1 source', '1,380 sources'."""
        return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


@dataclass(frozen=True)
class CitedBy:
    """One statement that cites a source, listed once, with each of its quotes there."""

    kind: str
    owner_id: str
    text: str
    anchor: str
    quotes: tuple[tuple[Passage, str], ...]
    """(passage, quote anchor) of each of its citations of this source, in paragraph order."""
    page: str
    """The page the statement is on: its entity's, or the timeline page holding the event."""


def _cited_by(citing: list, resolved: Resolved, event_page: Callable[[str], str]) -> list[CitedBy]:
    """The statements citing a source, each once, in content order."""
    grouped: dict[tuple[str, str, str], list[Passage]] = {}
    texts: dict[tuple[str, str, str], str] = {}
    for statement in citing:
        key = (statement.kind, statement.owner_id, statement.anchor)
        passage = resolved.passages[statement.citation]
        found = grouped.setdefault(key, [])
        if passage not in found:
            found.append(passage)
        texts.setdefault(key, statement.text)
    return [
        CitedBy(
            kind,
            owner_id,
            texts[kind, owner_id, anchor],
            anchor,
            tuple((p, resolved.quote_anchors[p]) for p in sorted(passages, key=lambda p: (p.paragraph, p.start))),
            event_page(owner_id) if kind == "event" else entity_page(owner_id),
        )
        for (kind, owner_id, anchor), passages in grouped.items()
    ]


def _cited_by_paragraph(statements: list[CitedBy], page: "_PageHelpers") -> dict[int, Md]:
    """For each cited paragraph, a line naming the statements that cite it, each linked to itself."""
    by_paragraph: dict[int, list[str]] = defaultdict(list)
    for statement in statements:
        entities = page.resolved.content.entities
        if statement.kind == "event":
            label = f"event: {statement.text}"
        elif statement.kind == "relation":
            label = exports.plain_text(statement.text, entities)  # 'Wagner Group operates in Mali'
        elif statement.kind == "figure":
            label = f"{entities[statement.owner_id].name}: {statement.text.split(':', 1)[0]}"
        else:
            label = f"{entities[statement.owner_id].name}, claim"
        href = html_text(f"{directory_url(page.path, statement.page)}#{statement.anchor}")
        link = f'<a href="{href}">{html_text(label)}</a>'
        for number in dict.fromkeys(passage.paragraph for passage, _ in statement.quotes):
            if link not in by_paragraph[number]:
                by_paragraph[number].append(link)
    return {number: Md("Cited by " + ", ".join(links)) for number, links in by_paragraph.items()}


def _split_quote_style(anchors: list[str]) -> Md | None:
    """CSS that highlights every part of a quote split round another one when its anchor is the
    target (the anchors are generated: 'p3-q2', nothing from content)."""
    if not anchors:
        return None
    selectors = ", ".join(f'.source-body:has([id="{a}"]:target) [data-quote="{a}"]' for a in anchors)
    return Md(f"<style>{selectors} {{ background: var(--dossier-target-bg); color: var(--dossier-target-fg); }}</style>")


def _passage_words(resolved: Resolved, passage: Passage) -> str:
    paragraph = resolved.content.sources[passage.source_id].paragraphs[passage.paragraph - 1]
    return paragraph.text[passage.start : passage.end]


def _mention_groups(mentions: list[Mention], sources: dict[str, Source]) -> list[MentionGroup]:
    """Mentions by source, the sources with most mentions first (ties by id), each cut to MAX_SNIPPETS."""
    by_source: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_source[mention.source_id].append(mention)
    ordered = sorted(by_source.items(), key=lambda item: (-len(item[1]), item[0]))
    return [MentionGroup(sources[source_id], found[:MAX_SNIPPETS], len(found)) for source_id, found in ordered]


def _escape_unless_safe(value: Any) -> Any:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return text(str(value))


@dataclass(frozen=True)
class _Span:
    """Something to wrap in a paragraph: a cited quote (a mark with its anchor) or a mention (a link)."""

    start: int
    end: int
    anchor: str = ""
    """For a quote: its anchor, 'p3-q2'."""
    href: str = ""
    """For a mention: the entity page it links to."""

    @property
    def is_quote(self) -> bool:
        return bool(self.anchor)


def _body_html(
    source: Source,
    mentions: list[Mention],
    quotes: dict[Passage, str],
    page: str,
    cited_by: Mapping[int, Md] | None = None,
) -> tuple[str, list[str]]:
    """The body as raw HTML: escaped text, mentions linked, each cited quote wrapped in its own
    mark with its anchor; and the anchors of quotes that overlap another and had to be split.

    Raw HTML (not Markdown) so that nothing in the corpus can be read as Markdown syntax.
    Links here bypass MkDocs' link rewriting, so they are written as final directory URLs.
    """
    mentions_in: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        mentions_in[mention.paragraph].append(mention)
    quotes_in: dict[int, list[_Span]] = defaultdict(list)
    for passage, anchor in quotes.items():
        quotes_in[passage.paragraph].append(_Span(passage.start, passage.end, anchor=anchor))
    # Every mention links to an entity page, entities/<id>/ as published: the way there is the same for all.
    entities_url = html_text(directory_url(page, "entities/index.md"))
    split: list[str] = []
    lines = ['<div class="source-body">']
    for paragraph in source.paragraphs:
        found = mentions_in.get(paragraph.number, ())
        if paragraph.number in quotes_in:
            spans = quotes_in[paragraph.number] + [
                _Span(mention.start, mention.end, href=f"{entities_url}{mention.entity_id}/") for mention in found
            ]
            inner = _paragraph_html(paragraph.text, paragraph.number, spans, split)
        else:  # most paragraphs: mentions only, which never overlap
            inner = _mentions_html(paragraph.text, found, entities_url)
        lines.append(
            f'<p id="{paragraph.anchor}"><a class="paragraph-number" href="#{paragraph.anchor}" '
            f'title="Link to paragraph {paragraph.number}">{paragraph.number}</a> {inner}</p>'
        )
        if cited_by and paragraph.number in cited_by:
            lines.append(f'<p class="cited-by-paragraph">{cited_by[paragraph.number]}</p>')
    lines.append("</div>")
    return "\n".join(lines), split


def _mentions_html(value: str, mentions: Iterable[Mention], entities_url: str) -> str:
    out, position = [], 0
    for mention in mentions:  # in order, never overlapping (leftmost-longest matches)
        if mention.start < position:
            continue
        out.append(html_text(value[position : mention.start]))
        out.append(
            f'<a class="mention" href="{entities_url}{mention.entity_id}/">{html_text(value[mention.start : mention.end])}</a>'
        )
        position = mention.end
    out.append(html_text(value[position:]))
    return "".join(out)


def _paragraph_html(value: str, number: int, spans: list[_Span], split: list[str]) -> str:
    """One paragraph's HTML. Outer spans open first (quotes before mentions of the same extent);
    where two spans overlap without nesting, the inner one is closed and reopened round the
    outer one's end, so the quote that opened first stays whole. A quote split that way keeps
    its anchor on its first part and marks every part with data-quote."""
    ordered = sorted(spans, key=lambda span: (span.start, -span.end, not span.is_quote))
    boundaries = sorted({0, len(value)} | {span.start for span in spans} | {span.end for span in spans})
    starting: dict[int, list[_Span]] = defaultdict(list)
    for span in ordered:
        starting[span.start].append(span)
    out: list[str] = []
    open_spans: list[_Span] = []
    parts: Counter[_Span] = Counter()

    def opening(span: _Span) -> str:
        parts[span] += 1
        if not span.is_quote:
            return f'<a class="mention" href="{span.href}">'
        if parts[span] == 1:
            return f'<mark class="cited" id="{span.anchor}" data-quote="{span.anchor}" data-paragraph="{number}">'
        if span.anchor not in split:
            split.append(span.anchor)
        return f'<mark class="cited" data-quote="{span.anchor}" data-paragraph="{number}">'

    def closing(span: _Span) -> str:
        return "</mark>" if span.is_quote else "</a>"

    position = 0
    for boundary in boundaries:
        out.append(html_text(value[position:boundary]))
        position = boundary
        ending = [span for span in open_spans if span.end == boundary]
        if ending:
            # Close from the innermost out to the outermost span that ends here, then reopen the
            # ones that go on.
            deepest = min(open_spans.index(span) for span in ending)
            reopen = [span for span in open_spans[deepest:] if span.end > boundary]
            for span in reversed(open_spans[deepest:]):
                out.append(closing(span))
            del open_spans[deepest:]
            for span in reopen:
                out.append(opening(span))
                open_spans.append(span)
        for span in starting.get(boundary, ()):
            if span.end <= span.start:
                continue
            # A quote starting inside a mention that ends before it: split the mention, not the quote.
            crossing = [index for index, other in enumerate(open_spans) if other.end < span.end]
            reopen = open_spans[crossing[0] :] if crossing else []
            if span.is_quote and reopen and not any(other.is_quote for other in reopen):
                for other in reversed(reopen):
                    out.append(closing(other))
                del open_spans[crossing[0] :]
            else:
                reopen = []
            out.append(opening(span))
            open_spans.append(span)
            for other in reopen:
                out.append(opening(other))
                open_spans.append(other)
    return "".join(out)


def directory_url(from_page: str, to_page: str) -> str:
    """The URL from one page to another as MkDocs publishes them ('a/b.md' → 'a/b/')."""
    def published(page: str) -> str:
        stem = posixpath.splitext(page)[0]
        return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem

    return relative_path(published(to_page), published(from_page)) + "/"


def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for paths under docs/, without a system call per link."""
    folder, name = posixpath.split(path)
    if not name:
        return posixpath.relpath(path, start or ".")
    way = _relative_folder(folder or ".", start or ".")
    return name if way == "." else f"{way}/{name}"


@functools.lru_cache(maxsize=65_536)
def _relative_folder(folder: str, start: str) -> str:
    # Not posixpath.relpath: it calls os.getcwd() twice, a system call, on every use (a third of
    # generation time at 10,000 sources), and every entity and source page has a folder of its own.
    # Both folders are relative to docs/ and normalised ('.' for docs/ itself).
    target = [] if folder == "." else folder.split("/")
    here = [] if start == "." else start.split("/")
    common = 0
    while common < min(len(target), len(here)) and target[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + target[common:]) or "."


def timeline_group(event: Event) -> str:
    """The heading an event is listed under on the timeline; never a date no source gives."""
    if event.date:
        return str(event.date.year)
    if event.after:
        return f"After {event.after.label} (date unknown)"
    if event.before:
        return f"Before {event.before.label} (date unknown)"
    return "Date unknown"
