"""The ``openpiu parse --json`` contract: required keys, ISO local times, several messages in one file."""

from __future__ import annotations

import json

from openpiu.formats import ParsedFile, parse_message
from openpiu.formats.contract import to_contract

ONE = (
    "UNH+{n}+PAXLST:D:05B:UN:IATA+JU456/250314/1030+{n}:{flag}'BGM+745'"
    "TDT+20+JU456+++JU'LOC+125+IST'DTM+189:2503141030:201'LOC+87+BEG'DTM+232:2503141125:201'"
    "NAD+{role}+++{surname}:ANA MARIJA'ATT+2++F'DTM+329:900102'NAT+2+SRB'"
    "DOC+P+{number}'DTM+36:300115'LOC+91+SRB'RFF+SEA:1A'"
    "UNT+16+{n}'"
)
FILE = (
    "UNB+UNOA:4+JUAIR:ZZ+RSPIU:ZZ+250314:0815+77'"
    + ONE.format(n=1, flag="C", role="FL", surname="JOVANOVIC", number="111")
    + ONE.format(n=2, flag="F", role="FM", surname="NIKOLIC", number="222")
    + "UNZ+3+77'"
)


def parsed() -> ParsedFile:
    return parse_message(FILE.encode("ascii"), source="two.edi")


def test_contract_required_keys_and_values() -> None:
    document = to_contract(parsed())
    assert document["kind"] == "api"
    assert document["format"] == "PAXLST D05B"
    assert (document["sender"], document["recipient"]) == ("JUAIR", "RSPIU")
    # Identical flights from the two messages appear once.
    assert [{k: f[k] for k in f if k != "crosses_border"} for f in document["flights"]] == [
        {
            "carrier": "JU",
            "number": "0456",
            "departure_airport": "IST",
            "arrival_airport": "BEG",
            "scheduled_departure": "2025-03-14T10:30:00",
            "scheduled_arrival": "2025-03-14T11:25:00",
        }
    ]
    first, second = document["travellers"]
    assert {
        k: first[k] for k in ("role", "surname", "given_names", "date_of_birth", "sex", "nationality")
    } == {
        "role": "passenger",
        "surname": "JOVANOVIC",
        "given_names": "ANA MARIJA",
        "date_of_birth": "1990-01-02",
        "sex": "F",
        "nationality": "SRB",
    }
    assert [
        {k: d[k] for k in ("type", "number", "issuing_country", "expiry_date")} for d in first["documents"]
    ] == [{"type": "P", "number": "111", "issuing_country": "SRB", "expiry_date": "2030-01-15"}]
    assert first["seat"] == "1A"
    assert second["role"] == "crew"
    # UNZ says 3 messages, there are 2: the warning is kept, with segment number and tag.
    assert document["warnings"] == [
        {"segment": 34, "tag": "UNZ", "message": "interchange count '3' but the interchange has 2 messages"}
    ]
    assert [m["sequence"] for m in document["messages"]] == [1, 2]


def test_contract_is_plain_json() -> None:
    document = to_contract(parsed())
    assert json.loads(json.dumps(document)) == document


def test_parsed_file_collects_every_warning() -> None:
    result = parsed()
    assert result.kind == "api"
    assert len(result.manifests) == 2
    assert [w.tag for w in result.warnings] == ["UNZ"]
    assert result.manifests[0].warnings == result.warnings
