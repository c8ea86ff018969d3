"""API↔PNR reconciliation of stored flights: read both sides from the store, link, store the result.

The API side is the travellers filed under the flight (``traveller.flight_id``); the PNR side the current
state of every booking whose latest push was for the flight, re-read from the stored (filtered) raw
copies. The outcome replaces the flight's previous reconciliation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from openpiu.ingest.pnr import ParsedRaws, booking_at
from openpiu.model import Booking, Role, TravelDocument, Traveller
from openpiu.pnr import reconcile
from openpiu.store.pnr import (
    flight_label,
    flight_states,
    pushed_flights,
    replace_reconciliation,
    version_locations,
)
from openpiu.store.tables import travel_document, traveller


@dataclass(frozen=True, slots=True)
class FlightOutcome:
    """Counts of one flight's reconciliation."""

    flight: str
    linked: int
    name_mismatches: int
    api_only: int
    pnr_only: int


def api_travellers(connection: Connection, *, flight_id: int) -> list[tuple[int, Traveller]]:
    """The passengers filed under a flight, as model travellers with their documents, with row ids."""
    rows = connection.execute(
        select(
            traveller.c.id,
            traveller.c.surname,
            traveller.c.given_names,
            traveller.c.date_of_birth,
            traveller.c.reservation_ref,
            traveller.c.seat,
        )
        .where(traveller.c.flight_id == flight_id, traveller.c.role == Role.PASSENGER.value)
        .order_by(traveller.c.id)
    ).all()
    documents: dict[int, list[TravelDocument]] = {}
    if rows:
        for owner, number, kind, country in connection.execute(
            select(
                travel_document.c.traveller_id,
                travel_document.c.number,
                travel_document.c.type,
                travel_document.c.issuing_country,
            ).where(travel_document.c.traveller_id.in_([r.id for r in rows]))
        ):
            documents.setdefault(owner, []).append(TravelDocument(kind, number, country))
    return [
        (
            row.id,
            Traveller(
                role=Role.PASSENGER,
                surname=row.surname,
                given_names=row.given_names,
                date_of_birth=row.date_of_birth,
                documents=tuple(documents.get(row.id, ())),
                reservation_ref=row.reservation_ref,
                seat=row.seat,
            ),
        )
        for row in rows
    ]


def flight_bookings(
    connection: Connection, *, flight_id: int, raws: ParsedRaws | None = None
) -> list[Booking]:
    """The current state of every booking pushed for the flight, re-read from the stored raw copies."""
    raws = raws or ParsedRaws()
    bookings: list[Booking] = []
    states = flight_states(connection, flight_id=flight_id)
    locations = version_locations(connection, version_ids=[version_id for version_id, _ in states])
    for version_id, cancelled in states:
        location = locations.get(version_id)
        booking = booking_at(connection, location, raws=raws) if location is not None else None
        if booking is not None:
            bookings.append(replace(booking, cancelled=cancelled))
    return bookings


def reconcile_flight(
    connection: Connection, *, flight_id: int, now: datetime, raws: ParsedRaws | None = None
) -> FlightOutcome:
    """Reconcile one flight and store the outcome (replacing the previous one)."""
    api = api_travellers(connection, flight_id=flight_id)
    result = reconcile([t for _, t in api], flight_bookings(connection, flight_id=flight_id, raws=raws))
    ids = {id(t): row_id for row_id, t in api}
    received = now
    rows = [
        {
            "status": "linked",
            "traveller_id": ids[id(link.api)],
            "carrier": None,
            "record_locator": link.record_locator,
            "api_name": f"{link.api.surname}/{link.api.given_names}",
            "pnr_name": f"{link.pnr.person.surname}/{link.pnr.person.given_names}",
            "confidence": link.confidence,
            "reasons": list(link.reasons),
            "name_mismatch": link.name_mismatch,
        }
        for link in result.links
    ]
    rows += [
        {
            "status": "api_only",
            "traveller_id": ids[id(t)],
            "carrier": None,
            "record_locator": t.reservation_ref,
            "api_name": f"{t.surname}/{t.given_names}",
            "pnr_name": None,
            "confidence": None,
            "reasons": None,
            "name_mismatch": False,
        }
        for t in result.api_only
    ]
    rows += [
        {
            "status": "pnr_only",
            "traveller_id": None,
            "carrier": None,
            "record_locator": locator,
            "api_name": None,
            "pnr_name": f"{t.person.surname}/{t.person.given_names}",
            "confidence": None,
            "reasons": None,
            "name_mismatch": False,
        }
        for locator, t in result.pnr_only
    ]
    replace_reconciliation(
        connection,
        flight_id=flight_id,
        rows=[{**row, "computed_at": now, "received_at": received} for row in rows],
    )
    return FlightOutcome(
        flight=flight_label(connection, flight_id=flight_id),
        linked=len(result.links),
        name_mismatches=len(result.name_mismatches),
        api_only=len(result.api_only),
        pnr_only=len(result.pnr_only),
    )


def reconcile_all(
    engine: Engine,
    *,
    flight_ids: Sequence[int] | None = None,
    now: Callable[[], datetime] | None = None,
    raws: ParsedRaws | None = None,
) -> list[FlightOutcome]:
    """Reconcile every flight with PNR data (or the given ones), one transaction per flight.

    ``raws`` is a cache of parsed raw copies to share with a later step that re-reads the same bookings.
    """
    clock = now or (lambda: datetime.now(UTC))
    with engine.connect() as connection:
        targets = list(flight_ids) if flight_ids is not None else pushed_flights(connection)
    outcomes: list[FlightOutcome] = []
    for flight_id in targets:
        with engine.begin() as connection:
            outcomes.append(reconcile_flight(connection, flight_id=flight_id, now=clock(), raws=raws))
    return outcomes
