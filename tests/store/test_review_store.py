"""Rule versions and hits round-trip through the database, events appended, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openpiu.errors import NotFound
from openpiu.review import (
    Actor,
    Detection,
    DisseminationStatus,
    HitSource,
    HitState,
    Raised,
    ReasonCode,
    ReviewRole,
    approve_dissemination,
    decide,
    request_dissemination,
    start_review,
)
from openpiu.review.queue import review_queue
from openpiu.screening.rules import RuleState, activate, approve, draft
from openpiu.screening.rules.examples import example_rules
from openpiu.store.hits import (
    awaiting_approval,
    get_hit,
    list_hits,
    record_detections,
    save_hit,
    urgent_hits,
)
from openpiu.store.rules import load_rule_version, load_rule_versions, save_rule_version

T0 = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)


def test_rule_versions_round_trip_with_events(engine: Engine) -> None:
    rule = example_rules()[0]
    with Session(engine) as session, session.begin():
        v1 = draft(rule, author="ana", at=T0)
        save_rule_version(session, v1)
        v1 = activate(approve(v1, approver="boris", at=T0), actor="boris", at=T0)
        save_rule_version(session, v1)
        save_rule_version(session, draft(rule, author="vesna", at=T0, previous=[v1]))
    with Session(engine) as session:
        versions = load_rule_versions(session)
        assert [(v.label, v.state) for v in versions] == [
            ("late-cash-one-way@1", RuleState.ACTIVE),
            ("late-cash-one-way@2", RuleState.DRAFT),
        ]
        assert versions[0] == v1
        assert load_rule_version(session, rule_id=rule.id).version == 2
        with pytest.raises(NotFound, match="no rule nothing"):
            load_rule_version(session, rule_id="nothing")


def detection(at: datetime, dob: str = "1980-05-02") -> Detection:
    return Detection(
        HitSource.WATCHLIST,
        "wanted-17",
        "wanted@4",
        "JU0680/2026-11-29/ABC123/1",
        "JU0680/2026-11-29",
        ("name DJORDJE VUCIC ~ Đorđe Vučić",),
        {"date_of_birth": dob},
        at,
        T0 + timedelta(hours=4),
        0.93,
    )


def test_hits_round_trip_deduplicate_and_keep_dismissals(engine: Engine) -> None:
    ana, vesna = Actor("ana", ReviewRole.ANALYST), Actor("vesna", ReviewRole.SUPERVISOR)
    with Session(engine) as session, session.begin():
        [(hit_id, result)] = record_detections(session, [detection(T0)])
        assert result.action is Raised.NEW
        [(same_id, again)] = record_detections(session, [detection(T0 + timedelta(hours=1))])
        assert (same_id, again.action) == (hit_id, Raised.REFRESHED)
    with Session(engine) as session, session.begin():
        stored = get_hit(session, hit_id)
        assert stored.hit.last_seen == T0 + timedelta(hours=1)
        hit = decide(
            start_review(stored.hit, ana, T0), ana, T0, HitState.CONFIRMED, ReasonCode.SAME_PERSON, "same"
        )
        hit = request_dissemination(hit, ana, T0, authority="Police Directorate", purpose="case 17/2026")
        hit = approve_dissemination(hit, vesna, T0, approve=True, text="proportionate")
        save_hit(session, hit)
    with Session(engine) as session:
        loaded = get_hit(session, hit_id).hit
        assert loaded == hit
        assert (
            loaded.dissemination is not None and loaded.dissemination.status is DisseminationStatus.APPROVED
        )
        assert [s.id for s in list_hits(session, states=[HitState.CONFIRMED])] == [hit_id]
        assert list_hits(session, states=[HitState.NEW]) == []
        with pytest.raises(NotFound):
            get_hit(session, hit_id + 100)


def test_examples_activated_and_their_hits_recorded(engine: Engine) -> None:
    from openpiu.review.rules import rule_detections
    from openpiu.store.rules import activate_examples

    with Session(engine) as session, session.begin():
        activated = activate_examples(session, author="ana", approver="boris", at=T0)
        assert len(activated) == 5 and activate_examples(session, author="ana", approver="boris", at=T0) == []
        courier = {
            "itinerary.one_way": True,
            "payment.cash": True,
            "booking.hours_to_departure": 6.0,
            "traveller.bags": 0.0,
        }
        rows = [courier, {**courier, "payment.cash": False}]
        found = rule_detections(
            load_rule_versions(session),
            rows,
            ["T1", "T2"],
            flight_key="JU0680/2026-11-29",
            day=T0.date(),
            seen_at=T0,
        )
        assert [(d.reference_version, d.traveller_key) for d in found] == [("late-cash-one-way@1", "T1")]
        assert found[0].explanation[0].startswith("One-way ticket bought in cash")
        assert "payment.cash eq true: payment.cash = true" in found[0].explanation
        [(_, result)] = record_detections(session, found)
        assert result.needs_review


def test_urgent_hits_are_the_review_queue_cut_by_the_database(engine: Engine) -> None:
    """Deadlines (none, equal, earlier), scores (none, equal, higher) and first sightings all order."""
    ana = Actor("ana", ReviewRole.ANALYST)
    cases = [
        (None, 0.99, 0),
        (2, None, 0),
        (2, 0.5, 3),
        (2, 0.5, 1),
        (-1, None, 2),
        (2, 0.9, 5),
        (None, None, 1),
        (5, 0.7, 0),
        (2, 0.5, 1),
        (-3, 0.1, 4),
    ]
    detections = [
        Detection(
            HitSource.WATCHLIST if score is not None else HitSource.RULE,
            f"ref-{n}",
            "v@1",
            f"JU0680/2026-11-29/ABC{n}/1",
            "JU0680/2026-11-29",
            ("line",),
            {"n": n},
            T0 + timedelta(minutes=seen),
            T0 + timedelta(hours=hours) if hours is not None else None,
            score,
        )
        for n, (hours, score, seen) in enumerate(cases)
    ]
    with Session(engine) as session, session.begin():
        ids = [hit_id for hit_id, _ in record_detections(session, detections)]
        # A closed hit is not in the queue.
        closed = get_hit(session, ids[3]).hit
        save_hit(
            session,
            decide(
                start_review(closed, ana, T0), ana, T0, HitState.DISMISSED, ReasonCode.DIFFERENT_PERSON, "no"
            ),
        )
    with Session(engine) as session:
        stored = list_hits(session)
        expected = [h.key for h in review_queue([s.hit for s in stored], T0)]
        assert [s.hit.key for s in urgent_hits(session, limit=100)] == expected
        assert [s.hit.key for s in urgent_hits(session, limit=4)] == expected[:4]
        assert len(expected) == len(cases) - 1


def test_awaiting_approval_lists_only_requested_disseminations(engine: Engine) -> None:
    ana, vesna = Actor("ana", ReviewRole.ANALYST), Actor("vesna", ReviewRole.SUPERVISOR)
    travellers = [f"JU0680/2026-11-29/ABC{n}/1" for n in range(3)]
    with Session(engine) as session, session.begin():
        found = [replace(detection(T0), traveller_key=key) for key in travellers]
        ids = [hit_id for hit_id, _ in record_detections(session, found)]
        for n, hit_id in enumerate(ids):
            hit = start_review(get_hit(session, hit_id).hit, ana, T0)
            hit = decide(hit, ana, T0, HitState.CONFIRMED, ReasonCode.SAME_PERSON, "same")
            if n:  # the first stays confirmed, with no request
                hit = request_dissemination(hit, ana, T0, authority="Police Directorate", purpose="case 17")
            if n == 2:
                hit = approve_dissemination(hit, vesna, T0, approve=True, text="proportionate")
            save_hit(session, hit)
    with Session(engine) as session:
        waiting = awaiting_approval(session)
        assert [s.id for s in waiting] == [ids[1]]
        dissemination = waiting[0].hit.dissemination
        assert dissemination is not None and dissemination.status is DisseminationStatus.REQUESTED
