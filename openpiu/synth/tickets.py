"""Tickets of a synthetic booking: one per traveller, each paid its fare by the booking's payment.

In a real PNRGOV push every passenger (``TIF``, Gr.2) carries their own ticket(s) (``TKT``/``MON``/``DAT``,
Gr.3) and each ticket its form of payment (``FOP``, Gr.4); a party paid with one card shows the same card
on every ticket. A lap infant (``TIF`` type ``IN``, no seat) travels on an infant ticket at about a tenth
of the adult fare (IATA practice); children pay the adult fare here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openpiu.synth.model import SynthPerson, Ticket

# Share of the adult fare an infant ticket costs.
INFANT_SHARE = Decimal("0.1")
_CENT = Decimal("0.01")
_SERIALS = 10**10  # a ticket number is a 3-digit accounting code and a 10-digit serial


def is_infant(person: SynthPerson, day: date) -> bool:
    """Under two on the travel day: on a lap, without a seat (``TIF`` type ``IN``)."""
    return (day - person.date_of_birth).days < 730


def fare_units(people: list[SynthPerson], day: date) -> float:
    """How many adult fares the party pays: one per traveller, ``INFANT_SHARE`` per lap infant."""
    return float(sum(INFANT_SHARE if is_infant(p, day) else 1 for p in people))


def accounting_code(carrier: str) -> str:
    """The carrier's three-digit ticketing prefix: fixed per designator, derived from it, not drawn
    (fictitious, like the agencies' IATA numbers)."""
    return f"{100 + sum(ord(c) * (i + 7) for i, c in enumerate(carrier)) % 900:03d}"


@dataclass
class TicketOffice:
    """Issues ticket numbers: ``rng`` draws a booking's first serial (one generator per flight, so a
    flight's tickets do not depend on the other flights of the day); ``taken`` keeps them unique."""

    rng: random.Random
    taken: set[str]

    def numbers(self, carrier: str, count: int) -> list[str]:
        """``count`` consecutive ticket numbers of ``carrier``, none issued before."""
        code = accounting_code(carrier)
        while True:
            first = self.rng.randrange(_SERIALS - count)
            numbers = [f"{code}{first + n:010d}" for n in range(count)]
            if not self.taken.intersection(numbers):
                self.taken.update(numbers)
                return numbers

    def issue(self, carrier: str, people: list[SynthPerson], total: str, day: date) -> tuple[Ticket, ...]:
        """One ticket per person of a booking paid ``total`` (two decimals): infants pay their share,
        the first ticket takes the rounding so that the fares add up to ``total`` exactly."""
        weights = [INFANT_SHARE if is_infant(p, day) else Decimal(1) for p in people]
        amount = Decimal(total)
        fares = [(amount * w / sum(weights)).quantize(_CENT) for w in weights]
        fares[0] += amount - sum(fares)
        numbers = self.numbers(carrier, len(people))
        return tuple(
            Ticket(person.person_id, number, f"{fare:.2f}", infant=weight == INFANT_SHARE)
            for person, number, fare, weight in zip(people, numbers, fares, weights, strict=True)
        )
