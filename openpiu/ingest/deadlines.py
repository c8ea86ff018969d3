"""A stored flight's review deadline: its airports' countries looked up, then ``review.review_deadline``."""

from __future__ import annotations

from datetime import datetime

from openpiu.review import ReviewDeadline, review_deadline
from openpiu.store.airports import airport_country


def flight_deadline(
    *,
    piu_country: str,
    departure_airport: str | None,
    arrival_airport: str | None,
    departure: datetime | None,
    arrival: datetime | None,
    now: datetime | None,
) -> ReviewDeadline:
    """The review deadline of a hit found at ``now`` on a flight between two IATA airports (UTC times)."""
    return review_deadline(
        piu_country=piu_country,
        departure_country=airport_country(departure_airport) if departure_airport else None,
        arrival_country=airport_country(arrival_airport) if arrival_airport else None,
        departure=departure,
        arrival=arrival,
        now=now,
    )
