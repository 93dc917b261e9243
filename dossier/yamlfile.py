"""A YAML reader for files written by people: plain strings, positions kept, no surprises.

PyYAML's own loaders read ``NO`` as false and ``12:30`` as a number, keep the last of two
duplicate keys, and expand alias bombs. Here every scalar stays the string the editor typed,
duplicate keys and anchors/aliases are refused, and every value remembers its line and column
so that a problem found later can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


class _RefusingAliasesLoader(yaml.SafeLoader):
    """Composes nodes only (never constructs Python objects) and refuses anchors and aliases."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlProblem(
                "YAML aliases (*name) are not allowed: write the value out in full",
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise YamlProblem(
                f"YAML anchors (&{event.anchor}) are not allowed: write each value out in full",
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        return super().compose_node(parent, index)


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document into plain dicts, lists and strings; raise YamlProblem."""
    loader = _RefusingAliasesLoader(text)
    try:
        root = loader.get_single_node()
    except YamlProblem:
        raise
    except RecursionError:
        raise YamlProblem(f"nested far more than {MAX_DEPTH} levels deep: content files are shallower than this") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "not valid YAML"
        if error.problem and error.context and error.context_mark and error.context_mark.line != mark.line:
            # Where the broken structure began is often where the mistake is (an unclosed bracket).
            reason += f" ({error.context} started on line {error.context_mark.line + 1})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlProblem(f"not valid YAML: {reason}", line, col) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    document = YamlDocument(data=None, text=text)
    if root is not None:
        document.data = _to_data(root, (), document, depth=0)
    return document


def _to_data(node: Node, path: Path, document: YamlDocument, depth: int) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if depth > MAX_DEPTH:
        raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep: content files are shallower than this", line, col)
    document.value_positions[path] = (line, col)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_to_data(item, path + (index,), document, depth + 1) for index, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line, key_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem("a key must be a plain word such as 'name:'", key_line, key_col)
            key = key_node.value
            if key in mapping:
                first_line = document.key_positions[path + (key,)][0]
                raise YamlProblem(
                    f"duplicate key '{key}' (first written on line {first_line}): keep one of them",
                    key_line,
                    key_col,
                )
            document.key_positions[path + (key,)] = (key_line, key_col)
            mapping[key] = _to_data(value_node, path + (key,), document, depth + 1)
        return mapping
    raise YamlProblem("unsupported YAML node", line, col)  # pragma: no cover - PyYAML has no other kinds


def _scalar(node: ScalarNode) -> str | None:
    # An empty plain value (`author:`) or `~`/`null` means "not given"; everything else is text.
    if node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
        return None
    return node.value
