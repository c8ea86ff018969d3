"""Objective-link holds as a service (CJEU C-817/19): placed and lifted by a supervisor or the DPO,
each step in the access log. Used by ``openpiu retention hold`` and the DPO dashboard. Never commits.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from openpiu.errors import AccessDenied
from openpiu.model import StaffRole
from openpiu.privacy.audit import AuditAction, AuditEntry, record
from openpiu.store.accounts import UserRow
from openpiu.store.holds import add_hold, release_hold
from openpiu.store.privacy_tables import RetentionHoldRow

HOLDERS = frozenset({StaffRole.SUPERVISOR, StaffRole.DPO})


def _may_hold(user: UserRow, doing: str) -> None:
    if user.role not in HOLDERS:
        raise AccessDenied(f"{doing}: {user.username} is {user.role}, not dpo, supervisor")


def _log(
    session: Session, user: UserRow, hold: RetentionHoldRow, *, purpose: str, detail: dict[str, str]
) -> None:
    entry = AuditEntry(
        AuditAction.ALTER,
        user.username,
        user.role.value,
        object_refs=[f"hold:{hold.id}", hold.target],
        purpose=purpose,
        legal_basis=hold.legal_basis,
        detail=detail,
    )
    record(session, entry)


def place(
    session: Session,
    user: UserRow,
    *,
    target: str,
    reason: str,
    legal_basis: str,
    review_date: date,
    at: datetime,
) -> RetentionHoldRow:
    """Record an objective-link hold: who, why, on which legal basis, until which review date."""
    _may_hold(user, "adding a hold")
    hold = add_hold(
        session,
        target=target,
        reason=reason,
        legal_basis=legal_basis,
        review_date=review_date,
        by=user.username,
        at=at,
    )
    _log(
        session, user, hold, purpose=reason, detail={"hold": "added", "review_date": review_date.isoformat()}
    )
    return hold


def lift(session: Session, user: UserRow, *, hold_id: int, reason: str, at: datetime) -> RetentionHoldRow:
    """End a hold: its data fall under the normal limits at the next retention run."""
    _may_hold(user, "releasing a hold")
    hold = release_hold(session, hold_id=hold_id, by=user.username, at=at, reason=reason)
    _log(session, user, hold, purpose=reason, detail={"hold": "released"})
    return hold
