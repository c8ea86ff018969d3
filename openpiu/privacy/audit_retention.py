"""Retention of the access log itself: search texts masked with the data, events pruned after 5 years.

A search text may name a person (``PETROVIC`` searched for on 3 March): it must not outlive the data it
could find, so it is masked when those data are depersonalised (PNR Directive Art 12(2), 6 months). The
chain holds the text's salted digest, not the text (``openpiu.privacy.audit``): masking nulls the text
and its salt, and every hash still verifies. The log is kept 5 years (Art 13(6)); older events are
deleted behind a checkpoint that records the hash of the last deleted event, and the pruning is itself
an event of the log, so ``audit verify`` checks the rest from the checkpoint on. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from openpiu.privacy.audit import AuditAction, AuditEntry, record
from openpiu.privacy.retention import add_months
from openpiu.store.audit import AuditEventRow
from openpiu.store.privacy_tables import AuditCheckpointRow

LOG_MONTHS = 60
LOG_REFERENCE = "Directive (EU) 2016/681 Art 13(6)"


def mask_search_texts(session: Session, *, before: datetime) -> int:
    """Mask the search texts of events older than ``before`` (text and salt to NULL); how many."""
    result = session.execute(
        update(AuditEventRow)
        .where(
            AuditEventRow.occurred_at < before,
            AuditEventRow.query_sha256.is_not(None),
            AuditEventRow.query_text.is_not(None),
        )
        .values(query_text=None, query_salt=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # CursorResult of an UPDATE


def mask_searches(session: Session, *, about: Callable[[AuditEventRow], bool]) -> int:
    """Mask the search texts of the events ``about`` says concern an erased person; how many."""
    rows = session.scalars(
        select(AuditEventRow).where(
            AuditEventRow.query_text.is_not(None), AuditEventRow.query_sha256.is_not(None)
        )
    )
    seqs = [row.seq for row in rows if about(row)]
    if seqs:
        session.execute(
            update(AuditEventRow)
            .where(AuditEventRow.seq.in_(seqs))
            .values(query_text=None, query_salt=None)
            .execution_options(synchronize_session=False)
        )
    return len(seqs)


@dataclass(frozen=True, slots=True)
class Pruned:
    """A pruning: the events up to ``last_seq`` deleted, ``last_sha256`` the hash the rest chains onto."""

    last_seq: int
    last_sha256: str
    events: int


def prune_log(session: Session, *, now: datetime, by: str, months: int = LOG_MONTHS) -> Pruned | None:
    """Delete the events older than ``months`` behind a checkpoint, and log the pruning; None if none due.

    Only a prefix of the chain goes: up to the newest event older than the limit (``seq`` follows time).
    """
    limit = add_months(now, -months)
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.sha256)
        .where(AuditEventRow.occurred_at < limit)
        .order_by(AuditEventRow.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        return None
    last_seq, last_sha256 = int(last[0]), str(last[1])
    events = int(session.scalar(select(func.count()).where(AuditEventRow.seq <= last_seq)) or 0)
    # The checkpoint first: on PostgreSQL the log's trigger lets only checkpointed events be deleted.
    session.add(
        AuditCheckpointRow(
            last_seq=last_seq, last_sha256=last_sha256, pruned=events, pruned_at=now, pruned_by=by
        )
    )
    session.flush()
    session.execute(
        delete(AuditEventRow)
        .where(AuditEventRow.seq <= last_seq)
        .execution_options(synchronize_session=False)
    )
    record(
        session,
        AuditEntry(
            action=AuditAction.ERASE,
            actor=by,
            actor_role="system",
            purpose="retention of the access log",
            legal_basis=LOG_REFERENCE,
            result_count=events,
            detail={"category": "access_log", "audit_checkpoint": [last_seq, last_sha256]},
        ),
        now=lambda: now,
    )
    return Pruned(last_seq=last_seq, last_sha256=last_sha256, events=events)
