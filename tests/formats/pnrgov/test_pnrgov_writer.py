"""Round trip: a push written by ``write_push`` parses back to the same bookings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pnrgov_messages import build_message  # type: ignore[import-not-found]
from test_pnrgov_groups import DIGEST_BOOKING  # type: ignore[import-not-found]

from openpiu.formats import parse_message
from openpiu.formats.pnrgov.writer import write_push
from openpiu.model import Booking, Payment, PnrPush, PnrTraveller, Ticket


def comparable(booking: Booking) -> Booking:
    """What the writer carries: not the raw extras, warnings, remarks other than the payer, or FAR."""
    travellers = tuple(replace(t, remarks=(), fare=None, extra=()) for t in booking.travellers)
    return replace(booking, travellers=travellers, remarks=(), extra=(), warnings=(), special_services=())


def test_digest_example_round_trips() -> None:
    push = parse_message(build_message(DIGEST_BOOKING), source="in").pushes[0]
    again = parse_message(write_push(push, interchange_ref="42"), source="out").pushes[0]
    assert again.warnings == ()
    assert (again.flight, again.function, again.declared_bookings) == (push.flight, push.function, 1)
    assert [comparable(b) for b in again.bookings] == [comparable(b) for b in push.bookings]


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["3_pnrs.edi", "adult_and_infant.edi", "pnrWithDoco.txt"])
def test_corpus_pushes_round_trip_their_people(corpus_dir: Path, name: str) -> None:
    push = parse_message((corpus_dir / name).read_bytes(), source=name).pushes[0]
    again = parse_message(write_push(push), source="out").pushes[0]
    assert [[t.person for t in b.travellers] for b in again.bookings] == [
        [t.person for t in b.travellers] for b in push.bookings
    ]
    assert [[leg.leg for leg in b.itinerary] for b in again.bookings] == [
        [leg.leg for leg in b.itinerary] for b in push.bookings
    ]


_NAMES = st.sampled_from(["PETROVIC", "HOXHA", "KRASNIQI", "BEGIC", "NOVAK", "O'NEIL", "VAN+DIJK", "A:B"])
_GIVEN = st.sampled_from(["MARKO", "ELIRA", "ANA MARIA", "LUKA"])


@settings(max_examples=100, deadline=None)
@given(
    names=st.lists(st.tuples(_NAMES, _GIVEN), min_size=1, max_size=5),
    born=st.dates(date(1930, 1, 1), date(2024, 12, 31)),
    cancelled=st.booleans(),
)
def test_generated_bookings_round_trip(names: list[tuple[str, str]], born: date, cancelled: bool) -> None:
    base = parse_message(build_message(DIGEST_BOOKING), source="in").pushes[0]
    template = base.bookings[0].travellers[0]
    travellers = tuple(
        PnrTraveller(
            person=replace(template.person, surname=surname, given_names=given_names, date_of_birth=born),
            ref=str(n + 1),
            type="A",
            title="MR",
            tickets=template.tickets,
        )
        for n, (surname, given_names) in enumerate(names)
    )
    booking = replace(base.bookings[0], travellers=travellers, cancelled=cancelled)
    push: PnrPush = replace(base, bookings=(booking,), prepared=datetime(2025, 3, 13, 10, 30))
    again = parse_message(write_push(push), source="out").pushes[0].bookings[0]
    assert again.cancelled is cancelled
    if not cancelled:
        assert [
            (t.person.surname, t.person.given_names, t.person.date_of_birth) for t in again.travellers
        ] == [(surname, given_names, born) for surname, given_names in names]


def test_each_traveller_keeps_its_own_ticket_paid_with_the_same_card() -> None:
    base = parse_message(build_message(DIGEST_BOOKING), source="in").pushes[0]
    template = base.bookings[0].travellers[0]
    card = Payment("CC", None, "VI", "XXXXXXXXXXXX1111", "0828", "KOVAC/IVAN")
    party = [
        ("PETROVIC", "MARKO", "A", "189.50"),
        ("PETROVIC", "ANA", "A", "189.50"),
        ("PETROVIC", "LUKA", "IN", "18.95"),
    ]
    travellers = tuple(
        PnrTraveller(
            person=replace(template.person, surname=surname, given_names=given_names),
            ref=str(n + 1),
            type=kind,
            tickets=(
                Ticket(
                    number=f"115000000{n:04d}",
                    type="T",
                    issued=datetime(2025, 3, 1, 9, 20),
                    total=f"{fare} EUR",
                    payments=(replace(card, amount=fare),),
                ),
            ),
        )
        for n, (surname, given_names, kind, fare) in enumerate(party)
    )
    booking = replace(base.bookings[0], travellers=travellers)
    push = replace(base, bookings=(booking,))
    again = parse_message(write_push(push), source="out").pushes[0]
    assert again.warnings == ()
    (parsed,) = again.bookings
    assert [t.tickets for t in parsed.travellers] == [t.tickets for t in travellers]
    assert [t.tickets[0].number for t in parsed.travellers] == [
        "1150000000000",
        "1150000000001",
        "1150000000002",
    ]
    assert {t.tickets[0].payments[0].payer for t in parsed.travellers} == {"KOVAC/IVAN"}
