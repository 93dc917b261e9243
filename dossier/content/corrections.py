"""The correction rule: a statement published at an earlier revision may not be removed or made
weaker silently. A weaker one (less certain, or a cited source withdrawn) carries ``correction:``
with the reason; a removed one is recorded under its entity's ``corrections:`` (``removed:`` its
text as the message quotes it, ``reason:``). Both show on the Corrections page and in the feeds.

Pure: the content of both versions comes in as data (``publish.revisions`` reads the earlier one).
A whole entity or event file removed is not covered: there is no file left to record it in.
"""

from __future__ import annotations

from ..report import Position, Problem
from .compare import Statement, entity_statements, event_statements, match, weakenings
from .model import Content


def normal(text: str) -> str:
    """Statement text compared as the editor may rewrap it: white space collapsed."""
    return " ".join(text.split())


def correction_problems(before: Content, after: Content, revision: str) -> list[Problem]:
    """An error for each statement of ``before`` removed or made weaker in ``after`` without its correction."""
    problems = []
    for entity_id in sorted(before.entities.keys() & after.entities.keys()):
        entity = after.entities[entity_id]
        positions = [statement.position for statement in entity.statements()]
        new = entity_statements(after, entity_id)
        removed, _, pairs = match(entity_statements(before, entity_id), new)
        recorded = {normal(correction.removed) for correction in entity.corrections}
        for statement in removed:
            if normal(statement.text) not in recorded:
                problems.append(
                    Problem(
                        entity.position,
                        f"the {statement.kind} “{normal(statement.text)}” was removed since {revision}: add it under "
                        f"corrections: as - removed: \"{normal(statement.text)}\" with reason: why it was withdrawn, "
                        "which the Corrections page shows",
                    )
                )
        problems += _weaker(pairs, lambda statement: positions[new.index(statement)], revision)
    for event_id in sorted(before.events.keys() & after.events.keys()):
        _, _, pairs = match(event_statements(before, event_id), event_statements(after, event_id))
        problems += _weaker(pairs, lambda statement: after.events[event_id].position, revision)
    return problems


def _weaker(pairs: list[tuple[Statement, Statement]], position_of, revision: str) -> list[Problem]:
    problems = []
    for old, new in pairs:
        how = weakenings(old, new)
        if not how:
            continue
        where: Position = position_of(new)
        said = f"this {new.kind} is weaker than at {revision} ({'; '.join(how)})"
        if not new.attribute("correction"):
            problems.append(Problem(where, f"{said}: add correction: with the reason, which the Corrections page shows"))
        elif new.attribute("correction") == old.attribute("correction"):
            problems.append(Problem(where, f"{said}, and its correction: is the one it had there: write the reason for this change"))
    return problems
