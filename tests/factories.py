"""Small factories of domain objects for store and ingest tests (synthetic names only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from openpiu.model import (
    Address,
    ApiManifest,
    Baggage,
    Contact,
    FlightLeg,
    ParseWarning,
    RawSegment,
    Role,
    Sex,
    TravelDocument,
    Traveller,
)


def leg(**changes: Any) -> FlightLeg:
    """JU0123 Vienna → Belgrade on 2026-03-29 (the day European clocks go forward), crossing the border."""
    base = FlightLeg(
        carrier="JU",
        number="0123",
        departure_airport="VIE",
        arrival_airport="BEG",
        scheduled_departure=datetime(2026, 3, 29, 9, 30),
        scheduled_arrival=datetime(2026, 3, 29, 11, 5),
        crosses_border=True,
    )
    return replace(base, **changes)


def document(**changes: Any) -> TravelDocument:
    base = TravelDocument(
        type="P",
        number="SRB 12345<6",
        issuing_country="SRB",
        expiry_date=date(2031, 5, 1),
        issue_date=date(2021, 5, 2),
        place_of_issue="BEOGRAD",
        extra=(RawSegment(position=40, tag="DTM", text="DTM+182:210502"),),
    )
    return replace(base, **changes)


def traveller(**changes: Any) -> Traveller:
    """A passenger with every field set, so a round trip through the store checks them all."""
    base = Traveller(
        role=Role.PASSENGER,
        surname="PETROVIC",
        given_names="MARKO JOVAN",
        in_transit=False,
        sex=Sex.MALE,
        date_of_birth=date(1985, 2, 12),
        nationality="SRB",
        place_of_birth="NOVI SAD",
        country_of_residence="SRB",
        embarkation="VIE",
        debarkation="BEG",
        clearance="BEG",
        address=Address(
            street="KNEZ MIHAILOVA 1", city="BEOGRAD", region=None, postcode="11000", country="SRB"
        ),
        documents=(document(),),
        reservation_ref="ABC123",
        passenger_ref="P0001",
        seat="12A",
        baggage=Baggage(count=2, weight=31.5, weight_unit="KGM", tags=("JU123456", "JU123457")),
        verified=True,
        crew_function=None,
        contacts=(Contact(kind="TE", value="+381601234567"),),
        extra=(RawSegment(position=33, tag="FTX", text="FTX+AAH+++SYNTHETIC"),),
    )
    return replace(base, **changes)


def manifest(**changes: Any) -> ApiManifest:
    base = ApiManifest(
        format="PAXLST D05B",
        sender="JUAPI",
        recipient="RSPIU",
        prepared=datetime(2026, 3, 29, 8, 0),
        interchange_ref="1001",
        message_ref="M1",
        common_access_ref="JU0123/260329/0930",
        sequence=1,
        final=True,
        document_type="745",
        function="CLOB",
        transaction_ref="T1",
        transaction_revision="1",
        reporting_party="OPS DESK",
        reporting_contacts=(Contact(kind="TE", value="+381111234567"),),
        legs=(leg(),),
        travellers=(traveller(),),
        declared_passengers=1,
        declared_crew=0,
        extra=(RawSegment(position=3, tag="UNS", text="UNS+D"),),
        warnings=(),
    )
    return replace(base, **changes)


def people(count: int, *, start: int = 0) -> tuple[Traveller, ...]:
    """``count`` distinct passengers, each with one passport."""
    return tuple(
        traveller(
            surname=f"SYNTHETIC{i}",
            given_names="ANA",
            documents=(document(number=f"P{i:08d}"),),
            passenger_ref=f"P{i:05d}",
        )
        for i in range(start, start + count)
    )


WARNING = ParseWarning(segment=7, tag="CNT", message="declared 3 passengers, found 1")


def paxlst(
    *,
    ref: str = "1",
    flight: str = "JU123",
    departure: str = "2603290930",
    origin: str = "VIE",
    destination: str = "BEG",
    surnames: tuple[str, ...] = ("PETROVIC",),
    declared: int | None = None,
) -> bytes:
    """A small, valid D05B passenger list (UNA..UNZ, correct control counts) as a carrier sends it.

    Args:
        ref: interchange and message reference; different refs make different bytes.
        flight: ``TDT`` flight designator.
        departure: ``DTM+189`` local departure, ``YYMMDDHHMM``.
        surnames: one passenger (with a passport) per surname.
        declared: ``CNT+42`` total; the number of passengers when None (a different value warns).
    """
    body = [
        f"UNH+{ref}+PAXLST:D:05B:UN:IATA+{flight}/{departure[:6]}/{departure[6:]}+01:F",
        "BGM+745+CLOB",
        "NAD+MS+++OPS DESK",
        f"TDT+20+{flight}+++{flight[:2]}",
        f"LOC+125+{origin}",
        f"DTM+189:{departure}:201",
        f"LOC+87+{destination}",
        f"DTM+232:{departure[:6]}1105:201",
    ]
    for n, surname in enumerate(surnames):
        body += [
            f"NAD+FL+++{surname}:ANA",
            "ATT+2++F",
            "DTM+329:850212",
            "NAT+2+SRB",
            f"DOC+P:110:111+P{n:08d}",
            "DTM+36:310501",
            "LOC+91+SRB",
        ]
    body.append(f"CNT+42:{len(surnames) if declared is None else declared}")
    body.append(f"UNT+{len(body) + 1}+{ref}")
    segments = [
        "UNA:+.? '",
        f"UNB+UNOA:4+JUAPI:ZZ+RSPIU:ZZ+260329:0800+{ref}++APIS'",
        f"UNG+PAXLST+JUAPI:ZZ+RSPIU:ZZ+260329:0800+{ref}+UN+D:05B'",
        *(segment + "'" for segment in body),
        f"UNE+1+{ref}'",
        f"UNZ+1+{ref}'",
    ]
    return "\n".join(segments).encode("ascii")
