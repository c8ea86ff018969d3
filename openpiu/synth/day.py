"""One synthetic day of the region's API traffic, generated purely and deterministically from a seed."""

from __future__ import annotations

import random
from datetime import date

from openpiu.synth.bookings import fill_flight
from openpiu.synth.crew import crew_for
from openpiu.synth.messages import Counters, messages_for
from openpiu.synth.model import Boarding, Booking, SynthDay, SynthFlight, SynthMessage
from openpiu.synth.profiles import BIRTHPLACE
from openpiu.synth.schedule import FlightPlan, plan_day
from openpiu.synth.tickets import TicketOffice


def flight_of(plan: FlightPlan, passengers: list[Boarding], crew: tuple[Boarding, ...]) -> SynthFlight:
    """The flight of ``plan`` with the people on board."""
    return SynthFlight(
        key=plan.key,
        carrier=plan.carrier.code,
        number=plan.number,
        departure_airport=plan.departure_airport,
        arrival_airport=plan.arrival_airport,
        scheduled_departure=plan.scheduled_departure,
        scheduled_arrival=plan.scheduled_arrival,
        aircraft=plan.aircraft.code,
        seats=plan.aircraft.seats,
        reporting_state=plan.reporting_state,
        passengers=tuple(passengers),
        crew=crew,
    )


def _rng(*parts: object) -> random.Random:
    """A generator seeded by ``parts`` (string seeds hash deterministically across runs and platforms)."""
    seed = "/".join(str(p) for p in ("openpiu-synth", *parts))
    return random.Random(seed)  # noqa: S311 -- synthetic data must be reproducible, not secret


def generate_day(*, seed: int, scale: float = 1.0, day: date) -> SynthDay:
    """Flights, people, bookings and PAXLST manifests of one day.

    Args:
        seed: the same seed (with the same scale and day) gives the same day, byte for byte.
        scale: share of the region's daily rotations; 1.0 is a full day (about 270 flights and
            30,000 passengers), 0.02 a handful of flights for tests, 2.0 twice the traffic.
        day: the local date of the scheduled departures.

    Each flight draws from its own ``random.Random`` seeded by the seed and the flight's key, so a
    flight's content does not depend on which other flights a scale selects.

    Raises:
        ValueError: scale is not positive.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale}")
    plans = plan_day(_rng(seed, day.isoformat()), day, scale)
    locators: set[str] = set()
    ticket_numbers: set[str] = set()
    counters = Counters({})
    crews: dict[str, tuple[Boarding, ...]] = {}
    flights: list[SynthFlight] = []
    bookings: list[Booking] = []
    messages: list[SynthMessage] = []
    for plan in plans:
        rng = _rng(seed, plan.key)
        if plan.rotation not in crews:
            crews[plan.rotation] = crew_for(_rng(seed, plan.rotation), plan)
        passengers, flight_bookings = fill_flight(
            rng,
            plan,
            locators=locators,
            with_birthplace=plan.carrier.code in BIRTHPLACE,
            tickets=TicketOffice(_rng(seed, plan.key, "tickets"), ticket_numbers),
        )
        flight = flight_of(plan, passengers, crews[plan.rotation])
        flights.append(flight)
        bookings.extend(flight_bookings)
        messages.extend(messages_for(rng, plan, flight, counters))
    return SynthDay(day, seed, scale, tuple(flights), tuple(bookings), tuple(messages))
