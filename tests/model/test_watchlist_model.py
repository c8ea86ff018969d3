from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpiu.model.watchlist import DateAccuracy, PartialDate


@pytest.mark.parametrize(
    ("text", "accuracy", "earliest", "latest"),
    [
        ("1970-05-02", DateAccuracy.EXACT, date(1970, 5, 2), date(1970, 5, 2)),
        ("1970-02", DateAccuracy.MONTH, date(1970, 2, 1), date(1970, 2, 28)),
        ("1972-02", DateAccuracy.MONTH, date(1972, 2, 1), date(1972, 2, 29)),
        ("1970", DateAccuracy.YEAR, date(1970, 1, 1), date(1970, 12, 31)),
    ],
)
def test_partial_dates(text: str, accuracy: DateAccuracy, earliest: date, latest: date) -> None:
    parsed = PartialDate.parse(text)
    assert parsed.accuracy is accuracy
    assert (parsed.earliest, parsed.latest) == (earliest, latest)
    assert str(parsed) == text


def test_ranges_and_approximate_years() -> None:
    ranged = PartialDate(1963, to_year=1968)
    assert ranged.accuracy is DateAccuracy.RANGE and list(ranged.years) == [
        1963,
        1964,
        1965,
        1966,
        1967,
        1968,
    ]
    assert str(ranged) == "1963..1968"
    about = PartialDate(1961, approximate=True)
    assert about.accuracy is DateAccuracy.APPROXIMATE and list(about.years) == [1959, 1960, 1961, 1962, 1963]
    assert about.exact is None and str(about) == "~1961"


@pytest.mark.parametrize("text", ["1970-13", "1970-02-30", "70-01-01", "1970/01/01", "", "about 1970"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_backwards_range_is_refused() -> None:
    with pytest.raises(ValueError, match="backwards"):
        PartialDate(1970, to_year=1960)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)))
def test_exact_dates_round_trip(value: date) -> None:
    assert PartialDate.parse(value.isoformat()).exact == value
