"""The shape of every content file, defined once.

These pydantic models check what an editor wrote in one file (keys, types, date and id forms)
and are exported as JSON Schema under ``schemas/`` so editors' tools can complete and check
as they type. Whole-content rules (does that entity exist?) live in ``validate``.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Annotated, Any, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic.json_schema import GenerateJsonSchema

from ..report import did_you_mean
from ..text.dates import ADVICE, DATE_PATTERN, parse_date
from .body import PARAGRAPH_STYLES

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ID_LENGTH = 80
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
"""The first line of every content file: editors' YAML tools read it to complete and check."""

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
"""A BCP 47 language tag: a language ('en', 'fr', 'ar'), then any script, region or variant ('fr-CA')."""

ENTITY_TYPES: dict[str, str] = {
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
"""Every kind of entity, in the order indexes list them, with the heading they are listed under."""

# key: (how it reads from the entity that holds it, how it reads from the target's page).
RELATION_TYPES: dict[str, tuple[str, str]] = {
    "succeeded-by": ("succeeded by", "successor of"),
    "part-of": ("part of", "includes"),
    "commanded-by": ("under the command of", "commands"),
    "created-by": ("created by", "created"),
    "led-by": ("led by", "leader of"),
    "affiliated-with": ("affiliated with", "has affiliate"),
    "supports": ("supports", "supported by"),
    "paid-by": ("paid by", "pays"),
    "operates-in": ("operates in", "area of operations of"),
    "located-in": ("located in", "location of"),
    "allied-with": ("allied with", "allied with"),
    "fights": ("fights", "fights"),
    "competes-with": ("competitor of", "competitor of"),
    "member-of": ("member of", "has member"),
    "replaced": ("replaced", "replaced by"),
}

LASTING_RELATIONS = frozenset({"succeeded-by", "replaced", "created-by", "located-in"})
"""Relations that time does not undo (a succession, a replacement, a creation, where a place lies): they need no 'as_of'."""

READS_BOTH_WAYS = frozenset(kind for kind, (forward, backward) in RELATION_TYPES.items() if forward == backward)
"""Relation types that say the same from either entity ('allied with'): either may write it."""


# How sure the cited source is of a statement; docs/how-to-edit.md explains each with examples.
CERTAINTIES: dict[str, str] = {
    "stated": "the source asserts it in its own voice",
    "reported": "the source passes on what others report ('reportedly', 'according to', 'sources said')",
    "claimed": "a party to the events asserts it and the source does not vouch for it ('the separatists said')",
    "appears": "the source itself hedges ('appears', 'seems', 'likely', 'may', 'suggests')",
    "disputed": "the source presents it as contested",
}

CERTAINTY_RANK = {"stated": 0, None: 0, "reported": 1, "appears": 2, "claimed": 3, "disputed": 4}
"""How far each certainty is from the source's own word, nearest first: what an entity's key facts
show first, and what makes a statement weaker (a change down this list needs a correction)."""

DIFFERENCES: dict[str, str] = {
    "precision": "Sources differ in precision",
    "over-time": "Changes over time",
    "disagree": "Sources disagree",
}
"""How a figure's values differ, and what its banner says: only 'disagree' is contested."""

MIN_QUOTE_WORDS = 3
"""A quote must be at least this many words: enough to show what a statement rests on."""

UNKNOWN_DATE = "unknown"
"""What an event's ``date`` says when no source dates it."""


def _has_text(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty: write the text or remove the key")
    return value


def _is_real_date(value: str) -> str:
    parse_date(value)  # raises DateError, a ValueError, with the reason
    return value


def _is_event_date(value: str) -> str:
    if value == UNKNOWN_DATE:
        return value
    try:
        parse_date(value)
    except ValueError as error:
        raise ValueError(f"{error}; or write 'unknown' when no source dates it") from None
    return value


def _one_of(choices):
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"'{value}' is not one of: {', '.join(sorted(choices))}.{did_you_mean(value, choices)}")
        return value

    return AfterValidator(check)


def is_web_address(value: str) -> bool:
    """Whether ``value`` is an http:// or https:// address: the only links content may hold."""
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    return scheme in ("http", "https") and value.split(":", 1)[1].startswith("//")


def _is_web_address(value: str) -> str:
    if not is_web_address(value):
        raise ValueError(f"'{value}' is not a web address: it must start with https:// or http://")
    return value


def _is_utc_time(value: str) -> str:
    try:
        datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise ValueError(f"'{value}' is not a UTC date and time: write it as 2025-08-06T10:15:03Z") from None
    return value


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _is_sha256(value: str) -> str:
    if not _SHA256.match(value):
        raise ValueError(f"'{value}' is not a SHA-256 fingerprint (64 lowercase hexadecimal digits)")
    return value


def _yaml_boolean(value: object) -> object:
    # check reads every scalar as text; an editor's YAML plug-in reads `true` as a boolean.
    return {"true": True, "false": False}.get(value, value) if isinstance(value, str) else value


Text = Annotated[str, Field(max_length=20_000), AfterValidator(_has_text)]
ShortText = Annotated[str, Field(max_length=500), AfterValidator(_has_text)]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)]
Date = Annotated[str, Field(pattern=DATE_PATTERN), AfterValidator(_is_real_date)]
Url = Annotated[str, Field(max_length=2_000), AfterValidator(_is_web_address)]
EventDate = Annotated[
    str, Field(max_length=40, json_schema_extra={"pattern": f"^{UNKNOWN_DATE}$|{DATE_PATTERN}"}), AfterValidator(_is_event_date)
]
Language = Annotated[str, Field(pattern=LANGUAGE_PATTERN, max_length=35)]
Certainty = Annotated[str, _one_of(CERTAINTIES)]
AccordingTo = Annotated[str, Field(max_length=200), AfterValidator(_has_text)]
UtcTime = Annotated[str, AfterValidator(_is_utc_time)]
Sha256 = Annotated[str, AfterValidator(_is_sha256)]
YamlBoolean = Annotated[bool, BeforeValidator(_yaml_boolean)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Attributed(_Strict):
    """Who says a statement and how sure its source is; both optional, on every kind of statement."""

    certainty: Certainty | None = Field(
        None,
        json_schema_extra={"enum": list(CERTAINTIES)},
        description="How sure the source is: "
        + "; ".join(f"'{key}': {meaning}" for key, meaning in CERTAINTIES.items())
        + ".",
    )
    according_to: AccordingTo | None = Field(
        None,
        description="Whom the source attributes it to, e.g. '[[azawad-separatists]]', "
        "'sources within [[wagner-group]]', 'U.S. officials'.",
    )
    correction: ShortText | None = Field(
        None,
        description="Why this statement was corrected after publication: required by check when it is made weaker "
        "(less certain, or a cited source withdrawn); shown on the Corrections page and in the feeds.",
    )


class TranslatorSchema(_Strict):
    """Who translated a quote: {person: ...}, or {machine: ..., version: ...} for a machine engine."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["person"]}, {"required": ["machine", "version"]}]}
    )

    person: ShortText | None = Field(None, description="The translator's name, as readers should see it credited.")
    machine: ShortText | None = Field(None, description="A machine engine's name: DeepL, Google Translate, ...")
    version: ShortText | None = Field(
        None, description="With machine: the engine's version, or the month it was used when it has none ('2026-11')."
    )

    @model_validator(mode="after")
    def _one_translator(self) -> "TranslatorSchema":
        if bool(self.person) == bool(self.machine):
            raise ValueError(
                "name one translator: {person: <name>} for a person, or {machine: <engine>, version: <version>} for a machine engine"
            )
        if self.machine and not self.version:
            raise ValueError(f"add the version of {self.machine}, or the month it was used: {{machine: {self.machine}, version: <version>}}")
        if self.person and self.version:
            raise ValueError("'version' is for a machine engine: remove it, or write {machine: <engine>, version: <version>}")
        return self


class CitationSchema(_Strict):
    """Where a statement comes from: words copied verbatim from a source's body."""

    source: Id = Field(description="The id of the source (its file name in content/sources/ without .yml).")
    quote: Text = Field(
        description=f"At least {MIN_QUOTE_WORDS} whole words copied exactly from the source's body, letter case "
        "included; only typography (quotes, apostrophes, dashes, white space) may differ."
    )
    paragraph: Annotated[int, Field(ge=1)] | None = Field(
        None, description="When the quote occurs more than once: the number of the paragraph meant, as the source page shows it."
    )
    prefix: ShortText | None = Field(
        None, description="When the quote occurs more than once: the words right before the one meant."
    )
    suffix: ShortText | None = Field(
        None, description="When the quote occurs more than once: the words right after the one meant."
    )
    context: ShortText | None = Field(
        None,
        description="When the quote relies on the words before it to say who acts or is meant ('One such attack' after "
        "'JNIM claimed…'): those words, copied exactly from the source, before the quote; they must name the entity the quote leaves out.",
    )
    translation: Text | None = Field(
        None,
        description="The quote in the site's language, for a source in another language; readers see it beside "
        "the original, credited to translated_by.",
    )
    translated_by: TranslatorSchema | None = Field(
        None,
        description="Who made the translation: {person: Awa Traoré}, or {machine: DeepL, version: '2026-11'} for a "
        "machine engine (shown 'Machine translation: DeepL 2026-11').",
    )

    @model_validator(mode="after")
    def _credited(self) -> "CitationSchema":
        if self.translation and self.translated_by is None:
            raise ValueError(
                "a translation needs its translator: add `translated_by:` ({person: <name>}, or {machine: <engine>, version: <version>})"
            )
        if self.translated_by is not None and not self.translation:
            raise ValueError("`translated_by` has no translation to credit: add `translation:` with the quote in the site's language")
        return self


Cite = Annotated[list[CitationSchema], Field(min_length=1, description="One or more citations backing this.")]


class BodySchema(_Strict):
    """Where the article itself starts and ends inside the raw text, leaving page clutter out."""

    start_after: ShortText | None = Field(None, description="Verbatim text; the body starts right after its first occurrence.")
    end_before: ShortText | None = Field(None, description="Verbatim text; the body ends right before its first occurrence after the start.")
    paragraphs: Annotated[str, _one_of(PARAGRAPH_STYLES)] = Field(
        "lines",
        json_schema_extra={"enum": list(PARAGRAPH_STYLES)},
        description="'lines' (the default): each non-empty line is a paragraph; 'blank-lines': blank lines separate paragraphs.",
    )


class SourceSchema(_Strict):
    """What an editor knows about one article: content/sources/<source-id>.yml."""

    title: ShortText = Field(description="The article's headline as the text gives it.")
    publisher: ShortText | None = Field(None, description="The outlet that published it, when the text names one.")
    author: ShortText | None = Field(None, description="The author, when the text names one.")
    published: Date | None = Field(None, description="Publication date: 2025, 2025-06 or 2025-06-06; omit when unknown.")
    url: Url | None = Field(None, description="Where the article was found (http or https).")
    via: ShortText | None = Field(
        None, description="The outlet or aggregator that republished a wire story: 'Yemen Now News' in 'AFP, via Yemen Now News'."
    )
    derived_from: ShortText | None = Field(
        None,
        description="What the article was made from, when it is not independent reporting: the id of another "
        "source in content/sources/ (an agency story it republishes), or, when the original is not in the corpus, "
        "a description of it with its capitals: 'AFP wire', 'Telegram post by Grey Zone'. Sources that derive from "
        "one original count as one independent source.",
    )
    archive_url: Url | None = Field(None, description="An archived copy of the page (Wayback Machine, archive.today).")
    retrieved: UtcTime | None = Field(None, description="When the page was fetched or saved, in UTC: 2025-08-06T10:15:03Z.")
    sha256: Sha256 | None = Field(
        None, description="The SHA-256 of the page as kept, content/captures/<id>.html; check verifies it."
    )
    partial: YamlBoolean = Field(False, description="true when the copy is incomplete (cut by a paywall, one page of several).")
    body: BodySchema | None = Field(None, description="Where the article body starts and ends in the raw text.")
    notes: Text | None = Field(None, description="A note for readers about this document.")
    language: Language = Field(
        description="The language the article is written in, as a BCP 47 tag: en, fr, ar, ... (new source suggests it)."
    )


class RelationSchema(_Attributed):
    """A typed, cited link from this entity to another."""

    type: Annotated[str, _one_of(RELATION_TYPES)] = Field(
        json_schema_extra={"enum": sorted(RELATION_TYPES)}, description="The kind of relation."
    )
    target: Id = Field(description="The id of the other entity.")
    since: Date | None = Field(None, description="When the relation began, if the source says.")
    until: EventDate | None = Field(
        None, description="When the relation ended, if the source says; 'unknown' when it ended but no source dates the end."
    )
    as_of: Date | None = Field(
        None,
        description="For a relation with no 'until': the latest date its cited evidence describes (the source's "
        "date, or a date in its text), so that it is never shown as holding beyond what the sources say.",
    )
    cite: Cite


class ClaimSchema(_Attributed):
    """One statement about the entity, paraphrasing a source, with its citation."""

    text: Text = Field(description="The statement in Markdown; may link entities as [[id]] or [[id|label]].")
    date: Date | None = Field(None, description="When what is claimed happened, as precisely as the source says.")
    cite: Cite


class FigureValueSchema(_Attributed):
    """One source's value for a measured thing."""

    value: ShortText = Field(description="The value as the source gives it, e.g. 'just over 2,000 men'.")
    as_of: Date | None = Field(None, description="When the value held, as precisely as the source says.")
    cite: Cite


class FigureSchema(_Strict):
    """A measured or disputed thing (strength, arrival date, who controls it) and each source's value."""

    measure: ShortText = Field(description="What is measured, e.g. 'Strength in Mali'.")
    difference: Annotated[str, _one_of(DIFFERENCES)] | None = Field(
        None,
        json_schema_extra={"enum": list(DIFFERENCES)},
        description="How the values differ, when their words cannot tell: 'precision' (they can all be true, "
        "some more exact), 'over-time' (each value held at its own time), 'disagree' "
        "(they cannot all be true). Without it, dates compare as intervals and values with different "
        "as_of dates are a series; anything else is a disagreement.",
    )
    values: list[FigureValueSchema] = Field(min_length=1, description="Each source's value, with its citation.")


class AliasSchema(_Strict):
    """A spelling of an entity's name, with the language or script it is written in."""

    name: ShortText = Field(description="The spelling, as the articles write it.")
    language: Language = Field(description="Its language (or script) as a BCP 47 tag: ar, fr, ru, ar-Latn, ...")


ALIAS_TEXT, ALIAS_WITH_LANGUAGE = "alias as text", "alias with its language"
UNION_TAGS = frozenset({ALIAS_TEXT, ALIAS_WITH_LANGUAGE})
"""Which form of a union a value took: pydantic puts it in an error's location, messages leave it out."""


def _alias_form(value: Any) -> str:
    return ALIAS_WITH_LANGUAGE if isinstance(value, dict) else ALIAS_TEXT


Alias = Annotated[
    Union[Annotated[ShortText, Tag(ALIAS_TEXT)], Annotated[AliasSchema, Tag(ALIAS_WITH_LANGUAGE)]],
    Discriminator(_alias_form),
]


class CorrectionSchema(_Strict):
    """A statement withdrawn after publication, and why: what the Corrections page lists."""

    removed: Text = Field(
        description="The statement as it was, exactly as check's message quotes it: a claim's text, a relation as "
        "'Wagner Group operates in Mali', a figure value as 'Strength in Mali: 2,000'."
    )
    reason: ShortText = Field(description="Why it was withdrawn, for readers.")


class EntitySchema(_Strict):
    """An entity's dossier: content/entities/<entity-id>.yml."""

    name: ShortText = Field(description="The name readers know it by.")
    type: Annotated[str, _one_of(ENTITY_TYPES)] = Field(
        json_schema_extra={"enum": list(ENTITY_TYPES)}, description="What kind of entity it is."
    )
    aliases: list[Alias] = Field(
        default_factory=list,
        description="Every other spelling the corpus uses: as text, or as {name: ..., language: ...} for a spelling "
        "in another language or script, e.g. {name: فاغنر, language: ar}.",
    )
    summary: Text = Field(description="A short paragraph in Markdown; may link entities as [[id]] or [[id|label]].")
    relations: list[RelationSchema] = Field(default_factory=list, description="Typed links to other entities.")
    claims: list[ClaimSchema] = Field(default_factory=list, description="Cited statements about the entity.")
    same_as: list[Url] = Field(
        default_factory=list,
        description="Addresses of this same entity in reference works (e.g. a Wikidata page), for linked data.",
    )
    figures: list[FigureSchema] = Field(
        default_factory=list, description="Figures the sources give (and may disagree on), shown side by side."
    )
    corrections: list[CorrectionSchema] = Field(
        default_factory=list,
        description="Statements removed after publication, each with the reason (check requires one per removal).",
    )


class EventSchema(_Attributed):
    """An event: content/events/<event-id>.yml."""

    date: EventDate = Field(
        description="When it happened, as precisely as the source says, in EDTF (2021-41 for the second half of 2021, "
        "2024-07~ for about July 2024, 2021-05/2021-12 for a range); 'unknown' when no source dates it."
    )
    after: Date | None = Field(None, description="With date: unknown, the date it surely happened after, if a source supports it.")
    before: Date | None = Field(None, description="With date: unknown, the date it surely happened before, if a source supports it.")
    title: ShortText = Field(description="A short title in sentence case.")
    text: Text | None = Field(None, description="One or two sentences in Markdown; may link entities as [[id]].")
    actors: list[Id] = Field(
        default_factory=list, description="Ids of the entities that act in it: did it, signed it, announced it, fought in it."
    )
    entities: list[Id] = Field(
        default_factory=list,
        description="Ids of the entities it concerns without their acting in it (a deal later undone by another, a "
        "government whose contract it is). An event names at least one entity, under actors or here.",
    )
    place: Id | None = Field(None, description="The id of the place where it happened.")
    cite: Cite


# What an editor reads when a value does not have the form a pattern asks for (yaml-language-server
# shows `patternErrorMessage`, or `errorMessage` for the whole value, instead of the raw pattern).
_DATE_MESSAGE = f"Not a date: {ADVICE}"
PATTERN_MESSAGES = {
    DATE_PATTERN: f"{_DATE_MESSAGE}.",
    f"^{UNKNOWN_DATE}$|{DATE_PATTERN}": f"{_DATE_MESSAGE}, or {UNKNOWN_DATE} when no source dates it.",
    ID_PATTERN: "Not an id: use lowercase letters, digits and hyphens, e.g. wagner-group.",
    LANGUAGE_PATTERN: "Not a language tag: write a BCP 47 tag such as en, fr or ar.",
}
# The numbers a YAML 1.2 reader makes of plain scalars that match the pattern: `since: 2025`
# (a language tag is never a number).
_YEAR = {"type": "integer", "minimum": 1000, "maximum": 9999}
PATTERN_NUMBERS = {
    DATE_PATTERN: _YEAR,
    f"^{UNKNOWN_DATE}$|{DATE_PATTERN}": _YEAR,
    ID_PATTERN: {"type": "integer", "minimum": 0},
}


class _AsEditorsReadYaml(GenerateJsonSchema):
    """JSON Schema for a YAML 1.2 reader, such as the editor's YAML plug-in.

    There a plain `2025` is an integer and `true` a boolean, while ``check`` reads every scalar as
    text. So a text field also accepts numbers and booleans, and a patterned one (a date, an id:
    see ``_patterned``) the numbers its pattern can spell.
    """

    def str_schema(self, schema):
        return {**super().str_schema(schema), "type": ["string", "number", "boolean"]}


def _patterned(node):
    """Rewrites every patterned text in a JSON Schema: the numbers its pattern can spell are
    accepted too, and a failed pattern says what to write, not the expression. A pass over the
    finished schema, so that patterns given as json_schema_extra are rewritten as well."""
    if isinstance(node, list):
        return [_patterned(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _patterned(value) for key, value in node.items()}
    pattern = node.get("pattern")
    if not isinstance(pattern, str):
        return node
    message = PATTERN_MESSAGES[pattern]
    outer = {key: node.pop(key) for key in ("title", "description") if key in node}
    text = {**node, "type": "string", "patternErrorMessage": message}
    if pattern not in PATTERN_NUMBERS:
        return {**outer, **text, "errorMessage": message}
    return {**outer, "anyOf": [text, PATTERN_NUMBERS[pattern]], "errorMessage": message}


def json_schema(schema_class: type[BaseModel]) -> str:
    """The JSON Schema text for one kind's schema (``kinds.ContentKind.schema``), stable byte for byte."""
    schema = _patterned(schema_class.model_json_schema(schema_generator=_AsEditorsReadYaml))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
