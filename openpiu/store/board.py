"""Read queries of the analysts' screens: the flights board, travellers with their flight, searches.

Never commit; keyword-only arguments after the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from openpiu.errors import NotFound
from openpiu.model import DataState, Role, normalise_document_number, normalise_flight_number
from openpiu.review import HitState
from openpiu.review.keys import FLIGHT
from openpiu.store.pnr import booking_history, reconciliation_of
from openpiu.store.pnr_tables import ReconciliationRow, booking_state, booking_version
from openpiu.store.queries import flight_travellers, traveller_documents
from openpiu.store.review_tables import HitRow
from openpiu.store.tables import FlightRow, TravelDocumentRow, TravellerRow


@dataclass(frozen=True, slots=True)
class BoardFlight:
    flight: FlightRow
    passengers: int
    crew: int
    # Hits still to review (new or in review) on the flight.
    open_hits: int = 0


@dataclass(frozen=True, slots=True)
class Board:
    """One airport's day: flights leaving and arriving, by local scheduled time."""

    airport: str
    day: date
    departures: list[BoardFlight]
    arrivals: list[BoardFlight]


def board(session: Session, *, airport: str, day: date, limit: int = 500) -> Board:
    """Departures from and arrivals at ``airport`` on the local ``day``, with traveller counts.

    One query (a round trip per page view matters under load): both halves, each cut to ``limit``,
    with each flight's passengers, crew and open hits counted by correlated subqueries on their indexes.
    """
    airport = airport.strip().upper()
    # time.max rather than the next midnight: the next day may not exist (date.max).
    start, end = datetime.combine(day, time()), datetime.combine(day, time.max)
    leaving = (
        select(FlightRow.id.label("id"), literal(0).label("side"))
        .where(FlightRow.departure_airport == airport, FlightRow.departure_date == day)
        .order_by(FlightRow.scheduled_departure_local, FlightRow.id)
        .limit(limit)
        .subquery()
    )
    landing = (
        select(FlightRow.id.label("id"), literal(1).label("side"))
        .where(
            FlightRow.arrival_airport == airport,
            FlightRow.scheduled_arrival_local >= start,
            FlightRow.scheduled_arrival_local <= end,
        )
        .order_by(FlightRow.scheduled_arrival_local, FlightRow.id)
        .limit(limit)
        .subquery()
    )
    sides = union_all(select(leaving.c.id, leaving.c.side), select(landing.c.id, landing.c.side)).subquery()

    def travellers(role: Role) -> ScalarSelect[int]:
        return (
            select(func.count())
            .where(TravellerRow.flight_id == FlightRow.id, TravellerRow.role == role)
            .scalar_subquery()
        )

    open_hits = (
        select(func.count())
        .where(
            HitRow.flight_key == literal(FLIGHT) + cast(FlightRow.id, String),
            HitRow.state.in_([HitState.NEW, HitState.IN_REVIEW]),
        )
        .scalar_subquery()
    )
    rows = session.execute(
        select(FlightRow, sides.c.side, travellers(Role.PASSENGER), travellers(Role.CREW), open_hits)
        .join(sides, sides.c.id == FlightRow.id)
        .order_by(
            sides.c.side,
            case(
                (sides.c.side == 0, FlightRow.scheduled_departure_local),
                else_=FlightRow.scheduled_arrival_local,
            ),
            FlightRow.id,
        )
    ).all()
    halves: tuple[list[BoardFlight], list[BoardFlight]] = ([], [])
    for flight, side, passengers, crew, hits in rows:
        halves[side].append(BoardFlight(flight, passengers, crew, hits))
    return Board(airport=airport, day=day, departures=halves[0], arrivals=halves[1])


# Each code once, by a skip scan down the airport indexes (migration 0008): a few dozen index probes
# instead of reading and de-duplicating every flight, which the board page did on every view.
AIRPORT_CODES = text(
    """
    WITH RECURSIVE
    departing(code) AS (
        SELECT min(departure_airport) FROM flight
        UNION ALL
        SELECT (SELECT min(departure_airport) FROM flight WHERE departure_airport > departing.code)
        FROM departing WHERE departing.code IS NOT NULL
    ),
    arriving(code) AS (
        SELECT min(arrival_airport) FROM flight
        UNION ALL
        SELECT (SELECT min(arrival_airport) FROM flight WHERE arrival_airport > arriving.code)
        FROM arriving WHERE arriving.code IS NOT NULL
    )
    SELECT code FROM departing WHERE code IS NOT NULL
    UNION
    SELECT code FROM arriving WHERE code IS NOT NULL
    """
)


def airports(session: Session) -> list[str]:
    """Every airport some stored flight leaves from or arrives at, sorted."""
    return sorted(code for code in session.scalars(AIRPORT_CODES) if code)


def latest_day(session: Session, *, airport: str) -> date | None:
    """The latest local departure date of a flight from ``airport`` (to offer when today is empty)."""
    return session.scalar(
        select(func.max(FlightRow.departure_date)).where(
            or_(FlightRow.departure_airport == airport, FlightRow.arrival_airport == airport)
        )
    )


def traveller_with_flight(
    session: Session, *, traveller_id: int
) -> tuple[TravellerRow, FlightRow | None] | None:
    row = session.get(TravellerRow, traveller_id)
    if row is None:
        return None
    flight = session.get(FlightRow, row.flight_id) if row.flight_id is not None else None
    return row, flight


def _with_flights(
    session: Session, condition: ColumnElement[bool], limit: int
) -> list[tuple[TravellerRow, FlightRow | None]]:
    rows = session.execute(
        select(TravellerRow, FlightRow)
        .join(FlightRow, FlightRow.id == TravellerRow.flight_id, isouter=True)
        .where(condition)
        .order_by(FlightRow.departure_date.desc(), TravellerRow.id)
        .limit(limit)
    ).all()
    return [(traveller, flight) for traveller, flight in rows]


def search_by_name(
    session: Session, *, surname: str, given_names: str | None = None, limit: int = 200
) -> list[tuple[TravellerRow, FlightRow | None]]:
    """Travellers whose surname is ``surname`` (case-insensitive), optionally with given names starting so.

    Plain comparison for now: the Balkan-aware normaliser of screening replaces it when that lands.
    """
    condition = func.lower(TravellerRow.surname) == surname.strip().lower()
    if given_names and given_names.strip():
        condition = and_(
            condition, func.lower(TravellerRow.given_names).startswith(given_names.strip().lower())
        )
    return _with_flights(session, condition, limit)


def search_by_document(
    session: Session, *, number: str, limit: int = 200
) -> list[tuple[TravellerRow, FlightRow | None]]:
    """Travellers holding a document with this number (compared normalised)."""
    condition = TravellerRow.id.in_(
        select(TravelDocumentRow.traveller_id).where(
            TravelDocumentRow.number_normalised == normalise_document_number(number)
        )
    )
    return _with_flights(session, condition, limit)


def search_flights(
    session: Session, *, carrier: str, number: str, day: date | None = None, limit: int = 200
) -> Sequence[FlightRow]:
    """Flights with this carrier and number, optionally on one local departure date, newest first."""
    query = select(FlightRow).where(
        FlightRow.carrier == carrier.strip().upper(), FlightRow.number == normalise_flight_number(number)
    )
    if day is not None:
        query = query.where(FlightRow.departure_date == day)
    return session.scalars(query.order_by(FlightRow.departure_date.desc(), FlightRow.id).limit(limit)).all()


def flights_by_id(session: Session, *, flight_ids: Sequence[int]) -> dict[int, FlightRow]:
    """Flights by id (the flights of a page of hits)."""
    if not flight_ids:
        return {}
    return {
        f.id: f for f in session.scalars(select(FlightRow).where(FlightRow.id.in_(list(set(flight_ids)))))
    }


def travellers_by_id(session: Session, *, traveller_ids: Sequence[int]) -> dict[int, TravellerRow]:
    """Travellers by id (the travellers of a page of hits)."""
    if not traveller_ids:
        return {}
    return {
        t.id: t
        for t in session.scalars(select(TravellerRow).where(TravellerRow.id.in_(list(set(traveller_ids)))))
    }


@dataclass(frozen=True, slots=True)
class FlightManifest:
    """A flight with every traveller declared for it (every message: resends are not merged yet)."""

    flight: FlightRow
    travellers: Sequence[TravellerRow]
    # The flight's stored API<->PNR reconciliation (empty when no PNR push was reconciled).
    reconciliation: Sequence[ReconciliationRow] = ()


@dataclass(frozen=True, slots=True)
class TravellerDetail:
    """A traveller as declared in one API message, with the flight and the travel documents."""

    traveller: TravellerRow
    flight: FlightRow | None
    documents: Sequence[TravelDocumentRow]


def flight_manifest(session: Session, *, flight_id: int) -> FlightManifest:
    """The flight page's and the API's read of one flight; ``NotFound`` when absent."""
    flight = session.get(FlightRow, flight_id)
    if flight is None:
        raise NotFound(f"no flight {flight_id}")
    lines = session.scalars(
        select(ReconciliationRow)
        .where(ReconciliationRow.flight_id == flight_id)
        .order_by(ReconciliationRow.status, ReconciliationRow.id)
    ).all()
    return FlightManifest(flight, flight_travellers(session, flight_id=flight_id), lines)


def traveller_detail(session: Session, *, traveller_id: int) -> TravellerDetail:
    """The traveller page's and the API's read of one traveller; ``NotFound`` when absent."""
    found = traveller_with_flight(session, traveller_id=traveller_id)
    if found is None:
        raise NotFound(f"no traveller {traveller_id}")
    traveller, flight = found
    return TravellerDetail(traveller, flight, traveller_documents(session, traveller_id=traveller_id))


@dataclass(frozen=True, slots=True)
class TravellerBooking:
    """The booking an API traveller is linked to by the flight's reconciliation, with its push history."""

    carrier: str
    record_locator: str
    # When the booking was created in the carrier's system (RCI: UTC), an instant.
    created: datetime | None
    cancelled: bool
    # Masked when the booking's current state is depersonalised (names and change details hidden).
    masked: bool
    # Every version, oldest first, with its push function and its changes (``store.pnr.booking_history``).
    history: list[dict[str, Any]]
    # The other lines of the reconciliation with the same record locator on the same flight.
    co_travellers: Sequence[ReconciliationRow]


def _utc_instant(text: str | None) -> datetime | None:
    # The stored booking keeps the RCI creation time as ISO text without a zone: it is UTC
    # (``openpiu.model.booking``), so it is marked as such to be shown in an airport's local time.
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def traveller_booking(session: Session, *, traveller_id: int) -> TravellerBooking | None:
    """The booking of an API traveller via its reconciliation link; None when not linked to a PNR."""
    link = session.scalars(
        select(ReconciliationRow)
        .where(
            ReconciliationRow.traveller_id == traveller_id,
            ReconciliationRow.status == "linked",
            ReconciliationRow.record_locator.is_not(None),
        )
        .order_by(ReconciliationRow.id)
    ).first()
    if link is None or link.record_locator is None:
        return None
    query = (
        select(
            booking_state.c.carrier,
            booking_state.c.record_locator,
            booking_state.c.cancelled,
            booking_state.c.data_state,
            booking_version.c.content,
        )
        .select_from(
            booking_state.join(booking_version, booking_state.c.body_version_id == booking_version.c.id)
        )
        .where(
            booking_state.c.record_locator == link.record_locator,
            booking_state.c.flight_id == link.flight_id,
        )
    )
    if link.carrier is not None:
        query = query.where(booking_state.c.carrier == link.carrier)
    # A line without a carrier (stored before migration 0012) names its booking only when one booking of
    # the flight has the locator: two carriers may issue the same one.
    states = session.execute(query.order_by(booking_state.c.id).limit(2)).all()
    if len(states) != 1:
        return None
    (state,) = states
    co_travellers = session.scalars(
        select(ReconciliationRow)
        .where(
            ReconciliationRow.flight_id == link.flight_id,
            reconciliation_of(state.carrier, link.record_locator),
            ReconciliationRow.id != link.id,
        )
        .order_by(ReconciliationRow.id)
    ).all()
    history = booking_history(
        session.connection(), carrier=state.carrier, record_locator=state.record_locator
    )
    content = state.content or {}
    return TravellerBooking(
        carrier=state.carrier,
        record_locator=state.record_locator,
        created=_utc_instant(content.get("created")),
        cancelled=state.cancelled,
        masked=state.data_state == DataState.DEPERSONALISED,
        history=history,
        co_travellers=co_travellers,
    )


@dataclass(frozen=True, slots=True)
class BookingTraveller:
    """A traveller of a found booking: the name the PNR gives, and the API traveller linked to it if any."""

    name: str
    traveller_id: int | None


@dataclass(frozen=True, slots=True)
class FoundBooking:
    """A booking found by record locator: its current state, pushed flight and travellers."""

    carrier: str
    record_locator: str
    cancelled: bool
    masked: bool
    flight: FlightRow | None
    travellers: list[BookingTraveller]


def search_by_record_locator(
    session: Session, *, record_locator: str, carrier: str | None = None, limit: int = 200
) -> list[FoundBooking]:
    """Bookings with this record locator (any carrier, or ``carrier``'s), with links to reconciled travellers.

    Travellers are those of the last version with a body; a PNR name links to the API traveller the
    flight's reconciliation matched it with.
    """
    query = (
        select(
            booking_state.c.carrier,
            booking_state.c.record_locator,
            booking_state.c.cancelled,
            booking_state.c.data_state,
            booking_state.c.flight_id,
            booking_version.c.content,
        )
        .select_from(
            booking_state.join(booking_version, booking_state.c.body_version_id == booking_version.c.id)
        )
        .where(booking_state.c.record_locator == record_locator.strip().upper())
    )
    if carrier and carrier.strip():
        query = query.where(booking_state.c.carrier == carrier.strip().upper())
    states = session.execute(query.order_by(booking_state.c.carrier, booking_state.c.id).limit(limit)).all()
    flights = flights_by_id(session, flight_ids=[s.flight_id for s in states if s.flight_id is not None])
    found = []
    for state in states:
        links = {
            line.pnr_name: line.traveller_id
            for line in session.scalars(
                select(ReconciliationRow).where(
                    ReconciliationRow.flight_id == state.flight_id,
                    reconciliation_of(state.carrier, state.record_locator),
                    ReconciliationRow.status == "linked",
                )
            )
        }
        names = [f"{t['surname']}/{t['given_names']}" for t in (state.content or {}).get("travellers", [])]
        found.append(
            FoundBooking(
                carrier=state.carrier,
                record_locator=state.record_locator,
                cancelled=state.cancelled,
                masked=state.data_state == DataState.DEPERSONALISED,
                flight=flights.get(state.flight_id) if state.flight_id is not None else None,
                travellers=[BookingTraveller(name, links.get(name)) for name in names],
            )
        )
    return found
