"""A hit's review deadline: the time by which a person must have decided, from the PIU's own state.

A PIU acts on its own territory. On a flight arriving in its state the travellers can still be met at the
gate until the flight lands, so review must be done before arrival; on a flight leaving its state (or
flying within it) the travellers are beyond reach once it has taken off, so review must be done before
departure (PNR Directive Art 6(2)(a): assessment "prior to their scheduled arrival in or departure from
the Member State").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class DeadlineBasis(StrEnum):
    """Which scheduled time of the flight the deadline is."""

    DEPARTURE = "departure"
    ARRIVAL = "arrival"


@dataclass(frozen=True, slots=True)
class ReviewDeadline:
    """The deadline (None when the flight's time is not known), which time it is, and why."""

    at: datetime | None
    basis: DeadlineBasis
    reason: str


def review_deadline(
    *,
    piu_country: str,
    departure_country: str | None,
    arrival_country: str | None,
    departure: datetime | None,
    arrival: datetime | None,
    now: datetime | None = None,
) -> ReviewDeadline:
    """Decide a flight's review deadline.

    Inbound (arrives in the PIU's state from abroad): the scheduled arrival. Outbound, domestic, a flight
    that does not touch the state, or an airport whose country is unknown: the scheduled departure. A
    departure deadline that had already passed when the hit was found (API is often sent at wheels-up)
    becomes the scheduled arrival: the travellers are still in the air and the state they fly to can
    still be alerted.

    Args:
        piu_country: the PIU's state, alpha-3 (``settings.piu_country``).
        departure_country: alpha-3 country of the departure airport; None when the airport is unknown.
        arrival_country: the same for the arrival airport.
        departure: scheduled departure (UTC, aware); None when not known.
        arrival: scheduled arrival (UTC, aware); None when not known.
        now: when the hit is found; None to ignore whether the flight has left.
    """
    if departure_country is None or arrival_country is None:
        end = "departure" if departure_country is None else "arrival"
        situation = f"{end} airport's country unknown"
    elif arrival_country == piu_country and departure_country != piu_country:
        if arrival is not None:
            return ReviewDeadline(arrival, DeadlineBasis.ARRIVAL, f"inbound to {piu_country}: before arrival")
        situation = f"inbound to {piu_country}, arrival time unknown"
    elif departure_country == piu_country:
        situation = (
            f"domestic in {piu_country}" if arrival_country == piu_country else f"outbound from {piu_country}"
        )
    else:
        situation = f"neither from nor to {piu_country}"
    if departure is None and arrival is not None:
        return ReviewDeadline(
            arrival, DeadlineBasis.ARRIVAL, f"{situation}, departure time unknown: before arrival"
        )
    if now is not None and departure is not None and departure <= now and arrival is not None:
        return ReviewDeadline(
            arrival, DeadlineBasis.ARRIVAL, f"{situation}, already departed when found: before arrival"
        )
    return ReviewDeadline(departure, DeadlineBasis.DEPARTURE, f"{situation}: before departure")
