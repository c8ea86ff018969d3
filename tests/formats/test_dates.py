"""One date format per function; invalid input gives None, never an exception."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from openpiu.formats import dates

REFERENCE = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("850212", date(1985, 2, 12)),
        ("250314", date(2025, 3, 14)),  # born on the message day: this century
        ("250315", date(1925, 3, 15)),  # the day after: a century earlier, 99 years old
        ("000229", date(2000, 2, 29)),
        ("101231", date(2010, 12, 31)),
        (" 850212", date(1985, 2, 12)),
        ("19850212", date(1985, 2, 12)),  # some senders use CCYYMMDD
        ("850231", None),
        ("85021", None),
        ("", None),
        ("ABCDEF", None),
    ],
)
def test_birth_date_century_rule(text: str, expected: date | None) -> None:
    assert dates.birth_date(text, REFERENCE) == expected


def test_birth_date_reference_moves_the_century() -> None:
    assert dates.birth_date("300101", date(2025, 1, 1)) == date(1930, 1, 1)
    assert dates.birth_date("300101", date(2031, 1, 1)) == date(2030, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("300115", date(2030, 1, 15)),
        ("991231", date(2099, 12, 31)),
        ("20300115", date(2030, 1, 15)),
        ("301315", None),
    ],
)
def test_expiry_date_is_always_this_century(text: str, expected: date | None) -> None:
    assert dates.expiry_date(text) == expected


def test_yymmdd_past_and_future() -> None:
    assert dates.yymmdd_past("991231", REFERENCE) == date(1999, 12, 31)
    assert dates.yymmdd_past("991331", REFERENCE) is None
    assert dates.yymmdd_future("151231") == date(2015, 12, 31)
    assert dates.yymmdd_future("15123") is None


def test_ccyymmdd() -> None:
    assert dates.ccyymmdd("19720907") == date(1972, 9, 7)
    assert dates.ccyymmdd("1972090") is None
    assert dates.ccyymmdd("19721307") is None


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("2503141030", "201", datetime(2025, 3, 14, 10, 30)),
        (" 1306212200", "201", datetime(2013, 6, 21, 22, 0)),  # ``DTM+232: 1306212200:201`` in a guide
        ("202503141030", "203", datetime(2025, 3, 14, 10, 30)),
        ("202503141030", "", datetime(2025, 3, 14, 10, 30)),  # no format code: told by the width
        ("2503141030", "", datetime(2025, 3, 14, 10, 30)),
        ("2503142460", "201", None),
        ("25031410", "201", None),
    ],
)
def test_flight_time(text: str, code: str, expected: datetime | None) -> None:
    assert dates.flight_time(text, code) == expected


def test_yymmddhhmm_and_ccyymmddhhmm() -> None:
    assert dates.yymmddhhmm("0702191540") == datetime(2007, 2, 19, 15, 40)
    assert dates.yymmddhhmm("0702191590") is None
    assert dates.ccyymmddhhmm("200702191540") == datetime(2007, 2, 19, 15, 40)
    assert dates.ccyymmddhhmm("20070219154") is None


def test_interchange_time() -> None:
    assert dates.interchange_time("250314", "0815") == datetime(2025, 3, 14, 8, 15)
    assert dates.interchange_time("20250314", "0815") == datetime(2025, 3, 14, 8, 15)
    assert dates.interchange_time("250314", "") == datetime(2025, 3, 14, 0, 0)
    assert dates.interchange_time("250314", "8:15") is None
    assert dates.interchange_time("", "0815") is None


def test_pnrgov_ddmmyy_and_time() -> None:
    assert dates.ddmmyy("121210") == date(2010, 12, 12)
    assert dates.ddmmyy("321210") is None
    assert dates.ddmmyy_hhmm("270513", "1640") == datetime(2013, 5, 27, 16, 40)
    assert dates.ddmmyy_hhmm("270513", "2460") is None
    assert dates.ddmmyy_hhmm("2705", "1640") is None


def test_ssr_docs_ddmmmyy() -> None:
    assert dates.ddmmmyy("12FEB85", reference=REFERENCE) == date(1985, 2, 12)
    assert dates.ddmmmyy("14feb52", reference=REFERENCE) == date(1952, 2, 14)
    assert dates.ddmmmyy("12FEB30") == date(2030, 2, 12)  # no reference: an expiry date
    assert dates.ddmmmyy("30FEB85", reference=REFERENCE) is None
    assert dates.ddmmmyy("12FEV85", reference=REFERENCE) is None
    assert dates.ddmmmyy("2FEB85", reference=REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14MAR25", date(2025, 3, 14)),  # born on the message day: this century
        ("15MAR25", date(1925, 3, 15)),  # the day after: a century earlier
        ("01MAR25", date(2025, 3, 1)),  # earlier in the month: this century
        ("14APR25", date(1925, 4, 14)),  # a later month: a century earlier
        ("12 FEB 85", date(1985, 2, 12)),  # stray spaces
        ("12Feb85", date(1985, 2, 12)),
        ("\u0661\u0662FEB85", date(1985, 2, 12)),  # Arabic-Indic digits: what ``int`` reads
        ("1/FEB85", None),  # a character just below "0"
        ("12FEB8:", None),  # and one just above "9"
        ("12FÉB85", None),
        ("00FEB85", None),
        ("12FEB8", None),
    ],
)
def test_ssr_docs_ddmmmyy_birth(text: str, expected: date | None) -> None:
    """Read from the characters' codes (ASCII) or the slow way (any other text): the same dates."""
    assert dates.ddmmmyy(text, reference=REFERENCE) == expected


def test_ssr_docs_ddmmmyy_keeps_century_per_reference() -> None:
    """The memo keys on the reference too: one text, two message dates, two centuries."""
    assert dates.ddmmmyy("20MAR25", reference=date(2025, 3, 14)) == date(1925, 3, 20)
    assert dates.ddmmmyy("20MAR25", reference=date(2025, 3, 21)) == date(2025, 3, 20)
    assert dates.ddmmmyy("20MAR25") == date(2025, 3, 20)
