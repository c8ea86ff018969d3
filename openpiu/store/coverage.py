"""What is kept beyond the plain retention limits: objective-link holds, and hits that need their data.

Hits name their flight ``flight:ID`` (``openpiu.review.keys``); a record locator inside a hit's traveller key
(``pnr:JU/ABC123/1``, ``.../pnr/ABC123/...``) ties the hit to that booking and to the API records naming
the locator, a key without one (an API traveller, a pseudonym) stands for its whole flight (more is
kept, never less). Holds name a flight as people write it (``flight:JU0680/2026-11-29``): every leg of
that number and day is held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import Connection, Table, exists, select

from openpiu.model import DataState
from openpiu.privacy.retention import hold_active
from openpiu.review.hit import HitState
from openpiu.review.keys import flight_id, hit_locators
from openpiu.store.flights import flights_named
from openpiu.store.pnr_tables import booking_version, pnr_push
from openpiu.store.privacy_tables import RetentionHoldRow
from openpiu.store.review_tables import HitRow
from openpiu.store.tables import traveller

hold = cast(Table, RetentionHoldRow.__table__)
hit = cast(Table, HitRow.__table__)


@dataclass
class Coverage:
    """What is kept beyond the plain limits: active objective-link holds, and hits needing their data.

    Flights are stored flight ids: those held (``flights``), those a hit stands for as a whole
    (``hit_flights``), and the record locators hits name on each flight (``hit_locators``).
    """

    bookings: set[tuple[str, str]] = field(default_factory=set)
    flights: set[int] = field(default_factory=set)
    travellers: set[int] = field(default_factory=set)
    hit_locators: dict[int, set[str]] = field(default_factory=dict)
    hit_flights: set[int] = field(default_factory=set)

    def covers(
        self,
        *,
        flight_id: int | None,
        carrier: str | None = None,
        locator: str | None = None,
        traveller_id: int | None = None,
    ) -> bool:
        """Whether an item (a booking version, an API traveller) on flight ``flight_id`` is kept."""
        if flight_id is not None and (flight_id in self.flights or flight_id in self.hit_flights):
            return True
        if traveller_id is not None and traveller_id in self.travellers:
            return True
        if locator:
            wanted = locator.upper()
            if carrier and (carrier.upper(), wanted) in self.bookings:
                return True
            if not carrier and any(held == wanted for _, held in self.bookings):
                return True
            return flight_id is not None and wanted in self.hit_locators.get(flight_id, ())
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
            coverage.flights.update(flights_named(connection, value))
        elif kind == "traveller" and value.isdigit():
            coverage.travellers.add(int(value))
    for key, flight_name in connection.execute(
        select(hit.c.traveller_key, hit.c.flight_key).where(
            hit.c.state != HitState.DISMISSED, hit.c.data_state != DataState.DELETED
        )
    ):
        locators = hit_locators(key)
        for on in hit_flight_ids(connection, flight_name):
            if locators:
                coverage.hit_locators.setdefault(on, set()).update(locators)
            else:
                coverage.hit_flights.add(on)
    return coverage


def hit_flight_ids(connection: Connection, flight_key: str) -> list[int]:
    """The flight a hit's flight key names; for a key of a form older than ``flight:ID`` that migration
    0011 left (``JU0123/2026-11-29`` flown in several legs), every flight it may name."""
    on = flight_id(flight_key)
    return [on] if on is not None else flights_named(connection, flight_key)


def hit_data_exist(connection: Connection, *, traveller_key: str, flight_key: str) -> bool:
    """Whether the data a hit rests on are still held (masked or not).

    The traveller is found by the record locator its key names; a key naming none stands for the flight.
    """
    flights = hit_flight_ids(connection, flight_key)
    if not flights:
        return False
    locators = hit_locators(traveller_key)
    version = select(booking_version.c.id).join(pnr_push, pnr_push.c.id == booking_version.c.pnr_push_id)
    version = version.where(pnr_push.c.flight_id.in_(flights))
    person = select(traveller.c.id).where(traveller.c.flight_id.in_(flights))
    if locators:
        version = version.where(booking_version.c.record_locator.in_(locators))
        person = person.where(traveller.c.reservation_ref.in_(locators))
    return bool(connection.execute(select(exists(version) | exists(person))).scalar_one())
