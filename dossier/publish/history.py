"""When each entity's file last changed, from git: one ``git log`` for the whole folder.

Asking git once per file costs a process per entity; one pass over the folder's history,
newest commit first, gives every file's latest date in one read, however many there are.
Where git is missing, or a file has no commit yet, the build's date stands in.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path, PurePosixPath

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
