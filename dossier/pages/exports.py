"""The data behind the pages, for reuse: JSON and CSV files, and each entity's JSON-LD.

Every file is sorted and written with fixed separators and line ends, so the same content
gives the same bytes. Quotes are the source's own words (as the page shows them), with the
paragraph they are in, so a reader of the CSV can find them without the site.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import unicodedata
from typing import Iterable

from ..content.model import Attribution, Citation, Entity, Relation, Source
from ..resolve import Resolved
from ..text.characters import neutralise
from ..text.prose import replace_links
from .addresses import entity_page, published

FORMAT_VERSION = 1

SCHEMA_ORG_TYPES = {"person": "Person", "place": "Place"}
"""Entity type → schema.org type; every other type is an Organization."""

ATTRIBUTION_COLUMNS = ("certainty", "according_to")
RELATIONS_COLUMNS = ("subject", "relation", "target", "since", "until", "as_of", *ATTRIBUTION_COLUMNS, "source", "paragraph", "quote", "quote_language")
EVENTS_COLUMNS = ("event", "date", "after", "before", "title", "text", "actors", "entities", "place", *ATTRIBUTION_COLUMNS, "source", "paragraph", "quote", "quote_language")
CLAIMS_COLUMNS = ("entity", "claim", "date", "text", *ATTRIBUTION_COLUMNS, "source", "paragraph", "quote", "quote_language")
FIGURES_COLUMNS = ("entity", "measure", "value", "as_of", *ATTRIBUTION_COLUMNS, "source", "paragraph", "quote", "quote_language")


def plain_text(value: str, entities: dict[str, Entity]) -> str:
    """Editor prose as plain text: [[id|label]] links replaced by their labels, spaces collapsed."""
    plain = replace_links(value, lambda link: link.label or (entities[link.target_id].name if link.target_id in entities else link.target_id))
    return " ".join(plain.split())


def first_sentence(value: str, entities: dict[str, Entity]) -> str:
    """The first sentence of editor prose as plain text."""
    sentence = plain_text(value, entities).split(". ", 1)[0]
    return sentence if sentence.endswith(".") else sentence + "."


def attribution_values(attribution: Attribution, entities: dict[str, Entity]) -> tuple[str | None, str | None]:
    """(certainty, according_to as plain text) for the data files; None where the editor set nothing."""
    who = plain_text(attribution.according_to, entities) if attribution.according_to else None
    return attribution.certainty, who


def entity_path(entity_id: str) -> str:
    """An entity page's address relative to the site's root."""
    return published(entity_page(entity_id)) + "/"


def quoted_words(resolved: Resolved, citation: Citation) -> tuple[int, str]:
    """The paragraph number and the source's own words for a verified citation."""
    passage = resolved.passages[citation]
    paragraph = resolved.content.sources[passage.source_id].paragraphs[passage.paragraph - 1]
    return passage.paragraph, paragraph.text[passage.start : passage.end]


def entities_json(resolved: Resolved) -> str:
    """entities.json: every entity with its names, summary and relations; also what link previews read."""
    entities = resolved.content.entities
    records = []
    for entity in sorted(entities.values(), key=lambda e: e.id):
        records.append(
            {
                "id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "aliases": list(entity.aliases),
                "description": first_sentence(entity.summary, entities),
                "summary": plain_text(entity.summary, entities),
                "url": entity_path(entity.id),
                "relations": [
                    {
                        "type": relation.type,
                        "target": relation.target_id,
                        "since": relation.since.iso if relation.since else None,
                        "until": _until(relation),
                        "as_of": relation.as_of.iso if relation.as_of else None,
                        "certainty": relation.attribution.certainty,
                        "according_to": attribution_values(relation.attribution, entities)[1],
                    }
                    for relation in entity.relations
                ],
            }
        )
    document = {"format": "dossier-entities", "version": FORMAT_VERSION, "entities": records}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _csv(columns: tuple[str, ...], rows: Iterable[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in itertools.chain([columns], rows):
        writer.writerow([_cell(value) for value in row])  # every cell of every file, the names too
    return out.getvalue()


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection"):
# also after spaces (a no-break space, an ideographic space, a line break), and in the full-width
# and small forms that Unicode folds to them (＝, ＋, －, ＠, ﹦), which some spreadsheets read alike.
_FORMULA_STARTS = frozenset("=+-@")


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: one that could start a formula gets a leading
    single quote, as OWASP recommends, and article text loses its control and invisible characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    value = neutralise(value)
    first = unicodedata.normalize("NFKC", value.lstrip()[:1])[:1]
    return "'" + value if first in _FORMULA_STARTS or value.startswith("\t") else value


def _statement_rows(resolved: Resolved, kind: str, leading, order=lambda statement: statement.owner_id):
    """One row per citation of each statement of ``kind`` (owners in ``order``, statements in their
    owner's order): ``leading(statement)``, then who says so, then the source's words and their language."""
    entities = resolved.content.entities
    statements = sorted((s for s in resolved.content.statements() if s.kind == kind), key=order)
    for statement in statements:
        for citation in statement.citations:
            paragraph, quote = quoted_words(resolved, citation)
            yield (
                *leading(statement),
                *attribution_values(statement.attribution, entities),
                citation.source_id,
                paragraph,
                quote,
                resolved.content.sources[citation.source_id].language,
            )


def relations_csv(resolved: Resolved) -> str:
    """relations.csv: one row per citation of each relation, as its subject's file states it."""

    def leading(statement):
        relation = statement.item
        since = relation.since.iso if relation.since else None
        as_of = relation.as_of.iso if relation.as_of else None
        return statement.owner_id, relation.type, relation.target_id, since, _until(relation), as_of

    return _csv(RELATIONS_COLUMNS, _statement_rows(resolved, "relation", leading))


def events_csv(resolved: Resolved) -> str:
    """events.csv: one row per citation of each event, events in date order."""
    entities = resolved.content.entities

    def leading(statement):
        event = statement.item
        return (
            event.id,
            event.when_iso,
            event.after.iso if event.after else None,
            event.before.iso if event.before else None,
            " ".join(event.title.split()),
            plain_text(event.text or "", entities),
            " ".join(event.actor_ids),
            " ".join(event.entity_ids),
            event.place_id,
        )

    return _csv(EVENTS_COLUMNS, _statement_rows(resolved, "event", leading, lambda statement: statement.item.sort_key))


def claims_csv(resolved: Resolved) -> str:
    """claims.csv: one row per citation of each claim; claims numbered in their entity's order."""
    entities = resolved.content.entities

    def leading(statement):
        claim = statement.item
        return statement.owner_id, statement.index + 1, claim.date.iso if claim.date else None, plain_text(claim.text, entities)

    return _csv(CLAIMS_COLUMNS, _statement_rows(resolved, "claim", leading))


def figures_csv(resolved: Resolved) -> str:
    """figures.csv: one row per citation of each value of each figure."""

    def leading(statement):
        value = statement.item
        return statement.owner_id, statement.figure.measure, value.value, value.as_of.iso if value.as_of else None

    return _csv(FIGURES_COLUMNS, _statement_rows(resolved, "figure", leading))


DATA_FILES = {
    "data/entities.json": entities_json,
    "data/relations.csv": relations_csv,
    "data/events.csv": events_csv,
    "data/claims.csv": claims_csv,
    "data/figures.csv": figures_csv,
}
"""Every data file's path under docs/, and the function that writes it."""


def data_files(resolved: Resolved) -> dict[str, str]:
    """Every data file, keyed by its path under docs/."""
    return {path: make(resolved) for path, make in DATA_FILES.items()}


def json_ld(entity: Entity, resolved: Resolved, cited_sources: list[Source], url: str, updated: str) -> str:
    """The entity as schema.org JSON-LD, safe inside <script>: '<', '>' and '&' are \\u escapes."""
    entities = resolved.content.entities
    document = {
        "@context": "https://schema.org",
        "@type": SCHEMA_ORG_TYPES.get(entity.type, "Organization"),
        "name": entity.name,
        "description": first_sentence(entity.summary, entities),
        "url": url,
        "dateModified": updated,
    }
    if entity.aliases:
        document["alternateName"] = list(entity.aliases)
    if entity.same_as:
        document["sameAs"] = list(entity.same_as)
    if cited_sources:
        document["citation"] = [_creative_work(source) for source in cited_sources]
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _creative_work(source: Source) -> dict:
    work: dict = {"@type": "CreativeWork", "name": source.title, "inLanguage": source.language}
    if source.url:
        work["url"] = source.url
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.author:
        work["author"] = source.author
    if source.published and source.published.is_plain:  # '2021-39' (late 2021) is not an ISO 8601 date
        work["datePublished"] = source.published.iso
    return work


def _until(relation: Relation) -> str | None:
    """When a relation ended: its date, 'unknown' when it ended on a date no source gives, or None."""
    if relation.until:
        return relation.until.iso
    return "unknown" if relation.ended else None
