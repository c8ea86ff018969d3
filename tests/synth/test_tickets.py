"""Tickets of synthetic bookings: one per traveller, numbers unique and consecutive per booking, fares
that add up to the booking's payment, infants at a tenth of the fare."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from openpiu.synth import SynthDay, generate_day
from openpiu.synth.tickets import TicketOffice, accounting_code, is_infant

DAY = date(2026, 11, 30)  # the day of the session fixture


def test_every_traveller_has_one_ticket_and_the_fares_add_up_to_the_payment(small_day: SynthDay) -> None:
    infants = 0
    for booking in small_day.bookings:
        assert [t.person_id for t in booking.tickets] == [p.person_id for p in booking.travellers]
        assert sum(Decimal(t.fare) for t in booking.tickets) == Decimal(booking.payment.amount), booking
        adult_fares = {t.fare for t in booking.tickets[1:] if not t.infant}
        for ticket, person in zip(booking.tickets, booking.travellers, strict=True):
            assert ticket.infant is is_infant(person, DAY)
            if ticket.infant:
                infants += 1
                for adult in adult_fares:
                    assert abs(Decimal(adult) / 10 - Decimal(ticket.fare)) <= Decimal("0.01"), booking
    assert infants > 0


def test_ticket_numbers_are_unique_in_the_day_and_consecutive_within_a_booking(small_day: SynthDay) -> None:
    numbers = [t.number for b in small_day.bookings for t in b.tickets]
    assert len(numbers) == len(set(numbers)) == sum(len(b.travellers) for b in small_day.bookings)
    for booking in small_day.bookings:
        serials = [int(t.number) for t in booking.tickets]
        assert serials == list(range(serials[0], serials[0] + len(serials)))
        carrier = next(s.carrier for s in booking.itinerary if s.flight_key)
        assert {t.number[:3] for t in booking.tickets} == {accounting_code(carrier)}
        assert all(len(t.number) == 13 and t.number.isdigit() for t in booking.tickets)


def test_the_same_seed_issues_the_same_tickets() -> None:
    first = generate_day(seed=5, scale=0.01, day=DAY)
    again = generate_day(seed=5, scale=0.01, day=DAY)
    assert [b.tickets for b in again.bookings] == [b.tickets for b in first.bookings]
    other = generate_day(seed=6, scale=0.01, day=DAY)
    assert {t.number for b in other.bookings for t in b.tickets}.isdisjoint(
        {t.number for b in first.bookings for t in b.tickets}
    )


def test_the_office_never_issues_a_number_twice() -> None:
    # A generator whose second draw overlaps the first booking's numbers: the office draws again.
    class Scripted(random.Random):
        def __init__(self, serials: list[int]) -> None:
            super().__init__(1)
            self.serials = serials

        def randrange(self, *args: int) -> int:  # type: ignore[override]  # only the drawn serial matters
            return self.serials.pop(0)

    draws = Scripted([7, 9, 500])
    office = TicketOffice(draws, set())
    code = accounting_code("JU")
    assert office.numbers("JU", 3) == [f"{code}{n:010d}" for n in (7, 8, 9)]
    assert office.numbers("JU", 3) == [f"{code}{n:010d}" for n in (500, 501, 502)]
    assert draws.serials == [] and len(office.taken) == 6
