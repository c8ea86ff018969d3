"""Passengers of one flight, booking by booking: solo travellers, couples, families, friends, groups.

Members of a booking share a record locator (``RFF+AVF``) and sit together; families share a surname
(in its feminine form for women where the language has one). Each booking records what a PNR would:
creation time, channel, agency, payment, contact and itinerary (with return and connecting flights),
and booked travellers who did not board.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from openpiu.model import Role, Sex
from openpiu.synth.contacts import agency_for, email_for, payment_for, phone_for
from openpiu.synth.draw import Weighted
from openpiu.synth.model import Boarding, Booking, Segment, SynthPerson
from openpiu.synth.names import TABLES
from openpiu.synth.network import BEYOND, REGION_AIRPORTS, airport, block_minutes
from openpiu.synth.people import (
    PersonSpec,
    adult_birth_date,
    birth_date,
    draw_person,
    nationality_mix,
    origin_for,
)
from openpiu.synth.schedule import FlightPlan

_LOCATOR = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REGION_STATES = frozenset(REGION_AIRPORTS.values())
_HUBS = {"VIE", "FRA", "MUC", "ZRH", "IST", "ATH", "FCO", "CDG", "LHR", "AMS"}
# Booking sizes and kinds, with weights: most travel alone or in pairs.
_KINDS = Weighted.of([("solo", 0.5), ("couple", 0.16), ("friends", 0.08), ("family", 0.22), ("group", 0.04)])
_CHANNELS = Weighted.of([("WEB", 0.6), ("AGENCY", 0.26), ("CALL_CENTRE", 0.1), ("AIRPORT", 0.04)])
_BAGS = Weighted.of([(0, 0.45), (1, 0.42), (2, 0.13)])


@dataclass
class FlightFill:
    """Mutable state while filling one flight (seats left, counters); not part of the result."""

    plan: FlightPlan
    day: date
    seats: list[str]
    with_birthplace: bool
    locators: set[str]
    mix: Weighted[str]
    id_prefix: str
    boardings: list[Boarding] = field(default_factory=list)
    bookings: list[Booking] = field(default_factory=list)
    people: int = 0


def fill_flight(
    rng: random.Random, plan: FlightPlan, *, locators: set[str], with_birthplace: bool
) -> tuple[list[Boarding], list[Booking]]:
    """Board passengers on ``plan`` up to a drawn load factor; ``locators`` keeps them unique per day."""
    aircraft = plan.aircraft
    rows = list(range(1, aircraft.rows + 1))
    rng.shuffle(rows)
    seats = [f"{row}{letter}" for row in rows for letter in aircraft.letters]
    seats.reverse()  # taken from the end: consecutive seats of a shuffled row order
    fill = FlightFill(
        plan=plan,
        day=plan.scheduled_departure.date(),
        seats=seats,
        with_birthplace=with_birthplace,
        locators=locators,
        mix=nationality_mix(plan.home, plan.other),
        id_prefix=f"{plan.carrier.code}{plan.number}-{plan.scheduled_departure:%Y%m%d}-",
    )
    target = round(aircraft.seats * min(0.99, rng.betavariate(6, 2.2)))
    while len(fill.boardings) < target:
        _booking(rng, fill, target - len(fill.boardings))
    return fill.boardings, fill.bookings


def _person(rng: random.Random, fill: FlightFill, spec: PersonSpec) -> SynthPerson:
    fill.people += 1
    plan = fill.plan
    person_id = f"{fill.id_prefix}{fill.people:03d}"
    return draw_person(
        rng,
        spec,
        person_id=person_id,
        travel_day=fill.day,
        route_states=(plan.home, plan.other),
        with_birthplace=fill.with_birthplace,
    )


def _adult(
    rng: random.Random, fill: FlightFill, nationality: str | None = None, sex: Sex | None = None
) -> PersonSpec:
    nationality = nationality or fill.mix.pick(rng)
    residence = nationality
    # Citizens of the region state flying to a foreign hub often live there (diaspora).
    if nationality == fill.plan.home and fill.plan.other not in REGION_STATES and rng.random() < 0.25:
        residence = fill.plan.other
    return PersonSpec(
        nationality=nationality,
        origin=origin_for(rng, nationality, fill.plan.home),
        sex=sex or (Sex.FEMALE if rng.random() < 0.48 else Sex.MALE),
        date_of_birth=adult_birth_date(rng, fill.day),
        residence=residence,
    )


def _members(rng: random.Random, fill: FlightFill, kind: str, room: int) -> list[PersonSpec]:
    if kind == "solo" or room == 1:
        return [_adult(rng, fill)]
    if kind == "couple":
        first = _adult(rng, fill, sex=Sex.MALE)
        first = replace(first, surname=rng.choice(TABLES[first.origin].surnames))
        partner_born = first.date_of_birth + timedelta(days=rng.randrange(-2500, 2500))
        adult_at_least = fill.day - timedelta(days=18 * 366)
        return [first, replace(first, sex=Sex.FEMALE, date_of_birth=min(partner_born, adult_at_least))]
    if kind == "friends":
        nationality = fill.mix.pick(rng)
        return [_adult(rng, fill, nationality) for _ in range(min(room, rng.randint(2, 4)))]
    if kind == "group":
        size = min(room, rng.randint(6, 24))
        nationality = fill.mix.pick(rng)
        return [_adult(rng, fill, nationality if rng.random() < 0.8 else None) for _ in range(size)]
    # A family: one or two parents and children, one surname (feminine forms drawn per person).
    parent = _adult(rng, fill, sex=Sex.MALE)
    surname = rng.choice(TABLES[parent.origin].surnames)
    parent = replace(parent, surname=surname, date_of_birth=birth_date(rng, fill.day, 27, 50))
    family = [parent]
    if rng.random() < 0.75:
        family.append(replace(parent, sex=Sex.FEMALE, date_of_birth=birth_date(rng, fill.day, 25, 48)))
    elif rng.random() < 0.6:
        family[0] = replace(parent, sex=Sex.FEMALE)
    for _ in range(min(room - len(family), rng.randint(1, 3))):
        sex = Sex.FEMALE if rng.random() < 0.49 else Sex.MALE
        family.append(replace(parent, sex=sex, date_of_birth=birth_date(rng, fill.day, 0, 17)))
    return family


def _booking(rng: random.Random, fill: FlightFill, room: int) -> None:
    kind = _KINDS.pick(rng)
    specs = _members(rng, fill, kind, room)
    people = [_person(rng, fill, spec) for spec in specs]
    # About 2% of booked travellers do not show up; they stay on the booking, not on the manifest.
    no_shows = [p for p in people if rng.random() < 0.02] if len(people) > 1 or rng.random() < 0.5 else []
    boarded = [p for p in people if p not in no_shows]
    locator = _locator(rng, fill.locators)
    plan = fill.plan
    connecting = plan.other not in REGION_AIRPORTS.values() and rng.random() < 0.08
    beyond = rng.choice([b for b in BEYOND if b not in (plan.departure_airport, plan.arrival_airport)])
    inbound_from_hub = plan.departure_airport in _HUBS
    outbound_to_hub = plan.arrival_airport in _HUBS
    embarkation = beyond if connecting and inbound_from_hub else plan.departure_airport
    debarkation = beyond if connecting and outbound_to_hub and not inbound_from_hub else plan.arrival_airport
    for person in boarded:
        fill.boardings.append(_boarding(rng, fill, person, locator, embarkation, debarkation))
    fill.bookings.append(_record(rng, fill, kind, people, no_shows, locator, embarkation, debarkation))


def _boarding(
    rng: random.Random,
    fill: FlightFill,
    person: SynthPerson,
    locator: str,
    embarkation: str,
    debarkation: str,
) -> Boarding:
    plan = fill.plan
    infant = (fill.day - person.date_of_birth).days < 730
    seat = None if infant or not fill.seats or rng.random() < 0.02 else fill.seats.pop()
    adult = (fill.day - person.date_of_birth).days >= 12 * 365
    bags = _BAGS.pick(rng) if adult else 0
    tags: tuple[str, ...] = ()
    weight = None
    if bags:
        first = rng.randrange(100000, 999000)
        tags = tuple(f"{plan.carrier.code}{first + i}" for i in range(bags))
        weight = sum(rng.randint(9, 23) for _ in range(bags))
    return Boarding(
        person=person,
        role=Role.PASSENGER,
        record_locator=locator,
        passenger_ref=f"{plan.carrier.code}{plan.number}{len(fill.boardings) + 1:03d}",
        seat=seat,
        bags=bags if adult else None,
        bag_weight=weight,
        bag_tags=tags,
        verified=rng.random() < 0.95,
        embarkation=embarkation,
        debarkation=debarkation,
    )


def _locator(rng: random.Random, taken: set[str]) -> str:
    while True:
        value = "".join(rng.choices(_LOCATOR, k=6))
        if value not in taken:
            taken.add(value)
            return value


def _record(
    rng: random.Random,
    fill: FlightFill,
    kind: str,
    people: list[SynthPerson],
    no_shows: list[SynthPerson],
    locator: str,
    embarkation: str,
    debarkation: str,
) -> Booking:
    plan = fill.plan
    departure_local = plan.scheduled_departure.replace(tzinfo=airport(plan.departure_airport).zone)
    channel = "AGENCY" if kind == "group" else _CHANNELS.pick(rng)
    if channel == "AIRPORT":  # go-show: bought at the desk on the day
        ahead = timedelta(minutes=rng.randrange(60, 240))
    elif rng.random() < 0.06:  # last minute
        ahead = timedelta(hours=rng.randrange(3, 48))
    else:
        ahead = timedelta(days=min(330.0, rng.expovariate(1 / 35)) + 2, seconds=rng.randrange(86400))
    created = (departure_local - ahead).astimezone(UTC).replace(tzinfo=None, microsecond=0)
    contact = people[0]
    this = Segment(
        plan.carrier.code,
        plan.number,
        plan.departure_airport,
        plan.arrival_airport,
        plan.scheduled_departure,
        plan.key,
    )
    itinerary = [this]
    if embarkation != plan.departure_airport:
        feeder_departure = plan.scheduled_departure - timedelta(
            minutes=block_minutes(embarkation, plan.departure_airport) + 120
        )
        itinerary.insert(
            0,
            Segment(
                plan.carrier.code,
                f"{rng.randrange(7000, 7999):04d}",
                embarkation,
                plan.departure_airport,
                feeder_departure,
                None,
            ),
        )
    if debarkation != plan.arrival_airport:
        onward = plan.scheduled_arrival + timedelta(minutes=rng.randrange(90, 240))
        itinerary.append(
            Segment(
                plan.carrier.code,
                f"{rng.randrange(7000, 7999):04d}",
                plan.arrival_airport,
                debarkation,
                onward,
                None,
            )
        )
    trip = rng.random()
    pair = datetime.combine(fill.day, plan.pair_departure)
    if trip < 0.45:  # return trip booked together
        itinerary.append(
            Segment(
                plan.carrier.code,
                plan.pair_number,
                plan.arrival_airport,
                plan.departure_airport,
                pair + timedelta(days=rng.randint(2, 21)),
                None,
            )
        )
    elif trip < 0.75 and created < pair - timedelta(days=3):  # this flight is the way back
        itinerary.insert(
            0,
            Segment(
                plan.carrier.code,
                plan.pair_number,
                plan.arrival_airport,
                plan.departure_airport,
                pair - timedelta(days=rng.randint(2, 21)),
                None,
            ),
        )
    return Booking(
        record_locator=locator,
        created=created,
        kind=kind,
        channel=channel,
        agency=agency_for(rng, plan.home) if channel == "AGENCY" else None,
        payment=payment_for(
            rng, channel, contact, len(people), block_minutes(plan.departure_airport, plan.arrival_airport)
        ),
        contact_phone=phone_for(rng, contact.residence),
        contact_email=email_for(rng, contact),
        travellers=tuple(people),
        no_show_ids=tuple(p.person_id for p in no_shows),
        itinerary=tuple(itinerary),
    )
