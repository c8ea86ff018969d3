"""Mutated PNRGOV messages never raise anything but ParseError; the filter never raises at all."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpiu.errors import ParseError
from openpiu.formats import parse_message
from openpiu.formats.sensitive import SSR_CODES, filter_sensitive

BOOKING = (
    "SRC'RCI+ZZ:X7K2PQ::010325:0915'DAT+700:120325:1402'ORG+1A:MUC+12345678:IST1A0100+IST+ZZ+T+TR'"
    "ADD++700:TERAZIJE 1:BEOGRAD:::RS:11000'TIF+PETROVIC+MARKO JOVAN MR:A:1'FTI+ZZ:123456789'"
    "REF+:0012ABC3456DEF01'SSR+DOCS:HK:1:ZZ:::::/P/SRB/012345678/SRB/12FEB85/M/15JAN30/PETROVIC/MARKO+::1'"
    "TKT+1234567890123:T:1'MON+T:189.50:EUR'TXD++12.00::EUR:TR'DAT+710:010325:0920'"
    "FOP+CC::189.50:VI:XXXXXXXXXXXX1111:0828'IFT+4:43+MARKO PETROVIC'"
    "TVL+140325:1030:140325:1125+IST+BEG+ZZ+0456:Y'RPI+1+HK'APD+320'SSR+SEAT:HK:1:ZZ:::IST:BEG+14C::1'"
    "DAT+2:140325:0810'ORG+ZZ++++A'TRI++IST-057:::1'TIF+PETROVIC+MARKO JOVAN MR::1'SSD+14C++++Y'"
    "TBD++1:18:700+++ZZ:0123456789:1:BEG'EQN+1'RCI+ZZ:X7K2PR'"
)
BASE = (
    "UNA:+.?*'UNB+IATA:1+ZZ+RSPIU+250313:1030+0000042'UNH+1+PNRGOV:13:1:IA+X+01:F'"
    "MSG+:22'ORG+ZZ:IST'TVL+140325:1030+IST+BEG+ZZ+0456'EQN+2'"
    + BOOKING
    + "SRC'RCI+ZZ:AB12CD'SSR+MOML:HK:1:ZZ'TIF+DOE:G'TIF+NOVAK+ANA MRS:A:1:1'TIF+NOVAK+LEA:IN:2'"
    "ABI+1+:BEGZZ'DAT+ZT:010325:1010'SAC+++X'TVL+140325::140325+IST+BEG+ZZ+0456:Y'RPI+1+HK'LTS+X'"
    "UNT+60+1'UNZ+1+0000042'"
).encode("ascii")

_ALPHABET = st.sampled_from([*b"+:'?*/ \r\nUNSRCTIFTVLDATMOML0123456789AZ", 0xE2, 0x80, 0x99, 0xFF, 0xA0])


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(BASE)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        at = draw(st.integers(0, len(data) - 1)) if data else 0
        if kind == "delete" and data:
            del data[at : at + draw(st.integers(1, 20))]
        elif kind == "insert":
            data[at:at] = bytes(draw(st.lists(_ALPHABET, min_size=1, max_size=6)))
        elif kind == "replace" and data:
            data[at] = draw(_ALPHABET)
        elif kind == "cut":
            data = data[:at]
    return bytes(data)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated())
def test_mutated_pnr_raises_only_parse_error(data: bytes) -> None:
    try:
        parsed = parse_message(data, source="mutated.edi")
    except ParseError:
        return
    assert parsed.kind in ("pnr", "api")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutated())
def test_filter_never_raises_and_its_output_parses_alike(data: bytes) -> None:
    result = filter_sensitive(data)
    try:
        before = parse_message(data, source="m")
    except ParseError:
        return
    after = parse_message(result.data, source="m")
    assert [len(b.travellers) for p in after.pushes for b in p.bookings] == [
        len(b.travellers) for p in before.pushes for b in p.bookings
    ]
    # No listed SSR survives anywhere in what the parser reads from the filtered copy.
    for booking in (b for p in after.pushes for b in p.bookings):
        services = [
            *booking.special_services,
            *(s for t in booking.travellers for s in t.special_services),
            *(s for leg in booking.itinerary for s in leg.special_services),
            *(h.service for h in booking.history if h.service),
        ]
        assert not [s.code for s in services if s.code in SSR_CODES]


def test_the_unmutated_base_parses() -> None:
    parsed = parse_message(BASE, source="base.edi")
    assert [len(b.travellers) for b in parsed.pushes[0].bookings] == [1, 2]


def test_release_character_equal_to_the_terminator_is_no_release_character() -> None:
    # Found by the test above: UNA:+.'*' announces the terminator as release character too. The lexer
    # reads no release character (with a warning) and the filter cuts the same segments, so SSR MOML goes.
    data = BASE.replace(b"UNA:+.?*'", b"UNA:+.'*'")
    result = filter_sensitive(data)
    assert [(r.tag, r.category.value) for r in result.removals] == [("SSR", "religion_or_belief")]
    assert b"MOML" not in result.data
    parsed = parse_message(result.data, source="m")
    assert [len(b.travellers) for b in parsed.pushes[0].bookings] == [1, 2]
    assert parsed.pushes[0].bookings[1].removed_categories == ("religion_or_belief",)
    assert any("release character" in w.message for w in parsed.pushes[0].warnings)


def test_a_segment_indented_with_a_non_breaking_space_is_filtered_as_the_parser_reads_it() -> None:
    # cp1252 byte A0 decodes to NBSP, which the lexer strips before a segment like any white space.
    data = BASE.replace(b"'SSR+MOML", b"'\xa0SSR+MOML")
    assert _listed_ssrs(data) == ["MOML"]
    result = filter_sensitive(data)
    assert [r.tag for r in result.removals] == ["SSR"]
    assert _listed_ssrs(result.data) == []


# Service strings drawn from the characters that matter: every delimiter may collide with another one.
_SERVICE_CHARACTERS = st.sampled_from([":", "+", ".", "?", "*", "'", " ", "\n", "\u2019", "/"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_SERVICE_CHARACTERS, min_size=6, max_size=6), mutated())
def test_filter_removes_every_listed_ssr_the_parser_reads_under_any_una(
    service: list[str], data: bytes
) -> None:
    # The message is written with the drawn delimiters where they are distinct enough to write it; the
    # filter must then cut the segments exactly as the lexer does, whatever the UNA says.
    component, element, _decimal, release, _repetition, terminator = service
    una = ("UNA" + "".join(service)).encode()
    body = data.split(b"'", 1)[1] if data.startswith(b"UNA") and b"'" in data else data
    written = (component + element + terminator).encode()
    if len(written) == len(set(written)) == 3 and release not in (component, element, terminator):
        body = body.translate(bytes.maketrans(b":+'", written))
    candidate = una + body
    before = _listed_ssrs(candidate)
    result = filter_sensitive(candidate)
    assert _listed_ssrs(result.data) == []
    assert len([r for r in result.removals if r.tag == "SSR"]) >= len(before)


def _listed_ssrs(data: bytes) -> list[str]:
    try:
        parsed = parse_message(data, source="m")
    except ParseError:
        return []
    return [
        s.code
        for b in (b for p in parsed.pushes for b in p.bookings)
        for s in (
            *b.special_services,
            *(s for t in b.travellers for s in t.special_services),
            *(s for leg in b.itinerary for s in leg.special_services),
            *(h.service for h in b.history if h.service),
        )
        if s.code in SSR_CODES
    ]
