"""A generated day: determinism, consistency of people and documents, bookings, crews, messages."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest

from openpiu.formats.mrz import validate
from openpiu.formats.paxlst_writer import write_paxlst
from openpiu.model import Role, Sex
from openpiu.synth import SynthDay, generate_day
from openpiu.synth.bookings import fill_flight
from openpiu.synth.crew import crew_for
from openpiu.synth.day import flight_of
from openpiu.synth.messages import Counters, messages_for
from openpiu.synth.network import CARRIERS, REGION_AIRPORTS
from openpiu.synth.profiles import PROFILES, quirks_of
from openpiu.synth.schedule import plan_day
from openpiu.synth.tickets import TicketOffice

DAY = date(2026, 11, 30)  # the day of the session fixture


def _rng() -> random.Random:
    return random.Random(1)  # noqa: S311 -- reproducible test data, not secrets


def _bytes(day: SynthDay) -> list[bytes]:
    return [write_paxlst(m.manifest, m.options) for m in day.messages]


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not() -> None:
    first = generate_day(seed=5, scale=0.01, day=DAY)
    again = generate_day(seed=5, scale=0.01, day=DAY)
    assert _bytes(again) == _bytes(first)
    assert [m.file_name for m in again.messages] == [m.file_name for m in first.messages]
    assert [p.document.mrz for p in again.people] == [p.document.mrz for p in first.people]
    other = generate_day(seed=6, scale=0.01, day=DAY)
    assert _bytes(other) != _bytes(first)


def test_scale_sizes_the_network() -> None:
    sizes = [len(plan_day(_rng(), DAY, scale)) for scale in (0.01, 0.5, 1.0, 2.0)]
    assert sizes[0] == 2 and sizes[0] < sizes[1] < sizes[2] < sizes[3]
    full = plan_day(_rng(), DAY, 1.0)
    assert 200 <= len(full) <= 400
    assert {p.carrier.code for p in full} == set(CARRIERS)
    region = {p.departure_airport for p in full} | {p.arrival_airport for p in full}
    assert set(REGION_AIRPORTS) <= region
    assert len({p.key for p in plan_day(_rng(), DAY, 2.0)}) == sizes[3]
    with pytest.raises(ValueError, match="positive"):
        generate_day(seed=1, scale=0, day=DAY)


def test_every_quirk_is_somewhere_in_a_full_day() -> None:
    carriers = {p.carrier.code for p in plan_day(_rng(), DAY, 1.0)}
    quirks = {q for code in carriers for q in quirks_of(PROFILES[code])}
    assert quirks >= {
        "star-dollar-delimiters",
        "backslash-release",
        "no-una",
        "several-segments-per-line",
        "single-line",
        "crlf",
        "indented",
        "teletype-envelope",
        "no-final-terminator",
        "ccyymmdd-date-of-birth",
    }
    assert {PROFILES[code].directory for code in carriers} == {"D02B", "D05B"}


def test_times_are_local_and_plausible(small_day: SynthDay) -> None:
    for flight in small_day.flights:
        assert flight.scheduled_departure.date() >= DAY
        assert flight.scheduled_departure.minute % 5 == 0
        assert flight.departure_airport in REGION_AIRPORTS or flight.arrival_airport in REGION_AIRPORTS
        assert 0 < len(flight.passengers) <= flight.seats


def test_every_document_has_valid_check_digits_and_matches_the_person(small_day: SynthDay) -> None:
    people = small_day.people
    assert len(people) == len({p.person_id for p in people})
    for person in people:
        document = person.document
        lines = document.mrz
        assert validate(lines).valid, (person.person_id, lines)
        assert document.number in "".join(lines)
        assert document.issue_date < DAY < document.expiry_date
        assert document.holder.date_of_birth == person.date_of_birth
        assert document.holder.sex == person.sex.value


def test_people_are_consistent(small_day: SynthDay) -> None:
    for person in small_day.people:
        assert person.written_surname.isascii() and person.written_surname == person.written_surname.upper()
        assert person.written_given_names.isascii()
        assert 0 <= (DAY - person.date_of_birth).days < 86 * 366
        assert person.sex in (Sex.MALE, Sex.FEMALE)
    nationalities = Counter(p.nationality for p in small_day.people)
    assert len(nationalities) >= 8
    spellings = Counter(p.spelling for p in small_day.people)
    assert len(spellings) == 4


def test_bookings_share_a_locator_and_families_a_surname(small_day: SynthDay) -> None:
    locators = [b.record_locator for b in small_day.bookings]
    assert len(locators) == len(set(locators))
    on_board = {b.person.person_id: b for f in small_day.flights for b in f.passengers}
    kinds = Counter(b.kind for b in small_day.bookings)
    assert kinds["family"] > 0 and kinds["solo"] > 0 and kinds["group"] > 0
    for booking in small_day.bookings:
        for person in booking.travellers:
            if person.person_id in booking.no_show_ids:
                assert person.person_id not in on_board
            else:
                assert on_board[person.person_id].record_locator == booking.record_locator
        assert booking.payment.type in ("CC", "CA", "INV")
        assert (booking.agency is not None) is (booking.channel == "AGENCY")
        assert any(s.flight_key for s in booking.itinerary)
        departures = [s.scheduled_departure for s in booking.itinerary]
        assert departures == sorted(departures), booking.itinerary
        # Booked before the first flight (created is UTC, departures local: allow the time difference).
        assert booking.created < departures[0] + timedelta(hours=6), booking
        if booking.kind == "family":
            # One family surname: the same masculine stem (feminine forms differ only by the ending).
            assert len({p.surname[:4] for p in booking.travellers}) == 1, booking
            assert len({p.nationality for p in booking.travellers}) == 1


def test_crews_fly_both_legs_of_their_rotation(small_day: SynthDay) -> None:
    crews: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for flight in small_day.flights:
        assert len(flight.crew) >= 4
        assert all(b.role is Role.CREW and b.crew_function in ("CR1", "CR2") for b in flight.crew)
        crews[tuple(b.person.person_id for b in flight.crew)].append(flight.key)
    assert all(len(keys) == 2 for keys in crews.values())


def test_every_flight_has_passenger_and_crew_messages(small_day: SynthDay) -> None:
    by_flight: dict[str, list[str]] = defaultdict(list)
    for message in small_day.messages:
        by_flight[message.flight_key].append(message.manifest.document_type or "")
        people = message.manifest.travellers
        if message.manifest.document_type == "250":
            assert people and all(t.role is Role.CREW for t in people)
            assert message.manifest.declared_crew == len(people)
        else:
            assert all(t.role is Role.PASSENGER for t in people)
    for flight in small_day.flights:
        assert sorted(set(by_flight[flight.key])) == ["250", "745"]


def _unt_counts(text: str, terminator: str, element: str, release: str) -> list[tuple[int, int]]:
    """(declared UNT count, segments from UNH to UNT), counted independently of the writer."""
    body = text[text.index("UNB") :]
    segments = [s.strip() for s in re.split(rf"(?<!{re.escape(release)}){re.escape(terminator)}", body)]
    out, start = [], 0
    for index, segment in enumerate(s for s in segments if s):
        if segment.startswith("UNH"):
            start = index
        elif segment.startswith("UNT"):
            out.append((int(segment.split(element)[1]), index - start + 1))
    return out


def test_unt_counts_are_right_in_every_written_message(small_day: SynthDay) -> None:
    for message, data in zip(small_day.messages, _bytes(small_day), strict=True):
        d = message.options.delimiters
        counts = _unt_counts(data.decode("ascii"), d.terminator, d.element, d.release)
        assert len(counts) == 1 and counts[0][0] == counts[0][1], message.file_name


def test_series_parts_are_numbered_and_complete() -> None:
    rng = _rng()
    plan = next(p for p in plan_day(rng, DAY, 0.1) if p.aircraft.seats >= 170)
    office = TicketOffice(_rng(), set())
    passengers, _ = fill_flight(rng, plan, locators=set(), with_birthplace=False, tickets=office)
    flight = flight_of(plan, passengers, crew_for(rng, plan))
    messages = messages_for(rng, plan, flight, Counters({}), series_share=1.0)
    parts = [m.manifest for m in messages if m.manifest.document_type == "745"]
    assert len(parts) in (2, 3)
    assert [(m.sequence, m.final) for m in parts] == [(i, i == len(parts)) for i in range(1, len(parts) + 1)]
    assert len({m.common_access_ref for m in parts}) == 1 and len({m.interchange_ref for m in parts}) == len(
        parts
    )
    assert sum(len(m.travellers) for m in parts) == len(passengers)
    assert {m.declared_passengers for m in parts} == {len(passengers)}
    assert [m.file_name[-12:] for m in messages][: len(parts)] == [
        f"_pax{i}of{len(parts)}.edi" for i in range(1, len(parts) + 1)
    ]
