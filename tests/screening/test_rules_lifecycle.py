"""Rule lifecycle: draft → approved → active → retired, four eyes, review dates, versions kept."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from openpiu.screening.rules import (
    LifecycleError,
    Rule,
    RuleState,
    RuleVersion,
    activate,
    activate_replacing,
    approve,
    draft,
    firing,
    firing_rules,
    parse_rule,
    retire,
)

T0 = datetime(2026, 3, 1, 9, 0)


def rule(review_by: str = "2026-06-30", valid_until: str | None = None, rid: str = "late-cash") -> Rule:
    body: dict[str, object] = {
        "id": rid,
        "title": "Late cash one-way",
        "rationale": "Couriers buy one-way tickets in cash at the last minute.",
        "offence_category": "drug_trafficking",
        "valid_from": "2026-03-01",
        "review_by": review_by,
        "when": {"field": "payment.cash", "op": "eq", "value": True},
    }
    if valid_until:
        body["valid_until"] = valid_until
    return parse_rule(body)


def live(**kwargs: str) -> RuleVersion:
    version = draft(rule(**kwargs), author="ana", at=T0)
    return activate(approve(version, approver="boris", at=T0), actor="boris", at=T0)


def test_full_lifecycle_records_every_event() -> None:
    v1 = draft(rule(), author="ana", at=T0)
    assert (v1.version, v1.state, v1.label) == (1, RuleState.DRAFT, "late-cash@1")
    v1 = approve(v1, approver="boris", at=T0, note="backtest precision 0.4")
    v1 = activate(v1, actor="boris", at=T0)
    assert firing(v1, date(2026, 3, 2)).fires
    v1 = retire(v1, actor="ana", at=T0, reason="pattern no longer seen")
    assert v1.state is RuleState.RETIRED and v1.approver == "boris"
    assert [(e.action, e.actor, e.from_state, e.to_state) for e in v1.events] == [
        ("draft", "ana", None, RuleState.DRAFT),
        ("approve", "boris", RuleState.DRAFT, RuleState.APPROVED),
        ("activate", "boris", RuleState.APPROVED, RuleState.ACTIVE),
        ("retire", "ana", RuleState.ACTIVE, RuleState.RETIRED),
    ]
    assert v1.events[1].note == "backtest precision 0.4" and v1.events[3].note == "pattern no longer seen"


def test_four_eyes_author_cannot_approve_own_version() -> None:
    v1 = draft(rule(), author="ana", at=T0)
    with pytest.raises(LifecycleError, match="ANA wrote this version and cannot approve it"):
        approve(v1, approver="ANA ", at=T0)


@pytest.mark.parametrize("step", ["approve_twice", "activate_draft", "retire_twice", "activate_retired"])
def test_illegal_transitions_are_refused(step: str) -> None:
    v1 = draft(rule(), author="ana", at=T0)
    with pytest.raises(LifecycleError, match="late-cash@1"):
        if step == "approve_twice":
            approve(approve(v1, approver="boris", at=T0), approver="vesna", at=T0)
        elif step == "activate_draft":
            activate(v1, actor="boris", at=T0)
        elif step == "retire_twice":
            retire(retire(v1, actor="ana", at=T0, reason="typo"), actor="ana", at=T0, reason="again")
        else:
            activate(
                retire(approve(v1, approver="boris", at=T0), actor="ana", at=T0, reason="x"), actor="b", at=T0
            )


def test_retiring_needs_a_reason_and_actions_need_a_person() -> None:
    v1 = draft(rule(), author="ana", at=T0)
    with pytest.raises(LifecycleError, match="needs a reason"):
        retire(v1, actor="ana", at=T0, reason=" ")
    with pytest.raises(LifecycleError, match="a person must be named"):
        approve(v1, approver="", at=T0)


def test_stale_rule_stops_firing_and_says_so() -> None:
    v1 = live(review_by="2026-06-30")
    assert firing(v1, date(2026, 6, 30)).fires
    stale = firing(v1, date(2026, 7, 1))
    assert not stale.fires
    assert stale.reason == "late-cash@1 is stale: review date 2026-06-30 passed; it does not fire"
    live_now, silent = firing_rules([v1], date(2026, 7, 1))
    assert live_now == [] and [s.reason for s in silent] == [stale.reason]


def test_validity_period_and_activation_after_review_date() -> None:
    v1 = live(valid_until="2026-04-30")
    assert not firing(v1, date(2026, 2, 28)).fires
    assert firing(v1, date(2026, 4, 30)).fires
    assert firing(v1, date(2026, 5, 1)).reason == "late-cash@1 expired on 2026-04-30"
    approved = approve(draft(rule(review_by="2026-03-15"), author="ana", at=T0), approver="boris", at=T0)
    with pytest.raises(LifecycleError, match="review date 2026-03-15 has passed"):
        activate(approved, actor="boris", at=datetime(2026, 3, 16))


def test_new_version_is_numbered_and_replaces_the_active_one_keeping_both() -> None:
    v1 = live()
    v2 = draft(rule(review_by="2026-12-31"), author="vesna", at=T0, previous=[v1])
    assert v2.version == 2 and v2.state is RuleState.DRAFT
    assert firing(v1, date(2026, 3, 5)).fires
    v2 = approve(v2, approver="ana", at=T0)
    new, old = activate_replacing(v2, [v1], actor="ana", at=datetime(2026, 3, 5))
    assert (new.label, new.state) == ("late-cash@2", RuleState.ACTIVE)
    assert (old.label, old.state, old.events[-1].note) == (
        "late-cash@1",
        RuleState.RETIRED,
        "superseded by version 2",
    )
    with pytest.raises(LifecycleError, match="version of another rule"):
        draft(rule(rid="other"), author="ana", at=T0, previous=[v1])
