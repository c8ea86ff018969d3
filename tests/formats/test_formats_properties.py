"""Property-based: random bytes and mutated valid messages never raise anything but ParseError."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpiu.errors import ParseError
from openpiu.formats import parse_message
from openpiu.formats.contract import to_contract

VALID = (
    "UNA:+.? '\r\n"
    "UNB+UNOA:4+JUAIR:ZZ+RSPIU:ZZ+250314:0815+000000123++APIS'\r\n"
    "UNG+PAXLST+JUAIR:ZZ+RSPIU:ZZ+250314:0815+123+UN+D:05B'\r\n"
    "UNH+PAX1+PAXLST:D:05B:UN:IATA+JU0456/250314/1030+01:F'\r\n"
    "BGM+745+CLOB'RFF+TN:JU0456250314:::1'NAD+MS+++JU OPS'COM+381 11 555 0100:TE'\r\n"
    "TDT+20+JU456+++JU'LOC+125+IST'DTM+189:2503141030:201'LOC+87+BEG'DTM+232:2503141125:201'\r\n"
    "NAD+FL+++O?'NEIL:MARKO:JOVAN+STREET 1+BEOGRAD+:::REGION+11000+SRB'ATT+2++M'DTM+329:850212'\r\n"
    "MEA+CT++:2'MEA+WT++KGM:18.5'GEI+4+173'FTX+BAG+++JU123456:2'LOC+22+BEG'LOC+174+SRB'\r\n"
    "LOC+178+DXB'LOC+179+BEG'LOC+180+:::BEOGRAD SRB'NAT+2+SRB'RFF+AVF:X7K2PQ'RFF+SEA:14C'\r\n"
    "DOC+P:110:111+012345678'DTM+36:300115'DTM+182:200115'LOC+91+SRB'\r\n"
    "NAD+FM+++KRASNIQI:ARBEN'EMP+1+CR1:110:111'ATT+2++F'DTM+329:19700101'NAT+2+RKS'\r\n"
    "CNT+42:1'CNT+41:1'UNT+37+PAX1'UNE+1+123'UNZ+1+000000123'\r\n"
)
SERVICE = ":+.? '\r\n\x01\x02\x03\u2019*$"


def parse_or_reject(data: bytes) -> None:
    """Parse; only ParseError may come out, and a parsed file always gives JSON-ready content."""
    try:
        parsed = parse_message(data, source="fuzz")
    except ParseError as error:
        assert str(error)
        return
    json.dumps(to_contract(parsed))


def test_valid_base_message_parses_cleanly() -> None:
    parsed = parse_message(VALID.encode("ascii"), source="base")
    assert parsed.warnings == ()
    assert len(parsed.manifests[0].travellers) == 2


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_raise_only_parse_error(data: bytes) -> None:
    parse_or_reject(data)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("UNABHTZGE+:'?*$ \r\nLOCNADFLM0123456789"), max_size=400))
def test_edifact_looking_noise_raises_only_parse_error(text: str) -> None:
    parse_or_reject(text.encode("utf-8"))


edits = st.lists(
    st.tuples(
        st.sampled_from(["drop", "duplicate", "insert", "delimiter"]),
        st.integers(min_value=0, max_value=len(VALID) - 1),
        st.integers(min_value=1, max_value=40),
        st.sampled_from(["A", "9", "é", "Đ", "\u2019", "\x00", "\x1f", "\ue000", " ", "\n"]),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_mutated_messages_raise_only_parse_error(changes: list[tuple[str, int, int, str]]) -> None:
    text = VALID
    for kind, at, width, char in changes:
        at %= max(len(text), 1)
        if kind == "drop":
            text = text[:at] + text[at + width :]
        elif kind == "duplicate":
            text = text[:at] + text[at : at + width] + text[at:]
        elif kind == "insert":
            text = text[:at] + char + text[at:]
        else:
            text = text[:at] + SERVICE[width % len(SERVICE)] + text[at:]
    parse_or_reject(text.encode("utf-8"))


segments = VALID.replace("\r\n", "").split("'")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=len(segments) - 1), max_size=len(segments) + 10),
    st.sampled_from(["utf-8", "latin-1"]),
)
def test_shuffled_dropped_and_repeated_segments_raise_only_parse_error(
    order: list[int], encoding: str
) -> None:
    text = "'".join(segments[i] for i in order) + "'"
    parse_or_reject(text.encode(encoding, errors="replace"))
