"""Synthetic PNR pushes: they parse back to the ground truth, agree with the API of the same flights,
and carry the sensitive elements the filter must remove."""

from __future__ import annotations

from pathlib import Path

from openpiu.formats import parse_message
from openpiu.formats.pnrgov.writer import write_push
from openpiu.formats.sensitive import filter_sensitive
from openpiu.model import PushFunction
from openpiu.pnr import apply_push, reconcile
from openpiu.synth import SynthDay
from openpiu.synth.pnr import FULL_PUSH_AHEAD, booked_ahead, pushes_for_flight, write_pnr_pushes


def test_pushes_parse_back_to_the_truth(small_day: SynthDay) -> None:
    flight = small_day.flights[0]
    (full, _, _), (update, _, _) = pushes_for_flight(small_day, flight, seed=small_day.seed)
    parsed = parse_message(write_push(full), source="full.edi")
    assert parsed.warnings == ()
    (push,) = parsed.pushes
    assert push.function is PushFunction.FULL
    # The full push holds the bookings made by then; later ones come in the update, go-shows in neither.
    truth = {
        b.record_locator: b
        for b in small_day.bookings
        if any(s.flight_key == flight.key for s in b.itinerary) and booked_ahead(b, flight) >= FULL_PUSH_AHEAD
    }
    assert sorted(b.record_locator for b in push.bookings) == sorted(truth)
    for booking in push.bookings:
        source = truth[booking.record_locator]
        assert [t.person.documents[0].number for t in booking.travellers] == [
            p.document.number for p in source.travellers
        ]
        assert [t.person.date_of_birth for t in booking.travellers] == [
            p.date_of_birth for p in source.travellers
        ]
        assert len(booking.itinerary) == len(source.first_itinerary or source.itinerary)
    assert parse_message(write_push(update), source="update.edi").pushes[0].function is PushFunction.UPDATE


def test_pnr_agrees_with_the_api_of_the_same_flight(small_day: SynthDay) -> None:
    flight = small_day.flights[0]
    (full, _, _), (update, _, _) = pushes_for_flight(small_day, flight, seed=small_day.seed)
    # Through the bytes, as the PIU receives them (the parser sets each traveller's seat on the flight).
    full, update = (parse_message(write_push(p), source="push").pushes[0] for p in (full, update))
    state, _ = apply_push({}, full)
    state, changes = apply_push(state, update)
    api = [t for m in small_day.messages if m.flight_key == flight.key for t in m.manifest.passengers]
    result = reconcile(api, list(state.values()))
    boarded = {b.person.document.number for b in flight.passengers}
    no_shows = {
        p.document.number
        for b in small_day.bookings
        if any(s.flight_key == flight.key for s in b.itinerary) and len(b.no_show_ids) < len(b.travellers)
        for p in b.travellers
        if p.person_id in b.no_show_ids
    }
    go_shows = {
        p.document.number
        for b in small_day.bookings
        if b.go_show and any(s.flight_key == flight.key for s in b.itinerary)
        for p in b.travellers
    }
    assert len(result.links) == len(boarded - go_shows)
    assert {t.documents[0].number for t in result.api_only} == go_shows
    assert {t.person.documents[0].number for _, t in result.pnr_only} == no_shows
    assert len(changes) == len(update.bookings)


def test_written_pushes_carry_sensitive_elements_that_the_filter_removes(
    small_day: SynthDay, tmp_path: Path
) -> None:
    files = write_pnr_pushes(tmp_path, small_day)
    assert files.pushes >= len(small_day.flights)
    assert files.sensitive > 0
    removed = 0
    for path in sorted(tmp_path.glob("*.edi")):
        result = filter_sensitive(path.read_bytes())
        removed += len(result.removals)
        assert b"SSR+MOML" not in result.data and b"SSR+WCHR" not in result.data
    assert removed == files.sensitive


def test_every_traveller_parses_back_with_its_ticket_and_the_booking_payment(small_day: SynthDay) -> None:
    truth = {b.record_locator: b for b in small_day.bookings}
    travellers = parties = 0
    for flight in small_day.flights:
        (full, _, _), (update, _, _) = pushes_for_flight(small_day, flight, seed=small_day.seed)
        for written in (full, update):
            pushed = parse_message(write_push(written), source="push").pushes[0]
            for booking in pushed.bookings:
                if booking.cancelled:
                    continue
                source = truth[booking.record_locator]
                if written is full and source.ticketed is not None:
                    # Ticketed on the last day: no traveller has a ticket yet in the full push.
                    assert all(not t.tickets for t in booking.travellers)
                    continue
                paid = source.payment
                for traveller, ticket in zip(booking.travellers, source.tickets, strict=True):
                    (found,) = traveller.tickets
                    (payment,) = found.payments
                    assert (found.number, found.total) == (ticket.number, f"{ticket.fare} {paid.currency}")
                    issued = source.ticketed or source.created  # DAT+710 carries minutes
                    assert found.issued == issued.replace(second=0, microsecond=0)
                    assert payment.amount == ticket.fare
                    if payment.account != "XXXXXXXXXXXX4242":  # paid by another card since the full push
                        assert (payment.type, payment.vendor, payment.account, payment.payer) == (
                            paid.type,
                            paid.card_vendor,
                            paid.card_number_masked,
                            paid.card_holder,
                        )
                    assert (traveller.type == "IN") is ticket.infant
                    travellers += 1
                parties += len(booking.travellers) > 1
    assert parties > 0 and travellers > len(small_day.bookings)
