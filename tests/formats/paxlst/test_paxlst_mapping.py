"""PAXLST → ApiManifest, field by field, on a message written for this test (all data fictitious)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from openpiu.errors import ParseError
from openpiu.formats.paxlst import parse_paxlst
from openpiu.model import (
    Address,
    ApiManifest,
    Baggage,
    Contact,
    FlightLeg,
    RawSegment,
    Role,
    Sex,
    TravelDocument,
    Traveller,
)

MESSAGE = """UNA:+.? '
UNB+UNOA:4+JUAIR:ZZ+RSPIU:ZZ+250314:0815+000000123++APIS'
UNG+PAXLST+JUAIR:ZZ+RSPIU:ZZ+250314:0815+123+UN+D:05B'
UNH+PAX123+PAXLST:D:05B:UN:IATA+JU0456/250314/1030+01:F'
BGM+745+CLOB'
RFF+TN:JU0456250314:::2'
NAD+MS+++JU OPS CONTROL'
COM+381 11 555 0100:TE+OPS.AT.JUAIR.EXAMPLE:EM'
TDT+20+JU456+++JU'
LOC+125+IST'
DTM+189:2503141030:201'
LOC+87+BEG'
DTM+232:2503141125:201'
NAD+FL+++PETROVIC:MARKO:JOVAN'
ATT+2++M'
DTM+329:850212'
MEA+CT++:2'
MEA+WT++KGM:18.5'
GEI+4+173'
FTX+BAG+++JU123456:2'
LOC+22+BEG'
LOC+174+SRB'
LOC+178+DXB'
LOC+179+BEG'
LOC+180+:::BEOGRAD SRB'
NAT+2+SRB'
RFF+AVF:X7K2PQ'
RFF+ABO:JU0456001'
RFF+SEA:14C'
RFF+AEA:GOV42'
COM+381 64 000 0000:TE'
DOC+P:110:111+0123 45678'
DTM+36:300115'
LOC+91+SRB'
DOC+V+VX998877'
DTM+182:240101'
DTM+36:260101'
LOC+91+:::SOFIA'
NAD+DDU+++  Hoxha : Elira  :'
ATT+2++F'
DTM+329:19920730'
GEI+4+174'
LOC+999+XXX'
NAT+2+ALB'
DOC+I+AB1234567'
DTM+36:290501'
LOC+91+ALB'
NAD+FM+++KRASNIQI:ARBEN+RRUGA E DRINIT 5+PRISHTINE+:::PRISHTINA DISTRICT+10000+RKS'
EMP+1+CR1:110:111'
ATT+2++X'
DTM+329:700101'
NAT+2+RKS'
DOC+P+P0000001'
DTM+36:271231'
LOC+91+RKS'
NAD+FL+++BEGIC/AMIR SAFET'
ATT+2++M'
CNT+42:3'
CNT+41:1'
UNT+57+PAX123'
UNE+1+123'
UNZ+1+000000123'
"""


@pytest.fixture(scope="module")
def manifest() -> ApiManifest:
    (only,) = parse_paxlst(MESSAGE.encode("ascii"), source="test.edi")
    return only


def test_message_meta(manifest: ApiManifest) -> None:
    assert manifest.format == "PAXLST D05B"
    assert (manifest.sender, manifest.recipient) == ("JUAIR", "RSPIU")
    assert manifest.prepared == datetime(2025, 3, 14, 8, 15)
    assert manifest.interchange_ref == "000000123"
    assert manifest.message_ref == "PAX123"
    assert manifest.common_access_ref == "JU0456/250314/1030"
    assert (manifest.sequence, manifest.final) == (1, True)
    assert (manifest.document_type, manifest.function) == ("745", "CLOB")
    assert (manifest.transaction_ref, manifest.transaction_revision) == ("JU0456250314", "2")
    assert manifest.reporting_party == "JU OPS CONTROL"
    assert manifest.reporting_contacts == (
        Contact("TE", "381 11 555 0100"),
        Contact("EM", "OPS.AT.JUAIR.EXAMPLE"),
    )
    assert (manifest.declared_passengers, manifest.declared_crew) == (3, 1)


def test_flight_leg(manifest: ApiManifest) -> None:
    assert manifest.legs == (
        FlightLeg(
            carrier="JU",
            number="0456",
            departure_airport="IST",
            arrival_airport="BEG",
            scheduled_departure=datetime(2025, 3, 14, 10, 30),
            scheduled_arrival=datetime(2025, 3, 14, 11, 25),
            crosses_border=True,
        ),
    )
    assert manifest.reporting_leg == manifest.legs[0]


def test_roles_and_counts(manifest: ApiManifest) -> None:
    assert [(t.role, t.in_transit) for t in manifest.travellers] == [
        (Role.PASSENGER, False),
        (Role.PASSENGER, True),
        (Role.CREW, False),
        (Role.PASSENGER, False),
    ]
    assert len(manifest.passengers) == 3
    assert len(manifest.crew) == 1


def test_passenger_with_every_field(manifest: ApiManifest) -> None:
    assert manifest.travellers[0] == Traveller(
        role=Role.PASSENGER,
        surname="PETROVIC",
        given_names="MARKO JOVAN",
        in_transit=False,
        sex=Sex.MALE,
        date_of_birth=date(1985, 2, 12),
        nationality="SRB",
        place_of_birth="BEOGRAD SRB",
        country_of_residence="SRB",
        embarkation="DXB",
        debarkation="BEG",
        clearance="BEG",
        address=None,
        documents=(
            TravelDocument(
                type="P", number="012345678", issuing_country="SRB", expiry_date=date(2030, 1, 15)
            ),
            TravelDocument(
                type="V",
                number="VX998877",
                issuing_country=None,
                expiry_date=date(2026, 1, 1),
                issue_date=date(2024, 1, 1),
                place_of_issue="SOFIA",
            ),
        ),
        reservation_ref="X7K2PQ",
        passenger_ref="JU0456001",
        seat="14C",
        baggage=Baggage(count=2, weight=18.5, weight_unit="KGM", tags=("JU123456", "JU123457")),
        verified=True,
        crew_function=None,
        contacts=(Contact("TE", "381 64 000 0000"),),
        extra=(RawSegment(29, "RFF", "RFF+AEA:GOV42"),),
    )


def test_in_transit_passenger_with_stray_spaces_and_ccyymmdd_birth_date(manifest: ApiManifest) -> None:
    elira = manifest.travellers[1]
    # Case kept as sent, spaces stripped, trailing ':' allowed.
    assert (elira.surname, elira.given_names) == ("Hoxha", "Elira")
    assert elira.sex is Sex.FEMALE
    assert elira.date_of_birth == date(1992, 7, 30)
    assert elira.verified is False
    assert elira.nationality == "ALB"
    assert elira.documents == (
        TravelDocument(type="I", number="AB1234567", issuing_country="ALB", expiry_date=date(2029, 5, 1)),
    )
    # Unknown LOC qualifier: kept raw, with a warning naming the segment.
    assert elira.extra == (RawSegment(42, "LOC", "LOC+999+XXX"),)


def test_segments_kept_raw_stay_with_their_traveller(manifest: ApiManifest) -> None:
    # The reader is shared by the groups of a message: what one group keeps raw must not reach the next.
    assert [t.extra for t in manifest.travellers] == [
        (RawSegment(29, "RFF", "RFF+AEA:GOV42"),),
        (RawSegment(42, "LOC", "LOC+999+XXX"),),
        (),
        (),
    ]


def test_crew_member_with_address_and_function(manifest: ApiManifest) -> None:
    arben = manifest.travellers[2]
    assert arben.role is Role.CREW
    assert arben.crew_function == "CR1"
    assert arben.sex is Sex.UNSPECIFIED
    assert arben.date_of_birth == date(1970, 1, 1)
    assert arben.address == Address(
        street="RRUGA E DRINIT 5",
        city="PRISHTINE",
        region="PRISHTINA DISTRICT",
        postcode="10000",
        country="RKS",
    )
    assert arben.documents[0].issuing_country == "RKS"


def test_whole_name_in_one_component_with_slash(manifest: ApiManifest) -> None:
    amir = manifest.travellers[3]
    assert (amir.surname, amir.given_names) == ("BEGIC", "AMIR SAFET")
    assert amir.documents == ()
    assert amir.date_of_birth is None


def test_warnings_name_segment_and_tag(manifest: ApiManifest) -> None:
    assert [(w.segment, w.tag) for w in manifest.warnings] == [(42, "LOC")]
    assert "999" in manifest.warnings[0].message


def test_segment_numbers_match_unt_count(manifest: ApiManifest) -> None:
    # UNT+57 counts UNH..UNT: the message reads without a control-count warning.
    assert not any(w.tag == "UNT" for w in manifest.warnings)


def test_d02b_crew_list_with_code_list_qualifiers_and_separate_cnt_element() -> None:
    data = (
        "UNB+UNOA:4+APIS*XY:ZZ+USCSAPIS:ZZ+140202:0600+1++APIS'"
        "UNH+M1+PAXLST:D:02B:UN:IATA'"
        "BGM+250+C'"
        "NAD+MS+++CREW SCHEDULING'"
        "TDT+20+XY0989+++XY'LOC+125+FRA'DTM+189:1701271725:201'LOC+87+IAD'DTM+232:1701280710:201'"
        "NAD+FM+++Doe:Jane:Pat'ATT+2++F'DTM+329:780706'NAT+2+GBR'DOC+P:1812019+123456789'DTM+36:610218'"
        "CNT+41+1'"
        "UNT+16+M1'UNZ+1+1'"
    )
    (manifest,) = parse_paxlst(data)
    assert manifest.format == "PAXLST D02B"
    assert manifest.document_type == "250"
    assert manifest.declared_crew == 1
    (jane,) = manifest.crew
    assert jane.documents[0].type == "P"
    assert jane.documents[0].expiry_date == date(2061, 2, 18)
    assert [w.message for w in manifest.warnings] == ["total sent as a separate element"]


def test_progressive_legs_with_loc_92_pairs() -> None:
    data = (
        "UNB+UNOA:4+AIR+PIU+080708:0545+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        "TDT+20+QQ877+++QQ'LOC+92+MIA'DTM+189:0807101500:201'LOC+92+IAD'DTM+232:0807101755:201'"
        "TDT+20+QQ827+++QQ'LOC+125+JFK'DTM+189:0808102000:201'LOC+87+CDG'DTM+232:0808110630:201'"
        "NAD+FL+++DOE:JOHN'CNT+42:1'UNT+15+1'UNZ+1+1'"
    )
    (manifest,) = parse_paxlst(data)
    assert [
        (leg.designator, leg.departure_airport, leg.arrival_airport, leg.crosses_border)
        for leg in manifest.legs
    ] == [
        ("QQ0877", "MIA", "IAD", False),
        ("QQ0827", "JFK", "CDG", True),
    ]
    assert manifest.legs[0].scheduled_arrival == datetime(2008, 7, 10, 17, 55)
    assert manifest.reporting_leg is manifest.legs[1]
    assert manifest.warnings == ()


def test_later_directory_and_203_flight_times() -> None:
    data = (
        "UNB+UNOA:4+AIR+PIU+20250314:0815+1'UNH+1+PAXLST:D:16B:UN:IATA'BGM+745'"
        "TDT+20+4O0101+++4O'LOC+125+TGD'DTM+189:202503141030:203'LOC+87+BEG'"
        "NAD+FL+++DOE:JOHN'DTM+329:010203'UNT+9+1'UNZ+1+1'"
    )
    (manifest,) = parse_paxlst(data)
    assert manifest.format == "PAXLST D16B"
    assert (manifest.legs[0].carrier, manifest.legs[0].number) == ("4O", "0101")
    assert manifest.legs[0].scheduled_departure == datetime(2025, 3, 14, 10, 30)
    assert manifest.legs[0].scheduled_arrival is None
    assert manifest.travellers[0].date_of_birth == date(2001, 2, 3)


def test_declared_totals_mismatch_is_a_warning_not_an_error() -> None:
    data = (
        "UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        "NAD+FL+++DOE:JOHN'CNT+42:160'UNT+5+1'UNZ+1+1'"
    )
    (manifest,) = parse_paxlst(data)
    assert manifest.declared_passengers == 160
    assert [(w.segment, w.tag, w.message) for w in manifest.warnings] == [
        (5, "CNT", "declared 160 passengers but the message lists 1")
    ]


def test_bad_values_become_warnings() -> None:
    data = (
        "UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
        "NAD+FL+++DOE:JOHN'ATT+2++Q'DTM+329:851332'DTM+329'DOC+P'DTM+36:ABC'RFF+ZZQ:1'"
        "UNT+10+1'UNZ+1+1'"
    )
    (manifest,) = parse_paxlst(data)
    (john,) = manifest.travellers
    assert john.sex is None and john.date_of_birth is None
    # An RFF after a DOC belongs to the document group (SG5 RFF*): kept raw on the document.
    assert john.documents == (
        TravelDocument(type="P", number="", extra=(RawSegment(10, "RFF", "RFF+ZZQ:1"),)),
    )
    assert [(w.segment, w.tag) for w in manifest.warnings] == [
        (5, "ATT"),
        (6, "DTM"),
        (7, "DTM"),
        (8, "DOC"),
        (9, "DTM"),
        (10, "RFF"),
    ]


def test_several_messages_give_several_manifests() -> None:
    one = "UNH+{n}+PAXLST:D:05B:UN:IATA+JU1/250314/1030+{n}:{flag}'BGM+745'NAD+FL+++DOE:JOHN{n}'UNT+4+{n}'"
    data = (
        "UNB+UNOA:4+AIR+PIU+250314:0815+1'"
        + one.format(n=1, flag="C")
        + one.format(n=2, flag="F")
        + "UNZ+2+1'"
    )
    manifests = parse_paxlst(data)
    assert [(m.sequence, m.final, m.travellers[0].given_names) for m in manifests] == [
        (1, False, "JOHN1"),
        (2, True, "JOHN2"),
    ]


def test_no_paxlst_message_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_paxlst("UNB+IATA:1+DL++101209:2100+1'UNH+1+PNRGOV:10:1:IA'MSG+:22'UNT+3+1'UNZ+1+1'")
