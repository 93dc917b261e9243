"""`build.py new source DIR --metadata sources.csv`: many sources at once, one CSV row each.

Each row names an address (``url``) or a file in DIR (``file``: a .txt article or a saved .html
page), and may state ``publisher``, ``published``, ``language``, ``title`` and ``id``, which win
over what the page says of itself. Every row is imported as ``new source`` imports one (the same
extraction, duplicate checks and id rule, its YAML checked as check reads it) and reported on its
own: imported, skipped as a duplicate of a source (an earlier row's included), or its error. A row
that fails writes nothing.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..content.load import link_on_the_way, read_file, special_file_problem
from ..content.schema import is_web_address
from ..report import did_you_mean
from . import importer

COLUMNS = ("url", "file", "publisher", "published", "language", "title", "id")


class BatchRefused(Exception):
    """A CSV that cannot be read as a batch at all (its header, its encoding), said to the editor."""


@dataclass(frozen=True)
class Row:
    line: int
    """Where the row starts in the CSV, 1-based."""
    url: str | None
    file: str | None
    source_id: str | None
    stated: importer.Stated


@dataclass(frozen=True)
class Outcome:
    """What became of one row: 'imported', 'skipped' (a duplicate) or 'error', and what to say."""

    row: Row
    kind: str
    message: str
    warnings: tuple[str, ...] = ()


def read_rows(path: Path, shown: str) -> list[Row]:
    """The rows of a batch's CSV, read as check reads a content file (UTF-8, no NUL, at most 1 MB)."""
    _, text, problem = read_file(path, shown)
    if problem:
        raise BatchRefused(f"{problem.position}: error: {problem.message}")
    reader = csv.reader(text.splitlines(keepends=True))
    header = [name.strip().casefold() for name in next(reader, [])]
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise BatchRefused(
            f"{shown}:1: error: unknown column '{unknown[0]}'.{did_you_mean(unknown[0], COLUMNS)} The columns are: "
            f"{', '.join(COLUMNS)}"
        )
    if "url" not in header and "file" not in header:
        raise BatchRefused(f"{shown}:1: error: the first line names the columns, with 'url' or 'file' among them")
    rows, line = [], 2
    for values in reader:
        cells = {name: value.strip() or None for name, value in zip(header, values)}
        if any(cells.values()):
            stated = importer.Stated(cells.get("title"), cells.get("publisher"), cells.get("published"), cells.get("language"))
            rows.append(Row(line, cells.get("url"), cells.get("file"), cells.get("id"), stated))
        line = reader.line_num + 1
    return rows


def import_rows(content_dir: Path, project_root: Path, folder: Path, rows: list[Row], allow_private: bool) -> Iterator[Outcome]:
    """Import each row in turn (each sees the sources the rows before it wrote)."""
    for row in rows:
        try:
            imported = _import_row(content_dir, project_root, folder, row, allow_private)
        except importer.Duplicate as duplicate:
            yield Outcome(row, "skipped", f"duplicate of {duplicate.source_id}")
        except importer.IdTaken as error:
            yield Outcome(row, "error", f"{error} in the CSV's id column")
        except importer.ImportRefused as error:
            yield Outcome(row, "error", str(error))
        else:
            text_path = f"{content_dir.name}/sources/{imported.source_id}.txt"
            warnings = tuple(importer.near_duplicate_warning(text_path, imported.source_id, near) for near in imported.resembles)
            yield Outcome(row, "imported", f"imported as {imported.source_id}", warnings)


def _import_row(content_dir: Path, project_root: Path, folder: Path, row: Row, allow_private: bool) -> importer.Imported:
    if (row.url is None) == (row.file is None):
        raise importer.ImportRefused("give either a url or a file on each row, not both")
    if row.source_id:
        importer.refuse_a_bad_id(row.source_id)
    if row.url:
        if not is_web_address(row.url):
            raise importer.ImportRefused(f"{row.url}: only http:// and https:// pages are fetched")
        retrieved = datetime.datetime.now(datetime.timezone.utc)
        page, address = importer.fetch_page(row.url, allow_private)
        return importer.import_page(content_dir, page, address, retrieved, row.source_id, row.stated)
    path = folder / row.file
    link = link_on_the_way(path, project_root)  # inside the project, a file is read as check reads it
    if link:
        refused = special_file_problem(link, link.relative_to(project_root).as_posix())
        raise importer.ImportRefused(f"{refused.position}: {refused.message}")
    if path.suffix.lower() in (".html", ".htm"):
        return importer.import_page(content_dir, importer.read_saved_page(path), None, importer.saved_at(path), row.source_id, row.stated)
    if not path.is_file():
        raise importer.ImportRefused(f"{path} is not a file")
    raw, text, problem = read_file(path, str(path))
    if problem:
        raise importer.ImportRefused(f"{problem.position}: {problem.message}")
    return importer.import_text(content_dir, raw, text, row.source_id, row.stated)
