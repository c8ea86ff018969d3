"""Single-segment readers: titles, TVL times, DOCS positions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from openpiu.formats.pnrgov.elements import split_title, travel
from openpiu.formats.pnrgov.ssr import docs


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("JOHNMR", ("JOHN", "MR")),
        ("NINA MS", ("NINA", "MS")),
        ("KONG CHUN MRS", ("KONG CHUN", "MRS")),
        ("MARKOMSTR", ("MARKO", "MSTR")),
        ("DRAGANDR", ("DRAGAN", "DR")),
        ("ANAMISS", ("ANA", "MISS")),
        ("MARKO JOVAN", ("MARKO JOVAN", None)),
        ("MS", ("MS", None)),
        ("", ("", None)),
    ],
)
def test_split_title(given: str, expected: tuple[str, str | None]) -> None:
    assert split_title(given) == expected


@pytest.mark.parametrize(
    ("text", "departure", "arrival"),
    [
        ("140325:1030:140325:1125", datetime(2025, 3, 14, 10, 30), datetime(2025, 3, 14, 11, 25)),
        ("121210:0915::1230", datetime(2010, 12, 12, 9, 15), datetime(2010, 12, 12, 12, 30)),
        ("120518:1220:1505", datetime(2018, 5, 12, 12, 20), datetime(2018, 5, 12, 15, 5)),
        ("280513::290513", datetime(2013, 5, 28), datetime(2013, 5, 29)),
        ("", None, None),
    ],
)
def test_tvl_times(text: str, departure: datetime | None, arrival: datetime | None) -> None:
    leg, _, _ = travel((tuple(text.split(":")), ("IST",), ("BEG",), ("ZZ",), ("456", "Y")))
    assert (leg.scheduled_departure, leg.scheduled_arrival, leg.number) == (departure, arrival, "0456")


@pytest.mark.parametrize(
    ("text", "shifted"),
    [
        ("/P/SRB/012345678/SRB/12FEB85/M/15JAN30/PETROVIC/MARKO", 0),
        ("P/SRB/012345678/SRB/12FEB85/M/15JAN30/PETROVIC/MARKO", 0),
        ("//P/SRB/012345678/SRB/12FEB85/M/15JAN30/PETROVIC/MARKO", 1),
    ],
)
def test_docs_alignment(text: str, shifted: int) -> None:
    data = docs(text, date(2025, 3, 13))
    assert data.shifted == shifted
    assert data.document is not None and data.document.number == "012345678"
    assert (data.date_of_birth, data.surname, data.given_names) == (date(1985, 2, 12), "PETROVIC", "MARKO")


def test_docs_missing_document_type_is_shifted_back() -> None:
    data = docs("/SRB/012345678/SRB/12FEB85/M/15JAN30/PETROVIC/MARKO", date(2025, 3, 13))
    assert data.shifted == -1
    assert data.document is not None
    assert (data.document.type, data.document.issuing_country, data.document.number) == (
        None,
        "SRB",
        "012345678",
    )


def test_docs_without_document_keeps_birth_date() -> None:
    data = docs("/////05FEB53/F//DORON/NINA", date(2013, 5, 23))
    assert (data.document, data.date_of_birth, data.surname) == (None, date(1953, 2, 5), "DORON")


def test_docs_birth_date_valid_only_in_the_other_century_is_not_a_shift() -> None:
    # 29 February exists in 2000 but not in 1900: before 2000 the birth date reads as nothing, yet it
    # is a DDMMMYY date where it stands, so the free text is not realigned.
    text = "/P/GBR/123456789/GBR/29FEB00/M/15JAN30/SMITH/ANN"
    before = docs(text, date(1999, 6, 1))
    assert (before.shifted, before.date_of_birth, before.surname) == (0, None, "SMITH")
    assert before.document is not None and before.document.number == "123456789"
    assert docs(text, date(2025, 6, 1)).date_of_birth == date(2000, 2, 29)
