"""Read queries behind assessing stored travellers against criteria (``openpiu.ingest.assess``).

Never commit; keyword-only arguments after the connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select

from openpiu.review import HitState
from openpiu.review.keys import flight_key
from openpiu.store.pnr_tables import booking_state, booking_version
from openpiu.store.review_tables import HitRow
from openpiu.store.tables import flight, travel_document, traveller


@dataclass(frozen=True, slots=True)
class StoredFlight:
    """A stored flight leg with its local and UTC scheduled times."""

    id: int
    carrier: str
    number: str
    departure_date: date
    departure_airport: str
    arrival_airport: str | None
    departure_local: datetime | None
    arrival_local: datetime | None
    departure_utc: datetime | None
    arrival_utc: datetime | None

    @property
    def key(self) -> str:
        """How hits name the flight (``openpiu.review.keys``)."""
        return flight_key(self.id)

    @property
    def route(self) -> str:
        return f"{self.departure_airport}-{self.arrival_airport or '?'}"


@dataclass(frozen=True, slots=True)
class BookingOnFlight:
    """A booking whose latest push was for the flight: its body version, the version before, pushes."""

    carrier: str
    record_locator: str
    body_version_id: int
    previous_version_id: int | None
    versions: int
    cancelled: bool


def flights_between(connection: Connection, *, first: date, last: date) -> list[StoredFlight]:
    """Flights departing (local date) from ``first`` to ``last`` inclusive, by departure."""
    rows = connection.execute(
        select(
            flight.c.id,
            flight.c.carrier,
            flight.c.number,
            flight.c.departure_date,
            flight.c.departure_airport,
            flight.c.arrival_airport,
            flight.c.scheduled_departure_local.label("departure_local"),
            flight.c.scheduled_arrival_local.label("arrival_local"),
            flight.c.scheduled_departure_utc.label("departure_utc"),
            flight.c.scheduled_arrival_utc.label("arrival_utc"),
        )
        .where(flight.c.departure_date >= first, flight.c.departure_date <= last)
        .order_by(flight.c.departure_date, flight.c.scheduled_departure_local, flight.c.id)
    ).all()
    return [StoredFlight(**row._mapping) for row in rows]


def stored_days(connection: Connection) -> tuple[date, date] | None:
    """The first and last local departure dates of stored flights."""
    first, last = connection.execute(
        select(func.min(flight.c.departure_date), func.max(flight.c.departure_date))
    ).one()
    return (first, last) if first is not None else None


def flight_traveller_rows(connection: Connection, *, flight_id: int) -> list[dict[str, Any]]:
    """Every traveller row filed under the flight (resends included), oldest first."""
    return [
        dict(row._mapping)
        for row in connection.execute(
            select(traveller).where(traveller.c.flight_id == flight_id).order_by(traveller.c.id)
        )
    ]


def document_rows(connection: Connection, *, traveller_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Travel documents of these travellers, by traveller then position."""
    if not traveller_ids:
        return []
    return [
        dict(row._mapping)
        for row in connection.execute(
            select(travel_document)
            .where(travel_document.c.traveller_id.in_(list(traveller_ids)))
            .order_by(travel_document.c.traveller_id, travel_document.c.position)
        )
    ]


def flight_bookings_with_previous(connection: Connection, *, flight_id: int) -> list[BookingOnFlight]:
    """Bookings whose latest push was for the flight, each with the body version received before the
    current one (what "changed between pushes" compares)."""
    earlier = booking_version.alias("earlier")
    previous = (
        select(func.max(earlier.c.id))
        .where(
            and_(
                earlier.c.carrier == booking_state.c.carrier,
                earlier.c.record_locator == booking_state.c.record_locator,
                earlier.c.id < booking_state.c.body_version_id,
                earlier.c.cancelled.is_(False),
            )
        )
        .scalar_subquery()
    )
    rows = connection.execute(
        select(
            booking_state.c.carrier,
            booking_state.c.record_locator,
            booking_state.c.body_version_id,
            previous,
            booking_state.c.versions,
            booking_state.c.cancelled,
        )
        .where(booking_state.c.flight_id == flight_id)
        .order_by(booking_state.c.id)
    ).all()
    return [BookingOnFlight(*row) for row in rows]


def review_outcomes(connection: Connection) -> dict[tuple[str, str], HitState]:
    """(flight key, traveller key) → what review decided about the traveller's hits (rule or watchlist):
    confirmed when any hit was confirmed, dismissed when all decided ones were dismissed."""
    rows = connection.execute(
        select(HitRow.flight_key, HitRow.traveller_key, HitRow.state).where(
            HitRow.state.in_([HitState.CONFIRMED, HitState.DISMISSED])
        )
    ).all()
    outcomes: dict[tuple[str, str], HitState] = {}
    for on, who, state in rows:
        if outcomes.get((on, who)) != HitState.CONFIRMED:
            outcomes[(on, who)] = HitState(state)
    return outcomes
