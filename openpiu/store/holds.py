"""Objective-link holds (CJEU C-817/19): add, list, release. Functions never commit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from openpiu.errors import ConfigError, NotFound
from openpiu.store.privacy_tables import RetentionHoldRow

# booking:CARRIER/LOCATOR, flight:CARRIERNUMBER/YYYY-MM-DD, traveller:ID
TARGET = re.compile(
    r"(booking:[A-Z0-9]{2,3}/[A-Z0-9]{5,8})|(flight:[A-Z0-9]{2,3}\d{4}[A-Z]?/\d{4}-\d{2}-\d{2})|(traveller:\d+)"
)


def normalise_target(target: str) -> str:
    """``booking:JU/ABC123``, ``flight:JU0680/2026-11-29`` or ``traveller:42``; ConfigError otherwise."""
    kind, _, value = target.strip().partition(":")
    text = f"{kind.lower()}:{value.upper()}"
    if not TARGET.fullmatch(text):
        raise ConfigError(
            f"hold target {target!r}: expected booking:CARRIER/LOCATOR,"
            " flight:JU0680/2026-11-29 or traveller:ID"
        )
    return text


def add_hold(
    session: Session,
    *,
    target: str,
    reason: str,
    legal_basis: str,
    review_date: date,
    by: str,
    at: datetime,
) -> RetentionHoldRow:
    """Record an objective-link hold; who, why, on which legal basis, until which review date."""
    if not reason.strip() or not legal_basis.strip():
        raise ConfigError("a hold needs a reason and a legal basis")
    if review_date < at.date():
        raise ConfigError(f"review date {review_date} is in the past")
    row = RetentionHoldRow(
        target=normalise_target(target),
        reason=reason.strip(),
        legal_basis=legal_basis.strip(),
        created_by=by,
        created_at=at,
        review_date=review_date,
    )
    session.add(row)
    session.flush()
    return row


def list_holds(session: Session, *, include_released: bool = False) -> Sequence[RetentionHoldRow]:
    query = select(RetentionHoldRow).order_by(RetentionHoldRow.review_date, RetentionHoldRow.id)
    if not include_released:
        query = query.where(RetentionHoldRow.released_at.is_(None))
    return session.scalars(query).all()


def release_hold(session: Session, *, hold_id: int, by: str, at: datetime, reason: str) -> RetentionHoldRow:
    row = session.get(RetentionHoldRow, hold_id)
    if row is None:
        raise NotFound(f"hold {hold_id} not found")
    if row.released_at is not None:
        raise ConfigError(f"hold {hold_id} was already released on {row.released_at:%Y-%m-%d}")
    row.released_by, row.released_at, row.release_reason = by, at, reason.strip() or None
    session.flush()
    return row
