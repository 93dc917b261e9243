import pytest

from dossier.dates import DateError, parse_date


@pytest.mark.parametrize(
    "written, label",
    [
        ("2021", "2021"),
        ("2021-12", "December 2021"),
        ("2025-06-06", "6 June 2025"),
        ("late 2021", "late 2021"),
        ("mid-2023", "mid-2023"),
        ("mid 2023", "mid-2023"),
        ("early 2023", "early 2023"),
    ],
)
def test_a_date_keeps_the_precision_it_was_written_with(written, label):
    assert parse_date(written).label == label


def test_dates_of_different_precision_sort_sensibly():
    written = ["2023-09", "mid-2023", "2023", "2023-03", "late 2021", "2021-12-06"]
    ordered = sorted(written, key=lambda text: parse_date(text).sort_key)
    assert ordered == ["late 2021", "2021-12-06", "2023", "2023-03", "mid-2023", "2023-09"]


def test_a_day_that_does_not_exist_is_refused_with_the_reason():
    with pytest.raises(DateError, match="February 2025 has 28 days"):
        parse_date("2025-02-30")


@pytest.mark.parametrize("written", ["June 2025", "2025/06/06", "12:30", "around 2021", "2025-13"])
def test_other_forms_are_refused(written):
    with pytest.raises(DateError):
        parse_date(written)
