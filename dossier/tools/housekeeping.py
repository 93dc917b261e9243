"""`build.py rename source OLD NEW` and `build.py remove source ID`.

A source's id is its file names (content/sources/<id>.txt and .yml, content/captures/<id>.html)
and every citation of it (``source: <id>`` in a ``cite`` list). Renaming rewrites those citations
in the YAML text itself, only the id's characters, so that comments, key order and formatting stay
as the editor wrote them (the YAML is never dumped again). ``[[...]]`` links in prose name
entities only (check refuses any other), so they never name a source and are left alone, even
when an entity has the same id.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..content.captures import capture_file
from ..content.load import LoadedContent
from ..report import Position, Problem


class Refused(Exception):
    """Why a source was not renamed or removed, said to the editor."""


@dataclass(frozen=True)
class CitingPlace:
    """Where a file cites a source: the ``source:`` value of one citation."""

    path: str
    """The file, relative to the project, as messages show it."""
    line: int
    col: int


def citations_of(loaded: LoadedContent, source_id: str) -> list[CitingPlace]:
    """Every ``source: <source_id>`` of a citation, in file order."""
    places = []
    for file in loaded.files:
        for path, (line, col) in file.document.value_positions.items():
            if len(path) >= 3 and path[-1] == "source" and path[-3] == "cite" and _value_at(file.document.data, path) == source_id:
                places.append(CitingPlace(file.path, line, col))
    return sorted(places, key=lambda place: (place.path, place.line, place.col))


def _value_at(data, path: tuple) -> object:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def source_files(content_dir: Path, source_id: str) -> list[Path]:
    """A source's files that exist: its article, its kept copy, then its annotation (removed last)."""
    candidates = [content_dir / "sources" / f"{source_id}.txt", capture_file(content_dir, source_id), content_dir / "sources" / f"{source_id}.yml"]
    return [path for path in candidates if os.path.lexists(path)]


def rewritten(text: str, places: list[CitingPlace], old: str, new: str) -> str:
    """``text`` with the id written at each of ``places`` (one file's) changed from ``old`` to
    ``new``, whether written plain or in quotes; Refused when a place writes it another way (with
    escapes), which only an editor can rewrite."""
    starts = [0]  # where each line starts, as YAML counts lines
    for number, line in enumerate(text.splitlines(keepends=True)):
        starts.append(starts[number] + len(line))
    pieces, done = [], 0
    for place in places:
        at = starts[place.line - 1] + place.col - 1
        if text[at : at + 1] in ("'", '"'):
            at += 1
        if text[at : at + len(old)] != old:
            raise Refused(
                f"{place.path}:{place.line}:{place.col}: the source id is not written as plain text here: write "
                f"'source: {old}', then rename again"
            )
        pieces += [text[done:at], new]
        done = at + len(old)
    return "".join(pieces) + text[done:]


def citing_problems(places: list[CitingPlace], source_id: str) -> list[Problem]:
    """Why a cited source cannot be removed: one problem at each citation."""
    return [
        Problem(Position(place.path, place.line, place.col), f"cites the source '{source_id}': cite another source here, or remove this citation")
        for place in places
    ]


def replace_text(path: Path, text: str) -> None:
    """Write ``path``'s new text whole or not at all, with its permissions: a hidden temporary file
    beside it (load never reads hidden files), then renamed over it."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
