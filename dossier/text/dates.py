"""Dates as precise as the sources are, written in the Extended Date/Time Format (EDTF, ISO 8601-2).

A source that says "the second half of 2021" must not become 2021 (which would sort before May
2021) nor 2021-07-01. Editors write what the text gives: a year, month or day (``2021``,
``2021-12``, ``2021-12-06``), part of a year (``2021-41``: the second half), a date the source
calls approximate or uncertain (``2024-07~``, ``2024-07?``), a range (``2021-05/2021-12``) or an
open one (``../2021``, ``2021/..``). ``PartialDate`` keeps the string as written (EDTF, for the
exports), the interval it denotes (for sorting and comparing) and the words readers see.

The ``edtf`` package parses the extended forms; the three plain ISO forms, nearly every date in a
corpus, keep a fast path of their own, as the package takes half a second to import.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

_SIDE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?[~?%]?"
DATE_PATTERN = rf"^(?:{_SIDE}|(?:\.\.|{_SIDE})/(?:\.\.|{_SIDE}))$|^(early|mid|late)[- ](\d{{4}})$"
"""The forms editors may write (the details, such as which months exist, are ``parse_date``'s):
EDTF dates, ranges and open ranges, and the older early/mid/late forms ('late 2021'), still read."""

ADVICE = (
    "write it in EDTF: 2021, 2021-12, 2021-12-06, 2021-41 (second half of 2021), 2024-07~ (about July 2024), "
    "2024-07? (perhaps July 2024), 2021-05/2021-12 (a range), ../2021 or 2021/.. (open)"
)
"""What to write, in messages about a date that is not one."""

_PLAIN_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)  # '\d' alone takes Arabic-Indic digits
_PATTERN_RE = re.compile(DATE_PATTERN, re.ASCII)
_OLD_PART_OF_YEAR = {"early": 37, "mid": 38, "late": 39}
"""The early/mid/late forms written before EDTF, read as the thirds of the year EDTF numbers 37-39."""

# EDTF sub-year groupings (ISO 8601-2 level 2) whose months lie within one year: code → words,
# first month, last month. Seasons 21-23 (hemisphere not said) take the northern months, as the
# edtf package does; winters (24, 28, 30) straddle two years, so a range must say which. The
# quadrimesters 37-39 are shown as the text says them, "early/mid-/late 2021", not as months.
_GROUPS = {
    21: ("spring {year}", 3, 5),
    22: ("summer {year}", 6, 8),
    23: ("autumn {year}", 9, 11),
    25: ("spring {year}", 3, 5),
    26: ("summer {year}", 6, 8),
    27: ("autumn {year}", 9, 11),
    29: ("spring {year} (southern hemisphere)", 9, 11),
    31: ("autumn {year} (southern hemisphere)", 3, 5),
    32: ("winter {year} (southern hemisphere)", 6, 8),
    33: ("first quarter of {year}", 1, 3),
    34: ("second quarter of {year}", 4, 6),
    35: ("third quarter of {year}", 7, 9),
    36: ("fourth quarter of {year}", 10, 12),
    37: ("early {year}", 1, 4),
    38: ("mid-{year}", 5, 8),
    39: ("late {year}", 9, 12),
    40: ("first half of {year}", 1, 6),
    41: ("second half of {year}", 7, 12),
}
_MARKS = {"~": "about {}", "?": "perhaps {}", "%": "perhaps about {}"}
"""EDTF's qualifiers: approximate, uncertain, both."""

OPEN_START, OPEN_END = datetime.date.min, datetime.date.max
"""The bounds of an open range: '../2021' starts at OPEN_START."""


class DateError(ValueError):
    """A date string that is not one of the accepted forms, or not a real date."""


class _Point(NamedTuple):
    """One side of a date: a day, month, year or part of a year, perhaps approximate or uncertain."""

    year: int
    month: int | None
    day: int | None
    group: int | None
    mark: str
    start: datetime.date
    end: datetime.date

    @property
    def words(self) -> str:
        if self.group:
            text = _GROUPS[self.group][0].format(year=self.year)
        elif self.day:
            text = f"{self.day} {calendar.month_name[self.month]} {self.year}"
        elif self.month:
            text = f"{calendar.month_name[self.month]} {self.year}"
        else:
            text = str(self.year)
        return _MARKS[self.mark].format(text) if self.mark else text


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as its source: its EDTF string, the interval it denotes, its words."""

    edtf: str
    """As written (EDTF), or the EDTF of an older form ('late 2021' → '2021-39')."""
    start: datetime.date
    """The earliest day it can denote; OPEN_START for '../2021'."""
    end: datetime.date
    """The latest day it can denote; OPEN_END for '2021/..'."""
    label: str
    """The date for readers: '6 June 2025', 'second half of 2021', 'about July 2024', 'May–December 2021'."""

    @property
    def iso(self) -> str:
        """The date as the exports give it: its EDTF string."""
        return self.edtf

    @property
    def is_plain(self) -> bool:
        """Whether it is a plain ISO 8601 year, month or day, as schema.org's dates must be."""
        return _is_plain(self.edtf)

    @property
    def year(self) -> int:
        """The year it starts in (for '../2021', the year it ends in)."""
        return (self.start if self.start != OPEN_START else self.end).year

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        """By the earliest day it can denote, so a vaguer date never sorts before one it cannot
        precede; of two that start together, the longer first, so a year comes before its months,
        '2021' before 'early 2021' before 'January 2021'. An open start sorts before its end's year."""
        start = self.start if self.start != OPEN_START else datetime.date(self.end.year, 1, 1)
        return (start, -self.end.toordinal() - (self.start == OPEN_START))

    def __str__(self) -> str:
        return self.label


def _refuse_other_digits(text: str) -> None:
    foreign = next((char for char in text if char.isdigit() and not char.isascii()), None)
    if foreign:
        raise DateError(
            f"'{text}' is not a date: write its digits as 0-9 (it has {unicodedata.name(foreign, 'a digit').lower()}, "
            f"U+{ord(foreign):04X})"
        )


def _plain_point(text: str, written: str, mark: str = "") -> _Point:
    """A year, month or day, checked to exist."""
    year, month, day = (int(part) if part else None for part in _PLAIN_RE.match(text).groups())
    if year == 0:
        raise DateError(f"'{written}' is not a real date: there is no year 0 (1 BC is followed by AD 1)")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{written}' is not a real date: there is no month {month}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateError(
            f"'{written}' is not a real date: {calendar.month_name[month]} {year} "
            f"has {calendar.monthrange(year, month)[1]} days"
        )
    first = datetime.date(year, month or 1, day or 1)
    last_month = month or 12
    last = datetime.date(year, last_month, day or calendar.monthrange(year, last_month)[1])
    return _Point(year, month, day, None, mark, first, last)


def _group_point(year: int, group: int, written: str) -> _Point:
    """Part of a year, by its EDTF number: '2021-41' is the second half of 2021."""
    if group not in _GROUPS:
        raise DateError(
            f"'{written}' is not a date this site can place: a winter spans two years; "
            f"write the months as a range, e.g. {year}-12/{year + 1}-02"
        )
    if year == 0:
        raise DateError(f"'{written}' is not a real date: there is no year 0 (1 BC is followed by AD 1)")
    _, first, last = _GROUPS[group]
    end = datetime.date(year, last, calendar.monthrange(year, last)[1])
    return _Point(year, None, None, group, "", datetime.date(year, first, 1), end)


def _extended_point(text: str, written: str) -> _Point:
    """Part of a year, or an approximate or uncertain date: parsed by the edtf package."""
    # Imported only here: it takes half a second, longer than checking a small corpus. Each form
    # is read with its own grammar, which is a hundred times faster than trying them all (parse_edtf).
    import pyparsing
    from edtf import Date, Level2Season, UncertainOrApproximate

    mark = text[-1] if text[-1] in _MARKS else ""
    if mark and _is_plain(text[:-1]):  # a reason in words for a day that does not exist
        _plain_point(text[:-1], written)
    try:
        parsed = (UncertainOrApproximate if mark else Level2Season).parser.parse_string(text, parse_all=True)[0]
    except pyparsing.ParseException:
        raise DateError(f"'{written}' is not a date: {ADVICE}") from None
    if not mark:
        return _group_point(int(parsed.year), int(parsed.season), written)
    if type(parsed.date) is not Date:  # a part of a year cannot be qualified (EDTF level 1)
        raise DateError(f"'{written}' is not a date: {ADVICE}")
    return _plain_point(str(parsed.date), written, str(parsed.ua))


def _is_plain(text: str) -> bool:
    """A year, month or day, not a part of a year ('2021-41'), which EDTF numbers from 21."""
    match = _PLAIN_RE.match(text)
    return bool(match) and not (match.group(2) and not match.group(3) and int(match.group(2)) >= 21)


def _point(text: str, written: str) -> _Point:
    return _plain_point(text, written) if _is_plain(text) else _extended_point(text, written)


def _range_words(first: _Point, last: _Point) -> str:
    """'May–December 2021', '2021–2022', '6–9 December 2021', else 'about May 2021 to late 2022'."""
    plain = not first.mark and not last.mark and first.group is None and last.group is None
    if plain and first.day is None and last.day is None and first.month is None and last.month is None:
        return f"{first.year}–{last.year}"
    if plain and first.day is None and last.day is None and first.month and last.month and first.year == last.year:
        return f"{calendar.month_name[first.month]}–{calendar.month_name[last.month]} {first.year}"
    if plain and first.day and last.day and (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {calendar.month_name[first.month]} {first.year}"
    return f"{first.words} to {last.words}"


@functools.lru_cache(maxsize=8192)  # a corpus writes the same few thousand dates again and again
def parse_date(text: str) -> PartialDate:
    """Read one of the accepted date forms; raise DateError saying what is wrong and what to write."""
    _refuse_other_digits(text)
    written = text.strip()
    match = _PATTERN_RE.match(written)
    if not match:
        in_words = _from_words(written)
        raise DateError(f"'{text}' is not a date: " + (f"write {in_words}" if in_words else ADVICE))
    if match.group(1):  # 'late 2021', the form before EDTF, which the edtf package does not read
        point = _group_point(int(match.group(2)), _OLD_PART_OF_YEAR[match.group(1)], text)
        return PartialDate(f"{point.year}-{point.group}", point.start, point.end, point.words)
    if "/" not in written:
        point = _point(written, text)
        return PartialDate(written, point.start, point.end, point.words)
    lower, upper = written.split("/")
    if lower == upper == "..":
        raise DateError(f"'{text}' says nothing of when: leave the date out (on an event, write 'unknown')")
    first = _point(lower, text) if lower != ".." else None
    last = _point(upper, text) if upper != ".." else None
    if first and last and first.start > last.end:
        raise DateError(f"'{text}' ends before it starts: write the earlier date first")
    if first is None:
        return PartialDate(written, OPEN_START, last.end, f"{last.words} or earlier")
    if last is None:
        return PartialDate(written, first.start, OPEN_END, f"{first.words} or later")
    return PartialDate(written, first.start, last.end, _range_words(first, last))


_WORDS_RE = re.compile(
    rf"^(?:(\d{{1,2}}) )?({'|'.join(calendar.month_name[1:])}) (\d{{4}})$|^(first|second) half of (\d{{4}})$", re.ASCII
)


def _from_words(text: str) -> str | None:
    """The EDTF of a plain date in words ('June 2025' → '2025-06'), or None."""
    words = _WORDS_RE.match(text)
    if not words:
        return None
    day, month, year, half, half_year = words.groups()
    if half:
        return f"{half_year}-{40 if half == 'first' else 41}"
    return f"{year}-{list(calendar.month_name).index(month):02d}" + (f"-{int(day):02d}" if day else "")


def interval(value: str | PartialDate | None) -> tuple[datetime.date, datetime.date] | None:
    """The earliest and latest day a written date can denote, or None when it is not a date.

    ``value`` is a date as written in content ('2021-41', 'late 2021'), a ``PartialDate``, or the
    words of a plain one as a figure's value gives them ('December 2021', '6 June 2025', 'second
    half of 2021'). An open side is OPEN_START or OPEN_END, so intervals nest by comparison alone.
    """
    if isinstance(value, PartialDate):
        return value.start, value.end
    if not isinstance(value, str):
        return None
    text = value.strip()
    text = _from_words(text) or text
    try:
        date = parse_date(text)
    except DateError:
        return None
    return date.start, date.end
