"""Kept copies of sources' pages: content/captures/<source-id>.html, the page exactly as fetched or
saved, whose SHA-256 the source's YAML records (``sha256:``).

A capture is optional (the bundled sources have none), its fingerprint is not: ``check`` refuses a
capture that differs from its fingerprint, a fingerprint whose capture is missing, and a capture
that belongs to no source. Captures are read as bytes, never parsed and never published: they are
third parties' pages, scripts included.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..report import Position, Problem

CAPTURES_FOLDER = "captures"
"""The folder under content/ that holds the kept copies."""
CAPTURE_SUFFIX = ".html"
MAX_CAPTURE_BYTES = 5_000_000
"""The largest page `new source` fetches; a bigger capture was not made by it."""


@dataclass(frozen=True)
class Capture:
    """A source's kept copy as found on disk."""

    path: str
    """Relative to the project, as messages show it: content/captures/<id>.html."""
    sha256: str | None
    """Its fingerprint; None when it could not be read (that problem is reported where it was met)."""


def fingerprint(data: bytes) -> str:
    """The SHA-256 of a capture, as the YAML writes it."""
    return hashlib.sha256(data).hexdigest()


def capture_file(content_dir: Path, source_id: str) -> Path:
    return content_dir / CAPTURES_FOLDER / f"{source_id}{CAPTURE_SUFFIX}"


def find_capture(path: Path, relative: str, problems: list[Problem]) -> Capture | None:
    """The capture at ``path``, if there is one, with its fingerprint.

    Read without following a link and without waiting on a FIFO (such files are reported by
    load's walk of content/, so they are only left unread here); hashed as it is read.
    """
    digest = hashlib.sha256()
    found = _read_capture(path, relative, problems, digest.update)
    return None if found is None else Capture(relative, digest.hexdigest() if found else None)


def read_capture(path: Path, relative: str) -> tuple[bytes | None, list[Problem]]:
    """A capture's bytes, read as safely as ``find_capture`` reads them; None if absent or unreadable."""
    problems: list[Problem] = []
    chunks: list[bytes] = []
    found = _read_capture(path, relative, problems, chunks.append)
    if found is None:
        problems.append(Problem(Position(relative), "does not exist: only a source imported from a web page has a kept copy"))
    elif not found and not problems:
        problems.append(Problem(Position(relative), "is a link or a special file, not a kept copy: run make check"))
    return (b"".join(chunks) if found else None), problems


def _read_capture(path: Path, relative: str, problems: list[Problem], take) -> bool | None:
    """Feeds the file's bytes to ``take``: True when read, False when it cannot be, None when absent."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno != errno.ELOOP:
            problems.append(Problem(Position(relative), f"cannot be read ({error.strerror}): check its permissions"))
        return False
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return False
        if status.st_size > MAX_CAPTURE_BYTES:
            problems.append(
                Problem(
                    Position(relative),
                    f"the kept copy is {status.st_size / 1_000_000:.1f} MB; captures must be under "
                    f"{MAX_CAPTURE_BYTES // 1_000_000} MB: keep the page itself, without its images or media",
                )
            )
            return False
        while chunk := handle.read(1 << 20):
            take(chunk)
    return True


def unclaimed_capture_problems(entries: list[os.DirEntry], source_ids: set[str], folder: str) -> list[Problem]:
    """A problem for each file of content/captures/ that is no source's kept copy.

    ``folder`` is the folder relative to the project; YAML files and links are left to load's
    walk of content/, which reports them already."""
    problems = []
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name.endswith((".yml", ".yaml")) or not entry.is_file(follow_symlinks=False):
            continue
        relative = f"{folder}/{name}"
        if not name.endswith(CAPTURE_SUFFIX):
            problems.append(
                Problem(Position(relative), f"ignored: only <source-id>{CAPTURE_SUFFIX} kept copies belong in {folder}/", "warning")
            )
        elif name[: -len(CAPTURE_SUFFIX)] not in source_ids:
            source = name[: -len(CAPTURE_SUFFIX)]
            problems.append(
                Problem(
                    Position(relative),
                    f"kept copy of no source: content/sources/{source}.yml does not exist; rename the file after "
                    f"its source's id, or delete it",
                )
            )
    return problems


def fingerprint_problems(capture: Capture | None, recorded: str | None, source_path: str, sha256_position: Position | None, source_id: str) -> list[Problem]:
    """What is wrong between a source's kept copy and the fingerprint its YAML records."""
    expected_path = capture.path if capture else f"content/{CAPTURES_FOLDER}/{source_id}{CAPTURE_SUFFIX}"
    if capture is None:
        if recorded is None:
            return []
        return [
            Problem(
                sha256_position or Position(source_path),
                f"the kept copy {expected_path} is missing: restore it (git checkout -- {expected_path}), "
                "or remove sha256 and retrieved if this source has no kept copy",
            )
        ]
    if capture.sha256 is None:
        return []  # unreadable: reported where it was read
    if recorded is None:
        return [
            Problem(
                Position(source_path, 1, 1),
                f"{expected_path} is kept for this source but its fingerprint is not recorded: add "
                f"'sha256: {capture.sha256}' if it is the page as retrieved, or delete the capture",
            )
        ]
    if capture.sha256 != recorded:
        return [
            Problem(
                sha256_position or Position(source_path),
                f"{expected_path} does not match its fingerprint (its SHA-256 is now {capture.sha256}): the kept copy "
                f"must stay exactly as retrieved. Restore it (git checkout -- {expected_path}); if the page was "
                "retrieved again on purpose, write the new sha256 and retrieved",
            )
        ]
    return []
