"""Behaviours of the synthetic day that the demo relies on: go-shows that are in API only, and the rare
booking patterns each example criterion looks for."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from openpiu.demo import run_demo
from openpiu.formats import parse_message
from openpiu.formats.pnrgov.writer import write_push
from openpiu.model import FlightLeg
from openpiu.review.hit import HitSource
from openpiu.screening.rules import Subject, derive_facts
from openpiu.screening.rules.examples import EXAMPLES, example_rules
from openpiu.screening.rules.interpret import holds
from openpiu.store.airports import airport_zone
from openpiu.synth import generate_day
from openpiu.synth.model import Booking
from openpiu.synth.pnr import pushes_for_flight

DAY = date(2026, 11, 29)


def test_go_shows_are_in_no_push_and_every_other_booking_is() -> None:
    day = generate_day(seed=1, scale=0.05, day=DAY)
    go_shows = {b.record_locator for b in day.bookings if b.go_show}
    assert go_shows
    for flight in day.flights:
        pushed = {
            b.record_locator
            for push, _, _ in pushes_for_flight(day, flight, seed=day.seed)
            for b in push.bookings
        }
        on_flight = {
            b.record_locator for b in day.bookings if any(s.flight_key == flight.key for s in b.itinerary)
        }
        assert pushed == on_flight - go_shows, flight.key
    # A go-show was sold at the desk: everyone on it boarded.
    assert all(not b.no_show_ids and b.channel == "AIRPORT" for b in day.bookings if b.go_show)


def test_a_stored_day_reports_its_go_shows_api_only_and_fires_every_example_rule(tmp_path: Path) -> None:
    scale, seed = 0.2, 2
    report = run_demo(
        tmp_path / "d",
        seed=seed,
        scale=scale,
        day=DAY,
        now=lambda: datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
    )
    day = generate_day(seed=seed, scale=scale, day=DAY)
    boarded = {b.person.person_id for f in day.flights for b in f.passengers}
    go_show_passengers = sum(
        1 for b in day.bookings if b.go_show for p in b.travellers if p.person_id in boarded
    )
    assert go_show_passengers > 0
    assert sum(o.api_only for o in report.reconciliation) == go_show_passengers
    fired = Counter(s.hit.reference for s in report.hits if s.hit.source is HitSource.RULE)
    assert set(fired) == {e["id"] for e in EXAMPLES}, fired
    # A payment by a third party flags every traveller of the party, not only the first: each traveller
    # carries their own ticket, paid by the booking's payment (unless the last push changed the payment).
    flagged = {
        report.names[s.hit.traveller_key]
        for s in report.hits
        if s.hit.reference == "third-party-one-way-group" and s.hit.traveller_key is not None
    }
    last = {
        b.record_locator: b
        for flight in day.flights
        for push, _, _ in pushes_for_flight(day, flight, seed=seed)
        for b in push.bookings
    }
    parties = [
        b
        for b in day.bookings
        if b.kind == "friends"
        and _paid_by_another(b)
        and any(p.payer == b.payment.card_holder for p in last[b.record_locator].payments)
    ]
    assert parties
    for booking in parties:
        names = {
            f"{p.written_surname}/{p.written_given_names}"
            for p in booking.travellers
            if p.person_id in boarded
        }
        assert len(names) > 1 and names <= flagged, (booking.record_locator, names - flagged)


def _paid_by_another(booking: Booking) -> bool:
    """The card holder is none of the travellers (the planted third-party payments)."""
    holder = booking.payment.card_holder
    return holder is not None and all(
        f"{p.written_surname}/{p.written_given_names}" != holder for p in booking.travellers
    )


def test_a_late_ticket_after_a_changed_itinerary_flags_the_whole_party() -> None:
    # At this seed and scale a family of four is rebooked and ticketed on the last day.
    day = generate_day(seed=2, scale=0.1, day=DAY)
    (booking,) = [b for b in day.bookings if b.first_itinerary and len(b.travellers) > 1]
    flight = next(f for f in day.flights for s in booking.itinerary if s.flight_key == f.key)
    versions = [
        b
        for push, _, _ in pushes_for_flight(day, flight, seed=day.seed)
        for b in parse_message(write_push(push), source="push").pushes[0].bookings
        if b.record_locator == booking.record_locator
    ]
    assert len(versions) == 2  # as first booked (no ticket yet), then rebooked and ticketed
    first, current = versions
    (rule,) = [r for r in example_rules() if r.id == "changed-itinerary-late-ticket"]
    leg = FlightLeg(
        flight.carrier,
        flight.number,
        flight.departure_airport,
        flight.arrival_airport,
        flight.scheduled_departure,
        flight.scheduled_arrival,
    )
    fired = [
        holds(
            rule.when,
            derive_facts(
                Subject(t.person, leg, current, t, previous_booking=first, pushes=2), zone_of=airport_zone
            ),
        )
        for t in current.travellers
    ]
    assert fired == [True] * len(booking.travellers)
