"""The PAXLST writer: the digest example byte for byte, control counts, escaping, quirks, round trips."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

import pytest

from openpiu.formats import parse_message
from openpiu.formats.paxlst_writer import (
    BACKSLASH_RELEASE,
    STAR_DOLLAR,
    Delimiters,
    Layout,
    WriteOptions,
    write_interchange,
    write_paxlst,
)
from openpiu.model import ApiManifest, Baggage, Contact, FlightLeg, Role, Sex, TravelDocument, Traveller

# standards §2.8 without its annotations: the writer must reproduce it exactly.
DIGEST_EXAMPLE = """\
UNA:+.? '
UNB+UNOA:4+ZZAIR:ZZ+RSPIU:ZZ+250314:0815+000000123++APIS'
UNG+PAXLST+ZZAIR:ZZ+RSPIU:ZZ+250314:0815+123+UN+D:05B'
UNH+PAX123+PAXLST:D:05B:UN:IATA+ZZ0456/250314/1030+01:F'
BGM+745+CLOB'
RFF+TN:ZZ0456250314:::1'
NAD+MS+++ZZ AIR OPS CONTROL'
COM+381 11 555 0100:TE+OPS.AT.ZZAIR.EXAMPLE:EM'
TDT+20+ZZ0456+++ZZ'
LOC+125+IST'
DTM+189:2503141030:201'
LOC+87+BEG'
DTM+232:2503141125:201'
NAD+FL+++PETROVIC:MARKO:JOVAN'
ATT+2++M'
DTM+329:850212'
MEA+CT++:1'
MEA+WT++KGM:18'
GEI+4+173'
FTX+BAG+++ZZ123456:1'
LOC+22+BEG'
LOC+174+SRB'
LOC+178+IST'
LOC+179+BEG'
LOC+180+:::BEOGRAD SRB'
NAT+2+SRB'
RFF+AVF:X7K2PQ'
RFF+ABO:ZZ0456001'
RFF+SEA:14C'
DOC+P+012345678'
DTM+36:300115'
LOC+91+SRB'
NAD+FL+++HOXHA:ELIRA'
ATT+2++F'
DTM+329:920730'
GEI+4+173'
LOC+22+BEG'
LOC+174+ALB'
LOC+178+DXB'
LOC+179+BEG'
NAT+2+ALB'
RFF+AVF:M4TR9Z'
RFF+ABO:ZZ0456002'
DOC+I+AB1234567'
DTM+36:290501'
LOC+91+ALB'
CNT+42:2'
UNT+45+PAX123'
UNE+1+123'
UNZ+1+000000123'
"""

PETROVIC = Traveller(
    role=Role.PASSENGER,
    surname="PETROVIC",
    given_names="MARKO JOVAN",
    sex=Sex.MALE,
    date_of_birth=date(1985, 2, 12),
    nationality="SRB",
    place_of_birth="BEOGRAD SRB",
    country_of_residence="SRB",
    embarkation="IST",
    debarkation="BEG",
    clearance="BEG",
    documents=(TravelDocument("P", "012345678", "SRB", date(2030, 1, 15)),),
    reservation_ref="X7K2PQ",
    passenger_ref="ZZ0456001",
    seat="14C",
    baggage=Baggage(count=1, weight=18.0, weight_unit="KGM", tags=("ZZ123456",)),
    verified=True,
)
HOXHA = Traveller(
    role=Role.PASSENGER,
    surname="HOXHA",
    given_names="ELIRA",
    sex=Sex.FEMALE,
    date_of_birth=date(1992, 7, 30),
    nationality="ALB",
    country_of_residence="ALB",
    embarkation="DXB",
    debarkation="BEG",
    clearance="BEG",
    documents=(TravelDocument("I", "AB1234567", "ALB", date(2029, 5, 1)),),
    reservation_ref="M4TR9Z",
    passenger_ref="ZZ0456002",
    verified=True,
)
LEG = FlightLeg(
    "ZZ", "0456", "IST", "BEG", datetime(2025, 3, 14, 10, 30), datetime(2025, 3, 14, 11, 25), True
)
MANIFEST = ApiManifest(
    format="PAXLST D05B",
    sender="ZZAIR",
    recipient="RSPIU",
    prepared=datetime(2025, 3, 14, 8, 15),
    interchange_ref="000000123",
    message_ref="PAX123",
    common_access_ref="ZZ0456/250314/1030",
    sequence=1,
    final=True,
    document_type="745",
    function="CLOB",
    transaction_ref="ZZ0456250314",
    transaction_revision="1",
    reporting_party="ZZ AIR OPS CONTROL",
    reporting_contacts=(Contact("TE", "381 11 555 0100"), Contact("EM", "OPS.AT.ZZAIR.EXAMPLE")),
    legs=(LEG,),
    travellers=(PETROVIC, HOXHA),
    declared_passengers=2,
    declared_crew=None,
)


def _core(manifest: ApiManifest) -> ApiManifest:
    """The manifest without what a writer cannot choose (raw extras, warnings, format label)."""
    travellers = tuple(dataclasses.replace(t, extra=()) for t in manifest.travellers)
    return dataclasses.replace(manifest, travellers=travellers, extra=(), warnings=(), format="")


def _unt_counts(text: str, terminator: str = "'", element: str = "+") -> list[tuple[int, int]]:
    """(declared UNT count, segments from UNH to UNT) for every message in ``text``."""
    segments = [s.strip() for s in re.split(rf"(?<!\?){re.escape(terminator)}", text) if s.strip()]
    out, start = [], 0
    for index, segment in enumerate(segments):
        if segment.startswith("UNH"):
            start = index
        elif segment.startswith("UNT"):
            out.append((int(segment.split(element)[1]), index - start + 1))
    return out


def test_writes_the_digest_example_byte_for_byte() -> None:
    options = WriteOptions(party_qualifier="ZZ")
    assert write_paxlst(MANIFEST, options).decode() == DIGEST_EXAMPLE


def test_digest_example_parses_back_to_the_same_manifest() -> None:
    parsed = parse_message(write_paxlst(MANIFEST, WriteOptions(party_qualifier="ZZ")), source="digest")
    assert parsed.warnings == ()
    assert [_core(m) for m in parsed.manifests] == [_core(MANIFEST)]


def test_unt_counts_every_segment_from_unh_to_unt() -> None:
    series = [
        dataclasses.replace(MANIFEST, message_ref=f"M{i}", travellers=(PETROVIC,) * i) for i in (1, 2, 3)
    ]
    text = write_interchange(series).decode()
    assert _unt_counts(text) == [(31, 31), (50, 50), (69, 69)]
    assert text.rstrip().endswith("UNE+3+123'\nUNZ+1+000000123'")


def test_release_character_escapes_service_characters_in_data() -> None:
    person = dataclasses.replace(HOXHA, surname="O'NEIL", given_names="ANNE+MARIE", seat="1:A")
    text = write_paxlst(dataclasses.replace(MANIFEST, travellers=(person,))).decode()
    assert "NAD+FL+++O?'NEIL:ANNE?+MARIE'" in text
    assert "RFF+SEA:1?:A'" in text
    parsed = parse_message(text.encode(), source="escape").manifests[0].travellers[0]
    assert (parsed.surname, parsed.given_names, parsed.seat) == ("O'NEIL", "ANNE+MARIE", "1:A")


QUIRKS = {
    "star-dollar": WriteOptions(delimiters=STAR_DOLLAR, directory="D02B"),
    "backslash": WriteOptions(delimiters=BACKSLASH_RELEASE),
    "no-una": WriteOptions(una=False, ung=False),
    "packed-crlf": WriteOptions(layout=Layout.PACKED, per_line=5, newline="\r\n"),
    "single-line": WriteOptions(layout=Layout.SINGLE),
    "indented": WriteOptions(indent="    "),
    "teletype": WriteOptions(teletype=True, newline="\r\n"),
    "no-final-terminator": WriteOptions(final_terminator=False),
    "century-dob": WriteOptions(century_dates_of_birth=True),
    "unpadded-flight": WriteOptions(pad_flight_number=False, document_qualifiers=True),
    "everything": WriteOptions(
        directory="D02B",
        delimiters=STAR_DOLLAR,
        layout=Layout.PACKED,
        newline="\r\n",
        indent="  ",
        teletype=True,
        final_terminator=False,
        century_dates_of_birth=True,
        pad_flight_number=False,
        party_qualifier="ZZ",
    ),
}


@pytest.mark.parametrize("name", sorted(QUIRKS))
def test_every_quirk_reads_back_to_the_same_content(name: str) -> None:
    options = QUIRKS[name]
    person = dataclasses.replace(PETROVIC, surname="O'NEIL-PETROVIC")
    manifest = dataclasses.replace(MANIFEST, travellers=(person, HOXHA))
    data = write_paxlst(manifest, options)
    parsed = parse_message(data, source=name)
    assert [_core(m) for m in parsed.manifests] == [_core(manifest)]
    assert parsed.manifests[0].format == f"PAXLST {options.directory}"


def test_quirks_show_in_the_bytes() -> None:
    def text(name: str) -> str:
        return write_paxlst(MANIFEST, QUIRKS[name]).decode()

    assert text("star-dollar").startswith("UNA:*.? $\nUNB*UNOA:4*ZZAIR*RSPIU*")
    assert "DOC*P:110:111*012345678$" in text("star-dollar")
    assert text("no-una").startswith("UNB+") and "UNG" not in text("no-una")
    assert text("single-line").count("\n") == 0
    assert "\r\n" in text("packed-crlf") and "'BGM+745+CLOB'" in text("packed-crlf")
    assert "\n    NAD+FL+++PETROVIC" in text("indented") and "\nCNT+42:2'" in text("indented")
    assert text("teletype").startswith("\x01QU RSPIUPI\r\n.ZZAIRXH 140815\r\n\x02UNA")
    assert text("teletype").endswith("UNZ+1+000000123'\r\n\x03")
    assert text("no-final-terminator").endswith("UNZ+1+000000123\n")
    assert "DTM+329:19850212'" in text("century-dob")
    assert "TDT+20+ZZ456+++ZZ'" in text("unpadded-flight")


def test_series_parts_carry_common_access_reference_and_sequence() -> None:
    parts = [
        dataclasses.replace(MANIFEST, sequence=i, final=i == 3, message_ref=f"PAX12{i}", travellers=(HOXHA,))
        for i in (1, 2, 3)
    ]
    texts = [write_paxlst(p).decode() for p in parts]
    assert [re.search(r"UNH\+[^']*", t).group(0) for t in texts] == [  # type: ignore[union-attr]
        f"UNH+PAX12{i}+PAXLST:D:05B:UN:IATA+ZZ0456/250314/1030+0{i}:{flag}"
        for i, flag in ((1, "C"), (2, "C"), (3, "F"))
    ]
    read = [parse_message(t.encode(), source="part").manifests[0] for t in texts]
    assert [(m.common_access_ref, m.sequence, m.final) for m in read] == [
        ("ZZ0456/250314/1030", 1, False),
        ("ZZ0456/250314/1030", 2, False),
        ("ZZ0456/250314/1030", 3, True),
    ]


def test_crew_list_writes_fm_emp_and_crew_count() -> None:
    pilot = dataclasses.replace(
        PETROVIC, role=Role.CREW, crew_function="CR1", reservation_ref=None, seat=None
    )
    crew = dataclasses.replace(
        MANIFEST, document_type="250", function="C", travellers=(pilot,), declared_passengers=None
    )
    text = write_paxlst(crew).decode()
    assert "NAD+FM+++PETROVIC:MARKO:JOVAN'" in text and "EMP+1+CR1:110:111'" in text
    assert "CNT+41:1'" in text and "CNT+42" not in text
    read = parse_message(text.encode(), source="crew").manifests[0]
    assert (read.crew[0].crew_function, read.declared_crew, read.document_type) == ("CR1", 1, "250")


def test_refuses_options_it_cannot_honour() -> None:
    with pytest.raises(ValueError, match="UNA"):
        write_paxlst(MANIFEST, WriteOptions(una=False, delimiters=Delimiters(element="*")))
    with pytest.raises(ValueError, match="at least one"):
        write_interchange([])
    with pytest.raises(UnicodeEncodeError):
        write_paxlst(dataclasses.replace(MANIFEST, travellers=(dataclasses.replace(HOXHA, surname="ÇELA"),)))
