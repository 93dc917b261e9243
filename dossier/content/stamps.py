"""Whether a file a cache read before still holds what it held: one rule for every cache of files
(the content files and templates the live preview keeps between saves).

First the stamp, then the content, as git does for its index:
- A file's stamp is its size, modification time, status-change time and inode. The status-change
  time cannot be put back: ``touch -r``, ``cp -p``, ``os.utime`` and every write set it to now,
  and a file replaced by another (an editor's atomic save, rsync, git checkout) has a new inode.
  So an edit that keeps the size and puts the modification time back still changes the stamp.
- A stamp taken less than ``RACY_NS`` after its file changed does not vouch for it: the file may
  change again within the same tick of the file system's clock, leaving every time as it was.
- A file whose stamp does not vouch for it is read again, and compared by a digest of its bytes:
  the same bytes (a copied project, a ``touch``, a branch checked out and back) keep what was
  made of them.

Reading every file on every run instead would add 0.02 s to each save in the live preview at 1,000
sources and 0.2 s at 10,000, where the whole check with its caches takes 0.3 s; stamps cost 0.001
and 0.015 s more than sizes and modification times did (BENCHMARKS.md, "Stamps").
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field

RACY_NS = 2_000_000_000
"""How long after a file's last change its stamp starts to vouch for it: file systems keep times
to the kernel's clock tick (a few ms), to 1 s (ext3, HFS+) or 2 s (FAT)."""

Stamp = tuple[int, int, int, int]
"""Size, modification time, status-change time (ns) and inode, as os.lstat gives them."""


@dataclass(frozen=True, slots=True)
class Seen:
    """What a file held when it was last looked at; two are equal when it held the same bytes."""

    digest: bytes | None
    """Of the file's bytes; None if it is missing, empty if it cannot be read as a regular file."""
    stamp: Stamp | None = field(compare=False)
    """None if the file is missing."""
    vouches: bool = field(compare=False)
    """Whether the stamp was taken ``RACY_NS`` after the file's last change: any later change
    changes it."""


def look(path: str, kept: Seen | None, follow_links: bool = False) -> Seen:
    """What ``path`` holds now: ``kept`` itself when its stamp vouches for it and is unchanged,
    else what reading the file again gives (equal to ``kept`` if the bytes are the same).

    A link is not followed unless ``follow_links`` (content/ refuses links; templates/ may hold
    them): a file swapped for a link gets another stamp and no digest, so it is read again."""
    now = time.time_ns()  # before the stamp: a change after this moment is a change after the stamp
    stamp = _stamp(path, follow_links)
    if kept is not None and kept.vouches and kept.stamp == stamp:
        return kept
    if stamp is None:
        return Seen(None, None, True)
    return Seen(_digest(path, follow_links), stamp, stamp[2] < now - RACY_NS)


def _stamp(path: str, follow_links: bool) -> Stamp | None:
    try:
        status = os.stat(path) if follow_links else os.lstat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


def _digest(path: str, follow_links: bool) -> bytes:
    # Without waiting (a FIFO swapped in would block), and of regular files only.
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW))
    except OSError:
        return b""
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return b""
        return hashlib.file_digest(handle, _blake2b).digest()


def _blake2b():
    return hashlib.blake2b(digest_size=16)  # faster than sha256 here, and 16 bytes are plenty to tell edits apart
