"""The life of a criterion: draft → approved → active → retired, four eyes, review dates, every version kept.

PNR Directive Art 6(4) and CJEU C-817/19 (standards digest §5.3, §6): criteria are set and regularly
reviewed by people, never changed by a machine. So a rule version is written by an author, approved by
someone else, activated, and retired; its text never changes after it is written (a change is a new
version); a version whose review date has passed stops firing until people approve a reviewed version.

Everything here is pure: each transition takes a version and returns the next one with the event appended,
or raises ``LifecycleError``. Storage keeps every version and every event (``openpiu.store.rules``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from openpiu.errors import OpenPIUError
from openpiu.screening.rules.document import Rule


class LifecycleError(OpenPIUError):
    """A transition the rule lifecycle does not allow (wrong state, same author and approver, ...)."""


class RuleState(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    ACTIVE = "active"
    RETIRED = "retired"


@dataclass(frozen=True, slots=True)
class LifecycleEvent:
    """One transition: who moved the version from which state to which, when, and why."""

    at: datetime
    actor: str
    action: str
    from_state: RuleState | None
    to_state: RuleState
    note: str = ""


@dataclass(frozen=True, slots=True)
class RuleVersion:
    """One version of a rule with its place in the lifecycle.

    Attributes:
        rule: the checked document; never changes within a version.
        version: 1, 2, ... per rule id.
        state: lifecycle state.
        author: who wrote this version.
        created: when it was written.
        approver: who approved it (never the author).
        events: every transition, oldest first.
    """

    rule: Rule
    version: int
    state: RuleState
    author: str
    created: datetime
    approver: str | None = None
    events: tuple[LifecycleEvent, ...] = ()

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def label(self) -> str:
        """``rule-id@3``: how hits and logs cite a rule version."""
        return f"{self.rule.id}@{self.version}"


@dataclass(frozen=True, slots=True)
class Firing:
    """Whether a version fires on a day, and the reason when it does not."""

    fires: bool
    reason: str


def draft(rule: Rule, *, author: str, at: datetime, previous: Sequence[RuleVersion] = ()) -> RuleVersion:
    """A new draft version of ``rule``, numbered after every earlier version of the same id."""
    author = _actor(author)
    for earlier in previous:
        if earlier.rule_id != rule.id:
            raise LifecycleError(f"rule {rule.id}: version of another rule given ({earlier.label})")
    number = max((v.version for v in previous), default=0) + 1
    event = LifecycleEvent(at, author, "draft", None, RuleState.DRAFT)
    return RuleVersion(rule, number, RuleState.DRAFT, author, at, events=(event,))


def approve(version: RuleVersion, *, approver: str, at: datetime, note: str = "") -> RuleVersion:
    """Approve a draft. Four eyes: the approver may not be its author."""
    approver = _actor(approver)
    _expect(version, RuleState.DRAFT, "approve")
    if approver.casefold() == version.author.casefold():
        raise LifecycleError(
            f"rule {version.label}: {approver} wrote this version and cannot approve it (four eyes)"
        )
    event = LifecycleEvent(at, approver, "approve", version.state, RuleState.APPROVED, note)
    return replace(version, state=RuleState.APPROVED, approver=approver, events=(*version.events, event))


def activate(version: RuleVersion, *, actor: str, at: datetime) -> RuleVersion:
    """Put an approved version live. Refused past its review date or its validity."""
    actor = _actor(actor)
    _expect(version, RuleState.APPROVED, "activate")
    day = at.date()
    if day > version.rule.review_by:
        raise LifecycleError(
            f"rule {version.label}: review date {version.rule.review_by} has passed; write a reviewed version"
        )
    if version.rule.valid_until is not None and day > version.rule.valid_until:
        raise LifecycleError(f"rule {version.label}: validity ended on {version.rule.valid_until}")
    event = LifecycleEvent(at, actor, "activate", version.state, RuleState.ACTIVE)
    return replace(version, state=RuleState.ACTIVE, events=(*version.events, event))


def retire(version: RuleVersion, *, actor: str, at: datetime, reason: str) -> RuleVersion:
    """Retire a version from any state but retired; a reason is required."""
    actor = _actor(actor)
    if version.state is RuleState.RETIRED:
        raise LifecycleError(f"rule {version.label}: already retired")
    if not reason.strip():
        raise LifecycleError(f"rule {version.label}: retiring needs a reason")
    event = LifecycleEvent(at, actor, "retire", version.state, RuleState.RETIRED, reason.strip())
    return replace(version, state=RuleState.RETIRED, events=(*version.events, event))


def activate_replacing(
    version: RuleVersion, others: Iterable[RuleVersion], *, actor: str, at: datetime
) -> tuple[RuleVersion, ...]:
    """Activate ``version`` and retire the active versions of the same rule it supersedes.

    Returns every version that changed, the activated one first.
    """
    changed = [activate(version, actor=actor, at=at)]
    for other in others:
        if (
            other.rule_id == version.rule_id
            and other.version != version.version
            and other.state is RuleState.ACTIVE
        ):
            changed.append(
                retire(other, actor=actor, at=at, reason=f"superseded by version {version.version}")
            )
    return tuple(changed)


def firing(version: RuleVersion, day: date) -> Firing:
    """Whether ``version`` fires on ``day``; when not, says why (a stale rule says it is stale)."""
    rule = version.rule
    if version.state is not RuleState.ACTIVE:
        return Firing(False, f"{version.label} is {version.state.value}")
    if day < rule.valid_from:
        return Firing(False, f"{version.label} is valid from {rule.valid_from}")
    if rule.valid_until is not None and day > rule.valid_until:
        return Firing(False, f"{version.label} expired on {rule.valid_until}")
    if day > rule.review_by:
        return Firing(
            False, f"{version.label} is stale: review date {rule.review_by} passed; it does not fire"
        )
    return Firing(True, f"{version.label} is active")


def firing_rules(versions: Iterable[RuleVersion], day: date) -> tuple[list[RuleVersion], list[Firing]]:
    """The versions that fire on ``day``, and why each active version that does not fire is silent."""
    live: list[RuleVersion] = []
    silent: list[Firing] = []
    for version in versions:
        status = firing(version, day)
        if status.fires:
            live.append(version)
        elif version.state is RuleState.ACTIVE:
            silent.append(status)
    return live, silent


def _expect(version: RuleVersion, state: RuleState, action: str) -> None:
    if version.state is not state:
        raise LifecycleError(
            f"rule {version.label}: cannot {action} a {version.state.value} version (must be {state.value})"
        )


def _actor(name: str) -> str:
    name = name.strip()
    if not name:
        raise LifecycleError("a person must be named for every rule transition")
    return name
