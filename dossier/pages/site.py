"""What every page kind renders with (``Site``) and the helpers its templates call.

The page kinds themselves are the modules of ``dossier.pages``.

Templates receive plain data and helpers. Any value a template prints is escaped as inert
Markdown text unless it is ``Md`` (built by ``markup`` or the helpers here), so forgetting to
escape is not possible.
"""

from __future__ import annotations

import datetime
import functools
import os
import posixpath
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import jinja2

from ..content.history import History
from ..content.model import UNATTRIBUTED, Attribution, Citation, Entity, Source
from ..content.origins import independent_count
from ..content.schema import DIFFERENCES, ENTITY_TYPES, RELATION_TYPES
from ..report import Position, Problem
from ..resolve import Mention, Passage, Resolved
from ..resolve.anchors import figure_anchors
from ..resolve.translations import DEFAULT_SITE_LANGUAGE
from ..text.language_tags import language_attributes, same_language
from ..text.markup import Md, front_matter, html_text, in_language, markdown_link, prose, text
from ..text.markup import text_fragment_url
from ..text.sentences import sentence_span
from . import exports
from .addresses import entity_page, published, source_page

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

FALLBACK_DATE = "2025-01-01"
"""The 'last updated' date when none is given: the date reproducible builds fall back on."""

SENTENCE_CONTEXT = 240
"""Characters of a quote's sentence shown at most each side of the quoted words (a paragraph with
no full stop is one long sentence)."""

SHORT_TITLE_WORDS = 5
"""Words of a title that name a source briefly when it has no publisher and no short head before a colon."""


@dataclass(frozen=True)
class IndexPart:
    """One page of a split index: a year's or a type's items (or a part of them), and its page."""

    key: str
    label: str
    items: list
    page: str


def newest_first(sources: Iterable[Source]) -> list[Source]:
    """Sources by date of publication, newest first (undated last), then by title."""
    return sorted(
        sources,
        key=lambda s: (s.published.sort_key if s.published else (datetime.date.min, 0), s.title.casefold(), s.id),
        reverse=True,
    )


def by_year(sources: list[Source]) -> list[tuple[str, str, list[Source]]]:
    """Sources (in their order) as (key, label, sources) by year of publication, for ``split_index``."""
    years: dict[str, list[Source]] = {}
    for source in sources:
        years.setdefault(str(source.published.year) if source.published else "undated", []).append(source)
    return [(year, "Date not stated" if year == "undated" else year, found) for year, found in years.items()]


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
    footnote-backref), which the note pop-ups of dossier.js read, written here so that each note
    can link to its own quote and label its back-links.
    """

    resolved: Resolved
    notes: list[Note] = field(default_factory=list)
    _by_passage: dict[Passage, Note] = field(default_factory=dict)

    def refs(self, citations: tuple[Citation, ...]) -> Md:
        """The note markers for a statement's citations, as inline HTML, then how many sources
        carry it (`source_count`). Search leaves both out of its snippets."""
        notes: list[Note] = []
        for citation in citations:
            passage = self.resolved.passages[citation]
            if passage not in self._by_passage:
                note = Note(len(self.notes) + 1, citation, passage)
                self.notes.append(note)
                self._by_passage[passage] = note
            note = self._by_passage[passage]
            if citation.translation and not note.citation.translation:
                note.citation = citation  # the note shows the passage's translation, whichever citation gives it
            if note not in notes:
                notes.append(note)
        markers = []
        for note in notes:
            note.places += 1
            markers.append(
                f'<sup id="{_ref_id(note.number, note.places)}" data-pagefind-ignore>'
                f'<a class="footnote-ref" href="#fn:{note.number}">{note.number}</a></sup>'
            )
        return Md("".join(markers) + source_count(citations, self.resolved.content.sources))


def source_count(citations: Iterable[Citation], sources: Mapping[str, Source]) -> str:
    """' single source', ' 3 sources' or ' 3 sources, 2 independent' (``source_count_words``) as
    HTML after a statement; a statement resting on one origin is marked 'single'."""
    words, single = source_count_words({citation.source_id for citation in citations}, sources)
    if not words:
        return ""
    return f' <span class="source-count{" single" if single else ""}" data-pagefind-ignore>{words}</span>'


def source_count_words(source_ids: set[str], sources: Mapping[str, Source]) -> tuple[str, bool]:
    """How many distinct sources carry a statement ('single source', '3 sources') and, when some
    derive from others (``derived_from``), how many origins they come from ('3 sources, 2
    independent'); and whether it all rests on one origin. So that a reader sees at a glance what
    rests on one source alone (several quotes of one count once). Sources none of which says what
    it derives from are only counted: the data says no more about their independence."""
    count = len(source_ids)
    if count <= 1:
        return ("single source" if count else ""), count == 1
    independent = independent_count(source_ids, sources)
    if independent == count:
        return f"{count} sources", False
    return f"{count} sources, {independent} independent", independent == 1


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


class TemplateProblem(Exception):
    """A template that cannot be rendered (syntax, an undefined name, a missing template), located
    at the template's line; the pipeline reports it like a content problem, not as a traceback."""

    def __init__(self, problem: Problem):
        super().__init__(problem)  # so that it travels between processes whole (pickle calls it again)
        self.problem = problem

    def __str__(self) -> str:
        return str(self.problem)


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


class Site:
    """What every page kind renders with: the resolved content, the templates, the dates pages
    show and the sizes of index pages. No I/O but reading templates: the dates come in as data."""

    def __init__(
        self,
        resolved: Resolved,
        templates_dir: Path,
        last_updated: Mapping[str, str] | None = None,
        build_date: str = FALLBACK_DATE,
        page_size: int = 0,
        main_ids: tuple[str, ...] = (),
        cache: dict | None = None,
        history: History | None = None,
        language: str = DEFAULT_SITE_LANGUAGE,
    ):
        self.language = language
        """The language of the site's own words (theme.language in mkdocs.yml, which gives the pages'
        html lang): a source's words in it need no lang of their own inside the site's sentences,
        a source's words in any other do."""
        self.history = history or History()
        """What git says of the content: its changes, the commit built, where that version lives."""
        self.cache = {} if cache is None else cache
        """What a page kind may keep between runs of a long-lived process (the live preview);
        the compiled templates too, until ``cache`` is emptied."""
        self.page_size = page_size or INDEX_PAGE_SIZE
        self.timeline_page_size = page_size or TIMELINE_PAGE_SIZE
        self.main_ids = main_ids
        self.resolved = resolved
        self.content = resolved.content
        self.last_updated = last_updated or {}
        self.build_date = build_date
        self._templates_dir = templates_dir
        self._entity_links: dict[tuple[str, str, str | None], Md] = {}
        self._once: dict[str, Any] = {}
        self.types = tuple(ENTITY_TYPES)
        self.relation_types = tuple(RELATION_TYPES)
        self.env = self.cache.get("templates") or jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=False,  # Markdown, not HTML: escaping is done by finalize below
            finalize=_escape_unless_safe,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a long-lived process empties the cache when a template changes
        )
        self.cache["templates"] = self.env

    def render(self, template: str, page: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(page=self.helpers(page), content=self.content, differences=DIFFERENCES, **context)
        except Exception as error:
            problem = self._template_problem(template, error)
            if problem is None:
                raise
            raise TemplateProblem(problem) from None

    def compile_templates(self) -> None:
        """Compile every template now, before processes that make pages apart are forked from
        this one, so that none compiles them again. One that fails is left for the first page
        that uses it to report, as when pages are made in one process."""
        for name in self.env.list_templates(extensions=["j2"]):
            try:
                self.env.get_template(name)
            except Exception:  # noqa: BLE001 — reported by ``render``, in page order
                pass

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
            reason = f"{error.message}: check the name against what dossier/pages/ passes to this template"
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

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, computed once for this site (data several page kinds need, e.g. the timeline's parts)."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]

    def helpers(self, page: str) -> "PageHelpers":
        return PageHelpers(self.resolved, page, self._entity_links, self.language)

    def updated(self, entity_id: str) -> str:
        """When the entity's file last changed; the build's date when history cannot say."""
        return self.last_updated.get(entity_id, self.build_date)

    def figure_rows(self, entity: Entity, index: int) -> list[FigureRow]:
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

    def main_dossiers(self) -> list[Entity]:
        """The site's main subjects: those mkdocs.yml names (an editorial choice: the site is about
        them, though others are cited more), else the entities with most cited statements."""
        named = [self.content.entities[i] for i in self.main_ids if i in self.content.entities]
        if named:
            return named
        cited = Counter()
        for entity in self.content.entities.values():
            cited[entity.id] += sum(len(statement.citations) for statement in entity.statements())
            cited[entity.id] += len(self.resolved.events.get(entity.id, []))
        ranked = sorted(self.content.entities.values(), key=lambda e: (-cited[e.id], e.name.casefold(), e.id))
        return ranked[:MAIN_DOSSIERS]


class PageHelpers:
    """What a template may call to link, quote and format, relative to the page it renders."""

    def __init__(
        self,
        resolved: Resolved,
        path: str,
        entity_links: dict[tuple[str, str, str | None], Md] | None = None,
        language: str = DEFAULT_SITE_LANGUAGE,
    ):
        self.resolved = resolved
        self.language = language
        """The site's language (``Site.language``)."""
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
        """A link to a source's page, named by ``label`` or by its title in its own language."""
        source = self.resolved.content.sources[source_id]
        target = source_page(source_id) + (f"#{anchor}" if anchor else "")
        if label:
            return markdown_link(text(label), self.url(target))
        return self.in_source_language(markdown_link(text(source.title), self.url(target)), source, source.title)

    def source_title(self, source: Source) -> Md:
        return self.in_source_language(text(source.title), source, source.title)

    def in_source_language(self, value: Md, source: Source, plain: str) -> Md:
        """``value``, words of ``source`` (``plain``: as text), marked with the source's language
        and direction where it is not the site's."""
        return value if same_language(source.language, self.language) else in_language(value, source.language, plain)

    def source_attributes(self, source: Source) -> str:
        """The lang and dir of an element holding words of ``source``: none where they are the site's."""
        return "" if same_language(source.language, self.language) else language_attributes(source.language)

    def prose(self, value: str | None, paragraphs: bool = False) -> Md:
        return prose(value or "", self.entity_link, paragraphs=paragraphs)

    def front_matter(self, value: str) -> Md:
        return front_matter(value)

    def external_link(self, url: str) -> Md:
        return markdown_link(text(url), url)

    def quote(self, citation: Citation) -> Md:
        """The quoted words as the source has them, not as the editor typed them, in its language."""
        passage = self.resolved.passages[citation]
        source = self.resolved.content.sources[passage.source_id]
        words = text(source.paragraphs[passage.paragraph - 1].text[passage.start : passage.end])
        attributes = self.source_attributes(source)
        return Md(f"<span{attributes}>{words}</span>") if attributes else words

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

    def file_url(self, target_file: str) -> str:
        """The URL of a file under docs/ (a feed, a data file) from this page, for raw HTML."""
        return relative_path(target_file, published(self.path))

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
        """The same for a figures table, where a plain statement says so: 'stated by the source'.
        An unmarked one reads the same: `check` warns its editor when the cited sentence hedges."""
        return self._attribution_words(attribution) or Md("stated by the source")

    def _attribution_words(self, attribution: Attribution) -> Md:
        words = CERTAINTY_WORDS.get(attribution.certainty or "", "")
        who = self.prose(attribution.according_to) if attribution.according_to else ""
        if who and attribution.certainty == "claimed":
            return Md(f"claimed by {who}")
        if who:
            return Md(f"{words}, according to {who}" if words else f"according to {who}")
        return Md(words)

    def heading_id(self, anchor: str) -> Md:
        """The id of a heading whose words come from content, written after it (attr_list): left to
        Python-Markdown, a name such as 'Notes' or '__search' would make the id of a section of
        the page or of the theme's search box."""
        return Md(f"{{: #{html_text(anchor)} }}")

    def permalink(self, anchor: str, what: str) -> Md:
        """A statement's own anchor: a small link to itself, so it can be linked and cited alone
        (left out of search snippets, as note markers are)."""
        anchor = html_text(anchor)
        return Md(
            f' <a class="permalink" id="{anchor}" href="#{anchor}" title="Link to this {what}" '
            f'aria-label="Link to this {what}" data-pagefind-ignore>#</a>'
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
            # In the source's language too: an outlet's name and a headline may be Arabic ('أ ف ب').
            about = (
                f'<cite{self.source_attributes(source)} title="{html_text(source.title)}">'
                f"{html_text(source_label(source))}</cite>"
            )
            if source.published:
                about += f", {html_text(source.published.label)}"
            words = _passage_words(self.resolved, note.passage)
            links = (
                f'<a class="note-source" href="{html_text(self.quote_url(note.citation))}">'
                f"Source, paragraph {note.passage.paragraph}</a>"
            )
            for url, kind, label, where in (
                (source.url, "note-original", "original article", "The passage in the original article, on another site"),
                (source.archive_url, "note-archive", "archived copy", "The passage in an archived copy of the article, on another site"),
            ):
                if url:
                    links += (
                        f' · <a class="{kind}" href="{html_text(text_fragment_url(url, words))}" '
                        f'rel="noopener noreferrer" title="{where}">'
                        f'{label}<span class="leaves-site" aria-label=" (leaves this site)"> ↗</span></a>'
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
            quoted = self.quote_in_sentence(note.citation, html_text) + self.translation(note.citation, html_text)
            lines.append(f'<li id="fn:{note.number}"><p>{about}: {quoted} {links} {back}</p></li>')
        lines += ["</ol>", "</div>"]
        return Md("\n".join(lines))

    def quote_in_sentence(self, citation: Citation, escape: Callable[[str], str] = text) -> Md:
        """The sentence(s) of the source around a quote, in quotation marks and the source's
        language: the quoted words marked, the rest muted, so a reader sees what the quote leaves
        out. ``escape`` is ``text`` inside Markdown (the default), ``html_text`` in raw HTML."""
        passage = self.resolved.passages[citation]
        source = self.resolved.content.sources[passage.source_id]
        paragraph = source.paragraphs[passage.paragraph - 1].text
        start, end = sentence_span(paragraph, passage.start, passage.end)
        before, after = paragraph[start : passage.start], paragraph[passage.end : end]
        if len(before) > SENTENCE_CONTEXT:
            before = "…" + before[-SENTENCE_CONTEXT:].split(" ", 1)[-1]
        if len(after) > SENTENCE_CONTEXT:
            after = after[:SENTENCE_CONTEXT].rsplit(" ", 1)[0] + "…"
        marked = f'<mark class="quoted">{escape(paragraph[passage.start : passage.end])}</mark>'
        if before:
            marked = f'<span class="quote-context">{escape(before)}</span>{marked}'
        if after:
            marked += f'<span class="quote-context">{escape(after)}</span>'
        return Md(f'“<span class="quote-in-sentence"{self.source_attributes(source)}>{marked}</span>”')

    def quotes_in_sentences(self, citations: Iterable[Citation]) -> Md:
        """Each quote in its sentence with its translation, each on a line of its own ("Cited by")."""
        return Md("".join(f"<br>{self.quote_in_sentence(citation)}{self.translation(citation)}" for citation in citations))

    def translation(self, citation: Citation, escape: Callable[[str], str] = text) -> Md:
        """A quote's translation, labelled by its credit ('Machine translation: DeepL 2026-11'),
        or nothing when it has none."""
        if not citation.translation or citation.translated_by is None:
            return Md("")
        return Md(
            f' <span class="quote-translation">{_in_quotation_marks(citation.translation, escape)} '
            f'<span class="translation-credit">{escape(citation.translated_by.credit)}</span></span>'
        )

    def count(self, number: int, noun: str, plural: str | None = None) -> str:
        """'1 source', '1,380 sources'."""
        return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


_QUOTATION_MARKS = {"“": "”", "«": "»", '"': '"', "„": "“", "‘": "’", "‹": "›"}


def _in_quotation_marks(words: str, escape: Callable[[str], str]) -> str:
    """Words in quotation marks, unless they are quoted already ('“We suffered …”', a quote's
    translation that keeps the original's guillemets as English quotation marks)."""
    words = words.strip()
    if len(words) > 1 and _QUOTATION_MARKS.get(words[0]) == words[-1]:
        return escape(words)
    return f"“{escape(words)}”"


def _passage_words(resolved: Resolved, passage: Passage) -> str:
    paragraph = resolved.content.sources[passage.source_id].paragraphs[passage.paragraph - 1]
    return paragraph.text[passage.start : passage.end]


def _escape_unless_safe(value: Any) -> Any:
    if isinstance(value, Md):
        return value
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return text(str(value))


def directory_url(from_page: str, to_page: str) -> str:
    """The URL from one page to another as MkDocs publishes them ('a/b.md' → 'a/b/')."""
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
