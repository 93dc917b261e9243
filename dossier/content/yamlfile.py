"""A YAML reader for files written by people: plain strings, positions kept, no surprises.

PyYAML's own loaders read ``NO`` as false and ``12:30`` as a number, keep the last of two
duplicate keys, and expand alias bombs. Here every scalar stays the string the editor typed,
duplicate keys and anchors/aliases are refused, and every value remembers its line and column
so that a problem found later can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import re

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ..text.characters import describe, first_invisible, refusal, stand_ins

MAX_DEPTH = 12
"""Content files are shallow (entity → claims → cite → quote); deeper nesting is a mistake or an attack."""

Path = tuple[str | int, ...]


class YamlProblem(Exception):
    """A YAML file that cannot be read; ``line``/``col`` are 1-based, 0 when unknown."""

    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


@dataclass
class YamlDocument:
    """The data of one YAML file, and where each value and key was written."""

    data: Any
    text: str = ""
    """The file's text, to locate words inside a value (a link in a folded paragraph)."""
    value_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position_of_words(self, path: Path, words: str) -> tuple[int, int]:
        """(line, col) of ``words`` as written inside the value at ``path``, else of the value."""
        line, col = self.position_of(path)
        lines = self.text.splitlines()
        for number in range(line - 1, len(lines)):
            start = col - 1 if number == line - 1 else 0
            found = lines[number].find(words, start)
            if found >= 0:
                return number + 1, found + 1
        return line, col

    def position_of(self, path: Path, key: bool = False) -> tuple[int, int]:
        """(line, col) of the value at ``path`` (or of its key), else of its nearest parent."""
        positions = self.key_positions if key else self.value_positions
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            if prefix in positions:
                return positions[prefix]
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return (1, 1)


# libyaml's parser when PyYAML has it (ten times faster), else PyYAML's own: same events.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Open:
    """A mapping or list being filled while reading events."""

    container: dict | list
    path: Path
    key: str | None = None
    """In a mapping: the key just read, waiting for its value."""


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document into plain dicts, lists and strings; raise YamlProblem.

    Built from the parser's event stream with an explicit stack, so no nesting can exhaust the
    call stack, and anchors or aliases are refused the moment they appear, before anything
    could be expanded.
    """
    document = YamlDocument(data=None, text=text)
    stack: list[_Open] = []
    documents = 0
    _refuse_invisible_characters(text)
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("a second YAML document ('---'): a content file holds one", line, col)
            elif isinstance(event, AliasEvent):
                raise YamlProblem("YAML aliases (*name) are not allowed: write the value out in full", line, col)
            elif isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)):
                if event.anchor:
                    raise YamlProblem(
                        f"YAML anchors (&{event.anchor}) are not allowed: write each value out in full", line, col
                    )
                _read_node(event, stack, document, line, col)
            elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                stack.pop()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "not valid YAML"
        if error.problem and error.context and error.context_mark and error.context_mark.line != mark.line:
            # Where the broken structure began is often where the mistake is (an unclosed bracket).
            reason += f" ({error.context} started on line {error.context_mark.line + 1})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if mark and text[mark.index : mark.index + 1] == "\t":
            reason = "a tab character: indent with spaces, never tabs"
        raise YamlProblem(f"not valid YAML: {reason}", line, col) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"not valid YAML: {error}") from None
    return document


def _refuse_invisible_characters(text: str) -> None:
    # Before parsing: YAML reads U+0085 as a line break and refuses other controls with a
    # message that does not say which character or what to do. (A CR is fine before a LF.)
    text = text.replace("\r\n", "\n")
    index = first_invisible(text)
    if index is not None:
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        raise YamlProblem(f"{_field(_path_at(text, line, col))}{refusal(text[index])}", line, col)


def _path_at(text: str, line: int, col: int) -> Path:
    """The path of the value written at or before (line, col), to name the field in a message;
    read from a copy whose refused characters are replaced, one for one."""
    try:
        document = parse_yaml(stand_ins(text))
    except YamlProblem:
        return ()
    written = [(position, path) for path, position in document.value_positions.items() if position <= (line, col)]
    keys = [position for position in document.key_positions.values() if position <= (line, col)]
    if not written or (keys and max(keys) > max(written)[0]):
        return ("a key",) if keys and max(keys)[0] == line else ()
    return max(written)[1]


def _field(path: Path) -> str:
    """'claims[0].text: ' for a message, '' for the whole file."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"{text}: " if text else ""


# The escapes of a double-quoted YAML string, which can write any character in plain ASCII.
_ESCAPE = re.compile(r'\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abtnvfre "/\\N_LP\t])')


def _refuse_escaped_invisible(event: ScalarEvent, text: str, path: Path) -> None:
    """A value must not hold what the file may not (a NUL, a C1 control, a zero-width space) by
    writing it as an escape ("\\0", "\\x85", "\\u200b"); the problem points at the escape."""
    index = first_invisible(event.value)
    if index is None:
        return
    char = event.value[index]
    start, end = event.start_mark.index, event.end_mark.index
    at, written = start, None
    for escape in _ESCAPE.finditer(text, start, end):
        if char in yaml.safe_load(f'"{escape.group()}"'):
            at, written = escape.start(), escape.group()
            break
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    if written is None:  # cannot happen with the escapes above; said plainly all the same
        raise YamlProblem(f"{_field(path)}{refusal(char)}", line, col)
    raise YamlProblem(f"{_field(path)}the escape {written} writes {describe(char)}: remove it", line, col)


def _read_node(event, stack: list[_Open], document: YamlDocument, line: int, col: int) -> None:
    parent = stack[-1] if stack else None
    if parent is not None and isinstance(parent.container, dict) and parent.key is None:
        _read_key(event, parent, document, line, col)
        return
    if isinstance(parent, _Open) and isinstance(parent.container, list):
        path = parent.path + (len(parent.container),)
    elif parent is not None:
        path = parent.path + (parent.key,)
    else:
        path = ()
    if len(stack) >= MAX_DEPTH:
        raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep: content files are shallower than this", line, col)
    document.value_positions[path] = (line, col)
    if isinstance(event, ScalarEvent) and event.style == '"':  # only double quotes have escapes
        _refuse_escaped_invisible(event, document.text, path)
    if isinstance(event, ScalarEvent):
        value = _scalar(event)
    else:
        value = [] if isinstance(event, SequenceStartEvent) else {}
    if parent is None:
        document.data = value
    elif isinstance(parent.container, list):
        parent.container.append(value)
    else:
        parent.container[parent.key] = value
        parent.key = None
    if not isinstance(event, ScalarEvent):
        stack.append(_Open(value, path))


def _read_key(event, mapping: _Open, document: YamlDocument, line: int, col: int) -> None:
    if not isinstance(event, ScalarEvent):
        raise YamlProblem("a key must be a plain word such as 'name:'", line, col)
    key = event.value
    if key in mapping.container:
        first_line = document.key_positions[mapping.path + (key,)][0]
        raise YamlProblem(f"duplicate key '{key}' (first written on line {first_line}): keep one of them", line, col)
    if event.style == '"':
        _refuse_escaped_invisible(event, document.text, mapping.path + ("a key",))
    document.key_positions[mapping.path + (key,)] = (line, col)
    mapping.key = key


def _scalar(event: ScalarEvent) -> str | None:
    # An empty plain value (`author:`) or `~`/`null` means "not given"; everything else is text.
    plain = event.style in (None, "")
    if plain and event.value in ("", "~", "null", "Null", "NULL"):
        return None
    return event.value
