"""Raw messages: the bytes as received, stored before parsing, and the outcome of parsing them.

Write functions take a :class:`~sqlalchemy.Connection` (ingest's hot path uses SQLAlchemy Core, no ORM
unit of work) and never commit: the caller owns the transaction. With an ORM session, pass
``session.connection()``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Insert, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from openpiu.model import DataState, ParseOutcome, ParseWarning
from openpiu.store.tables import raw_message


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of the bytes: the identity of a received message (same bytes, same message)."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredRaw:
    """What ingest needs to know about a raw message already in the store."""

    id: int
    sha256: str
    source: str
    received_at: datetime
    outcome: ParseOutcome | None


def insert_raw(
    connection: Connection, *, data: bytes, source: str, received_at: datetime, sha256: str | None = None
) -> int | None:
    """Store received bytes; their new id, or None when the same bytes are already stored (a resend).

    Args:
        data: the message exactly as received.
        source: where it came from (file path, queue subject, partner channel).
        received_at: receipt time, timezone-aware.
        sha256: the hex digest when the caller already computed it.
    """
    row = {
        "sha256": sha256 or sha256_of(data),
        "received_at": received_at,
        "source": source,
        "size": len(data),
        "content": data,
        "attempts": 0,
        "data_state": DataState.ACTIVE,
    }
    new_id: int | None = connection.execute(_INSERT_IGNORE[connection.dialect.name], row).scalar_one_or_none()
    return new_id


def find_raw(connection: Connection, *, sha256: str) -> StoredRaw | None:
    """The stored message with this digest, if any."""
    row = connection.execute(
        select(
            raw_message.c.id,
            raw_message.c.sha256,
            raw_message.c.source,
            raw_message.c.received_at,
            raw_message.c.outcome,
        ).where(raw_message.c.sha256 == sha256)
    ).one_or_none()
    return None if row is None else StoredRaw(*row)


def unfinished_raw(connection: Connection) -> list[StoredRaw]:
    """Messages rejected or never processed (outcome NULL), oldest first: what a retry re-parses.

    Messages whose bytes a retention job erased (``content`` NULL) cannot be re-parsed and are left out.
    """
    rows = connection.execute(
        select(
            raw_message.c.id,
            raw_message.c.sha256,
            raw_message.c.source,
            raw_message.c.received_at,
            raw_message.c.outcome,
        )
        .where(
            (raw_message.c.outcome == ParseOutcome.REJECTED) | raw_message.c.outcome.is_(None),
            raw_message.c.content.is_not(None),
        )
        .order_by(raw_message.c.id)
    ).all()
    return [StoredRaw(*row) for row in rows]


def raw_content(connection: Connection, *, raw_id: int) -> bytes | None:
    """The stored bytes of a message (None once erased by retention)."""
    content: bytes | None = connection.execute(
        select(raw_message.c.content).where(raw_message.c.id == raw_id)
    ).scalar_one()
    return content


def record_outcome(
    connection: Connection,
    *,
    raw_id: int,
    outcome: ParseOutcome,
    processed_at: datetime,
    kind: str | None = None,
    format: str | None = None,
    reason: str | None = None,
    warnings: Sequence[ParseWarning] = (),
) -> bool:
    """Record what parsing a stored message gave, counting the attempt, if it is still unfinished.

    Only a message not processed yet, or rejected, takes a new outcome; False when another ingest has
    parsed it meanwhile (two processes received the same bytes at once). The row stays locked until
    the caller's transaction ends, so run this first in the transaction that stores the parsed rows:
    the loser of a race then waits, gets False and stores nothing.
    """
    result = connection.execute(
        _RECORD_OUTCOME,
        {
            "raw_id": raw_id,
            "outcome": outcome,
            "kind": kind,
            "format": format,
            "reason": reason,
            "warnings": warnings_json(warnings),
            "processed_at": processed_at,
        },
    )
    return result.rowcount == 1


def warnings_json(warnings: Sequence[ParseWarning]) -> list[dict[str, Any]] | None:
    """Warnings as stored in JSON columns; None when there are none."""
    if not warnings:
        return None
    return [{"segment": w.segment, "tag": w.tag, "message": w.message} for w in warnings]


# A resend of the same bytes hits the unique sha256 and is ignored, also when two ingests race.
_INSERT_IGNORE: dict[str, Insert] = {
    "postgresql": postgresql.insert(raw_message)
    .on_conflict_do_nothing(index_elements=["sha256"])
    .returning(raw_message.c.id),
    "sqlite": sqlite.insert(raw_message)
    .on_conflict_do_nothing(index_elements=["sha256"])
    .returning(raw_message.c.id),
}
_RECORD_OUTCOME = (
    update(raw_message)
    .where(
        raw_message.c.id == bindparam("raw_id"),
        raw_message.c.outcome.is_(None) | (raw_message.c.outcome == ParseOutcome.REJECTED),
    )
    .values(
        outcome=bindparam("outcome"),
        kind=bindparam("kind"),
        format=bindparam("format"),
        reason=bindparam("reason"),
        warnings=bindparam("warnings", type_=raw_message.c.warnings.type),
        attempts=raw_message.c.attempts + 1,
        processed_at=bindparam("processed_at"),
    )
)
