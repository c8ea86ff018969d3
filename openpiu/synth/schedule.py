"""The flights of a day: rotations of every route, with local times, flight numbers and reporting state.

A rotation is an out-and-back pair flown by one aircraft and one crew. Carriers based in the region
start at the region airport in the morning; foreign carriers start at their hub. Scale thins or
multiplies the rotations of the whole network.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from openpiu.synth.draw import between
from openpiu.synth.network import (
    PIU,
    REGION_AIRPORTS,
    ROUTES,
    Aircraft,
    Carrier,
    Route,
    airport,
    block_minutes,
    state_of,
)

_UTC = ZoneInfo("UTC")
_TURNAROUND = timedelta(minutes=50)


@dataclass(frozen=True, slots=True)
class FlightPlan:
    """One flight to fill with people.

    Attributes:
        home: the region state of the route (whose citizens dominate it).
        other: the state at the other end.
        reporting_state: the state whose PIU receives the API data (the region end; for flights
            between two region states, the state of arrival).
        pair_number: the number of the other flight of the rotation (for return trips in bookings).
        pair_departure: local departure time of the pair flight.
        rotation: the rotation's id, shared by both flights (they share the crew).
    """

    carrier: Carrier
    number: str
    departure_airport: str
    arrival_airport: str
    scheduled_departure: datetime
    scheduled_arrival: datetime
    aircraft: Aircraft
    home: str
    other: str
    reporting_state: str
    pair_number: str
    pair_departure: time
    rotation: str

    @property
    def key(self) -> str:
        return f"{self.carrier.code}{self.number}/{self.scheduled_departure.date().isoformat()}"

    @property
    def recipient(self) -> str:
        return PIU[self.reporting_state]

    @property
    def region_airport(self) -> str:
        """The end of the flight in the reporting state."""
        return (
            self.departure_airport
            if state_of(self.departure_airport) == self.reporting_state
            else self.arrival_airport
        )


def arrive_local(origin: str, destination: str, departure: datetime) -> datetime:
    """Local arrival time for a local departure, through UTC and the block time."""
    start = departure.replace(tzinfo=airport(origin).zone).astimezone(_UTC)
    end = start + timedelta(minutes=block_minutes(origin, destination))
    return end.astimezone(airport(destination).zone).replace(tzinfo=None)


def _reporting_state(departure: str, arrival: str) -> str:
    if arrival in REGION_AIRPORTS:
        return REGION_AIRPORTS[arrival]
    return REGION_AIRPORTS[departure]


def _selected(rng: random.Random, scale: float) -> list[tuple[Route, int]]:
    """Every rotation of the network, thinned (scale < 1) or repeated (scale > 1)."""
    rotations = [(route, i) for route in ROUTES for i in range(route.rotations)]
    wanted = max(1, round(len(rotations) * scale))
    if wanted <= len(rotations):
        picked = sorted(rng.sample(range(len(rotations)), wanted))
        return [rotations[i] for i in picked]
    extra = [(route, route.rotations + i) for i in range(wanted // len(rotations)) for route, _ in rotations]
    return (rotations + extra)[:wanted]


def plan_day(rng: random.Random, day: date, scale: float) -> list[FlightPlan]:
    """The flights of ``day`` (two per rotation), ordered by scheduled departure."""
    counters: dict[str, int] = {}
    plans = []
    for route, index in _selected(rng, scale):
        carrier = route.carrier
        number = counters.get(carrier.code, carrier.first_number)
        counters[carrier.code] = number + 2
        if carrier.based_in_region:
            first, second = route.region, route.other
        else:
            first, second = route.other, route.region
        spread = 14 * 60 // max(route.rotations, 1)
        minute = 6 * 60 + (index % max(route.rotations, 1)) * spread + between(rng, 0, 90)
        if index >= route.rotations:  # extra rotations at large scale: later in the day
            minute = 7 * 60 + between(rng, 0, 12 * 60)
        minute = min(minute - minute % 5, 20 * 60)
        out_departure = datetime.combine(day, time(0)) + timedelta(minutes=minute)
        out_arrival = arrive_local(first, second, out_departure)
        back_departure = _arrive_round(out_arrival + _TURNAROUND + timedelta(minutes=between(rng, 0, 40)))
        back_arrival = arrive_local(second, first, back_departure)
        out_no, back_no = f"{number:04d}", f"{number + 1:04d}"
        rotation = f"{carrier.code}{out_no}R{index}"
        home = REGION_AIRPORTS[route.region]
        other = state_of(route.other)
        for dep, arr, sched_dep, sched_arr, no, pair_no, pair_dep in (
            (first, second, out_departure, out_arrival, out_no, back_no, back_departure.time()),
            (second, first, back_departure, back_arrival, back_no, out_no, out_departure.time()),
        ):
            plans.append(
                FlightPlan(
                    carrier=carrier,
                    number=no,
                    departure_airport=dep,
                    arrival_airport=arr,
                    scheduled_departure=sched_dep,
                    scheduled_arrival=sched_arr,
                    aircraft=route.aircraft,
                    home=home,
                    other=other,
                    reporting_state=_reporting_state(dep, arr),
                    pair_number=pair_no,
                    pair_departure=pair_dep,
                    rotation=rotation,
                )
            )
    plans.sort(key=lambda p: (p.scheduled_departure, p.carrier.code, p.number))
    return plans


def _arrive_round(value: datetime) -> datetime:
    """Round up to the next 5 minutes, as timetables do."""
    extra = (-value.minute) % 5
    return value.replace(second=0, microsecond=0) + timedelta(minutes=extra)
