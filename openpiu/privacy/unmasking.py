"""Re-personalisation as a service: the state machine of ``repersonalisation`` on stored requests.

Each step loads the request, applies the pure transition (roles, independence, expiry), stores the
result and writes the access-log event, in the caller's transaction (nothing here commits). Used by
``openpiu unmask`` and the web pages alike, so both enforce the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from openpiu.errors import NotFound
from openpiu.model.offences import OffenceCategory
from openpiu.privacy import repersonalisation as flow
from openpiu.privacy.audit import AuditAction, AuditEntry, Outcome, record
from openpiu.privacy.repersonalisation import UnmaskRequest, UnmaskState
from openpiu.privacy.sealing import Sealer
from openpiu.store.accounts import UserRow
from openpiu.store.holds import normalise_target
from openpiu.store.privacy_tables import DpoNotificationRow, UnmaskRequestRow
from openpiu.store.unmask import sealed_rows_of

LEGAL_BASIS = "Directive (EU) 2016/681 Art 12(3)"
_FIELDS = (
    "target",
    "requester",
    "case_ref",
    "purpose",
    "requested_at",
    "decided_by",
    "decided_at",
    "decision_reason",
    "access_until",
    "reviewed_by",
    "reviewed_at",
    "review_note",
)


def _load(session: Session, request_id: int) -> tuple[UnmaskRequestRow, UnmaskRequest]:
    row = session.get(UnmaskRequestRow, request_id)
    if row is None:
        raise NotFound(f"re-personalisation request {request_id} not found")
    current = UnmaskRequest(
        **{name: getattr(row, name) for name in _FIELDS},
        offence_category=OffenceCategory(row.offence_category),
        state=UnmaskState(row.state),
    )
    return row, current


def _store(row: UnmaskRequestRow, current: UnmaskRequest) -> None:
    for name in _FIELDS:
        setattr(row, name, getattr(current, name))
    row.offence_category = current.offence_category.value
    row.state = current.state.value


def _audit(
    session: Session,
    user: UserRow,
    request_id: int,
    current: UnmaskRequest,
    *,
    step: str,
    action: AuditAction = AuditAction.ALTER,
    outcome: Outcome = Outcome.SUCCESS,
    result_count: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    record(
        session,
        AuditEntry(
            action=action,
            actor=user.username,
            actor_role=user.role.value,
            object_refs=[f"unmask:{request_id}", current.target],
            outcome=outcome,
            purpose=current.purpose,
            legal_basis=LEGAL_BASIS,
            case_ref=current.case_ref,
            approval_ref=f"unmask:{request_id}",
            result_count=result_count,
            detail={"step": step, "offence_category": current.offence_category.value, **(detail or {})},
        ),
    )


def submit(
    session: Session,
    user: UserRow,
    *,
    target: str,
    case_ref: str,
    offence_category: str,
    purpose: str,
    at: datetime,
) -> int:
    """Record a reasoned request; its id."""
    target = normalise_target(target)
    if not target.startswith(("booking:", "traveller:")):
        raise flow.WorkflowError(
            "re-personalisation is asked for one booking or one API traveller, not a flight"
        )
    current = flow.request(
        target=target,
        requester=user.username,
        role=user.role,
        case_ref=case_ref,
        offence_category=offence_category,
        purpose=purpose,
        at=at,
    )
    row = UnmaskRequestRow(offence_category=current.offence_category.value, state=current.state.value)
    _store(row, current)
    session.add(row)
    session.flush()
    _audit(session, user, row.id, current, step="request")
    return row.id


def decide(
    session: Session,
    user: UserRow,
    *,
    request_id: int,
    approve: bool,
    reason: str,
    at: datetime,
    access_for: timedelta = flow.DEFAULT_ACCESS,
) -> UnmaskRequest:
    """The independent authority's decision; an approval notifies the DPO (Art 12(3))."""
    row, current = _load(session, request_id)
    if approve:
        decided = flow.approve(
            current, approver=user.username, role=user.role, at=at, reason=reason, access_for=access_for
        )
    else:
        decided = flow.reject(current, approver=user.username, role=user.role, at=at, reason=reason)
    _store(row, decided)
    if approve:
        session.add(
            DpoNotificationRow(
                request_id=request_id,
                created_at=at,
                subject=(
                    f"re-personalisation {request_id} approved by {user.username} for {decided.requester}"
                    f" until {decided.access_until:%Y-%m-%d %H:%M} UTC (case {decided.case_ref}):"
                    " ex-post review due"
                ),
            )
        )
    _audit(session, user, request_id, decided, step="approve" if approve else "reject")
    return decided


@dataclass(frozen=True, slots=True)
class Revealed:
    """The clear values of one depersonalised row, opened for an approved request."""

    table: str
    row_id: int
    values: dict[str, Any]


def reveal(
    session: Session, user: UserRow, *, request_id: int, sealer: Sealer, at: datetime
) -> list[Revealed]:
    """Open the sealed values of the request's target for its requester, while the approval lasts.

    Raises AccessDenied otherwise; the caller records the refusal with :func:`record_refusal` in a
    transaction of its own (this one is rolled back).
    """
    _, current = _load(session, request_id)
    flow.check_access(current, user=user.username, at=at)
    opened = [
        Revealed(table, row_id, sealer.open_values(blob, context=f"{table}:{row_id}"))
        for table, row_id, blob in sealed_rows_of(session.connection(), target=current.target)
    ]
    _audit(
        session, user, request_id, current, step="access", action=AuditAction.UNMASK, result_count=len(opened)
    )
    return opened


def record_refusal(session: Session, user: UserRow, *, request_id: int, step: str, reason: str) -> None:
    """Log a refused step (outcome denied) of an existing request."""
    _, current = _load(session, request_id)
    _audit(session, user, request_id, current, step=step, outcome=Outcome.DENIED, detail={"refused": reason})


def review(session: Session, user: UserRow, *, request_id: int, note: str, at: datetime) -> UnmaskRequest:
    """The DPO's ex-post review; marks the request's notifications read."""
    row, current = _load(session, request_id)
    reviewed = flow.review(current, reviewer=user.username, role=user.role, at=at, note=note)
    _store(row, reviewed)
    for notice in session.scalars(
        select(DpoNotificationRow).where(DpoNotificationRow.request_id == request_id)
    ):
        if notice.read_at is None:
            notice.read_by, notice.read_at = user.username, at
    _audit(session, user, request_id, reviewed, step="review")
    return reviewed


def requests(
    session: Session, *, states: Sequence[UnmaskState] | None = None
) -> list[tuple[int, UnmaskRequest]]:
    """Stored requests, newest first, optionally in some states only."""
    query = select(UnmaskRequestRow.id).order_by(UnmaskRequestRow.id.desc())
    if states:
        query = query.where(UnmaskRequestRow.state.in_([s.value for s in states]))
    return [(request_id, _load(session, request_id)[1]) for request_id in session.scalars(query)]


def get(session: Session, request_id: int) -> UnmaskRequest:
    return _load(session, request_id)[1]


def unread_notifications(session: Session) -> Sequence[DpoNotificationRow]:
    return session.scalars(
        select(DpoNotificationRow).where(DpoNotificationRow.read_at.is_(None)).order_by(DpoNotificationRow.id)
    ).all()
