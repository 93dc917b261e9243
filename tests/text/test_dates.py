import datetime
import itertools

import pytest

from dossier.text.dates import OPEN_END, OPEN_START, DateError, interval, parse_date

day = datetime.date


@pytest.mark.parametrize(
    "written, label",
    [
        ("2021", "2021"),
        ("2021-12", "December 2021"),
        ("2025-06-06", "6 June 2025"),
        ("2021-41", "second half of 2021"),
        ("2021-40", "first half of 2021"),
        ("2021-33", "first quarter of 2021"),
        ("2021-21", "spring 2021"),
        ("2021-32", "winter 2021 (southern hemisphere)"),
        ("2021-37", "early 2021"),
        ("2023-38", "mid-2023"),
        ("2021-39", "late 2021"),
        ("2024-07~", "about July 2024"),
        ("2024-07?", "perhaps July 2024"),
        ("2024-07-26%", "perhaps about 26 July 2024"),
        ("2021-05/2021-12", "May–December 2021"),
        ("2021/2022", "2021–2022"),
        ("2021-12-06/2021-12-09", "6–9 December 2021"),
        ("2021-05~/2022-41", "about May 2021 to second half of 2022"),
        ("../2021", "2021 or earlier"),
        ("2021-41/..", "second half of 2021 or later"),
    ],
)
def test_a_date_is_shown_in_words_as_precise_as_it_was_written(written, label):
    assert parse_date(written).label == label
    assert parse_date(written).iso == written  # the exports keep the EDTF string


@pytest.mark.parametrize(
    "written, edtf, label",
    [("late 2021", "2021-39", "late 2021"), ("mid-2023", "2023-38", "mid-2023"), ("mid 2023", "2023-38", "mid-2023"), ("early 2023", "2023-37", "early 2023")],
)
def test_the_forms_written_before_edtf_are_still_read_as_the_thirds_of_the_year(written, edtf, label):
    date = parse_date(written)
    assert (date.iso, date.label) == (edtf, label)


@pytest.mark.parametrize(
    "written, start, end",
    [
        ("2021", day(2021, 1, 1), day(2021, 12, 31)),
        ("2024-02", day(2024, 2, 1), day(2024, 2, 29)),
        ("2021-41", day(2021, 7, 1), day(2021, 12, 31)),
        ("late 2021", day(2021, 9, 1), day(2021, 12, 31)),
        ("2024-07~", day(2024, 7, 1), day(2024, 7, 31)),
        ("2021-05/2021-12", day(2021, 5, 1), day(2021, 12, 31)),
        ("../2021", OPEN_START, day(2021, 12, 31)),
        ("2021/..", day(2021, 1, 1), OPEN_END),
        # a figure's value, in the words the site writes
        ("December 2021", day(2021, 12, 1), day(2021, 12, 31)),
        ("6 June 2025", day(2025, 6, 6), day(2025, 6, 6)),
        ("second half of 2021", day(2021, 7, 1), day(2021, 12, 31)),
    ],
)
def test_interval_is_the_earliest_and_latest_day_a_date_can_denote(written, start, end):
    assert interval(written) == (start, end)


def test_interval_of_what_is_not_a_date_is_none():
    assert interval("just over 2,000 men") is None
    assert interval(None) is None
    assert interval(parse_date("2021-12")) == (day(2021, 12, 1), day(2021, 12, 31))


def test_nested_intervals_are_a_difference_in_precision():
    december, late, year = interval("December 2021"), interval("late 2021"), interval("2021")
    assert year[0] <= late[0] <= december[0] and december[1] <= late[1] <= year[1]


def test_a_vaguer_date_never_sorts_before_a_date_it_cannot_precede():
    # Issue 20, U1: the contract signed "in the second half of 2021" came after "early 2021: talks"
    # and "May 2021: coup"; a bare year still comes before its months.
    written = ["2021-41", "2021-05", "2021", "2021-37", "2021-39", "2021-12-06", "../2021", "2020"]
    ordered = sorted(written, key=lambda text: parse_date(text).sort_key)
    assert ordered == ["2020", "../2021", "2021", "2021-37", "2021-05", "2021-41", "2021-39", "2021-12-06"]


def test_every_date_sorted_before_another_can_precede_it():
    written = ["2021", "2021-37", "2021-05", "2021-41", "2021-39", "2021-12", "2021-05/2022-03", "2021/..", "../2021",
               "2022-33", "2021-07~", "2020-41/2021-02"]
    ordered = sorted((parse_date(text) for text in written), key=lambda date: date.sort_key)
    for earlier, later in itertools.combinations(ordered, 2):
        assert earlier.start <= later.end, (earlier.iso, later.iso)


def test_a_day_that_does_not_exist_is_refused_with_the_reason():
    with pytest.raises(DateError, match="February 2025 has 28 days"):
        parse_date("2025-02-30")
    with pytest.raises(DateError, match="^'2025-02-30~' is not a real date: February 2025 has 28 days$"):
        parse_date("2025-02-30~")


@pytest.mark.parametrize(
    "written, message",
    [
        ("June 2025", "'June 2025' is not a date: write 2025-06"),
        ("second half of 2021", "'second half of 2021' is not a date: write 2021-41"),
        ("2021-24", "'2021-24' is not a date this site can place: a winter spans two years; write the months as a range, e.g. 2021-12/2022-02"),
        ("2022/2021", "'2022/2021' ends before it starts: write the earlier date first"),
        ("../..", "'../..' says nothing of when: leave the date out (on an event, write 'unknown')"),
        ("2025-13", "'2025-13' is not a real date: there is no month 13"),
        ("202X", "'202X' is not a date: write it in EDTF: 2021, 2021-12, 2021-12-06, 2021-41 (second half of 2021), "
                 "2024-07~ (about July 2024), 2024-07? (perhaps July 2024), 2021-05/2021-12 (a range), ../2021 or 2021/.. (open)"),
    ],
)
def test_what_is_not_a_date_is_refused_saying_what_to_write(written, message):
    with pytest.raises(DateError) as error:
        parse_date(written)
    assert str(error.value) == message


@pytest.mark.parametrize("written", ["2025/06/06", "12:30", "around 2021", "2021-41~", "2021-42", "/2021", "[2021,2022]", "2021-12-06T10:00:00Z"])
def test_other_forms_are_refused(written):
    with pytest.raises(DateError):
        parse_date(written)


def test_only_a_plain_iso_date_is_plain():
    assert [parse_date(text).is_plain for text in ("2021", "2021-12", "2021-12-06", "2021-41", "2021-12~", "2021/2022")] == [
        True, True, True, False, False, False
    ]


def test_an_event_is_the_interval_its_date_or_its_bounds_allow():
    from dossier.content.model import Event
    from dossier.report import Position

    def event(date=None, after=None, before=None):
        return Event("e", parse_date(date) if date else None, "E", None, (), None, (), Position("content/events/e.yml", 1, 1),
                     after=parse_date(after) if after else None, before=parse_date(before) if before else None)

    assert event("2021-41").interval == (day(2021, 7, 1), day(2021, 12, 31))
    assert event(after="2024-03").interval == (day(2024, 3, 1), OPEN_END)
    assert event(before="2024-05").interval == (OPEN_START, day(2024, 5, 31))
    assert event(after="2024-03", before="2024-05").interval == (day(2024, 3, 1), day(2024, 5, 31))
    assert event().interval == (OPEN_START, OPEN_END)
