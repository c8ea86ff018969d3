"""Behaviours of the synthetic day that the demo relies on: go-shows that are in API only, and the rare
booking patterns each example criterion looks for."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from openpiu.demo import run_demo
from openpiu.review.hit import HitSource
from openpiu.screening.rules.examples import EXAMPLES
from openpiu.synth import generate_day
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
