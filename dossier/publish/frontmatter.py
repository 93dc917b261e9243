"""Proof, on every build, that MkDocs reads each generated page's front matter as we wrote it.

When MkDocs cannot parse a page's front matter it says nothing and renders the whole block as
Markdown: one C1 control character in a title once turned an editor's Markdown link into a live
``javascript:`` link. Characters are refused at the door (``characters``), but the templates
and whatever a future character does are checked here too: each page's front matter is read
twice, by MkDocs' own reader and by a reader of the few forms our templates write (JSON strings
and lists, plain words, numbers and true/false, one level of nesting), and the two must agree exactly.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator

from ..report import Position, Problem

_KEY_LINE = re.compile(r"(?P<indent> *)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?: +(?P<value>.*))?$")
_NUMBER = re.compile(r"-?[0-9]+$")


class _Unreadable(ValueError):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line


def proven_pages(pages: Iterable[tuple[str, str]], problems: list[Problem], docs_folder: str = "docs") -> Iterator[tuple[str, str]]:
    """``pages`` as they come, but a Markdown page whose front matter MkDocs would misread is
    left out (so it never reaches the site) and reported in ``problems``."""
    for path, markdown in pages:
        problem = front_matter_problem(f"{docs_folder}/{path}", markdown) if path.endswith(".md") else None
        if problem:
            problems.append(problem)
            continue
        yield path, markdown


def front_matter_problem(path: str, markdown: str) -> Problem | None:
    """Why MkDocs would not read this page's front matter as written, located; None if it would."""
    from mkdocs.utils.meta import get_data  # here, not on top: importing MkDocs would slow down `check`

    end_mark = markdown.find("\n---\n")
    lines = markdown[: end_mark + 5].split("\n") if end_mark > 0 else [markdown[:3]]
    if lines[0] != "---" or end_mark < 0:
        return _problem(path, 1, "the page does not start with a front-matter block between two '---' lines")
    end = lines.index("---", 1)
    try:
        meant = _meant(lines[1:end])
    except _Unreadable as error:
        return _problem(path, error.line + 1, str(error))
    # MkDocs' reader is given only the front matter and what follows it at once: the rest of the
    # page cannot change how it reads the block.
    body, read = get_data(markdown[: end_mark + 5] + "#")
    if not read:
        line, reason = _yaml_error("\n".join(lines[1:end]) + "\n")
        return _problem(path, line + 1, f"MkDocs cannot read it ({reason}) and would show it as text")
    if body != "#":
        return _problem(path, 1, "MkDocs read the front matter but left it in the page")
    for key in sorted(set(meant) | set(read), key=lambda k: _line_of(lines, k, end)):
        if meant.get(key) != read.get(key):
            return _problem(
                path,
                _line_of(lines, key, end),
                f"MkDocs reads '{key}' as {json.dumps(read.get(key), ensure_ascii=False)}, "
                f"not {json.dumps(meant.get(key), ensure_ascii=False)} as written",
            )
    return None


def _problem(path: str, line: int, reason: str) -> Problem:
    return Problem(
        Position(path, line, 1),
        f"front matter: {reason}: fix the template that writes it (templates/), or report the content "
        "that got through the checks",
    )


def _yaml_error(block: str) -> tuple[int, str]:
    import yaml

    try:
        yaml.safe_load(block)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return (mark.line + 1 if mark else 0), str(error.problem or error.context)
    except yaml.YAMLError as error:
        return 0, str(error).split("\n")[0]
    return 0, "it is not a mapping of keys"


def _line_of(lines: list[str], key: str, end: int) -> int:
    for number, line in enumerate(lines[1:end], start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _meant(block: list[str]) -> dict[str, Any]:
    """What the block says, read without YAML: the forms the templates write, nothing else."""
    meant: dict[str, Any] = {}
    nested: dict[str, Any] | None = None
    for number, line in enumerate(block, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _KEY_LINE.match(line)
        if not match or len(match.group("indent")) not in (0, 2) or (match.group("indent") and nested is None):
            raise _Unreadable(number, f"line {number + 1} is not 'key: value' as the templates write it")
        value = match.group("value")
        if match.group("indent"):
            nested[match.group("key")] = _value(value, number)
        elif value is None or value.startswith("#"):
            nested = meant[match.group("key")] = {}
        else:
            nested = None
            meant[match.group("key")] = _value(value, number)
    return meant


def _value(text: str | None, number: int) -> Any:
    if text is None:
        raise _Unreadable(number, f"line {number + 1} has a key without a value")
    if text.startswith(('"', "[")):
        try:
            return json.loads(text)
        except ValueError:
            raise _Unreadable(number, f"line {number + 1} is not one JSON string or list") from None
    plain = text.split(" #", 1)[0].strip()
    if plain in ("true", "false") or _NUMBER.match(plain):
        return json.loads(plain)  # read as JSON reads them; YAML's 'yes', 'no', 'on' stay words
    return plain
