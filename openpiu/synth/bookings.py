"""Passengers of one flight, booking by booking: solo travellers, couples, families, friends, groups.

Members of a booking share a record locator (``RFF+AVF``) and sit together; families share a surname
(in its feminine form for women where the language has one). Each booking records what a PNR would:
creation time, channel, agency, payment, contact and itinerary (with return and connecting flights),
a ticket per traveller paid by the booking's payment, and booked travellers who did not board.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from openpiu.model import Role, Sex
from openpiu.pnr.names import plain
from openpiu.synth.contacts import agency_for, email_for, payment_for, phone_for
from openpiu.synth.draw import Weighted, between, pick
from openpiu.synth.model import Boarding, Booking, Segment, SynthPerson
from openpiu.synth.model import Payment as SynthPayment
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
from openpiu.synth.spelling import Spelling, spell
from openpiu.synth.tickets import TicketOffice, fare_units, is_infant

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
    tickets: TicketOffice
    boardings: list[Boarding] = field(default_factory=list)
    bookings: list[Booking] = field(default_factory=list)
    people: int = 0


def fill_flight(
    rng: random.Random,
    plan: FlightPlan,
    *,
    locators: set[str],
    with_birthplace: bool,
    tickets: TicketOffice,
) -> tuple[list[Boarding], list[Booking]]:
    """Board passengers on ``plan`` up to a drawn load factor; ``locators`` keeps them unique per day,
    ``tickets`` numbers every traveller's ticket (its own generator: the flight's ``rng`` draws the same
    people with or without tickets)."""
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
        tickets=tickets,
    )
    # Load factor: mean about 0.71 (a late-autumn weekday), a few flights nearly full.
    target = round(aircraft.seats * min(0.99, rng.betavariate(5.5, 2.2)))
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
        first = replace(first, surname=pick(rng, TABLES[first.origin].surnames))
        partner_born = first.date_of_birth + timedelta(days=between(rng, -2500, 2500))
        adult_at_least = fill.day - timedelta(days=18 * 366)
        return [first, replace(first, sex=Sex.FEMALE, date_of_birth=min(partner_born, adult_at_least))]
    if kind == "friends":
        nationality = fill.mix.pick(rng)
        return [_adult(rng, fill, nationality) for _ in range(min(room, between(rng, 2, 4 + 1)))]
    if kind == "group":
        size = min(room, between(rng, 6, 24 + 1))
        nationality = fill.mix.pick(rng)
        return [_adult(rng, fill, nationality if rng.random() < 0.8 else None) for _ in range(size)]
    # A family: one or two parents and children, one surname (feminine forms drawn per person).
    parent = _adult(rng, fill, sex=Sex.MALE)
    surname = pick(rng, TABLES[parent.origin].surnames)
    parent = replace(parent, surname=surname, date_of_birth=birth_date(rng, fill.day, 27, 50))
    family = [parent]
    if rng.random() < 0.75:
        family.append(replace(parent, sex=Sex.FEMALE, date_of_birth=birth_date(rng, fill.day, 25, 48)))
    elif rng.random() < 0.6:
        family[0] = replace(parent, sex=Sex.FEMALE)
    for _ in range(min(room - len(family), between(rng, 1, 3 + 1))):
        sex = Sex.FEMALE if rng.random() < 0.49 else Sex.MALE
        family.append(replace(parent, sex=sex, date_of_birth=birth_date(rng, fill.day, 0, 17)))
    return family


def _booking(rng: random.Random, fill: FlightFill, room: int) -> None:
    plan = fill.plan
    kind = _KINDS.pick(rng)
    behaviour = _BEHAVIOURS.pick(rng)
    may_connect = plan.other not in REGION_STATES
    if (behaviour == "third_party" and room < 3) or (behaviour == "transit" and not may_connect):
        behaviour = "none"
    if behaviour in ("transit", "courier"):
        kind = "solo"
    if behaviour == "third_party":
        kind = "friends"
        nationality = fill.mix.pick(rng)
        specs = [_adult(rng, fill, nationality) for _ in range(min(room, between(rng, 3, 4 + 1)))]
    else:
        specs = _members(rng, fill, kind, room)
    people = [_person(rng, fill, spec) for spec in specs]
    if behaviour == "transit":
        people = [_foreign_document(rng, fill, people[0])]
    timing = _timing(rng, kind, behaviour)
    # About 2% of booked travellers do not show up; they stay on the booking, not on the manifest.
    no_shows = [] if timing.go_show else [p for p in people if rng.random() < 0.02]
    boarded = [p for p in people if p not in no_shows]
    locator = _locator(rng, fill.locators)
    connecting = may_connect and (behaviour == "transit" or rng.random() < 0.08)
    beyond = pick(rng, [b for b in BEYOND if b not in (plan.departure_airport, plan.arrival_airport)])
    inbound_from_hub = plan.departure_airport in _HUBS
    outbound_to_hub = plan.arrival_airport in _HUBS
    if behaviour == "transit" and not (inbound_from_hub or outbound_to_hub):
        inbound_from_hub = True
    embarkation = beyond if connecting and inbound_from_hub else plan.departure_airport
    debarkation = beyond if connecting and outbound_to_hub and not inbound_from_hub else plan.arrival_airport
    no_bags = behaviour == "courier"
    for person in boarded:
        fill.boardings.append(
            _boarding(rng, fill, person, locator, (embarkation, debarkation), no_bags=no_bags)
        )
    route = (locator, embarkation, debarkation)
    fill.bookings.append(_record(rng, fill, kind, behaviour, timing, people, no_shows, route))


# Rare behaviours the example criteria look for (``openpiu.screening.rules.examples``), each on about
# one booking in 1,700: a handful per criterion in a full day. None involves a sensitive attribute.
_BEHAVIOURS = Weighted.of(
    [
        ("none", 0.9976),
        ("third_party", 0.0006),  # a small party on one-way tickets paid by someone else, booked late
        ("transit", 0.0006),  # in transit on a foreign-issued document expiring within weeks
        ("rebooked", 0.0006),  # the itinerary changed between pushes, ticketed on the last day
        ("courier", 0.0006),  # a return trip of a day or two, paid in cash, no checked bag
    ]
)
# Share of desk (AIRPORT) sales made after the flight's last PNR push: go-shows.
_GO_SHOW_SHARE = 0.2
# The last PNR push of a flight is sent at closure, this long before departure (``openpiu.synth.pnr``).
LAST_PUSH_AHEAD = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class _Timing:
    channel: str
    ahead: timedelta  # booked this long before departure
    go_show: bool = False


def _timing(rng: random.Random, kind: str, behaviour: str) -> _Timing:
    """Channel and how long before departure the booking was made."""
    channel = "AGENCY" if kind == "group" else _CHANNELS.pick(rng)
    if behaviour == "third_party":
        return _Timing(pick(rng, ("WEB", "CALL_CENTRE")), timedelta(hours=between(rng, 6, 90)))
    if behaviour == "courier":
        channel = pick(rng, ("CALL_CENTRE", "AGENCY"))
    elif channel == "AIRPORT":  # bought at the desk on the day; some after the last push
        if behaviour == "none" and rng.random() < _GO_SHOW_SHARE:
            return _Timing(channel, timedelta(minutes=between(rng, 5, 30)), go_show=True)
        return _Timing(channel, timedelta(minutes=between(rng, 60, 240)))
    if behaviour == "none" and rng.random() < 0.06:  # last minute
        return _Timing(channel, timedelta(hours=between(rng, 3, 48)))
    ahead = timedelta(days=min(330.0, rng.expovariate(1 / 35)) + 3, seconds=between(rng, 0, 86400))
    return _Timing(channel, ahead)


def _foreign_document(rng: random.Random, fill: FlightFill, person: SynthPerson) -> SynthPerson:
    """``person`` travelling on a document issued by another state, expiring within a month."""
    states = sorted((REGION_STATES | {fill.plan.other}) - {person.nationality})
    issuer = pick(rng, states)
    expiry = fill.day + timedelta(days=between(rng, 1, 30))
    document = person.document
    holder = replace(document.holder, issuing_state=issuer, expiry_date=expiry)
    return replace(
        person, document=replace(document, issuing_country=issuer, expiry_date=expiry, holder=holder)
    )


def _boarding(
    rng: random.Random,
    fill: FlightFill,
    person: SynthPerson,
    locator: str,
    route: tuple[str, str],
    *,
    no_bags: bool,
) -> Boarding:
    plan = fill.plan
    embarkation, debarkation = route
    infant = is_infant(person, fill.day)
    seat = None if infant or not fill.seats or rng.random() < 0.02 else fill.seats.pop()
    adult = (fill.day - person.date_of_birth).days >= 12 * 365
    bags = _BAGS.pick(rng) if adult and not no_bags else 0
    tags: tuple[str, ...] = ()
    weight = None
    if bags:
        first = between(rng, 100000, 999000)
        tags = tuple(f"{plan.carrier.code}{first + i}" for i in range(bags))
        weight = sum(between(rng, 9, 23 + 1) for _ in range(bags))
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
        in_transit=(embarkation, debarkation) != (plan.departure_airport, plan.arrival_airport),
    )


def _locator(rng: random.Random, taken: set[str]) -> str:
    while True:
        value = "".join([pick(rng, _LOCATOR) for _ in range(6)])
        if value not in taken:
            taken.add(value)
            return value


def _record(
    rng: random.Random,
    fill: FlightFill,
    kind: str,
    behaviour: str,
    timing: _Timing,
    people: list[SynthPerson],
    no_shows: list[SynthPerson],
    route: tuple[str, str, str],
) -> Booking:
    plan = fill.plan
    locator, embarkation, debarkation = route
    departure_local = plan.scheduled_departure.replace(tzinfo=airport(plan.departure_airport).zone)
    created = (departure_local - timing.ahead).astimezone(UTC).replace(tzinfo=None, microsecond=0)
    contact = people[0]
    trip = {"third_party": "one_way", "courier": "short_stay"}.get(behaviour)
    itinerary = _itinerary(rng, plan, created, (embarkation, debarkation), trip)
    minutes = block_minutes(plan.departure_airport, plan.arrival_airport)
    payment = payment_for(rng, timing.channel, contact, fare_units(people, fill.day), minutes)
    if behaviour == "courier":
        payment = SynthPayment("CA", payment.amount, payment.currency)
    elif behaviour == "third_party":
        payment = replace(payment, type="CC", card_holder=_third_party(rng, people))
        if payment.card_vendor is None:
            payment = replace(
                payment, card_vendor="VI", card_number_masked=f"XXXXXXXXXXXX{between(rng, 0, 10000):04d}"
            )
    first_itinerary: tuple[Segment, ...] = ()
    ticketed = None
    if behaviour == "rebooked":
        first_itinerary = _first_itinerary(rng, plan, itinerary)
        ticketed = (
            (departure_local - timedelta(hours=between(rng, 2, 20))).astimezone(UTC).replace(tzinfo=None)
        )
    return Booking(
        record_locator=locator,
        created=created,
        kind=kind,
        channel=timing.channel,
        agency=agency_for(rng, plan.home) if timing.channel == "AGENCY" else None,
        payment=payment,
        contact_phone=phone_for(rng, contact.residence),
        contact_email=email_for(rng, contact),
        travellers=tuple(people),
        no_show_ids=tuple(p.person_id for p in no_shows),
        itinerary=itinerary,
        go_show=timing.go_show,
        ticketed=ticketed,
        first_itinerary=first_itinerary,
        tickets=fill.tickets.issue(plan.carrier.code, people, payment.amount, fill.day),
    )


def _third_party(rng: random.Random, people: list[SynthPerson]) -> str:
    """A card holder who does not travel and shares no traveller's surname (as the PNR writes it)."""
    surnames = {p.written_surname for p in people} | {plain(p.surname) for p in people}
    table = TABLES[people[0].origin]
    while True:
        surname = spell(pick(rng, table.surnames), Spelling.ICAO)
        if not any(s and s in surname for s in surnames):
            return f"{surname}/{spell(pick(rng, table.male), Spelling.ICAO)}"


def _first_itinerary(
    rng: random.Random, plan: FlightPlan, itinerary: tuple[Segment, ...]
) -> tuple[Segment, ...]:
    """The itinerary as first booked: the way back on another day, or a way back since dropped."""
    last = itinerary[-1]
    shift = timedelta(days=between(rng, 1, 6))
    if last.number == plan.pair_number and last.scheduled_departure > plan.scheduled_departure:
        return (*itinerary[:-1], replace(last, scheduled_departure=last.scheduled_departure + shift))
    pair = datetime.combine(plan.scheduled_departure.date(), plan.pair_departure)
    back = Segment(
        plan.carrier.code, plan.pair_number, plan.arrival_airport, plan.departure_airport, pair + shift, None
    )
    return (*itinerary, back)


def _itinerary(
    rng: random.Random, plan: FlightPlan, created: datetime, route: tuple[str, str], trip_kind: str | None
) -> tuple[Segment, ...]:
    """This flight, a feeder or onward flight for connecting passengers, and often the other way.

    Connections use the carrier's code with a 7000-series number (partner flights); the other way is
    the rotation's pair flight a few days later (return trip) or earlier (this flight is the way back).
    """
    code = plan.carrier.code
    embarkation, debarkation = route
    itinerary = [
        Segment(
            code,
            plan.number,
            plan.departure_airport,
            plan.arrival_airport,
            plan.scheduled_departure,
            plan.key,
        )
    ]
    if embarkation != plan.departure_airport:
        minutes = block_minutes(embarkation, plan.departure_airport) + 120
        feeder = plan.scheduled_departure - timedelta(minutes=minutes)
        number = f"{between(rng, 7000, 8000):04d}"
        itinerary.insert(0, Segment(code, number, embarkation, plan.departure_airport, feeder, None))
    if debarkation != plan.arrival_airport:
        onward = plan.scheduled_arrival + timedelta(minutes=between(rng, 90, 240))
        number = f"{between(rng, 7000, 8000):04d}"
        itinerary.append(Segment(code, number, plan.arrival_airport, debarkation, onward, None))
    trip = rng.random()
    pair = datetime.combine(plan.scheduled_departure.date(), plan.pair_departure)
    days = timedelta(days=between(rng, 2, 22))
    back = (plan.pair_number, plan.arrival_airport, plan.departure_airport)
    if trip_kind == "one_way":
        return tuple(itinerary)
    if trip_kind == "short_stay":  # back a day or two later, after at least a night
        back_at = pair + timedelta(days=1)
        if back_at - plan.scheduled_arrival < timedelta(hours=24):
            back_at += timedelta(days=1)
        itinerary.append(Segment(code, *back, back_at, None))
        return tuple(itinerary)
    if trip < 0.45:  # return trip booked together
        itinerary.append(Segment(code, *back, pair + days, None))
    elif trip < 0.75 and created < pair - days:  # this flight is the way back of an earlier trip
        itinerary.insert(0, Segment(code, *back, pair - days, None))
    return tuple(itinerary)
