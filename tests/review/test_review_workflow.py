"""Hit review state machine: transitions, reasons, four-eyes dissemination, no repeat of dismissed hits."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from openpiu.review import (
    SCREENING,
    Actor,
    Detection,
    DisseminationStatus,
    Hit,
    HitSource,
    HitState,
    Raised,
    ReasonCode,
    ReviewError,
    ReviewRole,
    approve_dissemination,
    decide,
    evidence_fingerprint,
    record_detection,
    record_dissemination,
    release,
    request_dissemination,
    start_review,
)

T0 = datetime(2026, 11, 29, 6, 0)
ANA = Actor("ana", ReviewRole.ANALYST)
BORIS = Actor("boris", ReviewRole.ANALYST)
VESNA = Actor("vesna", ReviewRole.SUPERVISOR)
ZORAN = Actor("zoran", ReviewRole.SUPERVISOR)


def detection(
    at: datetime = T0, dob: str = "1980-05-02", source: HitSource = HitSource.WATCHLIST
) -> Detection:
    return Detection(
        source=source,
        reference="wanted-17",
        reference_version="wanted@4",
        traveller_key="JU0680/2026-11-29/ABC123/1",
        flight_key="JU0680/2026-11-29",
        explanation=("name: DJORDJE VUCIC ~ Đorđe Vučić (transliteration)", f"date of birth {dob} exact"),
        evidence={"surname": "VUCIC", "given_names": "DJORDJE", "date_of_birth": dob},
        seen_at=at,
        deadline=T0 + timedelta(hours=4),
        score=0.93,
    )


def confirmed() -> Hit:
    hit = start_review(record_detection(detection(), None).hit, ANA, T0)
    return decide(
        hit, ANA, T0, HitState.CONFIRMED, ReasonCode.SAME_PERSON, "Same person: DOB and document match."
    )


def test_new_hit_then_review_and_decision_record_who_when_why() -> None:
    result = record_detection(detection(), None)
    assert result.action is Raised.NEW and result.needs_review
    hit = result.hit
    assert (hit.state, hit.first_seen, hit.last_seen, hit.key) == (
        HitState.NEW,
        T0,
        T0,
        "watchlist:wanted-17:JU0680/2026-11-29/ABC123/1",
    )
    hit = start_review(hit, ANA, T0 + timedelta(minutes=5))
    hit = decide(
        hit,
        ANA,
        T0 + timedelta(minutes=9),
        HitState.DISMISSED,
        ReasonCode.DIFFERENT_PERSON,
        "Other DOB in passport.",
    )
    assert (hit.state, hit.reviewer, hit.reason_code, hit.decision_text) == (
        HitState.DISMISSED,
        "ana",
        ReasonCode.DIFFERENT_PERSON,
        "Other DOB in passport.",
    )
    assert [(e.action, e.actor, e.role, e.from_state, e.to_state, e.reason_code) for e in hit.events] == [
        ("raise", "screening", ReviewRole.SYSTEM, None, HitState.NEW, None),
        ("start_review", "ana", ReviewRole.ANALYST, HitState.NEW, HitState.IN_REVIEW, None),
        ("decide", "ana", ReviewRole.ANALYST, HitState.IN_REVIEW, HitState.DISMISSED, "different_person"),
    ]
    assert hit.events[2].at == T0 + timedelta(minutes=9) and hit.events[2].text == "Other DOB in passport."


def test_decision_needs_fitting_reason_and_text() -> None:
    hit = start_review(record_detection(detection(), None).hit, ANA, T0)
    with pytest.raises(ReviewError, match="needs a text"):
        decide(hit, ANA, T0, HitState.DISMISSED, ReasonCode.DATA_ERROR, "  ")
    with pytest.raises(ReviewError, match="reason 'same_person' does not fit dismissed"):
        decide(hit, ANA, T0, HitState.DISMISSED, ReasonCode.SAME_PERSON, "x")
    with pytest.raises(ReviewError, match="reason 'data_error' does not fit confirmed"):
        decide(hit, ANA, T0, HitState.CONFIRMED, ReasonCode.DATA_ERROR, "x")
    with pytest.raises(ReviewError, match="confirmed or dismissed, not new"):
        decide(hit, ANA, T0, HitState.NEW, ReasonCode.DATA_ERROR, "x")


def test_illegal_transitions_are_refused() -> None:
    new = record_detection(detection(), None).hit
    with pytest.raises(ReviewError, match="cannot decide a new hit"):
        decide(new, ANA, T0, HitState.CONFIRMED, ReasonCode.SAME_PERSON, "x")
    done = confirmed()
    with pytest.raises(ReviewError, match="cannot start reviewing a confirmed hit"):
        start_review(done, BORIS, T0)
    with pytest.raises(ReviewError, match="cannot decide a confirmed hit"):
        decide(done, BORIS, T0, HitState.DISMISSED, ReasonCode.DATA_ERROR, "x")
    back = release(start_review(new, ANA, T0), ANA, T0, "handing over at shift end")
    assert back.state is HitState.NEW and back.reviewer is None


def test_the_system_can_never_review_decide_approve_or_disseminate() -> None:
    new = record_detection(detection(), None).hit
    with pytest.raises(ReviewError, match="only a named person"):
        start_review(new, SCREENING, T0)
    in_review = start_review(new, ANA, T0)
    with pytest.raises(ReviewError, match="only a named person"):
        decide(in_review, SCREENING, T0, HitState.CONFIRMED, ReasonCode.SAME_PERSON, "auto")
    hit = request_dissemination(confirmed(), ANA, T0, authority="Police Directorate", purpose="case 17/2026")
    with pytest.raises(ReviewError, match="only a named person"):
        approve_dissemination(hit, Actor("screening", ReviewRole.SYSTEM), T0, approve=True, text="ok")
    with pytest.raises(ReviewError, match="only a named person"):
        approve_dissemination(hit, Actor(" ", ReviewRole.SUPERVISOR), T0, approve=True, text="ok")


def test_dissemination_impossible_without_a_second_persons_approval() -> None:
    hit = confirmed()
    with pytest.raises(ReviewError, match="dissemination must be approved, it is no request"):
        record_dissemination(hit, ANA, T0, reference="SIENA-1")
    hit = request_dissemination(hit, ANA, T0, authority="Police Directorate", purpose="case 17/2026")
    with pytest.raises(ReviewError, match="dissemination must be approved, it is requested"):
        record_dissemination(hit, ANA, T0, reference="SIENA-1")
    # The reviewer cannot approve their own case, even as a supervisor; nor can an analyst.
    with pytest.raises(ReviewError, match="another supervisor must approve"):
        approve_dissemination(hit, Actor("ana", ReviewRole.SUPERVISOR), T0, approve=True, text="ok")
    with pytest.raises(ReviewError, match="only a supervisor approves"):
        approve_dissemination(hit, BORIS, T0, approve=True, text="ok")
    refused = approve_dissemination(hit, VESNA, T0, approve=False, text="not proportionate")
    assert refused.dissemination is not None and refused.dissemination.status is DisseminationStatus.REFUSED
    with pytest.raises(ReviewError, match="it is refused"):
        record_dissemination(refused, ANA, T0, reference="SIENA-1")
    again = request_dissemination(
        refused, BORIS, T0, authority="Police Directorate", purpose="case 17/2026, new facts"
    )
    with pytest.raises(ReviewError, match="boris reviewed or requested this"):
        approve_dissemination(again, Actor("boris", ReviewRole.SUPERVISOR), T0, approve=True, text="ok")
    approved = approve_dissemination(again, ZORAN, T0, approve=True, text="proportionate, case open")
    sent = record_dissemination(approved, BORIS, T0 + timedelta(hours=1), reference="SIENA-2026-0042")
    record = sent.dissemination
    assert record is not None
    assert (record.status, record.requested_by, record.decided_by, record.sent_by) == (
        DisseminationStatus.SENT,
        "boris",
        "zoran",
        "boris",
    )
    assert [e.action for e in sent.events][-5:] == [
        "request_dissemination",
        "refuse_dissemination",
        "request_dissemination",
        "approve_dissemination",
        "disseminate",
    ]


def test_only_confirmed_hits_can_be_disseminated() -> None:
    hit = start_review(record_detection(detection(), None).hit, ANA, T0)
    with pytest.raises(ReviewError, match="only a confirmed hit"):
        request_dissemination(hit, ANA, T0, authority="Police", purpose="x")


def test_dismissed_hit_is_not_raised_again_unless_evidence_changes() -> None:
    hit = start_review(record_detection(detection(), None).hit, ANA, T0)
    hit = decide(hit, ANA, T0, HitState.DISMISSED, ReasonCode.DIFFERENT_PERSON, "different passport")
    later = T0 + timedelta(hours=6)
    same = record_detection(detection(at=later), hit)
    assert same.action is Raised.SUPPRESSED and not same.needs_review
    assert (same.hit.state, same.hit.last_seen, same.hit.events) == (HitState.DISMISSED, later, hit.events)
    changed = record_detection(detection(at=later, dob="1980-05-03"), same.hit)
    assert changed.action is Raised.REOPENED and changed.needs_review
    assert changed.hit.state is HitState.NEW and changed.hit.reviewer is None
    assert [e.action for e in changed.hit.events] == ["raise", "start_review", "decide", "reopen"]


def test_open_hit_is_one_hit_across_pushes() -> None:
    first = record_detection(detection(), None).hit
    again = record_detection(detection(at=T0 + timedelta(hours=2)), first)
    assert again.action is Raised.REFRESHED and not again.needs_review
    assert (again.hit.first_seen, again.hit.last_seen) == (T0, T0 + timedelta(hours=2))
    assert again.hit.events == first.events
    other_source = detection(source=HitSource.RULE)
    with pytest.raises(ReviewError, match="detection for another key"):
        record_detection(other_source, first)


def test_fingerprint_ignores_order_and_follows_values() -> None:
    a = evidence_fingerprint(HitSource.RULE, "r", {"x": 1, "y": frozenset({"B", "A"})})
    assert a == evidence_fingerprint(HitSource.RULE, "r", {"y": frozenset({"A", "B"}), "x": 1})
    assert a != evidence_fingerprint(HitSource.RULE, "r", {"x": 2, "y": frozenset({"A", "B"})})
    assert a != evidence_fingerprint(HitSource.RULE, "other", {"x": 1, "y": frozenset({"A", "B"})})
