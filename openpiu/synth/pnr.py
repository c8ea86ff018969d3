"""Synthetic PNR pushes, consistent with the API traffic of the same flights (issue 3, item 6).

For every flight of a synthetic day, two pushes of the bookings on it, written with
``openpiu.formats.pnrgov.writer``:

1. a full push (``MSG+:22``) 48 hours before departure: every booking made by then, everyone booked
   (no-shows too), with documents, contact, a ticket per traveller (lap infants too) each paid by the
   booking's payment (card, cash, invoice), agency or airline office and the whole itinerary (return
   and connecting flights, with their arrival times);
2. an update push (``MSG+:141``) at closure, 30 minutes before departure: the bookings made since the
   full push, those that changed (a new seat, another phone number, a payment by card instead of
   invoice, an itinerary changed and ticketed on the last day), and cancellations (empty ORG) for
   bookings whose travellers all failed to show. Go-shows, sold at the desk after closure, are in
   neither push: their travellers are in API only.

Names in the PNR are those typed by the booking channel: mostly as on the passport, sometimes in the
other transliteration (``Đ`` as ``DJ`` instead of ``D``), which reconciliation must see through. A few
travellers carry sensitive SSRs (religious or medical meals, wheelchair) or an OSI remark that the
filter on receipt must remove. Everything is drawn from a ``random.Random`` seeded per flight.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openpiu.formats.pnrgov.writer import write_push
from openpiu.model import (
    Agency,
    Booking,
    Contact,
    FlightLeg,
    ItineraryLeg,
    Payment,
    PnrPush,
    PnrTraveller,
    PushFunction,
    RecordLocator,
    Remark,
    Role,
    SpecialService,
    Ticket,
    TravelDocument,
    Traveller,
    normalise_flight_number,
)
from openpiu.pnr.names import plain
from openpiu.synth import model as synth
from openpiu.synth.bookings import LAST_PUSH_AHEAD
from openpiu.synth.network import airport
from openpiu.synth.schedule import arrive_local

# The full push leaves this long before departure (the update at closure, ``LAST_PUSH_AHEAD``).
FULL_PUSH_AHEAD = timedelta(hours=48)

# Sensitive SSRs and remarks the filter must remove (their share among travellers is small on purpose).
_SENSITIVE_SSRS = ("MOML", "KSML", "DBML", "WCHR", "GFML", "BLND")
_SENSITIVE_REMARKS = (
    "PAX NEEDS WHEELCHAIR AT ARRIVAL",
    "DIABETIC PAX CARRIES INSULIN",
    "HALAL MEAL REQUESTED",
)
# The card a booking is paid with instead when its payment changes between pushes.
_CARD = "XXXXXXXXXXXX4242"


@dataclass(frozen=True, slots=True)
class PnrFiles:
    """What ``write_pnr_pushes`` wrote."""

    pushes: int
    bookings: int
    changed: int
    cancelled: int
    sensitive: int


def _name(rng: random.Random, person: synth.SynthPerson) -> tuple[str, str]:
    """The name as the booking channel typed it: usually the passport spelling, sometimes the original
    name transliterated the other way (``plain`` writes ``Đ`` as ``DJ``)."""
    if rng.random() < 0.1:
        surname, given = plain(person.surname), plain(person.given_names)
        if surname and given:
            return surname, given
    return person.written_surname, person.written_given_names


def _ticket(ticket: synth.Ticket, booking: synth.Booking) -> Ticket:
    """A traveller's ticket as the PNR holds it, paid its fare by the booking's payment (the same card,
    cash or invoice on every ticket of the booking)."""
    paid = booking.payment
    return Ticket(
        number=ticket.number,
        type="T",
        issued=booking.ticketed or booking.created,
        total=f"{ticket.fare} {paid.currency}",
        payments=(
            Payment(
                type=paid.type,
                amount=ticket.fare,
                vendor=paid.card_vendor,
                account=paid.card_number_masked,
                payer=paid.card_holder,
            ),
        ),
    )


def _traveller(
    rng: random.Random,
    person: synth.SynthPerson,
    ref: int,
    booking: synth.Booking,
    seat_day: datetime,
    *,
    ticket: synth.Ticket | None,
) -> PnrTraveller:
    surname, given = _name(rng, person)
    age_days = (seat_day.date() - person.date_of_birth).days
    kind = "IN" if age_days < 730 else "C" if age_days < 12 * 365 else "A"
    document = person.document
    contacts: tuple[Contact, ...] = ()
    if ref == 1:
        contacts = (Contact("TE", booking.contact_phone), Contact("EM", booking.contact_email))
    tickets = (_ticket(ticket, booking),) if ticket is not None else ()
    services: tuple[SpecialService, ...] = ()
    if rng.random() < 0.03:
        services = (SpecialService(code=rng.choice(_SENSITIVE_SSRS), status="HK"),)
    return PnrTraveller(
        person=Traveller(
            role=Role.PASSENGER,
            surname=surname,
            given_names=given,
            sex=person.sex,
            date_of_birth=person.date_of_birth,
            nationality=person.nationality,
            documents=(
                TravelDocument(
                    document.type, document.number, document.issuing_country, document.expiry_date
                ),
            ),
            contacts=contacts,
        ),
        ref=str(ref),
        type=kind,
        special_services=services,
        tickets=tickets,
    )


def booking_of(
    rng: random.Random, booking: synth.Booking, flight: synth.SynthFlight, *, first: bool = False
) -> Booking:
    """A synthetic booking as the operating carrier's PNR holds it, seats on ``flight`` from the day.

    With ``first``, the booking as the first push saw it: the itinerary as first booked and no ticket
    yet when it was issued later (a change before ticketing, ``synth.Booking.first_itinerary``).
    """
    seats = {b.person.person_id: b.seat for b in flight.passengers if b.seat}
    day = flight.scheduled_departure
    ticketed = not (first and booking.ticketed is not None)
    tickets = {t.person_id: t for t in booking.tickets} if ticketed else {}
    travellers = tuple(
        _traveller(rng, p, n + 1, booking, day, ticket=tickets.get(p.person_id))
        for n, p in enumerate(booking.travellers)
    )
    legs: list[ItineraryLeg] = []
    itinerary = booking.first_itinerary if first and booking.first_itinerary else booking.itinerary
    for segment in itinerary:
        leg = FlightLeg(
            carrier=segment.carrier,
            number=normalise_flight_number(segment.number),
            departure_airport=segment.departure_airport,
            arrival_airport=segment.arrival_airport,
            scheduled_departure=segment.scheduled_departure,
            scheduled_arrival=arrive_local(
                segment.departure_airport, segment.arrival_airport, segment.scheduled_departure
            ),
        )
        services: tuple[SpecialService, ...] = ()
        if segment.flight_key == flight.key:
            pairs = [
                (seats[p.person_id], str(n + 1))
                for n, p in enumerate(booking.travellers)
                if p.person_id in seats
            ]
            if pairs:
                services = (
                    SpecialService(
                        code="SEAT",
                        status="HK",
                        carrier=segment.carrier,
                        board=segment.departure_airport,
                        off=segment.arrival_airport,
                        seats=tuple(s for s, _ in pairs),
                        traveller_refs=tuple(r for _, r in pairs),
                    ),
                )
        legs.append(
            ItineraryLeg(
                leg=leg, booking_class="Y", status="HK", quantity=len(travellers), special_services=services
            )
        )
    agency = booking.agency
    originator = (
        Agency(
            system="1A",
            location=agency.city,
            iata_number=agency.iata_number,
            originator_type="T",
            country=agency.country,
        )
        if agency is not None
        else Agency(system=flight.carrier, location=flight.departure_airport, originator_type="A")
    )
    remarks = (Remark("28", rng.choice(_SENSITIVE_REMARKS)),) if rng.random() < 0.02 else ()
    return Booking(
        record_locator=booking.record_locator,
        carrier=flight.carrier,
        locators=(RecordLocator(flight.carrier, booking.record_locator, created=booking.created),),
        created=booking.created,
        last_modified=booking.created,
        originator=originator,
        remarks=remarks,
        travellers=travellers,
        itinerary=tuple(legs),
    )


def _changed(rng: random.Random, booking: Booking) -> Booking | None:
    """A change between the two pushes for about one booking in five, else None."""
    draw = rng.random()
    first = booking.travellers[0]
    if draw < 0.07 and first.person.contacts:
        person = replace(first.person, contacts=(Contact("TE", f"+3816{rng.randint(10**7, 10**8 - 1)}"),))
        return replace(booking, travellers=(replace(first, person=person), *booking.travellers[1:]))
    if draw < 0.14 and first.tickets:
        # Paid by card instead: the new form of payment on every ticket of the booking.
        return replace(booking, travellers=tuple(_paid_by_card(t) for t in booking.travellers))
    if draw < 0.2:
        legs = tuple(
            replace(
                leg,
                special_services=tuple(
                    replace(s, seats=tuple(f"{30 + n}F" for n in range(len(s.seats))))
                    for s in leg.special_services
                ),
            )
            for leg in booking.itinerary
        )
        return replace(booking, itinerary=legs)
    return None


def _paid_by_card(traveller: PnrTraveller) -> PnrTraveller:
    tickets = tuple(
        replace(t, payments=(Payment("CC", t.payments[0].amount if t.payments else None, "VI", _CARD),))
        for t in traveller.tickets
    )
    return replace(traveller, tickets=tickets)


def booked_ahead(booking: synth.Booking, flight: synth.SynthFlight) -> timedelta:
    """How long before the flight's departure the booking was made (which pushes carry it)."""
    departure = flight.scheduled_departure.replace(tzinfo=airport(flight.departure_airport).zone)
    return departure.astimezone(UTC).replace(tzinfo=None) - booking.created


def pushes_for_flight(
    day: synth.SynthDay, flight: synth.SynthFlight, *, seed: int
) -> list[tuple[PnrPush, int, int]]:
    """The full and update pushes of one flight, with the update's counts of bookings changed since
    the full push and cancelled (bookings new in the update count in neither).

    A booking made after the full push first appears in the update; one made after the update (a
    go-show, ``synth.Booking.go_show``) in neither.
    """
    rng = random.Random(f"{seed}/pnr/{flight.key}")  # noqa: S311 -- synthetic data must be reproducible, not secret
    full_at = flight.scheduled_departure - FULL_PUSH_AHEAD
    update_at = flight.scheduled_departure - LAST_PUSH_AHEAD

    def ahead(booking: synth.Booking) -> timedelta:
        return booked_ahead(booking, flight)

    on_flight = [
        b
        for b in day.bookings
        if any(s.flight_key == flight.key for s in b.itinerary) and ahead(b) >= LAST_PUSH_AHEAD
    ]
    in_full = [b for b in on_flight if ahead(b) >= FULL_PUSH_AHEAD]
    bookings = [booking_of(rng, b, flight, first=True) for b in in_full]
    leg = FlightLeg(
        flight.carrier,
        normalise_flight_number(flight.number),
        flight.departure_airport,
        flight.arrival_airport,
        flight.scheduled_departure,
        flight.scheduled_arrival,
    )
    base = PnrPush(
        format="PNRGOV 13.1",
        function=PushFunction.FULL,
        sender=flight.carrier,
        recipient=f"{flight.reporting_state}PIU",
        prepared=full_at,
        interchange_ref=None,
        message_ref=None,
        common_access_ref=None,
        sequence=None,
        final=None,
        originator=Agency(system=flight.carrier, location=flight.departure_airport),
        flight=leg,
        declared_bookings=len(bookings),
        bookings=tuple(bookings),
    )
    updates: list[Booking] = []
    cancelled = 0
    for source, booking in zip(in_full, bookings, strict=True):
        if source.no_show_ids and len(source.no_show_ids) == len(source.travellers):
            updates.append(
                Booking(record_locator=booking.record_locator, carrier=booking.carrier, cancelled=True)
            )
            cancelled += 1
            continue
        changed = booking_of(rng, source, flight) if source.first_itinerary else _changed(rng, booking)
        if changed is not None:
            updates.append(changed)
    changes = len(updates) - cancelled
    updates.extend(booking_of(rng, b, flight) for b in on_flight if ahead(b) < FULL_PUSH_AHEAD)
    update = replace(
        base,
        function=PushFunction.UPDATE,
        prepared=update_at,
        declared_bookings=len(updates),
        bookings=tuple(updates),
    )
    return [(base, 0, 0), (update, changes, cancelled)]


def write_pnr_pushes(out_dir: Path, day: synth.SynthDay) -> PnrFiles:
    """Write the pushes of every flight of ``day`` under ``out_dir`` (``<flight>_1_full.edi``,
    ``<flight>_2_update.edi``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pushes = bookings = changed = cancelled = sensitive = 0
    for flight in day.flights:
        stem = flight.key.replace("/", "_")
        for n, (push, changes, cancels) in enumerate(pushes_for_flight(day, flight, seed=day.seed), 1):
            if not push.bookings:
                continue
            name = f"{stem}_{n}_{'full' if push.function is PushFunction.FULL else 'update'}.edi"
            (out_dir / name).write_bytes(write_push(push, interchange_ref=f"{stem[-10:]}{n}"))
            pushes += 1
            bookings += len(push.bookings)
            changed += changes
            cancelled += cancels
            sensitive += sum(len(t.special_services) for b in push.bookings for t in b.travellers)
            sensitive += sum(len(b.remarks) for b in push.bookings)
    return PnrFiles(
        pushes=pushes, bookings=bookings, changed=changed, cancelled=cancelled, sensitive=sensitive
    )
