"""Re-personalisation (unmasking) of depersonalised PNR: the workflow as a pure state machine.

PNR Directive Art 12(3), read with CJEU C-817/19: after 6 months the full data may be disclosed only
(a) on reasonable grounds for a specific purpose, and (b) with the approval of a judicial authority or
another **independent** national authority — not the PIU — with the PIU's DPO informed and carrying out
an ex-post review. Hence::

    requested ──approve (authority)──▶ approved ──review (DPO)──▶ reviewed
        │                                 │ (time-limited access, requester only)
        └──reject (authority)──▶ rejected

Every transition checks who acts and in which role; the approver is never the requester; access is
granted to the requester only and stops at ``access_until``. Storage and the access log are the
caller's (``openpiu.store.unmask``); this module never does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from openpiu.errors import AccessDenied, OpenPIUError
from openpiu.model import StaffRole
from openpiu.model.offences import OffenceCategory

REQUESTER_ROLES = frozenset({StaffRole.ANALYST, StaffRole.SUPERVISOR})
APPROVER_ROLES = frozenset({StaffRole.AUTHORITY})
REVIEWER_ROLES = frozenset({StaffRole.DPO})
DEFAULT_ACCESS = timedelta(hours=24)
MAX_ACCESS = timedelta(days=7)


class UnmaskState(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    REVIEWED = "reviewed"


class WorkflowError(OpenPIUError):
    """A step that the request's state does not allow (approving twice, reviewing a pending request)."""


@dataclass(frozen=True, slots=True)
class UnmaskRequest:
    """A reasoned request and its course. ``target``: ``booking:JU/ABC123`` or ``traveller:42``."""

    target: str
    requester: str
    case_ref: str
    offence_category: OffenceCategory
    purpose: str
    requested_at: datetime
    state: UnmaskState = UnmaskState.REQUESTED
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str | None = None
    access_until: datetime | None = None
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None


def _role(role: StaffRole, allowed: frozenset[StaffRole], doing: str) -> None:
    if role not in allowed:
        needed = " or ".join(sorted(allowed))
        raise AccessDenied(f"{doing} is for the {needed} role, not {role}")


def _text(value: str, what: str) -> str:
    if not value.strip():
        raise WorkflowError(f"{what} is required")
    return value.strip()


def request(
    *,
    target: str,
    requester: str,
    role: StaffRole,
    case_ref: str,
    offence_category: str,
    purpose: str,
    at: datetime,
) -> UnmaskRequest:
    """A new request: a case reference, an Annex II offence category (or terrorism) and a purpose."""
    _role(role, REQUESTER_ROLES, "requesting re-personalisation")
    try:
        category = OffenceCategory(offence_category)
    except ValueError as exc:
        raise WorkflowError(
            f"offence category {offence_category!r} is not in Annex II (or terrorism)"
        ) from exc
    return UnmaskRequest(
        target=target,
        requester=requester,
        case_ref=_text(case_ref, "a case reference"),
        offence_category=category,
        purpose=_text(purpose, "the purpose"),
        requested_at=at,
    )


def _decision(current: UnmaskRequest, *, approver: str, role: StaffRole, doing: str) -> None:
    _role(role, APPROVER_ROLES, doing)
    if approver == current.requester:
        raise AccessDenied(f"{doing}: {approver} made the request and cannot decide on it")
    if current.state is not UnmaskState.REQUESTED:
        raise WorkflowError(f"{doing}: the request is {current.state}, not pending")


def approve(
    current: UnmaskRequest,
    *,
    approver: str,
    role: StaffRole,
    at: datetime,
    reason: str,
    access_for: timedelta = DEFAULT_ACCESS,
) -> UnmaskRequest:
    """The independent authority approves: the requester may see the data until ``at + access_for``."""
    _decision(current, approver=approver, role=role, doing="approving re-personalisation")
    if not timedelta(0) < access_for <= MAX_ACCESS:
        raise WorkflowError(f"access must last between a moment and {MAX_ACCESS.days} days")
    return replace(
        current,
        state=UnmaskState.APPROVED,
        decided_by=approver,
        decided_at=at,
        decision_reason=_text(reason, "the reason of the decision"),
        access_until=at + access_for,
    )


def reject(
    current: UnmaskRequest, *, approver: str, role: StaffRole, at: datetime, reason: str
) -> UnmaskRequest:
    _decision(current, approver=approver, role=role, doing="rejecting re-personalisation")
    return replace(
        current,
        state=UnmaskState.REJECTED,
        decided_by=approver,
        decided_at=at,
        decision_reason=_text(reason, "the reason of the decision"),
    )


def check_access(current: UnmaskRequest, *, user: str, at: datetime) -> None:
    """Raise AccessDenied unless ``user`` is the requester of an approved, unexpired request."""
    if current.state not in (UnmaskState.APPROVED, UnmaskState.REVIEWED) or current.access_until is None:
        raise AccessDenied(f"re-personalisation was not approved (request is {current.state})")
    if user != current.requester:
        raise AccessDenied(f"re-personalisation was approved for {current.requester} only")
    if at >= current.access_until:
        raise AccessDenied(f"the approval expired at {current.access_until:%Y-%m-%d %H:%M} UTC")


def review(
    current: UnmaskRequest, *, reviewer: str, role: StaffRole, at: datetime, note: str
) -> UnmaskRequest:
    """The DPO's ex-post review of an approved request (Art 12(3))."""
    _role(role, REVIEWER_ROLES, "reviewing a re-personalisation")
    if current.state is not UnmaskState.APPROVED:
        raise WorkflowError(f"only an approved request is reviewed; this one is {current.state}")
    if reviewer in (current.requester, current.decided_by):
        raise AccessDenied(f"{reviewer} took part in this request and cannot review it")
    return replace(
        current,
        state=UnmaskState.REVIEWED,
        reviewed_by=reviewer,
        reviewed_at=at,
        review_note=_text(note, "a note"),
    )
