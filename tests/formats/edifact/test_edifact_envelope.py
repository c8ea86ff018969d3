"""Envelope reading: control counts and references are warnings (segment number and tag), not failures."""

from __future__ import annotations

from datetime import datetime

import pytest

from openpiu.errors import ParseError
from openpiu.formats.edifact import read_interchanges
from openpiu.model import ParseWarning

GOOD = (
    "UNA:+.? '"
    "UNB+UNOA:4+ZZAIR:ZZ+RSPIU:ZZ+250314:0815+000000123++APIS'"
    "UNG+PAXLST+ZZAIR:ZZ+RSPIU:ZZ+250314:0815+123+UN+D:05B'"
    "UNH+PAX1+PAXLST:D:05B:UN:IATA+ZZ0456/250314/1030+01:C'"
    "BGM+745'"
    "UNT+3+PAX1'"
    "UNH+PAX2+PAXLST:D:05B:UN:IATA+ZZ0456/250314/1030+02:F'"
    "BGM+745'"
    "CNT+42:0'"
    "UNT+4+PAX2'"
    "UNE+2+123'"
    "UNZ+1+000000123'"
)


def all_warnings(data: str) -> list[ParseWarning]:
    found: list[ParseWarning] = []
    for interchange in read_interchanges(data):
        found.extend(interchange.warnings)
        for message in interchange.messages:
            found.extend(message.warnings)
    return found


def test_a_correct_interchange_reads_without_warnings() -> None:
    (interchange,) = read_interchanges(GOOD)
    assert interchange.syntax == "UNOA:4"
    assert interchange.sender == "ZZAIR"
    assert interchange.recipient == "RSPIU"
    assert interchange.prepared == datetime(2025, 3, 14, 8, 15)
    assert interchange.control_ref == "000000123"
    assert interchange.application_ref == "APIS"
    first, second = interchange.messages
    assert (first.reference, first.type, first.version) == ("PAX1", "PAXLST", "D:05B")
    assert first.common_access_ref == "ZZ0456/250314/1030"
    assert (first.sequence, first.final) == (1, False)
    assert (second.sequence, second.final) == (2, True)
    assert first.group_ref == "123"
    assert [s.tag for s in second.segments] == ["BGM", "CNT"]
    assert second.header.position == 6
    assert second.segments[0].position == 7
    assert second.trailer is not None and second.trailer.position == 9
    assert all_warnings(GOOD) == []


def test_unt_segment_count_mismatch_is_a_warning_with_position() -> None:
    data = GOOD.replace("UNT+3+PAX1", "UNT+5+PAX1")
    assert all_warnings(data) == [ParseWarning(5, "UNT", "segment count 5 but the message has 3")]


def test_unt_reference_mismatch_and_missing_reference() -> None:
    data = GOOD.replace("UNT+3+PAX1", "UNT+3+PAX9").replace("UNT+4+PAX2", "UNT+4")
    assert all_warnings(data) == [
        ParseWarning(5, "UNT", "reference 'PAX9' does not match UNH 'PAX1'"),
        ParseWarning(9, "UNT", "no message reference"),
    ]


def test_group_and_interchange_counts_and_references() -> None:
    data = GOOD.replace("UNE+2+123", "UNE+3+124").replace("UNZ+1+000000123", "UNZ+2+000000999")
    assert all_warnings(data) == [
        ParseWarning(10, "UNE", "group message count '3' but the group has 2"),
        ParseWarning(10, "UNE", "group reference '124' does not match UNG '123'"),
        ParseWarning(11, "UNZ", "interchange count '2' but the interchange has 1 groups"),
        ParseWarning(11, "UNZ", "interchange reference '000000999' does not match UNB '000000123'"),
    ]


def test_unz_counts_messages_when_there_is_no_group() -> None:
    data = (
        "UNB+UNOA:4+AIR+PIU+250314:0815+7'UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'UNT+3+1'"
        "UNH+2+PAXLST:D:02B:UN:IATA'BGM+745'UNT+3+2'UNZ+2+7'"
    )
    assert all_warnings(data) == []
    assert len(read_interchanges(data)[0].messages) == 2


def test_missing_unt_is_recovered_with_a_warning() -> None:
    data = GOOD.replace("UNT+3+PAX1'", "")
    (interchange,) = read_interchanges(data)
    assert [m.reference for m in interchange.messages] == ["PAX1", "PAX2"]
    assert [s.tag for s in interchange.messages[0].segments] == ["BGM"]
    assert interchange.messages[0].trailer is None
    messages = [w.message for w in all_warnings(data)]
    assert "message 'PAX1' has no UNT" in messages
    assert "message has no UNT" in messages


def test_missing_unz_and_une_are_recovered_with_warnings() -> None:
    data = GOOD.replace("UNE+2+123'", "").replace("UNZ+1+000000123'", "")
    (interchange,) = read_interchanges(data)
    assert len(interchange.messages) == 2
    assert [w.message for w in interchange.warnings] == ["interchange has no UNZ"]


def test_missing_unb_is_recovered_with_a_warning() -> None:
    data = "UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'"
    (interchange,) = read_interchanges(data)
    assert interchange.sender is None
    assert interchange.prepared is None
    assert [m.reference for m in interchange.messages] == ["1"]
    assert [(w.segment, w.tag, w.message) for w in interchange.warnings] == [
        (1, "UNH", "no UNB: interchange header missing")
    ]


def test_type_and_version_come_from_ung_when_unh_lacks_them() -> None:
    data = (
        "UNB+UNOA:4+AIR+PIU+250314:0815+1'UNG+PAXLST+AIR+PIU+250314:0815+9+UN+D:02B'"
        "UNH+1'BGM+745'UNT+3+1'UNE+1+9'UNZ+1+1'"
    )
    message = read_interchanges(data)[0].messages[0]
    assert (message.type, message.version) == ("PAXLST", "D:02B")


def test_segments_outside_any_message_are_ignored_with_a_warning() -> None:
    data = "UNB+UNOA:4+AIR+PIU+250314:0815+1'BGM+745'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+1'"
    warnings = all_warnings(data)
    assert warnings == [ParseWarning(2, "BGM", "1 segment(s) outside a message ignored")]


def test_pnrgov_interchange_reads_through_the_same_envelope() -> None:
    data = (
        "UNA:+.?*'UNB+IATA:1+DL++101209:2100+020A07'UNH+1+PNRGOV:10:1:IA+F6C2C268'"
        "MSG+:22'UNT+3+1'UNZ+1+020A07'"
    )
    (interchange,) = read_interchanges(data)
    assert interchange.syntax == "IATA:1"
    assert interchange.recipient is None
    message = interchange.messages[0]
    assert (message.type, message.version, message.common_access_ref) == ("PNRGOV", "10:1", "F6C2C268")
    assert all_warnings(data) == []


def test_unreadable_preparation_date_is_a_warning() -> None:
    data = GOOD.replace("250314:0815+000000123", "25X314:0815+000000123")
    (interchange,) = read_interchanges(data)
    assert interchange.prepared is None
    assert [(w.segment, w.tag) for w in interchange.warnings] == [(1, "UNB")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty message"),
        (b"   \r\n", "empty message"),
        (b"Dear colleague, please find the list attached.", "not EDIFACT"),
        (b"UNB+UNOA:4+AIR+PIU+250314:0815+1'UNZ+0+1'", "no message in the interchange"),
    ],
)
def test_nothing_readable_raises_parse_error(data: bytes, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        read_interchanges(data, source="in/broken.edi")
    assert caught.value.message == message
    assert caught.value.file == "in/broken.edi"
    assert str(caught.value).startswith("in/broken.edi")


def test_parse_error_for_no_message_says_where_and_what() -> None:
    with pytest.raises(ParseError) as caught:
        read_interchanges("UNB+UNOA:4+AIR+PIU+250314:0815+1'UNZ+0+1'", source="x.edi")
    error = caught.value
    assert (error.segment, error.tag, error.expected) == (1, "UNB", "UNH")
    assert error.found == "UNB+UNOA:4+AIR+PIU+250314:0815+1"
