from __future__ import annotations

from datetime import UTC, date, datetime

from factories import document, leg, manifest, people, traveller
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openpiu.model import ParseOutcome
from openpiu.store.api import store_manifests
from openpiu.store.board import airports
from openpiu.store.flights import FlightCache
from openpiu.store.queries import (
    counts,
    find_documents,
    find_flights,
    flight_messages,
    flight_travellers,
    get_flight,
    rejected_messages,
    traveller_documents,
)
from openpiu.store.raw import insert_raw, record_outcome

RECEIVED = datetime(2026, 3, 29, 7, 0, tzinfo=UTC)


def fill(engine: Engine) -> None:
    """Two messages on JU0123 VIE→BEG (one progressive leg before it), one rejected raw message."""
    cache = FlightCache()
    with engine.begin() as connection:
        for n, content in enumerate((b"one", b"two")):
            raw_id = insert_raw(connection, data=content, source=f"{n}.edi", received_at=RECEIVED)
            assert raw_id is not None
            legs = (leg(departure_airport="TGD", arrival_airport="VIE", crosses_border=False), leg())
            travellers = (
                people(2, start=2 * n)
                if n
                else (traveller(documents=(document(), document(type="V", number="V1"))),)
            )
            store_manifests(
                connection,
                [manifest(legs=legs, travellers=travellers)],
                raw_id=raw_id,
                received_at=RECEIVED,
                flights=cache,
            )
        rejected = insert_raw(connection, data=b"bad", source="bad.edi", received_at=RECEIVED)
        assert rejected is not None
        record_outcome(
            connection, raw_id=rejected, outcome=ParseOutcome.REJECTED, processed_at=RECEIVED, reason="no"
        )


def test_flight_lookups_normalise_the_number_and_list_the_legs(engine: Engine) -> None:
    fill(engine)
    with Session(engine) as session:
        found = get_flight(
            session, carrier="ju", number="123", departure_date=date(2026, 3, 29), departure_airport="vie"
        )
        legs = find_flights(session, carrier="JU", number="0123", departure_date=date(2026, 3, 29))
        assert found is not None
        assert (found.departure_airport, found.arrival_airport) == ("VIE", "BEG")
        assert [f.departure_airport for f in legs] == ["TGD", "VIE"]
        assert (
            get_flight(
                session, carrier="JU", number="123", departure_date=date(2026, 3, 30), departure_airport="VIE"
            )
            is None
        )
        assert [m.raw_message_id for m in flight_messages(session, flight_id=found.id)] == [1, 2]
        assert [t.surname for t in flight_travellers(session, flight_id=found.id)] == [
            "PETROVIC",
            "SYNTHETIC2",
            "SYNTHETIC3",
        ]


def test_documents_are_found_by_normalised_number_and_by_traveller(engine: Engine) -> None:
    fill(engine)
    with Session(engine) as session:
        (passport,) = find_documents(session, number="srb-123456")
        assert passport.number == "SRB 12345<6"
        assert [d.number for d in traveller_documents(session, traveller_id=passport.traveller_id)] == [
            "SRB 12345<6",
            "V1",
        ]


def test_rejected_messages_and_counts(engine: Engine) -> None:
    fill(engine)
    with Session(engine) as session:
        assert [(r.source, r.reason) for r in rejected_messages(session)] == [("bad.edi", "no")]
        c = counts(session)
    assert (c.raw_messages, c.rejected, c.api_messages, c.flights, c.travellers, c.documents) == (
        3,
        1,
        2,
        2,
        3,
        4,
    )


def test_airports_are_every_departure_and_arrival_code_once(engine: Engine) -> None:
    with Session(engine) as session:
        assert airports(session) == []
    fill(engine)  # TGD→VIE, VIE→BEG
    with Session(engine) as session:
        assert airports(session) == ["BEG", "TGD", "VIE"]
