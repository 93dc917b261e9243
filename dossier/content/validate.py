"""Checks every file against its schema and the content as a whole; ``build_model`` builds the
typed model from the files that pass.

Every check runs, whatever fails before it, so an editor sees all problems in one run. Quotes
are checked against their sources in ``resolve``, which is where they are located.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, NamedTuple

from pydantic import BaseModel, ValidationError
from slugify import slugify

from ..memo import Memo
from ..report import Position, Problem, did_you_mean
from ..text.dates import DATE_PATTERN, parse_date
from ..text.intervals import can_all_be_true, interval
from ..text.prose import prose_links
from ..text.typography import fold_words, name_key
from .schema import SCHEMA_LINE
from .build import file_position
from .captures import fingerprint_problems
from .kinds import CONTENT_KINDS, KINDS
from .load import LoadedContent, LoadedFile, annotation
from .model import Content, Entity, Event, Source
from .origins import derivation_chain, names_a_source
from .repeats import check_both_ends, without_repeats
from .schema import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    MAX_ID_LENGTH,
    LASTING_RELATIONS,
    UNION_TAGS,
    UNKNOWN_DATE,
    EntitySchema,
    EventSchema,
    SourceSchema,
)

_ID_RE = re.compile(ID_PATTERN)

STOP_WORDS = frozenset(
    "a an and as at by for from in is it its of on or the to with "
    "army authorities company country forces force government group groups military ministry mission "
    "officials people police president region rebels regime soldiers state troops".split()
)
"""Common words that cannot be an alias: each would link every use of the word in every article
to one entity. Write the longer name the articles use instead ('Malian army', not 'army')."""


@dataclass
class ValidateCache:
    """What a long-lived process (the live preview) keeps between runs: each file's own checks
    and the model built from it, reused while ``load_content`` hands back the same file object
    (the file is unchanged on disk); and, per entity and event, what the checks of the content
    as a whole read from it. A run without it checks everything."""

    files: Memo = field(default_factory=Memo)
    references: Memo = field(default_factory=Memo)
    spellings: Memo = field(default_factory=Memo)
    alias_words: Memo = field(default_factory=Memo)
    slugs: Memo = field(default_factory=Memo)


def validate_content(
    loaded: LoadedContent, reserved_ids: frozenset[str], cache: ValidateCache | None = None
) -> tuple[Content, list[Problem]]:
    """The typed content built from every valid file, and every problem found on the way.

    ``reserved_ids`` are the ids the site uses itself (``pages.RESERVED_IDS``): no file may take one."""
    cache = cache if cache is not None else ValidateCache()
    problems = list(loaded.problems)
    content = Content()
    taken = {(file.kind, file.id) for file in loaded.files}
    files = [file for file in loaded.files if _has_valid_id(file, taken, reserved_ids, problems)]
    place_positions: dict[str, Position] = {}
    entity_ids = frozenset(file.id for file in loaded.files if file.kind == "entity")  # frozen: did_you_mean indexes it once
    for file in files:
        checked = cache.files.get(file.path, file, lambda: _check_file(file))
        problems += checked.problems
        if not checked.valid:
            continue
        problems += _check_prose_links(file, checked.links, entity_ids)
        problems += checked.built_problems
        if checked.item is not None:
            KINDS[file.kind].items(content)[file.id] = checked.item
        if checked.place_position is not None:
            place_positions[file.id] = checked.place_position
    for kind in CONTENT_KINDS:
        mapping = kind.items(content)
        ordered = dict(sorted(mapping.items()))
        mapping.clear()
        mapping.update(ordered)
    unreadable_ids = {file.id for file in loaded.files} - set(_all_ids(content))
    problems += check_references(content, unreadable_ids, cache.references)
    problems += check_aliases(content, cache.spellings)
    problems += check_alias_words(content, cache.alias_words)
    problems += check_event_places(content, place_positions)
    problems += check_names(content, cache.slugs)
    problems += check_both_ends(content)
    problems += check_derivations(content)
    return content, problems


class _CheckedFile(NamedTuple):
    """What one file's own checks found and built: all that depends on the file alone."""

    problems: list[Problem]
    """The schema line's warning and the schema's problems."""
    valid: bool
    """Whether it passed its schema, so that its links are checked and a model is built."""
    links: list[tuple[tuple, str]] | tuple = ()
    """Each [[link]] in its prose: where (the key's path) and the id it names."""
    item: Source | Entity | Event | None = None
    built_problems: list[Problem] | tuple = ()
    """Found building the model: a body that cannot be found, an event's bounds, what it repeats."""
    place_position: Position | None = None
    """For an event: where its place is written."""


def _check_file(file: LoadedFile) -> _CheckedFile:
    problems: list[Problem] = []
    _check_schema_line(file, problems)
    schema = _check_schema(file, problems)
    if schema is None:
        return _CheckedFile(problems, False)
    if isinstance(schema, EventSchema) and not schema.actors and not schema.entities:
        problems.append(
            Problem(
                file_position(file, "title"),
                "the event names no entity: list who acts in it under 'actors', and who it only concerns under 'entities'",
            )
        )
        return _CheckedFile(problems, False)
    # A kind's own checks, around its builder; a kind without any needs no line here.
    found: list[Problem] = []
    if isinstance(schema, SourceSchema):
        sha256_position = file_position(file, "sha256") if schema.sha256 else None
        found += fingerprint_problems(file.capture, schema.sha256, file.path, sha256_position, file.id)
    item = KINDS[file.kind].build(file, schema, found)
    if isinstance(item, Entity):
        item, repeats = without_repeats(file, item)
        found += repeats + _check_relation_times(file, schema) + _check_figure_differences(file, item)
    if isinstance(item, Event):
        item, repeats = without_repeats(file, item)
        found += _check_event_bounds(file, item) + repeats
    place_position = file_position(file, "place") if isinstance(item, Event) else None
    return _CheckedFile(problems, True, _prose_links(schema), item, found, place_position)


def _all_ids(content: Content) -> Iterable[str]:
    for kind in CONTENT_KINDS:
        yield from kind.items(content)


# --- one file ---------------------------------------------------------------------------------


NOT_AN_ID = "not an id"
"""What ``id_refusal`` says of a name that is not lowercase letters, digits and hyphens, or too long."""


def id_refusal(kind: str, item_id: str, reserved_ids: frozenset[str]) -> str | None:
    """Why ``item_id`` cannot be the id of a ``kind`` file, or None if it can: NOT_AN_ID, or what
    reserves it ('reserved (entities/index.md is the index page)'); ``reserved_ids`` are
    ``pages.RESERVED_IDS``.

    The one rule for ids: check applies it to every file's name, and ``build.py new`` to every
    id it is given, before it writes anything."""
    if item_id in reserved_ids:
        use = f"{KINDS[kind].folder}/index.md is the index page" if item_id == "index" else "the site uses it"
        return f"reserved ({use})"
    if not _ID_RE.match(item_id) or len(item_id) > MAX_ID_LENGTH:
        return NOT_AN_ID
    return None


def _has_valid_id(file: LoadedFile, taken: set[tuple[str, str]], reserved_ids: frozenset[str], problems: list[Problem]) -> bool:
    refusal = id_refusal(file.kind, file.id, reserved_ids)
    if refusal is None:
        return True
    name = file.path.rsplit("/", 1)[-1]
    if refusal != NOT_AN_ID:
        problems.append(
            Problem(
                Position(file.path),
                f"file name '{name}': the id '{file.id}' is {refusal}: rename the file, e.g. to '{file.id}-{file.kind}.yml'",
            )
        )
        return False
    slug = slugify(file.id)
    if len(file.id) > MAX_ID_LENGTH:
        advice = f"it is {len(file.id)} characters long; shorten it to at most {MAX_ID_LENGTH}"
    elif (file.kind, slug) in taken:
        advice = f"it reads the same as the existing id '{slug}': merge the two files or choose another name"
    elif slug:
        advice = f"rename it to '{slug}{name[len(file.id):]}'"
    else:
        advice = "its name has no letters or digits; rename it with lowercase letters, digits and hyphens"
    problems.append(
        Problem(
            Position(file.path),
            f"file name '{name}' is not a valid id (lowercase letters, digits and hyphens): {advice}",
        )
    )
    return False


def skeleton_problems(kind: str, item_id: str, text: str) -> list[Problem]:
    """What check finds in ``text`` as the file of a new ``kind`` with a valid ``item_id``, on its
    own: its characters, its YAML and its schema. ``build.py new`` checks its skeletons with it
    before writing them, so that what it writes passes check."""
    item = annotation(kind, item_id, f"content/{KINDS[kind].folder}/{item_id}.yml", text)
    return [item] if isinstance(item, Problem) else _check_file(item).problems


def _check_schema_line(file: LoadedFile, problems: list[Problem]) -> None:
    expected = SCHEMA_LINE.format(kind=file.kind)
    if not file.document.text.startswith(expected):
        problems.append(
            Problem(
                Position(file.path, 1, 1),
                f"the first line should be '{expected}': it gives editors completion and inline errors",
                "warning",
            )
        )


def _check_schema(file: LoadedFile, problems: list[Problem]) -> BaseModel | None:
    schema_class = KINDS[file.kind].schema
    try:
        return schema_class.model_validate(file.document.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            problems.append(_schema_problem(file, schema_class, detail))
        return None


def _schema_problem(file: LoadedFile, schema_class: type[BaseModel], detail: dict[str, Any]) -> Problem:
    location = tuple(part for part in detail["loc"] if part not in UNION_TAGS)
    kind, value = detail["type"], detail.get("input")
    where = _dotted(location)
    if kind == "extra_forbidden":
        allowed = _keys_at(schema_class, location[:-1])
        message = f"unknown key '{location[-1]}'.{did_you_mean(str(location[-1]), allowed)}"
        if not did_you_mean(str(location[-1]), allowed):
            message += f" Allowed here: {', '.join(allowed)}."
        line, col = file.document.position_of(location, key=True)
        return Problem(Position(file.path, line, col), message)
    if kind == "missing":
        message = f"missing required key '{location[-1]}'"
        if len(location) > 1:
            message += f" in {_dotted(location[:-1])}"
        if location == ("date",) and schema_class is EventSchema:
            message += f": write the date as the source gives it, or 'date: {UNKNOWN_DATE}' when no source dates it"
        if location == ("language",) and schema_class is SourceSchema:
            message += ": add the language the article is written in, as a BCP 47 tag, e.g. 'language: fr' (en, fr, ar, ...)"
        line, col = file.document.position_of(location[:-1])
        return Problem(Position(file.path, line, col), message)
    line, col = file.document.position_of(location)
    return Problem(Position(file.path, line, col), f"{where}: {_explain(kind, value, detail)}")


def _explain(kind: str, value: Any, detail: dict[str, Any]) -> str:
    if kind == "string_type":
        if value is None:
            return "is empty: write the text or remove the key"
        return f"expected text, found {_describe(value)}"
    if kind == "bool_type":
        return f"expected true or false, found {_describe(value)}"
    if kind == "list_type":
        return f"expected a list (one '- item' a line), found {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected 'key: value' lines, found {_describe(value)}"
    if kind == "string_pattern_mismatch":
        pattern = detail.get("ctx", {}).get("pattern")
        if pattern == ID_PATTERN:
            suggestion = slugify(str(value))
            hint = f" such as '{suggestion}'" if suggestion else ""
            return f"'{value}' is not an id: ids are lowercase letters, digits and hyphens{hint}"
        if pattern == LANGUAGE_PATTERN:
            hint = f": did you mean '{str(value).lower()}'?" if re.match(LANGUAGE_PATTERN, str(value).lower()) else ""
            return f"'{value}' is not a language tag: write a BCP 47 tag such as 'en', 'fr' or 'ar'{hint}"
        if pattern == DATE_PATTERN:
            try:
                parse_date(str(value))
            except ValueError as error:
                return str(error)
        return f"'{value}' does not have the expected form"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {detail['ctx']['max_length']} are allowed"
    if kind == "too_short":
        return "needs at least one item"
    if kind == "value_error":
        return detail["msg"].removeprefix("Value error, ")
    return detail["msg"]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "'key: value' lines"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _dotted(location: tuple) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _keys_at(schema_class: type[BaseModel], location: tuple) -> list[str]:
    """The keys allowed in the mapping at ``location`` inside a file of ``schema_class``."""
    current: Any = schema_class
    for part in location:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        current = _model_inside(annotation)
    return list(current.model_fields)


def _model_inside(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_inside(argument)
        if found is not None:
            return found
    return None


def _prose_links(schema: BaseModel) -> list[tuple[tuple, str]]:
    """Each [[id]] in a file's prose, in order: the path of the key holding it, and the id."""
    prose_fields: list[tuple[tuple, str | None]] = []
    if isinstance(schema, EntitySchema):
        prose_fields.append((("summary",), schema.summary))
        prose_fields += [(("claims", index, "text"), claim.text) for index, claim in enumerate(schema.claims)]
        prose_fields += [(("claims", index, "according_to"), claim.according_to) for index, claim in enumerate(schema.claims)]
        prose_fields += [
            (("relations", index, "according_to"), relation.according_to) for index, relation in enumerate(schema.relations)
        ]
        prose_fields += [
            (("figures", index, "values", number, "according_to"), value.according_to)
            for index, figure in enumerate(schema.figures)
            for number, value in enumerate(figure.values)
        ]
    elif isinstance(schema, EventSchema):
        prose_fields.append((("text",), schema.text))
        prose_fields.append((("according_to",), schema.according_to))
    return [(path, link.target_id) for path, value in prose_fields for link in prose_links(value or "")]


def _check_prose_links(file: LoadedFile, links: list[tuple[tuple, str]], entity_ids: frozenset[str]) -> list[Problem]:
    """Every [[id]] in a file's prose must name an entity; the problem points at the link itself."""
    problems = []
    for path, target_id in links:
        if target_id not in entity_ids:
            line, col = file.document.position_of_words(path, f"[[{target_id}")
            problems.append(
                Problem(
                    Position(file.path, line, col),
                    f"link [[{target_id}]]: '{target_id}' is not an entity in content/entities/."
                    f"{did_you_mean(target_id, entity_ids)}",
                )
            )
    return problems


# --- building the model -----------------------------------------------------------------------


def _check_event_bounds(file: LoadedFile, event: Event) -> list[Problem]:
    """'after' and 'before' place an undated event, and only in that order."""
    problems = []
    for key, bound in (("after", event.after), ("before", event.before)):
        if bound and event.date:
            problems.append(
                Problem(
                    file_position(file, key),
                    f"'{key}' bounds an undated event, but this one is dated {event.date.iso}: "
                    f"remove '{key}', or write 'date: {UNKNOWN_DATE}' if no source dates it",
                )
            )
    if event.after and event.before and event.after.sort_key >= event.before.sort_key:
        problems.append(
            Problem(
                file_position(file, "before"),
                f"'before: {event.before.iso}' is not later than 'after: {event.after.iso}': check both bounds",
            )
        )
    return problems


def _check_relation_times(file: LoadedFile, entity: EntitySchema) -> list[Problem]:
    """A relation that has not ended says how far its evidence reaches ('as_of'), so that the site
    never shows as current what the sources last saw years ago; one that has ended needs no 'as_of'."""
    problems = []
    for index, relation in enumerate(entity.relations):
        if relation.until and relation.as_of:
            problems.append(
                Problem(
                    file_position(file, "relations", index, "as_of"),
                    f"relation '{relation.type}' to '{relation.target}' has ended ('until'), so 'as_of' says nothing more: remove 'as_of'",
                    "warning",
                )
            )
        elif not relation.until and not relation.as_of and relation.type not in LASTING_RELATIONS:
            problems.append(
                Problem(
                    file_position(file, "relations", index, "target"),
                    f"relation '{relation.type}' to '{relation.target}' has neither 'until' nor 'as_of': add 'as_of' with "
                    "the latest date its cited evidence describes (the source's date, or a date in its text), or 'until' "
                    "when it has ended ('until: unknown' if no source dates the end)",
                    "warning",
                )
            )
    return problems


def _check_figure_differences(file: LoadedFile, entity: Entity) -> list[Problem]:
    """An editor's 'difference: precision' on dates that cannot all be true would hide a disagreement."""
    problems = []
    for index, figure in enumerate(entity.figures):
        intervals = [interval(value.value) for value in figure.values]
        if figure.difference == "precision" and all(intervals) and not can_all_be_true(intervals):
            values = ", ".join(f"'{value.value}'" for value in figure.values)
            problems.append(
                Problem(
                    file_position(file, "figures", index, "difference"),
                    f"difference: precision, but the dates {values} cannot all be true at once: write 'disagree', "
                    "or check the values",
                    "warning",
                )
            )
    return problems


# --- the content as a whole -------------------------------------------------------------------


def check_references(content: Content, unreadable_ids: set[str] = frozenset(), memo: Memo | None = None) -> list[Problem]:
    """Every id named in content must exist; relations may not point at their own entity.

    ([[links]] in prose are checked file by file, where their exact place is known.)

    ``unreadable_ids`` are files that exist but failed their own checks: references to them are
    not reported again, as the file's own problem already is. ``memo`` keeps what each entity
    and event names, while it is unchanged.
    """
    memo = memo if memo is not None else Memo()
    problems: list[Problem] = []
    entity_ids, source_ids = frozenset(content.entities), frozenset(content.sources)  # did_you_mean indexes each once
    cited_sources: set[str] = set()

    def check_entity(target: str, position: Position, what: str) -> None:
        if target not in entity_ids and target not in unreadable_ids:
            problems.append(
                Problem(position, f"{what}: '{target}' is not an entity in content/entities/.{did_you_mean(target, entity_ids)}")
            )

    named = [memo.get(entity.id, entity, lambda: _named_by(entity)) for entity in content.entities.values()]
    named += [memo.get(("event", event.id), event, lambda: _named_by(event)) for event in content.events.values()]
    for owner in named:
        if owner.own or not owner.target_ids <= entity_ids:  # a set test first: most name only entities that exist
            for target, position, what, own in owner.targets:
                check_entity(target, position, what)
                if own:
                    problems.append(Problem(position, "a relation cannot point at its own entity"))
    for owner in named:
        cited_sources |= owner.source_ids
        if not owner.source_ids <= source_ids:
            for source_id, position in owner.citations:
                if source_id not in source_ids and source_id not in unreadable_ids:
                    problems.append(
                        Problem(position, f"cited source '{source_id}' is not in content/sources/.{did_you_mean(source_id, source_ids)}")
                    )
    for source in content.sources.values():
        if source.id not in cited_sources:
            problems.append(Problem(source.position, "source is never cited: cite it or remove it", "warning"))
    return problems


def check_derivations(content: Content) -> list[Problem]:
    """Each ``derived_from`` written as an id names another source, and no chain of them loops."""
    problems = []
    source_ids = frozenset(content.sources)
    for source in content.sources.values():
        derived = source.derived_from
        if not derived or not names_a_source(derived):
            continue
        where = source.derived_from_position or source.position
        if derived == source.id:
            problems.append(Problem(where, "a source cannot derive from itself: name its original, or remove derived_from"))
        elif derived not in source_ids:
            problems.append(
                Problem(
                    where,
                    f"derived_from: '{derived}' is not a source in content/sources/.{did_you_mean(derived, source_ids)} "
                    "When the original is not in the corpus, describe it with its capitals: 'AFP wire'",
                )
            )
        else:
            chain = derivation_chain(source.id, content.sources)
            last = content.sources[chain[-1]].derived_from
            if last == source.id:
                problems.append(
                    Problem(
                        where,
                        f"derived_from makes a loop ({' → '.join([*chain, source.id])}): the original derives from "
                        "no source of the corpus, so remove derived_from from it",
                    )
                )
    return problems


class _Named(NamedTuple):
    """What an entity's relations or an event name, and what its statements cite, in the order written."""

    targets: list[tuple[str, Position, str, bool]]
    """(entity id, where, what names it, whether it is the owner itself)."""
    citations: list[tuple[str, Position]]
    """(source id, where)."""
    target_ids: frozenset[str]
    source_ids: frozenset[str]
    own: bool
    """Whether a relation points at its own entity."""


def _named_by(owner: Entity | Event) -> _Named:
    if isinstance(owner, Event):
        targets = [(entity_id, owner.position, "event entity", False) for entity_id in owner.involved_ids]
        citations = [(citation.source_id, citation.position) for citation in owner.citations]
    else:
        targets = [(relation.target_id, relation.position, "relation target", relation.target_id == owner.id) for relation in owner.relations]
        citations = [(citation.source_id, citation.position) for statement in owner.statements() for citation in statement.citations]
    return _Named(
        targets, citations, frozenset(target for target, *_ in targets), frozenset(source for source, _ in citations), any(own for *_, own in targets)
    )


def check_aliases(content: Content, memo: Memo | None = None) -> list[Problem]:
    """A spelling may stand for one entity only, or a mention could not be attributed."""
    memo = memo if memo is not None else Memo()
    problems: list[Problem] = []
    spellings: dict[str, list[tuple[str, Position]]] = defaultdict(list)
    for entity in content.entities.values():
        for spelling, position in memo.get(entity.id, entity, lambda: _spellings(entity)):
            spellings[spelling].append((entity.id, position))
    for spelling, claimants in spellings.items():
        first_owner, first_position = claimants[0]
        for entity_id, position in claimants[1:]:
            if entity_id != first_owner:
                problems.append(
                    Problem(
                        position,
                        f"'{spelling}' is also a name or alias of '{first_owner}' ({first_position}): "
                        "a spelling may belong to one entity only",
                    )
                )
    return problems


def _spellings(entity: Entity) -> list[tuple[str, Position]]:
    positions = (entity.position, *entity.alias_positions)
    return [(name_key(spelling), position) for spelling, position in zip(entity.names, positions, strict=True)]


def check_alias_words(content: Content, memo: Memo | None = None) -> list[Problem]:
    """An alias links every place an article writes it: one letter or a common word would link
    words that do not mean the entity."""
    memo = memo if memo is not None else Memo()
    problems: list[Problem] = []
    for entity in content.entities.values():
        problems += memo.get(entity.id, entity, lambda: _alias_word_problems(entity))
    return problems


def _alias_word_problems(entity: Entity) -> list[Problem]:
    problems = []
    for alias, position in zip(entity.aliases, entity.alias_positions, strict=True):
        folded = fold_words(alias)
        letters = sum(char.isalnum() for char in folded)
        if letters < 2:
            reason = f"has {'one letter' if letters else 'no letter or digit'}: it would link every '{alias.strip()}' in the articles"
        elif folded in STOP_WORDS:
            reason = f"is a common word: it would link every '{folded}' in the articles to {entity.id}"
        else:
            continue
        problems.append(Problem(position, f"alias '{alias}' {reason}; write the longer name the articles use, or remove it"))
    return problems


def check_event_places(content: Content, positions: dict[str, Position]) -> list[Problem]:
    """An event's place is shown as where it happened: it must be an entity of type place."""
    problems: list[Problem] = []
    places = [entity.id for entity in content.entities.values() if entity.type == "place"]
    for event in content.events.values():
        place = content.entities.get(event.place_id or "")
        if place is not None and place.type != "place":
            problems.append(
                Problem(
                    positions.get(event.id, event.position),
                    f"place: '{place.id}' is {'an' if place.type[0] in 'aeiou' else 'a'} {place.type}, not a place: "
                    f"name an entity of type place.{did_you_mean(place.id, places)}",
                )
            )
    return problems


def check_names(content: Content, memo: Memo | None = None) -> list[Problem]:
    """Two entities whose names read the same once slugged are probably one entity written twice."""
    memo = memo if memo is not None else Memo()
    problems: list[Problem] = []
    first_with: dict[str, Entity] = {}
    for entity in content.entities.values():
        slug = memo.get(entity.id, entity.name, lambda: slugify(entity.name))
        other = first_with.setdefault(slug, entity)
        if other is not entity:
            problems.append(
                Problem(
                    entity.position,
                    f"name '{entity.name}' reads the same as '{other.name}' ({other.position.path}) once slugged "
                    f"('{slug}'): if they are one entity, merge the files; otherwise make the names distinct",
                )
            )
    return problems
