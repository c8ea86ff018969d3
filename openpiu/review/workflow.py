"""The review state machine: new → in_review → confirmed | dismissed, and the gated dissemination.

Every function takes a hit and returns the next one with the step appended to ``events`` (who, role, when,
why), or raises ``ReviewError``. Rules enforced here, whatever the caller (CLI, web):

- only people decide: ``SYSTEM`` may raise and refresh hits, never review, decide, approve or disseminate
  (PNR Directive Art 6(5), 7(6));
- a decision needs a reason code that fits the outcome and a text;
- a confirmed hit is disseminated only after a supervisor who is neither the reviewer nor the requester
  approves (Art 6(6): case by case, after human review). Recording the transfer is itself a human step;
  nothing here sends anything;
- a dismissed hit is not raised again for the same traveller and entry/rule unless its evidence
  fingerprint changes (the dismissal is kept to avoid repeat false positives, Art 12 results rule).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from openpiu.review.hit import (
    CONFIRM_REASONS,
    DISMISS_REASONS,
    SCREENING,
    Actor,
    Detection,
    Dissemination,
    DisseminationStatus,
    Hit,
    HitEvent,
    HitState,
    ReasonCode,
    ReviewError,
    ReviewRole,
)


class Raised(StrEnum):
    """What ``record_detection`` did with a detection."""

    NEW = "new"
    REFRESHED = "refreshed"
    SUPPRESSED = "suppressed"
    REOPENED = "reopened"


@dataclass(frozen=True, slots=True)
class RecordResult:
    hit: Hit
    action: Raised

    @property
    def needs_review(self) -> bool:
        """True when the hit is (again) in the queue because of this detection."""
        return self.action in (Raised.NEW, Raised.REOPENED)


def record_detection(detection: Detection, existing: Hit | None) -> RecordResult:
    """Turn a detection into a new hit, or update the hit already held for the same key.

    - no hit yet: a new hit;
    - an open or confirmed hit: ``last_seen`` and the explanation move on (one hit across pushes);
    - a dismissed hit with the same evidence fingerprint: suppressed, only ``last_seen`` moves;
    - a dismissed hit whose evidence changed: reopened as new, the previous decision kept in the events.
    """
    if existing is None:
        event = HitEvent(detection.seen_at, SCREENING.user, SCREENING.role, "raise", None, HitState.NEW)
        hit = Hit(
            key=detection.key,
            source=detection.source,
            reference=detection.reference,
            reference_version=detection.reference_version,
            traveller_key=detection.traveller_key,
            flight_key=detection.flight_key,
            explanation=detection.explanation,
            fingerprint=detection.fingerprint,
            first_seen=detection.seen_at,
            last_seen=detection.seen_at,
            state=HitState.NEW,
            deadline=detection.deadline,
            score=detection.score,
            events=(event,),
        )
        return RecordResult(hit, Raised.NEW)
    if existing.key != detection.key:
        raise ReviewError(f"hit {existing.key}: detection for another key ({detection.key})")
    last_seen = max(existing.last_seen, detection.seen_at)
    if existing.state is HitState.DISMISSED:
        if existing.fingerprint == detection.fingerprint:
            return RecordResult(replace(existing, last_seen=last_seen), Raised.SUPPRESSED)
        event = HitEvent(
            detection.seen_at,
            SCREENING.user,
            SCREENING.role,
            "reopen",
            existing.state,
            HitState.NEW,
            text="evidence changed since the dismissal",
        )
        reopened = replace(
            _refreshed(existing, detection, last_seen),
            state=HitState.NEW,
            reviewer=None,
            reason_code=None,
            decision_text=None,
            events=(*existing.events, event),
        )
        return RecordResult(reopened, Raised.REOPENED)
    return RecordResult(_refreshed(existing, detection, last_seen), Raised.REFRESHED)


def _refreshed(hit: Hit, detection: Detection, last_seen: datetime) -> Hit:
    return replace(
        hit,
        reference_version=detection.reference_version,
        explanation=detection.explanation,
        fingerprint=detection.fingerprint,
        last_seen=last_seen,
        deadline=detection.deadline or hit.deadline,
        score=detection.score if detection.score is not None else hit.score,
    )


def start_review(hit: Hit, actor: Actor, at: datetime) -> Hit:
    """A person takes a new hit for review."""
    _human(actor, hit)
    _expect(hit, HitState.NEW, "start reviewing")
    return _step(hit, actor, at, "start_review", HitState.IN_REVIEW, reviewer=actor.user)


def release(hit: Hit, actor: Actor, at: datetime, text: str) -> Hit:
    """Put a hit in review back in the queue (reviewer absent, needs another pair of eyes)."""
    _human(actor, hit)
    _expect(hit, HitState.IN_REVIEW, "release")
    return _step(hit, actor, at, "release", HitState.NEW, text=_text(hit, text, "releasing"), reviewer=None)


def decide(hit: Hit, actor: Actor, at: datetime, outcome: HitState, reason: ReasonCode, text: str) -> Hit:
    """Confirm (relevant) or dismiss (false positive) a hit in review, with a reason code and a text."""
    _human(actor, hit)
    _expect(hit, HitState.IN_REVIEW, "decide")
    if outcome is HitState.CONFIRMED:
        allowed = CONFIRM_REASONS
    elif outcome is HitState.DISMISSED:
        allowed = DISMISS_REASONS
    else:
        raise ReviewError(f"hit {hit.key}: a decision is confirmed or dismissed, not {outcome.value}")
    if reason not in allowed:
        raise ReviewError(
            f"hit {hit.key}: reason {reason.value!r} does not fit {outcome.value} "
            f"(use {', '.join(sorted(r.value for r in allowed))})"
        )
    words = _text(hit, text, "a decision")
    return _step(
        hit,
        actor,
        at,
        "decide",
        outcome,
        reason=reason,
        text=words,
        reviewer=actor.user,
        reason_code=reason,
        decision_text=words,
    )


def request_dissemination(hit: Hit, actor: Actor, at: datetime, *, authority: str, purpose: str) -> Hit:
    """Ask to transfer a confirmed hit to a competent authority; a supervisor must approve first."""
    _human(actor, hit)
    if hit.state is not HitState.CONFIRMED:
        raise ReviewError(
            f"hit {hit.key}: only a confirmed hit can be disseminated (it is {hit.state.value})"
        )
    current = hit.dissemination
    if current is not None and current.status is not DisseminationStatus.REFUSED:
        raise ReviewError(f"hit {hit.key}: a dissemination is already {current.status.value}")
    if not authority.strip():
        raise ReviewError(f"hit {hit.key}: name the competent authority")
    record = Dissemination(
        authority.strip(), _text(hit, purpose, "the purpose"), DisseminationStatus.REQUESTED, actor.user, at
    )
    return _step(
        hit, actor, at, "request_dissemination", hit.state, text=record.purpose, dissemination=record
    )


def approve_dissemination(hit: Hit, actor: Actor, at: datetime, *, approve: bool, text: str) -> Hit:
    """The second person's decision on a dissemination request (four eyes).

    The approver must be a supervisor and neither the reviewer who confirmed the hit nor the requester.
    """
    _human(actor, hit)
    record = _dissemination(hit, DisseminationStatus.REQUESTED, "approve")
    if actor.role is not ReviewRole.SUPERVISOR:
        raise ReviewError(
            f"hit {hit.key}: only a supervisor approves a dissemination ({actor.user} is {actor.role})"
        )
    if actor.user.casefold() in {(hit.reviewer or "").casefold(), record.requested_by.casefold()}:
        raise ReviewError(
            f"hit {hit.key}: {actor.user} reviewed or requested this; another supervisor must approve"
        )
    status = DisseminationStatus.APPROVED if approve else DisseminationStatus.REFUSED
    words = _text(hit, text, "an approval")
    decided = replace(record, status=status, decided_by=actor.user, decided_at=at)
    action = "approve_dissemination" if approve else "refuse_dissemination"
    return _step(hit, actor, at, action, hit.state, text=words, dissemination=decided)


def record_dissemination(hit: Hit, actor: Actor, at: datetime, *, reference: str) -> Hit:
    """A person records that the approved result was transferred (``reference``: the outgoing message)."""
    _human(actor, hit)
    record = _dissemination(hit, DisseminationStatus.APPROVED, "disseminate")
    sent = replace(record, status=DisseminationStatus.SENT, sent_by=actor.user, sent_at=at)
    return _step(
        hit,
        actor,
        at,
        "disseminate",
        hit.state,
        text=_text(hit, reference, "the reference"),
        dissemination=sent,
    )


def _dissemination(hit: Hit, status: DisseminationStatus, action: str) -> Dissemination:
    record = hit.dissemination
    if hit.state is not HitState.CONFIRMED or record is None or record.status is not status:
        have = "no request" if record is None else record.status.value
        raise ReviewError(
            f"hit {hit.key}: cannot {action}: dissemination must be {status.value}, it is {have}"
        )
    return record


def _step(
    hit: Hit,
    actor: Actor,
    at: datetime,
    action: str,
    to_state: HitState,
    *,
    reason: ReasonCode | None = None,
    text: str = "",
    **changes: object,
) -> Hit:
    event = HitEvent(
        at, actor.user, actor.role, action, hit.state, to_state, reason.value if reason else None, text
    )
    return replace(hit, state=to_state, events=(*hit.events, event), **changes)  # type: ignore[arg-type]  # fields of Hit


def _human(actor: Actor, hit: Hit) -> None:
    # PNR Directive Art 6(5), 7(6): no action on a match without individual human review.
    if actor.role is ReviewRole.SYSTEM or not actor.user.strip():
        raise ReviewError(f"hit {hit.key}: only a named person can do this, not {actor.user or 'nobody'}")


def _expect(hit: Hit, state: HitState, action: str) -> None:
    if hit.state is not state:
        raise ReviewError(f"hit {hit.key}: cannot {action} a {hit.state.value} hit (must be {state.value})")


def _text(hit: Hit, text: str, what: str) -> str:
    if not text.strip():
        raise ReviewError(f"hit {hit.key}: {what} needs a text")
    return text.strip()
