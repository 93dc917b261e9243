"""The same thing written twice: the one rule by which `check` warns and the site shows it once.

In one file (``without_repeats``, on each entity and event as it is built): an alias that is the
name or another alias again (letter case and typography aside, as mentions are found), a
``same_as`` address or an event's entity listed twice, and a claim or relation that says the
same as an earlier one (same words, dates and attribution): the model keeps the first, with the
citations of both. Across files (``both_ends_key``): a relation that reads the same both ways
('allied with') written on each of its two entities; each page shows it once
(``resolve.links.relation_views``), and ``check_both_ends`` warns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence, TypeVar

from ..report import Position, Problem
from ..text.typography import fold_words
from .build import file_position
from .load import LoadedFile
from .model import Citation, Claim, Content, Entity, Event, Relation
from .schema import READS_BOTH_WAYS

ClaimOrRelation = TypeVar("ClaimOrRelation", Claim, Relation)

_CASE_ASIDE = "letter case and typography aside, as mentions are matched"


def without_repeats(file: LoadedFile, item: Entity | Event) -> tuple[Entity | Event, list[Problem]]:
    """The entity or event with each repeat left out (a repeated statement's citations joined to
    the first's), and a warning at each repeat."""
    if isinstance(item, Event):
        actor_ids, problems = _listed_once(file, "actors", item.actor_ids)
        entity_ids, found = _listed_once(file, "entities", item.entity_ids)
        problems += found
        for index, entity_id in enumerate(entity_ids):
            if entity_id in actor_ids:
                position = file_position(file, "entities", item.entity_ids.index(entity_id))
                problems.append(
                    Problem(position, f"entities: '{entity_id}' is listed under actors too: remove it here (an actor is involved already)", "warning")
                )
        entity_ids = tuple(entity_id for entity_id in entity_ids if entity_id not in actor_ids)
        changed = problems or entity_ids != item.entity_ids
        return (replace(item, actor_ids=actor_ids, entity_ids=entity_ids) if changed else item), problems
    aliases, positions, problems = _spellings_once(item)
    same_as, found = _listed_once(file, "same_as", item.same_as)
    problems += found
    claims, found = _statements_once(item.claims, _claim_key, _claim_repeat)
    problems += found
    relations, found = _statements_once(item.relations, _relation_key, _relation_repeat)
    problems += found
    if not problems:
        return item, []
    entity = replace(item, aliases=aliases, alias_positions=positions, same_as=same_as, claims=claims, relations=relations)
    return entity, problems


def both_ends_key(relation: Relation) -> tuple | None:
    """What a relation that reads the same both ways says, whichever of its entities writes it;
    None for other relations, which say something else from each end."""
    if relation.type not in READS_BOTH_WAYS:
        return None
    ends = frozenset((relation.subject_id, relation.target_id))
    return (relation.type, ends, relation.since, relation.until, relation.ended, relation.as_of, relation.attribution)


def check_both_ends(content: Content) -> list[Problem]:
    """A relation that reads the same both ways, written on each of its entities: one warning, at
    the second in id order."""
    problems: list[Problem] = []
    first: dict[tuple, Relation] = {}
    for entity in content.entities.values():
        for relation in entity.relations:
            key = both_ends_key(relation)
            if key is None:
                continue
            other = first.setdefault(key, relation)
            if other is not relation:
                problems.append(
                    Problem(
                        relation.position,
                        f"relation '{relation.type}' with '{relation.target_id}' repeats the one written on "
                        f"{other.position} from the other end ('{relation.type}' reads the same both ways): keep one "
                        "of the two, with the citations of both; the site shows it once",
                        "warning",
                    )
                )
    return problems


# --- one file ---------------------------------------------------------------------------------


def _spellings_once(entity: Entity) -> tuple[tuple[str, ...], tuple[Position, ...], list[Problem]]:
    aliases, positions, problems = [], [], []
    first: dict[str, str | None] = {fold_words(entity.name): None}  # folded → the alias first written so, None for the name
    first_position: dict[str, Position] = {}
    for alias, position in zip(entity.aliases, entity.alias_positions, strict=True):
        key = fold_words(alias)
        if key not in first:
            first[key], first_position[key] = alias, position
            aliases.append(alias)
            positions.append(position)
        elif first[key] is None:
            problems.append(Problem(position, f"alias '{alias}' repeats the name '{entity.name}' ({_CASE_ASIDE}): remove it", "warning"))
        else:
            problems.append(
                Problem(
                    position,
                    f"alias '{alias}' repeats the alias '{first[key]}' {_where(first_position[key], position)} "
                    f"({_CASE_ASIDE}): keep one of them (the site shows the first)",
                    "warning",
                )
            )
    return tuple(aliases), tuple(positions), problems


def _listed_once(file: LoadedFile, key: str, values: Sequence[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """A list of ids or addresses with each value once, and a warning at each repeat."""
    first: dict[str, int] = {}
    problems = []
    for index, value in enumerate(values):
        if first.setdefault(value, index) != index:  # positions looked up for repeats only: most lists have none
            position = file_position(file, key, index)
            where = _where(file_position(file, key, first[value]), position)
            problems.append(Problem(position, f"{key}: '{value}' is listed twice (first {where}): remove this one", "warning"))
    return tuple(first), problems


def _statements_once(
    statements: Sequence[ClaimOrRelation],
    key: Callable[[ClaimOrRelation], tuple],
    message: Callable[[ClaimOrRelation, ClaimOrRelation, bool], str],
) -> tuple[tuple[ClaimOrRelation, ...], list[Problem]]:
    """Statements with each one that says what an earlier one says left out, its citations joined
    to the earlier one's; a warning at each."""
    kept: list[ClaimOrRelation] = []
    index_of: dict[tuple, int] = {}
    problems = []
    for statement in statements:
        index = index_of.setdefault(key(statement), len(kept))
        if index == len(kept):
            kept.append(statement)
            continue
        first = kept[index]
        cited = {_citation_key(citation) for citation in first.citations}
        more = tuple(citation for citation in statement.citations if _citation_key(citation) not in cited)
        if more:
            kept[index] = replace(first, citations=first.citations + more)
        problems.append(Problem(statement.position, message(statement, first, bool(more)), "warning"))
    return tuple(kept), problems


def _claim_key(claim: Claim) -> tuple:
    return (" ".join(claim.text.split()), claim.date, claim.attribution)


def _relation_key(relation: Relation) -> tuple:
    return (relation.type, relation.target_id, relation.since, relation.until, relation.ended, relation.as_of, relation.attribution)


def _citation_key(citation: Citation) -> tuple:
    return (citation.source_id, citation.quote, citation.paragraph, citation.prefix, citation.suffix, citation.context)


def _claim_repeat(claim: Claim, first: Claim, more: bool) -> str:
    return f"this claim repeats the claim {_where(first.position, claim.position)} (same text, date and attribution): " + _what_to_do(more)


def _relation_repeat(relation: Relation, first: Relation, more: bool) -> str:
    return (
        f"relation '{relation.type}' to '{relation.target_id}' repeats the one {_where(first.position, relation.position)} "
        "(same dates and attribution): " + _what_to_do(more)
    )


def _what_to_do(more_citations: bool) -> str:
    if more_citations:
        return "move its citations under the first and remove it; the site shows it once, with the citations of both"
    return "remove it"


def _where(first: Position, here: Position) -> str:
    """Where the first was written, seen from the repeat: 'on line 5', or in a list written on one
    line 'at column 12 of this line'."""
    return f"on line {first.line}" if first.line != here.line else f"at column {first.col} of this line"
