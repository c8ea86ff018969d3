"""Flights: the key several messages about one flight share, finding or creating the flight row, and
finding the flights a name as people write it (``JU0123/2026-11-29``) gives."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, Insert, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite

from openpiu.model import FlightLeg, normalise_flight_number, split_flight_designator
from openpiu.store.airports import local_to_utc
from openpiu.store.tables import flight


@dataclass(frozen=True, slots=True)
class FlightKey:
    """Operating carrier + normalised number + local departure date + departure airport (standards §2.5).

    The departure airport is part of the key because the legs of a progressive flight (BEG→TGD→CDG)
    often keep one flight number and one date.
    """

    carrier: str
    number: str
    departure_date: date
    departure_airport: str

    @classmethod
    def of(cls, leg: FlightLeg) -> FlightKey | None:
        """The key of a leg; None when the leg lacks what identifies a flight (airport, departure time)."""
        carrier = leg.carrier.strip().upper()
        if not carrier or not leg.number or leg.scheduled_departure is None or not leg.departure_airport:
            return None
        return cls(
            carrier=carrier,
            number=normalise_flight_number(leg.number),
            departure_date=leg.scheduled_departure.date(),
            departure_airport=leg.departure_airport.strip().upper(),
        )


@dataclass(slots=True)
class FlightCache:
    """Flight ids by key for one ingest run, so each flight is looked up once, not once per message.

    Ids found or created inside a transaction are *pending* until :meth:`commit`: if that transaction
    rolls back, a flight it created no longer exists and must not be served from the cache.
    """

    known: dict[FlightKey, int] = field(default_factory=dict)
    pending: dict[FlightKey, int] = field(default_factory=dict)

    def get(self, key: FlightKey) -> int | None:
        return self.known.get(key) or self.pending.get(key)

    def commit(self) -> None:
        self.known.update(self.pending)
        self.pending.clear()

    def discard(self) -> None:
        self.pending.clear()


def ensure_flight(
    connection: Connection, leg: FlightLeg, *, received_at: datetime, cache: FlightCache
) -> int | None:
    """The id of the flight ``leg`` belongs to, creating the flight row on first sight; None without a key.

    Safe against a concurrent ingest creating the same flight: the insert does nothing on conflict and
    the row is then read back. The first message to name a flight sets its airports and times.
    """
    key = FlightKey.of(leg)
    if key is None:
        return None
    cached = cache.get(key)
    if cached is not None:
        return cached
    flight_id = _select_id(connection, key)
    if flight_id is None:
        inserted = connection.execute(
            _INSERT_IGNORE[connection.dialect.name],
            {
                "carrier": key.carrier,
                "number": key.number,
                "departure_date": key.departure_date,
                "departure_airport": key.departure_airport,
                "arrival_airport": leg.arrival_airport,
                "scheduled_departure_local": leg.scheduled_departure,
                "scheduled_arrival_local": leg.scheduled_arrival,
                "scheduled_departure_utc": local_to_utc(leg.scheduled_departure, key.departure_airport),
                "scheduled_arrival_utc": local_to_utc(leg.scheduled_arrival, leg.arrival_airport),
                "first_received_at": received_at,
            },
        ).scalar_one_or_none()
        flight_id = inserted if inserted is not None else _select_id(connection, key)
    if flight_id is None:  # pragma: no cover - inserted or found above, barring a concurrent delete
        raise LookupError(f"flight {key} vanished while being created")
    cache.pending[key] = flight_id
    return flight_id


# Statements built once (building them is a measurable share of a small message's cost).
_SELECT_ID = select(flight.c.id).where(
    flight.c.carrier == bindparam("carrier"),
    flight.c.number == bindparam("number"),
    flight.c.departure_date == bindparam("departure_date"),
    flight.c.departure_airport == bindparam("departure_airport"),
)
# INSERT .. ON CONFLICT DO NOTHING exists on both backends, under each dialect's own insert().
_INSERT_IGNORE: dict[str, Insert] = {
    "postgresql": postgresql.insert(flight).on_conflict_do_nothing().returning(flight.c.id),
    "sqlite": sqlite.insert(flight).on_conflict_do_nothing().returning(flight.c.id),
}


def _select_id(connection: Connection, key: FlightKey) -> int | None:
    found: int | None = connection.execute(
        _SELECT_ID,
        {
            "carrier": key.carrier,
            "number": key.number,
            "departure_date": key.departure_date,
            "departure_airport": key.departure_airport,
        },
    ).scalar_one_or_none()
    return found


def flights_named(connection: Connection, name: str) -> list[int]:
    """The ids of the flights ``name`` gives, as people write it: ``JU0123/2026-11-29`` (every leg flown
    under that number on that local date) or ``JU0123/2026-11-29/BEG`` (the leg leaving BEG); ``JU123``
    finds ``JU0123``. Empty for a name of another form or naming no stored flight.
    """
    designator, _, rest = name.strip().upper().partition("/")
    day_text, _, airport = rest.partition("/")
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return []
    carrier, number = split_flight_designator(designator)
    if not carrier:
        return []
    query = select(flight.c.id).where(
        flight.c.carrier == carrier, flight.c.number == number, flight.c.departure_date == day
    )
    if airport:
        query = query.where(flight.c.departure_airport == airport)
    return list(connection.execute(query.order_by(flight.c.id)).scalars())


def flight_names(connection: Connection, flight_ids: Iterable[int | None]) -> dict[int, str]:
    """The name people write for each flight id given (``JU0680/2026-11-29``; ``None`` ids are skipped)."""
    wanted = {i for i in flight_ids if i is not None}
    if not wanted:
        return {}
    rows = connection.execute(
        select(flight.c.id, flight.c.carrier, flight.c.number, flight.c.departure_date).where(
            flight.c.id.in_(wanted)
        )
    )
    return {row.id: f"{row.carrier}{row.number}/{row.departure_date.isoformat()}" for row in rows}
