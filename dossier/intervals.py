"""A value read as the stretch of time it names, so that values can be compared by meaning.

"December 2021", "late 2021" and "2021" are three intervals, one inside the next: sources that
give them agree, at different precision. Only this module turns a date into an interval; the
date forms themselves are ``dates.parse_date``'s.
"""

from __future__ import annotations

import calendar
import datetime
import re

from .dates import DateError, PartialDate, parse_date

_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
"""The months a part-year covers: a third of the year each."""

_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_IN_WORDS = re.compile(r"^(?:(\d{1,2}) )?([A-Za-z]+) (\d{4})$")
"""A date as ``PartialDate.label`` prints it: 'December 2021', '6 June 2025'."""


def interval(value: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day ``value`` can mean, if it is a date; None for any other text."""
    date = _as_date(value.strip())
    if date is None:
        return None
    if date.qualifier:
        first, last = _PART_MONTHS[date.qualifier]
    else:
        first, last = (date.month, date.month) if date.month else (1, 12)
    start = datetime.date(date.year, first, date.day or 1)
    end = datetime.date(date.year, last, date.day or calendar.monthrange(date.year, last)[1])
    return start, end


def _as_date(text: str) -> PartialDate | None:
    words = _IN_WORDS.match(text)
    if words and words[2].casefold() in _MONTHS:
        day, month, year = words.groups()
        text = f"{year}-{_MONTHS[month.casefold()]:02d}" + (f"-{int(day):02d}" if day else "")
    try:
        return parse_date(text)
    except DateError:
        return None


def can_all_be_true(intervals: list[tuple[datetime.date, datetime.date]]) -> bool:
    """Whether one moment lies in every interval: then the values agree and differ only in precision."""
    return max(start for start, _ in intervals) <= min(end for _, end in intervals)
