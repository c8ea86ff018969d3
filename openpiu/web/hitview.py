"""Hits as the review screens show them: with their flight, traveller and deadline in airport local time.

Hits name their flight ``flight:ID`` (``openpiu.review.keys``) and their traveller ``traveller:ID`` (API)
or ``pnr:...`` (a PNR traveller not reported in API); this module resolves the stored rows for a page of
hits in two queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from openpiu.accounts import Principal
from openpiu.model import StaffRole
from openpiu.review import Actor, DeadlineBasis, ReviewRole
from openpiu.review.keys import TRAVELLER, flight_id, key_id
from openpiu.review.queue import time_left
from openpiu.store import board as boards
from openpiu.store.hits import StoredHit
from openpiu.store.tables import FlightRow, TravellerRow


@dataclass(frozen=True, slots=True)
class HitView:
    """One hit with what its screens show beside it."""

    id: int
    stored: StoredHit
    flight: FlightRow | None
    traveller: TravellerRow | None
    traveller_label: str
    # The airport whose local time the deadline is shown in (departure, or arrival for inbound).
    deadline_airport: str | None
    # Which scheduled time of the flight the deadline is (``openpiu.review.deadline``); None when the
    # hit has no deadline or its flight is not a stored one.
    deadline_basis: DeadlineBasis | None
    left: timedelta | None

    @property
    def overdue(self) -> bool:
        return self.left is not None and self.left.total_seconds() < 0


def hit_views(session: Session, hits: Sequence[StoredHit], *, now: datetime) -> list[HitView]:
    """``hits`` in the same order, with their stored flight and traveller resolved."""
    flights = boards.flights_by_id(
        session, flight_ids=[i for h in hits if (i := flight_id(h.hit.flight_key)) is not None]
    )
    travellers = boards.travellers_by_id(
        session,
        traveller_ids=[i for h in hits if (i := key_id(h.hit.traveller_key, TRAVELLER)) is not None],
    )
    views = []
    for stored in hits:
        hit = stored.hit
        on = flight_id(hit.flight_key)
        flight = flights.get(on) if on is not None else None
        traveller_id = key_id(hit.traveller_key, TRAVELLER)
        traveller = travellers.get(traveller_id) if traveller_id is not None else None
        if traveller is not None:
            label = f"{traveller.surname}, {traveller.given_names}"
        else:
            label = hit.traveller_key.removeprefix("pnr:")
        airport = basis = None
        if flight is not None:
            inbound = hit.deadline is not None and hit.deadline == flight.scheduled_arrival_utc
            airport = flight.arrival_airport if inbound else flight.departure_airport
            if hit.deadline is not None:
                basis = DeadlineBasis.ARRIVAL if inbound else DeadlineBasis.DEPARTURE
        views.append(
            HitView(stored.id, stored, flight, traveller, label, airport, basis, time_left(hit, now))
        )
    return views


def review_actor(principal: Principal) -> Actor:
    """The person acting on a hit, in the review role their staff role gives."""
    role = ReviewRole.SUPERVISOR if principal.role is StaffRole.SUPERVISOR else ReviewRole.ANALYST
    return Actor(principal.username, role)
