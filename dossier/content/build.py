"""Building the typed model (``model``) from files that passed their schema: positions, dates and
citations as data. Checks are ``validate``'s; a builder reports a problem only where it cannot build
(a source whose body cannot be found). Every builder takes the file, its schema and the list of
problems, as ``kinds.ContentKind.build`` says."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..report import Position, Problem
from ..text.dates import parse_date
from .body import BodyNotFound, body_span, split_paragraphs
from .model import Attribution, Citation, Claim, Correction, Entity, Event, Figure, FigureValue, Paragraph, Relation, Source, Translator
from .schema import UNKNOWN_DATE, CitationSchema, EntitySchema, EventSchema, SourceSchema, TranslatorSchema

if TYPE_CHECKING:  # load reads the registry of kinds, which names these builders
    from .load import LoadedFile


def file_position(file: LoadedFile, *path: str | int) -> Position:
    line, col = file.document.position_of(path)
    return Position(file.path, line, col)


def _citations(file: LoadedFile, cites: list[CitationSchema], *path: str | int) -> tuple[Citation, ...]:
    return tuple(
        Citation(
            cite.source,
            cite.quote,
            file_position(file, *path, "cite", index, "quote"),
            cite.paragraph,
            cite.prefix,
            cite.suffix,
            cite.translation,
            _translator(cite.translated_by),
            cite.context,
        )
        for index, cite in enumerate(cites)
    )


def _translator(schema: TranslatorSchema | None) -> Translator | None:
    if schema is None:
        return None
    if schema.machine:
        return Translator(schema.machine, machine=True, version=schema.version)
    return Translator(schema.person or "")


def _attribution(statement: Any) -> Attribution:
    return Attribution(statement.certainty, statement.according_to)


def _date(text: str | None):
    return parse_date(text) if text else None


def build_source(file: LoadedFile, schema: SourceSchema, problems: list[Problem]) -> Source | None:
    body = schema.body
    try:
        start, end = body_span(file.text or "", body and body.start_after, body and body.end_before)
    except BodyNotFound as error:
        problems.append(Problem(file_position(file, "body"), f"{error}: copy the phrase exactly from {file.text_path}"))
        return None
    paragraphs = split_paragraphs((file.text or "")[start:end], body.paragraphs if body else "lines")
    if not paragraphs:
        problems.append(Problem(file_position(file, "body"), "the article body is empty: check body.start_after and body.end_before"))
        return None
    return Source(
        id=file.id,
        title=schema.title,
        publisher=schema.publisher,
        author=schema.author,
        published=_date(schema.published),
        url=schema.url,
        notes=schema.notes,
        paragraphs=tuple(Paragraph(number, text) for number, text in enumerate(paragraphs, start=1)),
        position=Position(file.path),
        text_path=file.text_path or "",
        language=schema.language,
        via=schema.via,
        archive_url=schema.archive_url,
        retrieved=schema.retrieved,
        sha256=schema.sha256,
        partial=schema.partial,
        capture_path=file.capture.path if file.capture else None,
        derived_from=schema.derived_from,
        derived_from_position=file_position(file, "derived_from") if schema.derived_from else None,
    )


def build_entity(file: LoadedFile, schema: EntitySchema, problems: list[Problem]) -> Entity:
    relations = tuple(
        Relation(
            type=relation.type,
            subject_id=file.id,
            target_id=relation.target,
            since=_date(relation.since),
            until=None if relation.until == UNKNOWN_DATE else _date(relation.until),
            citations=_citations(file, relation.cite, "relations", index),
            position=file_position(file, "relations", index, "target"),
            attribution=_attribution(relation),
            ended=relation.until is not None,
            as_of=_date(relation.as_of),
            correction=relation.correction,
        )
        for index, relation in enumerate(schema.relations)
    )
    claims = tuple(
        Claim(
            claim.text,
            _date(claim.date),
            _citations(file, claim.cite, "claims", index),
            file_position(file, "claims", index, "text"),
            _attribution(claim),
            claim.correction,
        )
        for index, claim in enumerate(schema.claims)
    )
    figures = tuple(
        Figure(
            measure=figure.measure,
            values=tuple(
                FigureValue(
                    value.value,
                    _date(value.as_of),
                    _citations(file, value.cite, "figures", index, "values", number),
                    _attribution(value),
                    file_position(file, "figures", index, "values", number, "value"),
                    value.correction,
                )
                for number, value in enumerate(figure.values)
            ),
            position=file_position(file, "figures", index, "measure"),
            difference=figure.difference,
        )
        for index, figure in enumerate(schema.figures)
    )
    return Entity(
        id=file.id,
        name=schema.name,
        type=schema.type,
        aliases=tuple(alias if isinstance(alias, str) else alias.name for alias in schema.aliases),
        summary=schema.summary,
        relations=relations,
        claims=claims,
        position=file_position(file, "name"),
        alias_positions=tuple(
            file_position(file, "aliases", index, *(() if isinstance(alias, str) else ("name",)))
            for index, alias in enumerate(schema.aliases)
        ),
        alias_languages=tuple(None if isinstance(alias, str) else alias.language for alias in schema.aliases),
        figures=figures,
        same_as=tuple(schema.same_as),
        corrections=tuple(
            Correction(correction.removed, correction.reason, file_position(file, "corrections", index, "removed"))
            for index, correction in enumerate(schema.corrections)
        ),
    )


def build_event(file: LoadedFile, schema: EventSchema, problems: list[Problem]) -> Event:
    date = None if schema.date == UNKNOWN_DATE else parse_date(schema.date)
    after, before = _date(schema.after), _date(schema.before)
    return Event(
        id=file.id,
        date=date,
        title=schema.title,
        text=schema.text,
        entity_ids=tuple(schema.entities),
        actor_ids=tuple(schema.actors),
        place_id=schema.place,
        citations=_citations(file, schema.cite),
        position=file_position(file, "actors" if schema.actors else "entities"),
        attribution=_attribution(schema),
        after=after,
        before=before,
        correction=schema.correction,
    )
