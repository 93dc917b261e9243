"""Dates as precise as the sources are: a day, a month, a year, or part of a year.

A source that says "late 2021" must not become 2021-12-01 on the page. ``PartialDate`` keeps
the precision it was written with, sorts sensibly among exact dates, and prints as written.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

DATE_PATTERN = r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$|^(early|mid|late)[- ](\d{4})$"
"""The date forms editors may write: 2025, 2025-06, 2025-06-06, early 2023, mid-2023, late 2021."""

_DATE_RE = re.compile(DATE_PATTERN, re.ASCII)  # '\d' alone would take Arabic-Indic or fullwidth digits
# Where a part-year falls among the months, so "mid-2023" sorts after "2023-03", before "2023-09".
_QUALIFIER_MONTH = {"early": 2, "mid": 6, "late": 10}
_QUALIFIER_LABEL = {"early": "early {year}", "mid": "mid-{year}", "late": "late {year}"}


class DateError(ValueError):
    """A date string that is not one of the accepted forms, or not a real date."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month, a day, or part of a year (early/mid/late)."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str | None = None
    """'early', 'mid' or 'late' for part-year dates; None otherwise."""

    @property
    def sort_key(self) -> tuple[int, float, int]:
        # A bare year sorts before its months; a part-year sits between the months it covers.
        if self.qualifier:
            return (self.year, _QUALIFIER_MONTH[self.qualifier] + 0.5, 0)
        return (self.year, self.month or 0, self.day or 0)

    @property
    def iso(self) -> str:
        """The date as written in YAML, normalised ('mid-2023', '2021-12')."""
        if self.qualifier:
            return f"{self.qualifier}-{self.year}" if self.qualifier == "mid" else f"{self.qualifier} {self.year}"
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def label(self) -> str:
        """The date for readers: '6 June 2025', 'December 2021', '2021', 'late 2021'."""
        if self.qualifier:
            return _QUALIFIER_LABEL[self.qualifier].format(year=self.year)
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.label


def parse_date(text: str) -> PartialDate:
    """Read one of the accepted date forms; raise DateError saying what is wrong."""
    match = _DATE_RE.match(text.strip())
    foreign = next((char for char in text if char.isdigit() and not char.isascii()), None)
    if foreign:
        raise DateError(
            f"'{text}' is not a date: write its digits as 0-9 (it has {unicodedata.name(foreign, 'a digit').lower()}, "
            f"U+{ord(foreign):04X})"
        )
    if not match:
        raise DateError(
            f"'{text}' is not a date: write 2025, 2025-06, 2025-06-06, early 2023, mid-2023 or late 2021"
        )
    year, month, day, qualifier, qualified_year = match.groups()
    if int(year or qualified_year) == 0:
        raise DateError(f"'{text}' is not a real date: there is no year 0 (1 BC is followed by AD 1)")
    if qualifier:
        return PartialDate(year=int(qualified_year), qualifier=qualifier)
    date = PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    if date.month is not None and not 1 <= date.month <= 12:
        raise DateError(f"'{text}' is not a real date: there is no month {date.month}")
    if date.day is not None:
        try:
            datetime.date(date.year, date.month, date.day)
        except ValueError:
            raise DateError(
                f"'{text}' is not a real date: {calendar.month_name[date.month]} {date.year} "
                f"has {calendar.monthrange(date.year, date.month)[1]} days"
            ) from None
    return date
