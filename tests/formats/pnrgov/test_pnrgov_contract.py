"""The ``openpiu parse --json`` contract for PNRGOV (issue 3, item 7); API documents keep their keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openpiu.formats import parse_message
from openpiu.formats.contract import to_contract
from openpiu.formats.sensitive import filter_sensitive

API_KEYS = {"kind", "format", "sender", "recipient", "flights", "travellers", "warnings", "messages"}
TRAVELLER_KEYS = {"role", "surname", "given_names", "date_of_birth", "sex", "nationality", "documents"}

PNR = (
    "UNA:+.?*'UNB+IATA:1+ZZ+RSPIU+250313:1030+42'UNH+1+PNRGOV:13:1:IA+X+01:F'MSG+:22'ORG+ZZ:IST'"
    "TVL+140325:1030+IST+BEG+ZZ+0456'EQN+1'SRC'RCI+ZZ:X7K2PQ::010325:0915'SSR+KSML:HK:1:ZZ'"
    "TIF+PETROVIC+MARKO MR:A:1'"
    "SSR+DOCS:HK:1:ZZ:::::/P/SRB/012345678/SRB/12FEB85/M/15JAN30/PETROVIC/MARKO+::1'"
    "SSR+CTCM:HK:1:ZZ:::::/381641234567+::1'TKT+1234567890123:T:1'FOP+CA::189.50'"
    "TVL+140325:1030+IST+BEG+ZZ+0456:Y'RPI+1+HK'UNT+16+1'UNZ+1+42'"
).encode("ascii")


def test_pnr_document() -> None:
    parsed = parse_message(filter_sensitive(PNR).data, source="x.edi")
    document = json.loads(json.dumps(to_contract(parsed)))
    assert (document["kind"], document["format"], document["sender"]) == ("pnr", "PNRGOV 13.1", "ZZ")
    assert [(f["carrier"], f["number"], f["departure_airport"]) for f in document["flights"]] == [
        ("ZZ", "0456", "IST")
    ]
    (booking,) = document["bookings"]
    assert (booking["record_locator"], booking["created"]) == ("X7K2PQ", "2025-03-01T09:15:00")
    assert booking["removed_categories"] == ["religion_or_belief"]
    assert booking["payment"] == [
        {
            "type": "CA",
            "amount": "189.50",
            "vendor": None,
            "account": None,
            "expiry": None,
            "payer": None,
            "billing_address": None,
        }
    ]
    assert booking["contacts"] == [{"kind": "TE", "value": "381641234567"}]
    (traveller,) = booking["travellers"]
    assert set(traveller) >= TRAVELLER_KEYS
    assert (traveller["surname"], traveller["given_names"], traveller["booking_ref"]) == (
        "PETROVIC",
        "MARKO",
        "X7K2PQ",
    )
    assert traveller["documents"][0]["number"] == "012345678"
    assert [
        (leg["departure_airport"], leg["arrival_airport"], leg["status"]) for leg in booking["itinerary"]
    ] == [("IST", "BEG", "HK")]
    assert document["warnings"] == []


@pytest.mark.corpus
def test_api_document_keys_unchanged(corpus_dir: Path) -> None:
    parsed = parse_message((corpus_dir / "apisMessage.txt").read_bytes(), source="apisMessage.txt")
    document = to_contract(parsed)
    assert set(document) == API_KEYS
    assert document["kind"] == "api"
    assert parsed.pushes == ()
