"""Problems found in content, and how they are shown to an editor.

Every stage that can find something wrong returns ``Problem`` values instead of raising, so
one run reports every mistake. Only the command line turns them into an exit code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Literal

from .characters import visible

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Position:
    """Where something was written: a path relative to the project, 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.col or 1}"


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
    """' Did you mean 'x'?' for the nearest choices, or '' when nothing is near."""
    near = difflib.get_close_matches(wrong, sorted(set(choices)), n=how_many, cutoff=0.6)
    if not near:
        return ""
    return " Did you mean " + " or ".join(f"'{choice}'" for choice in near) + "?"


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
        if position.line:
            properties += f",line={position.line},col={position.col or 1}"
        lines.append(f"::{problem.severity} {properties}::{_workflow_escape(visible(problem.message))}")
    return "\n".join(lines)


def _workflow_escape(value: str, property: bool = False) -> str:
    # The escapes GitHub's runner reads back (toolkit's command.ts): '%', CR and LF everywhere,
    # ':' and ',' too inside a property. ``visible`` has already escaped every CR and LF.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value
