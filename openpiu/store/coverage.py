"""What is kept beyond the plain retention limits: objective-link holds, and hits that need their data.

Hits name their traveller by a key (``JU0680/2026-11-29/ABC123/1``) and their flight by
``CARRIERNUMBER/DATE``; a record locator inside the key ties the hit to a booking and to the API records
naming that locator, a key without one stands for its whole flight (more is kept, never less).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast

from sqlalchemy import Connection, Table, exists, select

from openpiu.model import DataState
from openpiu.privacy.retention import hold_active
from openpiu.review.hit import HitState
from openpiu.store.pnr_tables import booking_version, pnr_push
from openpiu.store.privacy_tables import RetentionHoldRow
from openpiu.store.review_tables import HitRow
from openpiu.store.tables import flight, traveller

hold = cast(Table, RetentionHoldRow.__table__)
hit = cast(Table, HitRow.__table__)

# A record locator inside a hit's traveller key: 5 to 8 letters and digits, at least one letter.
_LOCATOR = re.compile(r"(?=.*[A-Z])[A-Z0-9]{5,8}")


def flight_key(carrier: str, number: str, departure: date) -> str:
    """The key hits use for a flight (``JU0680/2026-11-29``)."""
    return f"{carrier}{number}/{departure.isoformat()}"


def hit_locators(traveller_key: str, flight: str) -> frozenset[str]:
    """The record locators a hit's traveller key names (none: the hit is about the flight as a whole)."""
    designator = flight.split("/", 1)[0].upper()
    return frozenset(
        part
        for part in traveller_key.upper().split("/")
        if part != designator and _LOCATOR.fullmatch(part) and not part.isdigit()
    )


@dataclass
class Coverage:
    """What is kept beyond the plain limits: active objective-link holds, and hits needing their data."""

    bookings: set[tuple[str, str]] = field(default_factory=set)
    flights: set[str] = field(default_factory=set)
    travellers: set[int] = field(default_factory=set)
    hit_locators: dict[str, set[str]] = field(default_factory=dict)
    hit_flights: set[str] = field(default_factory=set)

    def covers(
        self,
        *,
        flights: Iterable[str],
        carrier: str | None = None,
        locator: str | None = None,
        traveller_id: int | None = None,
    ) -> bool:
        keys = set(flights)
        if keys & (self.flights | self.hit_flights):
            return True
        if traveller_id is not None and traveller_id in self.travellers:
            return True
        if locator:
            wanted = locator.upper()
            if carrier and (carrier.upper(), wanted) in self.bookings:
                return True
            if not carrier and any(held == wanted for _, held in self.bookings):
                return True
            return any(wanted in self.hit_locators.get(key, ()) for key in keys)
        return False


def load_coverage(connection: Connection, *, now: datetime) -> Coverage:
    """Active holds, and the hits not dismissed (a confirmed or open hit needs the data it rests on)."""
    coverage = Coverage()
    for target, review_date in connection.execute(
        select(hold.c.target, hold.c.review_date).where(hold.c.released_at.is_(None))
    ):
        if not hold_active(review_date=review_date, released=False, now=now):
            continue
        kind, _, value = target.partition(":")
        if kind == "booking":
            carrier, _, locator = value.upper().partition("/")
            coverage.bookings.add((carrier, locator))
        elif kind == "flight":
            coverage.flights.add(value.upper())
        elif kind == "traveller" and value.isdigit():
            coverage.travellers.add(int(value))
    for key, flight_name in connection.execute(
        select(hit.c.traveller_key, hit.c.flight_key).where(
            hit.c.state != HitState.DISMISSED, hit.c.data_state != DataState.DELETED
        )
    ):
        locators = hit_locators(key, flight_name)
        if locators:
            coverage.hit_locators.setdefault(flight_name.upper(), set()).update(locators)
        else:
            coverage.hit_flights.add(flight_name.upper())
    return coverage


def flight_keys(connection: Connection, flight_ids: Iterable[int | None]) -> dict[int, str]:
    """The hit-style key of each flight id given (``None`` ids are skipped)."""
    wanted = {i for i in flight_ids if i is not None}
    if not wanted:
        return {}
    rows = connection.execute(
        select(flight.c.id, flight.c.carrier, flight.c.number, flight.c.departure_date).where(
            flight.c.id.in_(wanted)
        )
    )
    return {row.id: flight_key(row.carrier, row.number, row.departure_date) for row in rows}


def hit_data_exist(connection: Connection, *, traveller_key: str, flight_name: str) -> bool:
    """Whether the data a hit rests on are still held (masked or not).

    The traveller is found by the record locator its key names; a key naming none stands for the flight.
    """
    designator, _, day = flight_name.upper().partition("/")
    try:
        departure = date.fromisoformat(day)
    except ValueError:
        return False
    flights = [
        row.id
        for row in connection.execute(
            select(flight.c.id, flight.c.carrier, flight.c.number).where(flight.c.departure_date == departure)
        )
        if f"{row.carrier}{row.number}" == designator
    ]
    if not flights:
        return False
    locators = hit_locators(traveller_key, flight_name)
    version = select(booking_version.c.id).join(pnr_push, pnr_push.c.id == booking_version.c.pnr_push_id)
    version = version.where(pnr_push.c.flight_id.in_(flights))
    person = select(traveller.c.id).where(traveller.c.flight_id.in_(flights))
    if locators:
        version = version.where(booking_version.c.record_locator.in_(locators))
        person = person.where(traveller.c.reservation_ref.in_(locators))
    return bool(connection.execute(select(exists(version) | exists(person))).scalar_one())
