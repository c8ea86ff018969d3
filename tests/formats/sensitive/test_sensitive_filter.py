"""The filter on receipt: removed elements are gone from the bytes and the model; markers re-parse."""

from __future__ import annotations

import re

import pytest

from openpiu.formats import parse_message
from openpiu.formats.sensitive import SSR_CODES, Category, filter_sensitive
from openpiu.formats.sensitive.table import STRUCTURED_SSRS, classify_text

HEADER = "UNA:+.?*'UNB+IATA:1+ZZ+RSPIU+250313:1030+0000042'UNH+1+PNRGOV:13:1:IA+X+01:F'"
LEVEL0 = "MSG+:22'ORG+ZZ:IST'TVL+140325:1030+IST+BEG+ZZ+0456'EQN+1'"


def message(body: str) -> bytes:
    inner = LEVEL0 + body
    count = inner.count("'") + 2
    return f"{HEADER}{inner}UNT+{count}+1'UNZ+1+0000042'".encode("ascii")


SENSITIVE = message(
    "SRC'RCI+ZZ:SEN001'"
    "SSR+MOML:HK:1:ZZ'"
    "IFT+4:28::ZZ+PAX TRAVELS WITH INSULIN PEN'"
    "IFT+4:28::ZZ+CTCE ANA.NOVAK//EXAMPLE.COM'"
    "IFT+4:28::ZZ+FREQUENT COMPLAINER'"
    "TIF+NOVAK+ANA MRS:A:1'"
    "SSR+DOCS:HK:1:ZZ:::::/P/SRB/012345678/SRB/12FEB85/F/15JAN30/NOVAK/ANA+::1'"
    "SSR+DBML:HK:1:ZZ+::1'"
    "TVL+140325:1030+IST+BEG+ZZ+0456:Y'"
    "SSR+WCHR:HK:1:ZZ:::IST:BEG+::1'"
    "SSR+SEAT:HK:1:ZZ:::IST:BEG+14C::1'"
    "LTS+0/A/SR/SSR KSMLZZHK1 IST BEG'"
    "LTS+0/A/NM/NOVAK/ANAMRS'"
)


def test_sensitive_elements_are_gone_from_the_bytes() -> None:
    result = filter_sensitive(SENSITIVE)
    text = result.data.decode("ascii")
    for word in ("MOML", "INSULIN", "COMPLAINER", "DBML", "WCHR", "KSML"):
        assert word not in text
    for kept in ("CTCE ANA.NOVAK", "SSR+DOCS", "SSR+SEAT", "NM/NOVAK/ANAMRS"):
        assert kept in text
    assert [(r.tag, r.category) for r in result.removals] == [
        ("SSR", Category.RELIGION_OR_BELIEF),
        ("IFT", Category.HEALTH),
        ("IFT", Category.NOT_IN_ANNEX_I),
        ("SSR", Category.HEALTH),
        ("SSR", Category.HEALTH),
        ("LTS", Category.RELIGION_OR_BELIEF),
    ]
    assert result.categories == ("religion_or_belief", "health", "not_in_annex_i")


def test_filtered_copy_reparses_to_the_same_lawful_content() -> None:
    original = parse_message(SENSITIVE, source="in.edi")
    filtered = parse_message(filter_sensitive(SENSITIVE).data, source="in.edi")
    before, after = original.pushes[0].bookings[0], filtered.pushes[0].bookings[0]
    # Same segment count: no UNT warning either way.
    assert original.warnings == filtered.warnings == ()
    assert after.travellers[0].person == before.travellers[0].person
    assert after.travellers[0].person.documents[0].number == "012345678"
    assert after.itinerary[0].leg == before.itinerary[0].leg
    assert [s.code for s in after.itinerary[0].special_services] == ["SEAT"]
    assert [s.code for s in before.itinerary[0].special_services] == ["WCHR", "SEAT"]
    assert after.contacts == before.contacts
    assert after.history_text == ("0/A/NM/NOVAK/ANAMRS",)
    assert after.removed_categories == ("religion_or_belief", "health", "not_in_annex_i")
    assert before.removed_categories == ()
    assert not any(s.code in SSR_CODES for s in after.special_services)
    assert [r.text for r in after.remarks] == ["CTCE ANA.NOVAK//EXAMPLE.COM"]
    assert after.travellers[0].special_services == ()


def test_nothing_removed_returns_the_same_bytes() -> None:
    clean = message("SRC'RCI+ZZ:CLN001'TIF+NOVAK+ANA MRS:A:1'IFT+4:28+CTCM 38164123'")
    result = filter_sensitive(clean)
    assert result.data is clean
    assert result.removals == ()


def test_filter_is_idempotent() -> None:
    once = filter_sensitive(SENSITIVE)
    twice = filter_sensitive(once.data)
    assert twice.data == once.data
    assert twice.removals == ()


def test_layout_and_other_delimiters_are_kept() -> None:
    # Element separator '*', one segment per line: the marker uses the file's own separators.
    raw = (
        "UNA:*.? 'UNB*IATA:1*ZZ*RSPIU*250313:1030*7'\r\nUNH*1*PNRGOV:13:1:IA'\r\nMSG*:22'\r\n"
        "TVL*140325:1030*IST*BEG*ZZ*0456'\r\nSRC'\r\nRCI*ZZ:DLM001'\r\nTIF*DOE*JOHN MR:A:1'\r\n"
        "SSR*BLND:HK:1:ZZ*::1'\r\nUNT*8*1'\r\nUNZ*1*7'\r\n"
    ).encode("ascii")
    result = filter_sensitive(raw)
    assert result.data.count(b"\r\n") == raw.count(b"\r\n")
    assert b"SSR*RMVD::::::::HEALTH'" in result.data
    booking = parse_message(result.data, source="x").pushes[0].bookings[0]
    assert booking.removed_categories == ("health",)
    assert booking.travellers[0].person.surname == "DOE"


def test_released_terminator_inside_free_text() -> None:
    raw = message("SRC'RCI+ZZ:REL001'IFT+4:28+PAX?'S OWN WHEELCHAIR'TIF+DOE+JOHN MR:A:1'")
    result = filter_sensitive(raw)
    assert b"WHEELCHAIR" not in result.data
    assert [r.category for r in result.removals] == [Category.HEALTH]
    assert len(parse_message(result.data, source="x").pushes[0].bookings[0].travellers) == 1


def test_paxlst_is_untouched() -> None:
    raw = b"UNB+UNOA:4+ZZ+RS+250313:1030+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+1'"
    assert filter_sensitive(raw).data is raw


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("PAX REQUESTS KOSHER FOOD", Category.RELIGION_OR_BELIEF),
        ("PREGNANT 30 WEEKS", Category.HEALTH),
        ("SSR MEDAZZHK1", Category.HEALTH),
        ("PETC IN CABIN", Category.NOT_IN_ANNEX_I),
        ("GN FROM NONE TO ACME TEAM PARTY", None),
        ("MEDARD PETROVIC", None),
        ("TRANSFER TO MAASTRICHT", None),
    ],
)
def test_classify_text(text: str, category: Category | None) -> None:
    assert classify_text(text) == category


def test_table_entries_are_well_formed() -> None:
    for code, (category, reason) in SSR_CODES.items():
        assert re.fullmatch(r"[A-Z]{4}", code), code
        assert isinstance(category, Category)
        assert len(reason) > 10, code
        assert code not in STRUCTURED_SSRS
