"""The only reader of content/: files on disk → parsed YAML documents and raw article text.

Nothing here judges what the files say; it only reads them safely, so that a file that is too
big, not UTF-8, or not YAML becomes a located Problem instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .report import Position, Problem
from .yamlfile import YamlDocument, YamlProblem, parse_yaml

MAX_FILE_BYTES = 1_000_000
"""Articles are tens of kilobytes and annotations less; a megabyte is a mistake or an attack."""

KIND_FOLDERS = {"source": "sources", "entity": "entities", "event": "events"}
"""File kind → its folder under content/."""


@dataclass
class LoadedFile:
    """One annotation file, read and parsed but not yet checked against the schema."""

    kind: str
    """'source', 'entity' or 'event'."""
    id: str
    """The file name without its extension."""
    path: str
    """The file's path relative to the project, as messages show it."""
    document: YamlDocument
    text: str | None = None
    """For a source: the raw article text, exactly as stored."""
    text_path: str | None = None


@dataclass
class LoadedContent:
    """Every readable annotation file, and the problems met reading the others."""

    files: list[LoadedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_content(content_dir: Path) -> LoadedContent:
    """Read every annotation and article under ``content_dir``, in a stable order."""
    loaded = LoadedContent()
    project_dir = content_dir.parent
    if not content_dir.is_dir():
        loaded.problems.append(Problem(Position(str(content_dir)), "content folder not found: run from the project folder"))
        return loaded
    for kind, folder in KIND_FOLDERS.items():
        directory = content_dir / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir(), key=lambda entry: entry.name):
            relative = path.relative_to(project_dir).as_posix()
            if path.suffix == ".yml" and path.is_file():
                _load_annotation(kind, path, relative, loaded)
            elif kind == "source" and path.suffix == ".txt":
                if not path.with_suffix(".yml").is_file():
                    loaded.problems.append(
                        Problem(
                            Position(relative),
                            f"article has no annotation file: write {path.with_suffix('.yml').name} "
                            f"(make new-source FILE={relative})",
                        )
                    )
            elif not path.name.startswith("."):
                loaded.problems.append(
                    Problem(Position(relative), f"ignored: only .yml files belong in content/{folder}/", "warning")
                )
    return loaded


def _load_annotation(kind: str, path: Path, relative: str, loaded: LoadedContent) -> None:
    text, problem = read_text(path, relative)
    if problem:
        loaded.problems.append(problem)
        return
    try:
        document = parse_yaml(text)
    except YamlProblem as error:
        loaded.problems.append(Problem(Position(relative, error.line, error.col), error.message))
        return
    if document.data is None:
        loaded.problems.append(Problem(Position(relative), "file has no content: fill it in or delete it"))
        return
    if not isinstance(document.data, dict):
        loaded.problems.append(Problem(Position(relative, 1, 1), "expected 'key: value' lines at the top of the file"))
        return
    item = LoadedFile(kind=kind, id=path.stem, path=relative, document=document)
    if kind == "source":
        article = path.with_suffix(".txt")
        item.text_path = relative[: -len(".yml")] + ".txt"
        if not article.is_file():
            loaded.problems.append(Problem(Position(relative), f"the article text {article.name} is missing beside it"))
            return
        item.text, problem = read_text(article, item.text_path)
        if problem:
            loaded.problems.append(problem)
            return
    loaded.files.append(item)


def read_text(path: Path, relative: str) -> tuple[str, Problem | None]:
    """A file's text, or a Problem saying why it cannot be used as text."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return "", Problem(
            Position(relative),
            f"file is {size / 1_000_000:.1f} MB; content files must be under {MAX_FILE_BYTES // 1_000_000} MB: "
            "split it or remove what does not belong",
        )
    raw = path.read_bytes()
    if not raw.strip():
        return "", Problem(Position(relative), "file is empty: fill it in or delete it")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return "", Problem(Position(relative, line, 1), "file contains a NUL byte: it is not a text file; save it as UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Problem(
            Position(relative, line, 1),
            f"file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be read): save it with UTF-8 encoding",
        )
    return text.removeprefix("\ufeff"), None
