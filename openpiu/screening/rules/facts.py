"""Derive the facts a criterion reads (``schema.FACT_SCHEMA``) from the domain model, purely.

One ``Subject`` is one traveller on one assessed flight, with what is known about them: the API record,
the PNR booking and the traveller's place in it, the previous push of the same booking. ``derive_facts``
turns it into a flat mapping ``field -> value`` (``None`` when unknown). Proxy fields of the schema are
never derived: nothing that could reveal a sensitive characteristic reaches a rule.

Time conventions: flight times are local to the airport, naive (as carriers send them); booking and ticket
times are UTC. Durations between the two (hours between booking and departure) are taken between UTC
instants: the caller hands in ``zone_of`` (airport → time zone) and the flight's local departure is
placed in its airport's zone first. Without a zone the duration is unknown (``None``) rather than off by
the airport's UTC offset. Facts that mean a time of day or a calendar day at the airport (the scheduled
departure, its hour, the days to a document's expiry) stay in the airport's local time. Gaps between two
legs of an itinerary are local to local at the same connecting airport, so they need no zone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise

from openpiu.model import Booking, CheckIn, FlightLeg, ItineraryLeg, PnrTraveller, Traveller

FactValue = bool | float | str | date | datetime | frozenset[str] | None
Facts = Mapping[str, FactValue]
CountryOf = Callable[[str], str | None]
ZoneOf = Callable[[str], tzinfo | None]

# A gap of less than 24 hours between two flights is a connection, more is a stay (IATA stopover rule).
CONNECTION_HOURS = 24.0


@dataclass(frozen=True, slots=True)
class Subject:
    """One traveller on one assessed flight, with everything known about them.

    Attributes:
        traveller: the person (API ``Traveller``, or ``PnrTraveller.person`` when only PNR is known).
        flight: the assessed flight leg.
        booking: the PNR the traveller is on, when known.
        pnr_traveller: the traveller's entry in ``booking``.
        has_api: the traveller was reported in API.
        previous_booking: the same PNR as it was in the previous push for this flight.
        pushes: how many pushes of this PNR were seen for the flight.
    """

    traveller: Traveller
    flight: FlightLeg
    booking: Booking | None = None
    pnr_traveller: PnrTraveller | None = None
    has_api: bool = True
    previous_booking: Booking | None = None
    pushes: int = 0


def derive_facts(
    subject: Subject, *, country_of: CountryOf | None = None, zone_of: ZoneOf | None = None
) -> dict[str, FactValue]:
    """The facts of one subject, keyed by schema field name.

    Args:
        subject: the traveller and what is known about them.
        country_of: maps an IATA airport code to an ISO alpha-3 country (the caller brings the airport
            table; this module reads nothing). Without it, country facts are unknown.
        zone_of: maps an IATA airport code to its time zone, to place the local departure on the UTC
            time line. Without it (or for an unknown airport) durations from booking and ticketing to
            departure are unknown.
    """
    facts: dict[str, FactValue] = {}
    flight, person = subject.flight, subject.traveller
    departure = _naive(flight.scheduled_departure)
    instant = _utc(flight.scheduled_departure, flight.departure_airport, zone_of)
    facts["flight.carrier"] = _text(flight.carrier)
    facts["flight.number"] = _text(flight.number)
    facts["flight.departure_airport"] = _text(flight.departure_airport)
    facts["flight.arrival_airport"] = _text(flight.arrival_airport)
    facts["flight.departure_country"] = _country(country_of, flight.departure_airport)
    facts["flight.arrival_country"] = _country(country_of, flight.arrival_airport)
    facts["flight.departure"] = departure
    facts["flight.departure_hour"] = float(departure.hour) if departure is not None else None
    facts["flight.arrival"] = _naive(flight.scheduled_arrival)
    _traveller(facts, subject, departure)
    _document(facts, person, departure)
    booking = subject.booking
    if booking is not None:
        _booking(facts, subject, booking, instant)
        _itinerary(facts, booking, country_of)
        _ticket(facts, subject.pnr_traveller, booking, instant)
    return facts


def _traveller(facts: dict[str, FactValue], subject: Subject, departure: datetime | None) -> None:
    person, pnr = subject.traveller, subject.pnr_traveller
    facts["traveller.role"] = _text(person.role.value)
    facts["traveller.sex"] = person.sex.value if person.sex else None
    facts["traveller.date_of_birth"] = person.date_of_birth
    facts["traveller.age"] = _age(person.date_of_birth, departure)
    facts["traveller.nationality"] = _text(person.nationality)
    facts["traveller.country_of_residence"] = _text(person.country_of_residence)
    facts["traveller.in_transit"] = person.in_transit
    facts["traveller.has_api"] = subject.has_api
    facts["traveller.has_pnr"] = pnr is not None
    bags = person.baggage
    checkins = _checkins(subject.booking, pnr)
    if bags is None:
        bags = next((c.baggage for c in checkins if c.baggage is not None), None)
    facts["traveller.bags"] = float(bags.count) if bags and bags.count is not None else None
    facts["traveller.bags_weight"] = float(bags.weight) if bags and bags.weight is not None else None
    if pnr is not None:
        facts["traveller.checked_in"] = bool(checkins)
        facts["traveller.frequent_flyer"] = bool(pnr.frequent_flyer)
        facts["traveller.unaccompanied_minor"] = _has_umnr(subject.booking, pnr)


def _document(facts: dict[str, FactValue], person: Traveller, departure: datetime | None) -> None:
    facts["document.count"] = float(len(person.documents))
    if not person.documents:
        return
    doc = person.documents[0]
    facts["document.type"] = _text(doc.type)
    facts["document.issuing_country"] = _text(doc.issuing_country)
    facts["document.expiry_date"] = doc.expiry_date
    if departure is not None and doc.expiry_date is not None:
        facts["document.days_to_expiry"] = float((doc.expiry_date - departure.date()).days)
    if departure is not None and doc.issue_date is not None:
        facts["document.issued_days_before"] = float((departure.date() - doc.issue_date).days)
    if doc.issuing_country and person.nationality:
        facts["document.issuer_differs_from_nationality"] = doc.issuing_country != person.nationality


def _booking(
    facts: dict[str, FactValue], subject: Subject, booking: Booking, departure_utc: datetime | None
) -> None:
    created = _naive(booking.created)
    facts["booking.created"] = created
    facts["booking.hours_to_departure"] = _hours(created, departure_utc)
    facts["booking.travellers"] = float(len(booking.travellers))
    facts["booking.co_travellers"] = float(max(len(booking.travellers) - 1, 0))
    facts["booking.group"] = booking.group_name is not None
    facts["booking.split"] = bool(booking.splits)
    org = booking.originator
    facts["booking.agency_country"] = _text(org.country) if org else None
    facts["booking.agency_type"] = _text(org.originator_type) if org else None
    facts["booking.agency_iata"] = _text(org.iata_number) if org else None
    kinds = {c.kind.upper() for c in booking.contacts}
    facts["booking.has_email"] = "EM" in kinds or any("@" in c.value for c in booking.contacts)
    facts["booking.has_phone"] = bool(kinds & {"TE", "MP", "HP", "BP", "CTCM", "CTCH"})
    facts["booking.pushes"] = float(subject.pushes) if subject.pushes else None
    previous = subject.previous_booking
    if previous is not None:
        facts["booking.itinerary_changed"] = _route(previous.itinerary) != _route(booking.itinerary)


def _itinerary(facts: dict[str, FactValue], booking: Booking, country_of: CountryOf | None) -> None:
    legs = sorted(
        (item for item in booking.itinerary if item.leg.departure_airport and item.leg.arrival_airport),
        key=lambda item: item.leg.scheduled_departure or datetime.min,
    )
    facts["itinerary.legs"] = float(len(booking.itinerary))
    if not legs:
        return
    origin = legs[0].leg.departure_airport or ""
    airports = {a for item in legs for a in (item.leg.departure_airport, item.leg.arrival_airport) if a}
    gaps = [
        _hours(_naive(a.leg.scheduled_arrival), _naive(b.leg.scheduled_departure)) for a, b in pairwise(legs)
    ]
    via = {
        a.leg.arrival_airport or ""
        for a, gap in zip(legs, gaps, strict=False)
        if gap is not None and gap < CONNECTION_HOURS and a.leg.arrival_airport != origin
    }
    stays = [(gap, i) for i, gap in enumerate(gaps) if gap is not None and gap >= CONNECTION_HOURS]
    returns = any(item.leg.arrival_airport == origin for item in legs)
    if returns and stays:
        destination = legs[max(stays)[1]].leg.arrival_airport
    else:
        destination = legs[-1].leg.arrival_airport
    facts["itinerary.one_way"] = not returns
    facts["itinerary.origin"] = _text(origin)
    facts["itinerary.destination"] = _text(destination)
    facts["itinerary.airports"] = frozenset(airports)
    facts["itinerary.via_airports"] = frozenset(via)
    facts["itinerary.carriers"] = frozenset(item.leg.carrier for item in legs if item.leg.carrier)
    facts["itinerary.stay_days"] = max(stays)[0] / 24.0 if stays else None
    facts["itinerary.codeshare"] = any(item.is_codeshare for item in legs)
    if country_of is not None:
        facts["itinerary.countries"] = frozenset(c for a in airports if (c := country_of(a)))
        facts["itinerary.via_countries"] = frozenset(c for a in via if (c := country_of(a)))


def _ticket(
    facts: dict[str, FactValue], pnr: PnrTraveller | None, booking: Booking, departure_utc: datetime | None
) -> None:
    tickets = pnr.tickets if pnr is not None else ()
    payments = [p for t in tickets for p in t.payments] or list(booking.payments)
    issued = min((t.issued for t in tickets if t.issued is not None), default=None)
    if issued is None and booking.ticketed is not None:
        issued = booking.ticketed
    facts["ticket.count"] = float(len(tickets))
    facts["ticket.issued"] = _naive(issued)
    facts["ticket.hours_to_departure"] = _hours(_naive(issued), departure_utc)
    if not payments:
        return
    types = frozenset(p.type.upper() for p in payments if p.type)
    facts["payment.types"] = types
    facts["payment.cash"] = "CA" in types
    facts["payment.card_vendors"] = frozenset(p.vendor.upper() for p in payments if p.vendor)
    payers = [p.payer.upper() for p in payments if p.payer]
    if payers:
        surnames = {t.person.surname.upper() for t in booking.travellers if t.person.surname}
        facts["payment.third_party"] = any(not any(s in payer for s in surnames) for payer in payers)


def _checkins(booking: Booking | None, pnr: PnrTraveller | None) -> list[CheckIn]:
    if booking is None or pnr is None or pnr.ref is None:
        return []
    return [c for leg in booking.itinerary for c in leg.checkins if c.traveller_ref == pnr.ref]


def _has_umnr(booking: Booking | None, pnr: PnrTraveller) -> bool:
    # PNR Directive Annex I item 12: unaccompanied-minor information is the one general remark kept.
    if any(s.code == "UMNR" for s in pnr.special_services):
        return True
    if booking is None:
        return False
    return any(
        s.code == "UMNR" and (not s.traveller_refs or pnr.ref in s.traveller_refs)
        for s in booking.special_services
    )


def _route(itinerary: tuple[ItineraryLeg, ...]) -> tuple[tuple[object, ...], ...]:
    return tuple(
        (i.leg.designator, i.leg.departure_airport, i.leg.arrival_airport, i.leg.scheduled_departure)
        for i in itinerary
    )


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip().upper()
    return text or None


def _country(country_of: CountryOf | None, airport: str | None) -> str | None:
    if country_of is None or not airport:
        return None
    return _text(country_of(airport))


def _naive(value: datetime | None) -> datetime | None:
    """UTC-aware times become naive UTC; naive times stay as they are."""
    if value is None or value.tzinfo is None:
        return value
    offset = value.utcoffset() or timedelta(0)
    return (value - offset).replace(tzinfo=None)


def _utc(local: datetime | None, airport: str | None, zone_of: ZoneOf | None) -> datetime | None:
    """The naive UTC instant of a flight time: aware times convert as they are; naive ones are local to
    ``airport`` and need its zone (ambiguous times take the first occurrence, ``fold=0``)."""
    if local is None:
        return None
    if local.tzinfo is not None:
        return _naive(local)
    zone = zone_of(airport) if zone_of is not None and airport else None
    if zone is None:
        return None
    return _naive(local.replace(tzinfo=zone))


def _hours(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 3600.0


def _age(born: date | None, departure: datetime | None) -> float | None:
    if born is None or departure is None:
        return None
    day = departure.date()
    return float(day.year - born.year - ((day.month, day.day) < (born.month, born.day)))
