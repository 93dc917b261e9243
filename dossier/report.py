"""Problems found in content, and how they are shown to an editor.

Every stage that can find something wrong returns ``Problem`` values instead of raising, so
one run reports every mistake. Only the command line turns them into an exit code.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Literal

from .text.characters import visible

Severity = Literal["error", "warning"]


COMMAND = ".venv/bin/python build.py"
"""How messages spell the command line: it works as written in a fresh clone after `make check`."""

_MAKE_FORMS: dict[str, tuple[str, tuple[str, ...], dict[str, str]]] = {
    "new entity": ("new-entity", ("ID",), {"--name": "NAME", "--type": "TYPE"}),
    "new source": ("new-source", ("FILE",), {"--id": "ID"}),
    "rename source": ("rename-source", ("FROM", "TO"), {}),
    "remove source": ("remove-source", ("ID",), {}),
}
"""build.py command → its make target, the variables its arguments become and those of its options."""


def to_run(command: str, *arguments: str, **options: str | None) -> str:
    """A command for a hint, in both forms an editor may type: ``to_run("new source", "a.txt", id="x")``
    is "make new-source FILE=a.txt ID=x (or .venv/bin/python build.py new source a.txt --id x)".
    Options given as None are left out; every value is quoted for the shell."""
    target, variables, option_variables = _MAKE_FORMS[command]
    given = {f"--{name.replace('_', '-')}": value for name, value in options.items() if value is not None}
    make = [f"make {target}"] + [f"{variable}={shlex.quote(value)}" for variable, value in zip(variables, arguments)]
    make += [f"{option_variables[option]}={shlex.quote(value)}" for option, value in given.items()]
    typed = [COMMAND, command, *map(shlex.quote, arguments)]
    typed += [f"{option} {shlex.quote(value)}" for option, value in given.items()]
    return f"{' '.join(make)} (or {' '.join(typed)})"

@dataclass(frozen=True, order=True)
class Position:
    """Where something was written: a path relative to the project, 1-based line and column.

    A problem with a whole file (line 0) is shown at its first line, ``path:1:1``, so that every
    message has the same shape for editors, their tools and CI annotations.
    """

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line or 1}:{self.col or 1}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located and explained."""

    position: Position
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        # File names, keys, article text and MkDocs' messages all end up here: shown escaped,
        # none can move the cursor, set the clipboard or start a forged line of the report.
        return visible(f"{self.position}: {self.severity}: {self.message}")


class DossierError(Exception):
    """Raised by the pipeline when content has errors; carries every problem found.

    Raised by ``pipeline`` only; the command line catches it, prints the problems and
    exits with status 1. Nothing else in the package raises for bad content.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(errors_in(problems))} error(s) in content")


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


def did_you_mean(wrong: str, choices: Iterable[str], how_many: int = 3) -> str:
    """' Did you mean 'x'?' for the nearest choices, or '' when nothing is near.

    Near means, best first: the same once accents, case and separators are ignored ('ségou' →
    'segou'); one letter away (changed, missing, extra or swapped with its neighbour); two letters
    away, where each side has one letter the other lacks or all parts but one are the same
    ('mali-armed-forces' → 'malian-armed-forces'); a choice that begins or ends the wrong word,
    or that the wrong word begins or ends, hyphen-separated part by part ('segou-region' →
    'segou', 'wagner' → 'wagner-group'). Pass a frozenset to reuse one index over many
    calls: a lookup costs the same whether there are ten choices or ten thousand.
    """
    index = _suggestion_index(choices if isinstance(choices, frozenset) else frozenset(choices))
    near = index.nearest(wrong, how_many)
    if not near:
        return ""
    return " Did you mean " + " or ".join(f"'{choice}'" for choice in near) + "?"


_ALREADY_NORMAL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _normal_form(text: str) -> str:
    """Lower case, accents dropped, every run of other characters than letters and digits one '-'."""
    if _ALREADY_NORMAL.fullmatch(text):
        return text  # ids, the common case
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _one_letter_less(word: str) -> list[str]:
    return [word[:at] + word[at + 1 :] for at in range(len(word))]


def _one_part_masked(parts: list[str]) -> list[str]:
    """The hyphen-separated parts with one of them left out ('mali-armed-forces' → '*-armed-forces', ...)."""
    if len(parts) < 2:
        return []
    return ["-".join([*parts[:at], "*", *parts[at + 1 :]]) for at in range(len(parts))]


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Letters inserted, deleted, changed or swapped with a neighbour to turn a into b; limit + 1 once over."""
    while a and b and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if not a or not b:
        return max(len(a), len(b))
    # Only cells within ``limit`` of the diagonal can stay within the limit.
    over = limit + 1
    before, row = None, [j if j <= over else over for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [i if i <= over else over] + [over] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cost = row[j - 1] + (a[i - 1] != b[j - 1])
            cost = min(cost, row[j] + 1, current[j - 1] + 1)
            if before is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cost = min(cost, before[j - 2] + 1)
            current[j] = min(cost, over)
        if min(current) > limit:
            return over
        before, row = row, current
    return row[-1]


_MAX_DISTANCE = 2
_SHORTEST_PART = 3
"""A prefix or suffix shorter than this ('al', 'a') suggests nothing."""
_MOST_SHARING_PARTS = 50
"""Choices that share all parts but one with the wrong word, beyond which none of them is measured."""


class _SuggestionIndex:
    """The choices indexed by their normal form, by that form less one letter, by its hyphen-
    separated prefixes and suffixes, and by its parts but one: building it is linear in the
    choices' length, and a lookup costs a few dictionary probes per letter of the wrong word,
    however many choices there are."""

    def __init__(self, choices: frozenset[str]):
        self.by_form: dict[str, list[str]] = defaultdict(list)
        self.by_deletion: dict[str, list[str]] = defaultdict(list)
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        self.by_suffix: dict[str, list[str]] = defaultdict(list)
        self.by_other_parts: dict[str, list[str]] = defaultdict(list)
        for choice in sorted(choices):
            form = _normal_form(choice)
            if not form:
                continue
            self.by_form[form].append(choice)
            for shorter in set(_one_letter_less(form)):
                self.by_deletion[shorter].append(choice)
            parts = form.split("-")
            for cut in range(1, len(parts)):
                self.by_prefix["-".join(parts[:cut])].append(choice)
                self.by_suffix["-".join(parts[cut:])].append(choice)
            for masked in _one_part_masked(parts):
                self.by_other_parts[masked].append(choice)

    def nearest(self, wrong: str, how_many: int) -> list[str]:
        form = _normal_form(wrong)
        if not form or len(form) > 200:
            return []
        ranked: dict[str, tuple] = {}

        def offer(choice: str, rank: int) -> None:
            key = (rank, abs(len(choice) - len(wrong)), choice)
            if choice != wrong and (choice not in ranked or key < ranked[choice]):
                ranked[choice] = key

        for choice in self.by_form.get(form, ()):
            offer(choice, 0)
        # Two words one edit apart share a form less at most one letter each (a change, a swap or an
        # extra letter); two such deletions can also be two edits apart, so every candidate is measured.
        limit = 1 if len(form) <= 5 else _MAX_DISTANCE
        candidates = set(self.by_form.get(form, ())) | set(self.by_deletion.get(form, ()))
        for shorter in set(_one_letter_less(form)):
            candidates.update(self.by_form.get(shorter, ()))
            candidates.update(self.by_deletion.get(shorter, ()))
        parts = form.split("-")
        for masked in _one_part_masked(parts):
            sharing = self.by_other_parts.get(masked, ())
            if len(sharing) <= _MOST_SHARING_PARTS:  # 'entity-*' shared by thousands says little, and costs much
                candidates.update(sharing)
        for choice in candidates:
            distance = _edit_distance(form, _normal_form(choice), limit)
            if 0 < distance <= limit:
                offer(choice, distance)
        for cut in range(1, len(parts)):
            for piece, rank in (("-".join(parts[:cut]), 3), ("-".join(parts[cut:]), 4)):
                if len(piece) >= _SHORTEST_PART:
                    for choice in self.by_form.get(piece, ()):
                        offer(choice, rank)
        if len(form) >= _SHORTEST_PART:
            for choice in self.by_prefix.get(form, ())[:how_many]:
                offer(choice, 3)
            for choice in self.by_suffix.get(form, ())[:how_many]:
                offer(choice, 4)
        return sorted(ranked, key=ranked.__getitem__)[:how_many]


@lru_cache(maxsize=8)
def _suggestion_index(choices: frozenset[str]) -> _SuggestionIndex:
    return _SuggestionIndex(choices)


def format_report(problems: list[Problem]) -> str:
    """All problems in file order, then a one-line summary."""
    lines = [str(problem) for problem in sorted(problems)]
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def workflow_annotations(problems: list[Problem]) -> str:
    """Each problem as a GitHub Actions workflow command, so a pull request shows it on its line:
    ``::error file=<path>,line=<n>,col=<c>::<message>`` (``::warning`` for warnings)."""
    lines = []
    for problem in sorted(problems):
        position = problem.position
        properties = f"file={_workflow_escape(visible(position.path), property=True)}"
        properties += f",line={position.line or 1},col={position.col or 1}"  # as Position shows it
        lines.append(f"::{problem.severity} {properties}::{_workflow_escape(visible(problem.message))}")
    return "\n".join(lines)


def _workflow_escape(value: str, property: bool = False) -> str:
    # The escapes GitHub's runner reads back (toolkit's command.ts): '%', CR and LF everywhere,
    # ':' and ',' too inside a property. ``visible`` has already escaped every CR and LF.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value
