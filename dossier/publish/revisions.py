"""Content as it was at a git revision: read with ``git archive``, checked before anything is written.

What ``changes``, the history pages and the correction rule read older versions through.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..content.load import link_problem, load_content, not_a_text_file_problem
from ..content.model import Content
from ..content.validate import validate_content
from ..pages import RESERVED_IDS
from ..report import Position, Problem


class RevisionError(Exception):
    """The revision cannot be read or compared; the message says why."""


class RevisionRefused(RevisionError):
    """The content at the revision holds links or special files, which are never read; carries where."""

    def __init__(self, revision: str, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            f"the content at {revision} holds links or special files, which check refuses and changes never reads: "
            "compare with a revision that has the files themselves in their place"
        )


# ---------------------------------------------------------------------------------------------
# Reading a revision


def extract_content(root: Path, revision: str, into: Path) -> None:
    """Write content/ and templates/ as they were at ``revision`` into the folder ``into``."""
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    tree = f"{revision}:{prefix}"
    try:
        names = _git(root, "ls-tree", "--name-only", tree).decode().split("\n")
    except RevisionError:
        raise RevisionError(f"'{revision}' is not a revision of this git repository (try origin/main or HEAD~1)") from None
    parts = [name for name in ("content", "templates") if name in names]
    if "content" not in parts:
        raise RevisionError(f"there is no content/ folder at {revision}")
    archive = _git(root, "archive", "--format=tar", tree, *parts)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = tar.getmembers()
        refused = [problem for member in members if (problem := refused_entry(member, revision, into))]
        if refused:
            raise RevisionRefused(revision, refused)
        tar.extractall(into, members=members, filter="data")


def refused_entry(member: tarfile.TarInfo, revision: str, into: Path) -> Problem | None:
    """check's rule for what content/ holds (folders and files only, never a link, content/ itself
    included), applied to the revision before anything is extracted, as ``REV:path``."""
    where = f"{revision}:{member.name}"
    if member.issym():
        return link_problem(member.name, member.linkname, where)
    if not (member.isfile() or member.isdir()):
        return not_a_text_file_problem(member.name, "a special file", where)
    try:
        tarfile.data_filter(member, str(into))  # a name that would land outside the folder
    except tarfile.FilterError as error:
        return Problem(Position(where), f"cannot be read safely ({error}): compare with another revision")
    return None


def _git(folder: Path, *arguments: str) -> bytes:
    try:
        result = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    if result.returncode:
        raise RevisionError(result.stderr.decode(errors="replace").strip() or f"git {arguments[0]} failed")
    return result.stdout


def git_says(root: Path, *arguments: str) -> str | None:
    """What a git command prints, or None when git is missing or refuses (no repository, no such revision)."""
    try:
        result = subprocess.run(["git", *arguments], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def previous_revision(root: Path) -> str | None:
    """The revision the correction rule compares with: HEAD while content/ has uncommitted changes
    (an editor's check, the pre-commit hook), else the commit before HEAD (CI checking what was
    committed: for a merge, the branch merged into); None without git or without that commit
    (a first commit, a shallow clone)."""
    if git_says(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}") is None:
        return None
    if git_says(root, "status", "--porcelain", "--", "content"):
        return "HEAD"
    return "HEAD~1" if git_says(root, "rev-parse", "--verify", "--quiet", "HEAD~1^{commit}") is not None else None


def content_at_revision(root: Path, revision: str) -> Content:
    """The content as it was at ``revision``, built from every file that can still be read (rules
    tighten over time: older content may fail today's check, and its statements still compare)."""
    with tempfile.TemporaryDirectory(prefix="dossier-revision-") as folder:
        extract_content(root, revision, Path(folder))
        content, _ = validate_content(load_content(Path(folder) / "content"), RESERVED_IDS)
    return content
