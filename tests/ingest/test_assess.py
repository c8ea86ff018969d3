"""Criteria over stored data: facts from stored API and PNR rows, rule hits recorded, backtest on history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from factories import paxlst
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openpiu.ingest import Intake
from openpiu.ingest.assess import assess_flights, flight_facts, stored_history
from openpiu.ingest.reconcile import reconcile_all
from openpiu.review import Actor, HitState, ReasonCode, ReviewRole
from openpiu.review.workflow import decide, start_review
from openpiu.screening.rules import activate, approve, backtest, draft, parse_rule
from openpiu.store.assessment import flights_between
from openpiu.store.hits import get_hit, list_hits, save_hit
from openpiu.store.rules import save_rule_version

from .test_pnr_ingest import FIRST, SECOND, clock

NOW = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
DAY = date(2026, 3, 29)
PIU = "SRB"  # the flight, Vienna to Belgrade, arrives in the PIU's state
VIE_DEPARTURE = datetime(2026, 3, 29, 7, 30, tzinfo=UTC)  # 09:30 local, summer time
BEG_ARRIVAL = datetime(2026, 3, 29, 9, 5, tzinfo=UTC)  # 11:05 local, summer time


def rule(**when: Any) -> dict[str, Any]:
    return {
        "id": "cash-short-notice",
        "title": "Paid in cash",
        "rationale": "Test rule.",
        "offence_category": "drug_trafficking",
        "valid_from": "2026-01-01",
        "review_by": "2027-01-01",
        "when": when
        or {
            "all": [
                {"field": "payment.cash", "op": "eq", "value": True},
                {"field": "booking.hours_to_departure", "op": "between", "value": [0, 700]},
            ]
        },
    }


def ingest(engine: Engine, *messages: tuple[bytes, str]) -> None:
    intake = Intake(engine, now=clock())  # type: ignore[arg-type]
    for data, source in messages:
        intake.receive(data, source=source)
    reconcile_all(engine, now=lambda: NOW)


def test_facts_come_from_the_stored_api_traveller_and_their_booking(engine: Engine) -> None:
    # PNR pushed first (ANA and LUKA, card), then API (ANA linked; NOVAK is a go-show; LUKA a no-show).
    ingest(engine, (FIRST, "first.edi"), (paxlst(surnames=("PETROVIC", "NOVAK")), "api.edi"))
    with engine.connect() as connection:
        (stored,) = flights_between(connection, first=DAY, last=DAY)
        found = flight_facts(connection, stored)
    assert [k.split(":")[0] for k in found.keys] == ["traveller", "traveller", "pnr"]
    ana, novak, luka = found.facts
    assert (ana["traveller.has_api"], ana["traveller.has_pnr"]) == (True, True)
    # Booked 1 March 09:00 UTC; departs Vienna 29 March 09:30 local, the first day of summer time
    # (UTC+2) = 07:30 UTC: 27 days 22.5 hours. Local-minus-UTC arithmetic would give 672.5.
    assert ana["booking.hours_to_departure"] == 670.5
    assert ana["flight.departure_hour"] == 9.0
    assert ana["payment.cash"] is False and ana["booking.co_travellers"] == 1.0
    assert ana["flight.departure_country"] == "AUT" and ana["flight.arrival_country"] == "SRB"
    assert ana["booking.pushes"] == 1.0 and "booking.itinerary_changed" not in ana
    assert novak["traveller.has_pnr"] is False and "booking.hours_to_departure" not in novak
    assert (luka["traveller.has_api"], luka["traveller.has_pnr"]) == (False, True)
    assert found.keys[2] == "pnr:JU/ABC123/2"


def test_hits_are_recorded_once_and_backtests_count_confirmations(engine: Engine) -> None:
    ingest(
        engine,
        (FIRST, "first.edi"),
        (SECOND, "second.edi"),
        (paxlst(surnames=("PETROVIC", "NOVAK")), "api.edi"),
    )
    with engine.connect() as connection:
        (stored,) = flights_between(connection, first=DAY, last=DAY)
        found = flight_facts(connection, stored)
    ana = found.facts[found.keys.index(next(k for k in found.keys if k.startswith("traveller:")))]
    # The second push is compared with the first: same itinerary, now paid in cash, two pushes.
    assert (ana["booking.pushes"], ana["booking.itinerary_changed"], ana["payment.cash"]) == (
        2.0,
        False,
        True,
    )
    parsed = parse_rule(rule())
    with Session(engine) as session, session.begin():
        version = approve(draft(parsed, author="ana", at=NOW), approver="boris", at=NOW)
        save_rule_version(session, activate(version, actor="boris", at=NOW))
    first = assess_flights(engine, first=DAY, last=DAY, piu_country=PIU, now=lambda: NOW)
    # The second push paid in cash: ANA (API, linked) and MARKO (added in PNR, not in API) fire.
    assert (first.flights, first.travellers, first.raised, first.rules) == (1, 3, 2, 1)
    with Session(engine) as session:
        hits = list_hits(session)
    assert sorted(h.hit.traveller_key.split(":")[0] for h in hits) == ["pnr", "traveller"]
    hit = next(h for h in hits if h.hit.traveller_key.startswith("traveller:"))
    # Inbound, but the PNR push that created the flight gave no arrival time: review before departure.
    assert hit.hit.deadline == VIE_DEPARTURE
    assert hit.hit.explanation[0] == "Paid in cash"
    assert "booking.hours_to_departure = 670.5" in hit.hit.explanation[2]
    # Running again refreshes, never duplicates.
    again = assess_flights(engine, first=DAY, last=DAY, piu_country=PIU, now=lambda: NOW + timedelta(hours=1))
    assert (again.raised, again.refreshed) == (0, 2)
    reviewer = Actor("carla", ReviewRole.ANALYST)
    with Session(engine) as session, session.begin():
        opened = start_review(get_hit(session, hit.id).hit, reviewer, NOW)
        save_hit(
            session,
            decide(opened, reviewer, NOW, HitState.CONFIRMED, ReasonCode.PATTERN_CORROBORATED, "seen"),
        )
    history, outcomes = stored_history(engine, first=DAY, last=DAY)
    assert len(history) == 3 and list(outcomes.values()) == ["confirmed"]
    report = backtest(parsed, history, outcomes)
    assert (report.flagged, report.confirmed, report.unreviewed) == (2, 1, 1)
    assert report.per_route == [("VIE-BEG", 2)]
    (day,) = report.days_detail
    assert (day.day, day.flagged, day.confirmed) == (DAY, 2, 1)
    # A stricter draft flags nobody on the same history.
    strict = parse_rule(rule(field="booking.hours_to_departure", op="lt", value=24))
    assert backtest(strict, history, outcomes).flagged == 0


def _activate_cash_rule(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        version = approve(draft(parse_rule(rule()), author="ana", at=NOW), approver="boris", at=NOW)
        save_rule_version(session, activate(version, actor="boris", at=NOW))


def test_criteria_hits_on_an_inbound_flight_are_due_before_arrival(engine: Engine) -> None:
    # API first, so the flight is stored with its scheduled arrival (11:05 in Belgrade).
    ingest(
        engine,
        (paxlst(surnames=("PETROVIC", "NOVAK")), "api.edi"),
        (FIRST, "first.edi"),
        (SECOND, "second.edi"),
    )
    _activate_cash_rule(engine)
    assert assess_flights(engine, first=DAY, last=DAY, piu_country="SRB", now=lambda: NOW).raised == 2
    with Session(engine) as session:
        assert {h.hit.deadline for h in list_hits(session)} == {BEG_ARRIVAL}
    # For Austria's PIU the same flight is outbound: the refreshed hits are due before departure.
    assert assess_flights(engine, first=DAY, last=DAY, piu_country="AUT", now=lambda: NOW).refreshed == 2
    with Session(engine) as session:
        assert {h.hit.deadline for h in list_hits(session)} == {VIE_DEPARTURE}
