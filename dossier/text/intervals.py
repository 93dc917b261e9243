"""Values compared by the stretch of time they name, so that figures can say how they differ.

"December 2021", "late 2021" and "2021" are three intervals, one inside the next: sources that
give them agree, at different precision. What a date denotes is ``dates.interval``'s to say.
"""

from __future__ import annotations

import datetime

from .dates import interval

__all__ = ["interval", "can_all_be_true"]


def can_all_be_true(intervals: list[tuple[datetime.date, datetime.date]]) -> bool:
    """Whether one moment lies in every interval: then the values agree and differ only in precision."""
    return max(start for start, _ in intervals) <= min(end for _, end in intervals)
