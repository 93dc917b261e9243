"""Skeleton text that must not reach a published page: `build.py new` writes it into new files,
and `check` warns wherever it is left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import Position, Problem

if TYPE_CHECKING:
    from .load import LoadedFile

SUMMARY_PLACEHOLDER = "TODO: say in one short paragraph what the sources say"
PLACEHOLDERS = (SUMMARY_PLACEHOLDER,)


def placeholder_problems(files: list[LoadedFile]) -> list[Problem]:
    """A warning for each skeleton placeholder still in a content file, at its line and column."""
    problems = []
    for file in files:
        for number, line in enumerate(file.document.text.splitlines(), start=1):
            for placeholder in PLACEHOLDERS:
                column = line.find(placeholder)
                if column >= 0:
                    problems.append(
                        Problem(
                            Position(file.path, number, column + 1),
                            "skeleton placeholder text is still here: replace it with what the sources say "
                            "before publishing",
                            "warning",
                        )
                    )
    return problems
