"""The content as plain, typed data: what every stage after validation works on. No I/O here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple, Union

from ..report import Position
from ..text.dates import OPEN_END, OPEN_START, PartialDate
from ..text.intervals import can_all_be_true, interval


@dataclass(frozen=True)
class Translator:
    """Who translated a quote: a person, or a machine engine at a version."""

    name: str
    """The person's name, or the engine's ('DeepL')."""
    machine: bool = False
    version: str | None = None
    """The engine's version or the month it was used ('2026-11'); machines only."""

    @property
    def credit(self) -> str:
        """'Translation by Awa Traoré', 'Machine translation: DeepL 2026-11': what readers see."""
        if self.machine:
            return f"Machine translation: {self.name} {self.version}"
        return f"Translation by {self.name}"

    def __str__(self) -> str:
        return self.credit


@dataclass(frozen=True)
class Citation:
    """Words quoted from a source's body to back a claim, relation or event."""

    source_id: str
    """The id of the cited source."""
    quote: str
    """The words as the editor copied them; matched against the body ignoring typography."""
    position: Position
    """Where the citation was written, for error messages."""
    paragraph: int | None = None
    """When the quote occurs more than once: the paragraph meant."""
    prefix: str | None = None
    """When the quote occurs more than once: the words right before the one meant."""
    suffix: str | None = None
    """When the quote occurs more than once: the words right after the one meant."""
    translation: str | None = None
    """The quote in the site's language, for a source in another language."""
    translated_by: Translator | None = None
    """Who made the translation; given whenever ``translation`` is."""
    context: str | None = None
    """The words before the quote that name who it is about, when the quote itself does not."""


@dataclass(frozen=True)
class Attribution:
    """Who a statement's source attributes it to, and how sure the source is (both optional)."""

    certainty: str | None = None
    """A key of ``schema.CERTAINTIES``, or None when the editor did not say."""
    according_to: str | None = None
    """Editor text, possibly with [[id]] links: 'sources within [[wagner-group]]'."""

    @property
    def is_marked(self) -> bool:
        """Whether the editor said how sure the source is or whom it attributes the statement to:
        then ``check`` does not warn that the cited sentence hedges. Named, not ``__bool__``, so
        that a field joining this class does not silently change what it means."""
        return bool(self.certainty or self.according_to)


UNATTRIBUTED = Attribution()


@dataclass(frozen=True)
class Claim:
    """One cited statement about an entity."""

    text: str
    """Editor Markdown, possibly with [[id]] links."""
    date: PartialDate | None
    citations: tuple[Citation, ...]
    position: Position
    attribution: Attribution = UNATTRIBUTED
    correction: str | None = None
    """Why it was corrected after publication (``correction:``), or None."""


@dataclass(frozen=True)
class Relation:
    """A typed link written on ``subject_id``'s file, pointing at ``target_id``."""

    type: str
    """A key of ``schema.RELATION_TYPES``."""
    subject_id: str
    target_id: str
    since: PartialDate | None
    until: PartialDate | None
    citations: tuple[Citation, ...]
    position: Position
    attribution: Attribution = UNATTRIBUTED
    ended: bool = False
    """True when the relation has ended: ``until`` says when, or is None when no source dates the end."""
    as_of: PartialDate | None = None
    """For a relation that has not ended: the latest date its cited evidence describes."""
    correction: str | None = None

    @property
    def when(self) -> str:
        """How far in time the sources carry it: 'since 2021, as of March 2024', 'until 2024',
        'ended, date unknown'; '' when they say nothing of its time."""
        return self.time_words()

    def time_words(self, undated_end: str = "ended, date unknown") -> str:
        """``when``, with the words for an end no source dates given (the key facts say 'ended')."""
        parts = [f"since {self.since.label}"] if self.since else []
        if self.until:
            parts.append(f"until {self.until.label}")
        elif self.ended:
            parts.append(undated_end)
        elif self.as_of:
            parts.append(f"as of {self.as_of.label}")
        return ", ".join(parts)


@dataclass(frozen=True)
class FigureValue:
    """One source's value for a figure, e.g. 'just over 2,000 men' as of early 2023."""

    value: str
    as_of: PartialDate | None
    citations: tuple[Citation, ...]
    attribution: Attribution = UNATTRIBUTED
    position: Position | None = None
    """Where the value was written, for warnings about it."""
    correction: str | None = None


@dataclass(frozen=True)
class Figure:
    """A measured thing and the values sources give for it; contested only when they cannot all be true."""

    measure: str
    values: tuple[FigureValue, ...]
    position: Position
    difference: str | None = None
    """The kind of difference as the editor says it (a key of ``schema.DIFFERENCES``), where the
    values' words alone cannot tell: two coups, or two counts of different things."""

    @property
    def difference_kind(self) -> str | None:
        """'precision', 'over-time' or 'disagree'; None when every source gives the same value.

        Dates compare as intervals: values that can all be true at once (December 2021, late 2021,
        2021) differ in precision. Values each dated, at different dates, are a series. Anything
        else is a disagreement, unless the editor says otherwise."""
        if len({value.value.strip().casefold() for value in self.values}) < 2:
            return None
        if self.difference:
            return self.difference
        intervals = [interval(value.value) for value in self.values]
        if all(intervals):
            return "precision" if can_all_be_true(intervals) else "disagree"
        dates = [value.as_of for value in self.values]
        if all(dates) and len(set(dates)) > 1:
            return "over-time"
        return "disagree"

    @property
    def contested(self) -> bool:
        """Whether the sources disagree: the values cannot all be true."""
        return self.difference_kind == "disagree"


@dataclass(frozen=True)
class Correction:
    """A statement withdrawn after publication (``corrections:`` on its entity), and why."""

    removed: str
    """The statement as ``compare`` names it: a claim's text, 'Wagner Group operates in Mali', 'Strength: 2,000'."""
    reason: str
    position: Position


@dataclass(frozen=True)
class Entity:
    """An actor, person or place with a dossier page."""

    id: str
    """The file name without .yml; also the page's address."""
    name: str
    type: str
    """One of ``schema.ENTITY_TYPES``."""
    aliases: tuple[str, ...]
    summary: str
    relations: tuple[Relation, ...]
    claims: tuple[Claim, ...]
    position: Position
    alias_positions: tuple[Position, ...] = ()
    """Where each alias was written, in the same order as ``aliases``."""
    alias_languages: tuple[str | None, ...] = ()
    """The language tag given with each alias ('ar'), or None, in the same order as ``aliases``."""
    figures: tuple[Figure, ...] = ()
    same_as: tuple[str, ...] = ()
    """Addresses of this entity in reference works; published as JSON-LD sameAs."""
    corrections: tuple[Correction, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias: every spelling that counts as a mention."""
        return (self.name, *self.aliases)

    def statements(self) -> Iterator[Statement]:
        """Its claims, relations and figure values, in that order, each as it is written."""
        for index, claim in enumerate(self.claims):
            yield Statement("claim", self.id, claim, index)
        for index, relation in enumerate(self.relations):
            yield Statement("relation", self.id, relation, index)
        for figure_index, figure in enumerate(self.figures):
            for index, value in enumerate(figure.values):
                yield Statement("figure", self.id, value, index, figure, figure_index)


class Paragraph(NamedTuple):
    """One paragraph of a source's body; its number is its anchor on the source page.

    A named tuple rather than a dataclass: a large corpus has hundreds of thousands of them,
    and a tuple is several times cheaper to make.
    """

    number: int
    text: str

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


@dataclass(frozen=True)
class Source:
    """An article: its metadata and the paragraphs of its body (clutter left out)."""

    id: str
    title: str
    publisher: str | None
    author: str | None
    published: PartialDate | None
    url: str | None
    notes: str | None
    paragraphs: tuple[Paragraph, ...]
    position: Position
    """The position of the .yml file."""
    text_path: str
    """The raw text file, relative to the project."""
    language: str = "en"
    """The article's language as a BCP 47 tag ('fr', 'ar'): check requires every source to say it;
    the default serves models built in code (tests)."""
    via: str | None = None
    """The outlet that republished a wire story (the publisher is then the agency)."""
    archive_url: str | None = None
    retrieved: str | None = None
    """When the page was fetched or saved, UTC, as written: '2025-08-06T10:15:03Z'."""
    sha256: str | None = None
    """The fingerprint of the kept copy, which ``check`` has verified."""
    partial: bool = False
    """Whether the copy is incomplete."""
    capture_path: str | None = None
    """The kept copy, relative to the project (content/captures/<id>.html), when there is one."""
    derived_from: str | None = None
    """What it was made from: another source's id, or a description of an original not in the
    corpus ('AFP wire'); None for independent reporting, as far as the editor knows."""
    derived_from_position: Position | None = None


@dataclass(frozen=True)
class Event:
    """Something that happened at a (possibly vague) date, involving entities."""

    id: str
    date: PartialDate | None
    """None when no source dates it ('date: unknown'); ``after`` and ``before`` may bound it."""
    title: str
    text: str | None
    entity_ids: tuple[str, ...]
    """The entities it concerns without their acting in it."""
    place_id: str | None
    citations: tuple[Citation, ...]
    position: Position
    attribution: Attribution = UNATTRIBUTED
    after: PartialDate | None = None
    before: PartialDate | None = None
    actor_ids: tuple[str, ...] = ()
    """The entities that act in it; only these show it as their first or latest event."""
    correction: str | None = None

    @property
    def interval(self) -> tuple[datetime.date, datetime.date]:
        """The earliest and latest day it can have happened: its date's, or for an undated event
        from its 'after' bound (its start) to its 'before' bound (its end), open where none is given."""
        if self.date:
            return self.date.start, self.date.end
        return (self.after.start if self.after else OPEN_START, self.before.end if self.before else OPEN_END)

    @property
    def sort_key(self) -> tuple:
        """Dated events by their date's interval (``PartialDate.sort_key``); an undated one after
        everything that starts within its 'after' bound, or before the year of its 'before' bound,
        or else at the very end; ties by id."""
        if self.date:
            return (self.date.sort_key, 0, self.id)
        if self.after:
            return ((self.after.end, 0), 1, self.id)
        if self.before:  # before the whole year of its bound: the sources say no more
            return ((datetime.date(self.before.year, 1, 1), -OPEN_END.toordinal() - 1), -1, self.id)
        return ((OPEN_END, 0), 2, self.id)

    @property
    def when(self) -> str:
        """The date for readers; for an undated event, what the sources allow and no more."""
        if self.date:
            return self.date.label
        if self.after and self.before:
            return f"Date unknown: after {self.after.label}, before {self.before.label}"
        if self.after:
            return f"Date unknown: after {self.after.label}"
        if self.before:
            return f"Date unknown: before {self.before.label}"
        return "Date unknown"

    @property
    def when_iso(self) -> str:
        """The date as written in YAML: '2021-12', or 'unknown'."""
        return self.date.iso if self.date else "unknown"

    @property
    def involved_ids(self) -> tuple[str, ...]:
        """Entities involved: its actors, those it concerns, and the place if it is not already one of them."""
        return tuple(dict.fromkeys((*self.actor_ids, *self.entity_ids, *((self.place_id,) if self.place_id else ()))))

    @property
    def concerned_ids(self) -> tuple[str, ...]:
        """Entities involved without acting in it, the place included."""
        return tuple(entity_id for entity_id in self.involved_ids if entity_id not in self.actor_ids)


@dataclass(frozen=True)
class Statement:
    """One cited statement with its owner: a claim, relation or figure value of an entity, or an event.

    The one walk over what the editors assert (``Content.statements``): resolve locates and
    weighs its citations, validate checks them, links lists them on the sources they cite,
    render and exports show them, `changes` compares them between two revisions.
    """

    kind: str
    """'claim', 'relation', 'figure' (one value of a figure) or 'event'."""
    owner_id: str
    """The entity that holds it, or the event itself."""
    item: Union[Claim, Relation, FigureValue, Event]
    index: int = 0
    """Its place among its owner's statements of its kind (for a figure value: among the figure's values)."""
    figure: Figure | None = None
    figure_index: int = 0

    @property
    def citations(self) -> tuple[Citation, ...]:
        return self.item.citations

    @property
    def attribution(self) -> Attribution:
        return self.item.attribution

    @property
    def position(self) -> Position:
        """Where it is written; for a figure value without its own, where its figure is."""
        return self.item.position or (self.figure.position if self.figure else self.item.position)


@dataclass
class Content:
    """Everything the editors wrote, validated; each mapping is sorted by id."""

    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    def statements(self) -> Iterator[Statement]:
        """Every statement: each entity's (claims, relations, figure values), then the events."""
        for entity in self.entities.values():
            yield from entity.statements()
        for event in self.events.values():
            yield Statement("event", event.id, event)
