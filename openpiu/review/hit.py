"""One hit model for watchlist hits and rule hits, with its states, decisions and dissemination record.

PNR Directive Art 6(5)-(6) and CJEU C-817/19 (standards digest §5.3, §6): every positive match of automated
processing is individually reviewed by a person before anything is done with it, and results go to a
competent authority only case by case after that review. A ``Hit`` carries what a reviewer needs (source,
the list entry or rule version, the explanation, the traveller and flight, when it was first and last
seen across pushes, the deadline) and everything that happened to it (``events``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from openpiu.errors import OpenPIUError


class ReviewError(OpenPIUError):
    """A review step that is not allowed: wrong state, missing reason, wrong person, machine actor."""


class HitSource(StrEnum):
    """Which assessment produced the hit (Art 6(3)(a) databases or Art 6(3)(b) criteria)."""

    WATCHLIST = "watchlist"
    RULE = "rule"


class HitState(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class ReasonCode(StrEnum):
    """Why a reviewer decided as they did; the first group confirms, the second dismisses."""

    SAME_PERSON = "same_person"
    PATTERN_CORROBORATED = "pattern_corroborated"
    OTHER_RELEVANT = "other_relevant"
    DIFFERENT_PERSON = "different_person"
    DATA_ERROR = "data_error"
    EXPLAINED_BY_CONTEXT = "explained_by_context"
    NOT_RELEVANT = "not_relevant"
    OTHER_FALSE_POSITIVE = "other_false_positive"


CONFIRM_REASONS = frozenset(
    {ReasonCode.SAME_PERSON, ReasonCode.PATTERN_CORROBORATED, ReasonCode.OTHER_RELEVANT}
)
DISMISS_REASONS = frozenset(ReasonCode) - CONFIRM_REASONS


class ReviewRole(StrEnum):
    """Who acts. ``SYSTEM`` raises and refreshes hits; it can never decide, approve or disseminate."""

    SYSTEM = "system"
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True, slots=True)
class Actor:
    """A person (or the screening system) acting on a hit; ``user`` is the login name."""

    user: str
    role: ReviewRole


SCREENING = Actor("screening", ReviewRole.SYSTEM)


@dataclass(frozen=True, slots=True)
class HitEvent:
    """One transition or recorded step: who, in which role, when, what, from which state to which, why."""

    at: datetime
    actor: str
    role: ReviewRole
    action: str
    from_state: HitState | None
    to_state: HitState
    reason_code: str | None = None
    text: str = ""


class DisseminationStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"
    SENT = "sent"


@dataclass(frozen=True, slots=True)
class Dissemination:
    """Transfer of a confirmed hit to a competent authority (Art 6(6)), with the second person's approval.

    Attributes:
        authority: the competent authority receiving the result.
        purpose: why it is transferred (case, offence).
        status: requested → approved | refused; approved → sent.
        requested_by / requested_at: the person asking to transfer.
        decided_by / decided_at: the supervisor who approved or refused (never the reviewer).
        sent_by / sent_at: the person who recorded the transfer.
    """

    authority: str
    purpose: str
    status: DisseminationStatus
    requested_by: str
    requested_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    sent_by: str | None = None
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Detection:
    """What screening reports for one traveller on one push, before it becomes (or refreshes) a hit.

    Attributes:
        source: watchlist or rule.
        reference: watchlist entry id, or rule id.
        reference_version: list version, or rule version label (``rule@3``).
        traveller_key: stable key of the traveller on the flight across pushes.
        flight_key: the flight: ``flight:ID``, the stored flight row (``openpiu.review.keys``).
        explanation: lines an analyst reads.
        evidence: the values the match rests on (traveller fields compared, facts the rule read); the
            fingerprint is computed from it, so a dismissed hit comes back only when these change.
        seen_at: when screening found it.
        deadline: scheduled departure (outbound) or arrival (inbound): review must happen before it.
        score: watchlist match score; ``None`` for rules.
    """

    source: HitSource
    reference: str
    reference_version: str
    traveller_key: str
    flight_key: str
    explanation: tuple[str, ...]
    evidence: Mapping[str, object]
    seen_at: datetime
    deadline: datetime | None = None
    score: float | None = None

    @property
    def key(self) -> str:
        return hit_key(self.source, self.reference, self.traveller_key)

    @property
    def fingerprint(self) -> str:
        return evidence_fingerprint(self.source, self.reference, self.evidence)


@dataclass(frozen=True, slots=True)
class Hit:
    """A detection under review. ``key`` is one per traveller x entry (or rule), across pushes."""

    key: str
    source: HitSource
    reference: str
    reference_version: str
    traveller_key: str
    flight_key: str
    explanation: tuple[str, ...]
    fingerprint: str
    first_seen: datetime
    last_seen: datetime
    state: HitState
    deadline: datetime | None = None
    score: float | None = None
    reviewer: str | None = None
    reason_code: ReasonCode | None = None
    decision_text: str | None = None
    dissemination: Dissemination | None = None
    events: tuple[HitEvent, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.state in (HitState.NEW, HitState.IN_REVIEW)


def hit_key(source: HitSource, reference: str, traveller_key: str) -> str:
    """The identity of a hit: source, entry or rule (not its version), traveller."""
    return f"{source.value}:{reference}:{traveller_key}"


def evidence_fingerprint(source: HitSource, reference: str, evidence: Mapping[str, object]) -> str:
    """A short hash of the evidence: same values in any order → same fingerprint.

    Values are rendered with ``str`` (dates as ISO text, sets sorted), so the fingerprint is stable
    across processes and can be stored.
    """
    canonical = {key: _canonical(value) for key, value in evidence.items()}
    text = json.dumps([source.value, reference, canonical], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _canonical(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, frozenset | set):
        return sorted(str(v) for v in value)
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
