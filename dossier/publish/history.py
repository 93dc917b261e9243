"""What git says of the content: when each entity's file last changed (one ``git log`` for the
whole folder), and the history of every statement (``site_history``).

Asking git once per file costs a process per entity; one pass over the folder's history,
newest commit first, gives every file's latest date in one read, however many there are.
Where git is missing, or a file has no commit yet, the build's date stands in.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path, PurePosixPath

import yaml

from ..content.history import Change, Commit, History, commit_changes
from ..content.model import Content
from ..mkdocs_config import read_config
from .revisions import RevisionError, content_at_revision, git_says
from .write import build_date_epoch

_COMMIT_MARK = "\x1f"


def entity_dates(project_root: Path, folder: str = "content/entities") -> dict[str, str]:
    """{entity id: 'YYYY-MM-DD' of the last commit that touched its .yml}; {} when git cannot say."""
    try:
        result = subprocess.run(
            ["git", "log", f"--format={_COMMIT_MARK}%cs", "--name-only", "--no-renames", "--", folder],
            cwd=project_root,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    return latest_dates(result.stdout)


def latest_dates(log: str) -> dict[str, str]:
    """Parse ``git log --format=<mark>%cs --name-only`` output, newest first: each file's first date."""
    dates: dict[str, str] = {}
    current = ""
    for line in log.splitlines():
        if line.startswith(_COMMIT_MARK):
            current = line[len(_COMMIT_MARK) :].strip()
        elif line.strip().endswith(".yml") and current:
            dates.setdefault(PurePosixPath(line.strip()).stem, current)
    return dict(sorted(dates.items()))


def build_date(project_root: Path) -> str:
    """The build's date ('YYYY-MM-DD' of SOURCE_DATE_EPOCH): what 'last updated' falls back to."""
    epoch = int(build_date_epoch(project_root))
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date().isoformat()


MAX_HISTORY_COMMITS = 200
"""Commits to content/ the history reads, the newest: each is read and checked again on every build
(about a tenth of a second for the bundled content); older ones are left out, and the pages say so."""


def site_history(project_root: Path, config_file: Path | None = None) -> History:
    """Every change to the statements, commit by commit along the first-parent line of HEAD (a merge
    counts as one commit: what it brought to the published branch), newest first. When git cannot
    tell (no git, no repository, a shallow clone, no commit), ``History.unavailable`` says why."""
    site_url, repo_url = _addresses(config_file or project_root / "mkdocs.yml")
    unavailable = why_unavailable(project_root)
    if unavailable:
        return History(unavailable=unavailable, repo_url=repo_url, site_url=site_url)
    log = git_says(project_root, "log", "--first-parent", f"-{MAX_HISTORY_COMMITS + 1}", "--format=%H %cI %cs", "--", "content")
    lines = [line.split(" ") for line in (log or "").splitlines() if line.strip()]
    commits = [Commit(sha, date, time) for sha, time, date in reversed(lines)]
    head_line = git_says(project_root, "log", "-1", "--format=%H %cI %cs")
    sha, time, date = head_line.split() if head_line else ("", "", "")
    head = Commit(sha, date, time) if sha else None
    changes: list[Change] = []
    before = Content()
    if len(commits) > MAX_HISTORY_COMMITS:  # the oldest read is the starting point, not a change
        before = _content(project_root, commits[0].sha)
        commits = commits[1:]
    for commit in commits:
        after = _content(project_root, commit.sha)
        changes += commit_changes(before, after, commit)
        before = after
    clean = not git_says(project_root, "status", "--porcelain", "--", "content", "templates")
    return History(tuple(reversed(changes)), "", head, clean, repo_url, site_url)


def _content(root: Path, sha: str) -> Content:
    try:
        return content_at_revision(root, sha)
    except RevisionError:
        return Content()  # links or special files there, never read: the history goes on from the next


def why_unavailable(root: Path) -> str:
    """'history unavailable: ...' when git cannot tell the content's history here, else ''."""
    try:
        subprocess.run(["git", "--version"], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "history unavailable: git is not installed where the site was built"
    if git_says(root, "rev-parse", "--is-inside-work-tree") is None:
        return "history unavailable: the site was built outside a git repository"
    if (git_says(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return (
            "history unavailable: the site was built from a shallow clone, which lacks the earlier commits "
            "(fetch them: git fetch --unshallow)"
        )
    if git_says(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}") is None:
        return "history unavailable: nothing is committed yet"
    return ""


def _addresses(config_file: Path) -> tuple[str, str]:
    """(site_url, repo_url) from mkdocs.yml, '' where unset."""
    try:
        config = read_config(config_file)
    except (OSError, yaml.YAMLError):
        return "", ""
    return str(config.get("site_url") or ""), str(config.get("repo_url") or "")
