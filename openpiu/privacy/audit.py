"""The access log: every consultation, search, decision, export and security event, hash-chained.

Standards §5.5 (PNR Directive Art 13, LED Art 25) asks for logs of collection, alteration, consultation
(every search and every view of a record), disclosure, combination and erasure, with purpose, date and
time, who, and who received. Each event here carries those fields and the SHA-256 of the previous event,
computed over a canonical JSON serialisation, so that :func:`verify` finds any event that was altered,
removed, inserted or moved, and names the first one.

The log is itself personal data (it holds search texts), so it is only readable by the DPO and auditors.
A search text is chained through its salted SHA-256 (``query_sha256``), not as itself: the text (and its
salt) can be masked once the data it may name are gone, and the chain still verifies
(``openpiu.privacy.audit_retention``). Events older than the log's own retention are pruned behind a
checkpoint: the hash of the last pruned event, from which verification starts.
Functions never commit: the caller owns the transaction (a view commits its event before answering).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from openpiu.store.audit import AuditEventRow
from openpiu.store.privacy_tables import AuditCheckpointRow

GENESIS = "0" * 64
# Key of the PostgreSQL advisory lock that serialises writers of the chain (any constant works).
CHAIN_LOCK = 0x0A0D17


class AuditAction(StrEnum):
    """What was done (standards §5.5 action list, plus security events)."""

    COLLECT = "collect"
    ALTER = "alter"
    CONSULT = "consult"  # a view of a record, or a search (then with query_text and result_count)
    DISCLOSE = "disclose"
    COMBINE = "combine"
    ERASE = "erase"
    MASK = "mask"
    UNMASK = "unmask"
    EXPORT = "export"
    DECIDE = "decide"  # a human decision on a hit
    AUTHENTICATE = "authenticate"  # login, second factor, logout, lockout
    ADMINISTER = "administer"  # accounts, roles, API tokens


class Outcome(StrEnum):
    SUCCESS = "success"
    DENIED = "denied"  # refused by the access policy
    FAILURE = "failure"  # e.g. a wrong password


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """An event to record. Object references are ``kind:id`` strings (``traveller:42``), never names.

    ``query_text`` keeps what was searched for: a DPO must be able to tell whether a search was
    proportionate to its purpose. It also holds free words of a decision that has no other home (a manual
    API↔PNR link's reason): they may name people, so they go where they can be masked, never in ``detail``.
    """

    action: AuditAction
    actor: str | None
    actor_role: str | None
    object_refs: Sequence[str] = ()
    outcome: Outcome = Outcome.SUCCESS
    purpose: str | None = None
    query_text: str | None = None
    result_count: int | None = None
    legal_basis: str | None = None
    case_ref: str | None = None
    recipient: str | None = None
    channel: str | None = None
    approval_ref: str | None = None
    client_address: str | None = None
    actor_org: str | None = None
    detail: Mapping[str, Any] | None = None


# Every hashed column, in a fixed list: adding a column to the log means adding it here too.
HASHED_FIELDS = (
    "seq",
    "event_id",
    "occurred_at",
    "actor",
    "actor_role",
    "actor_org",
    "action",
    "legal_basis",
    "purpose",
    "case_ref",
    "object_refs",
    "query_text",
    "result_count",
    "recipient",
    "channel",
    "approval_ref",
    "client_address",
    "outcome",
    "detail",
    "prev_sha256",
)
# What the chain covers: the hashed fields, and the digest that stands for a search text.
CHAINED_FIELDS = (*HASHED_FIELDS, "query_sha256")


def canonical(values: Mapping[str, Any]) -> bytes:
    """Canonical JSON of an event: keys sorted, no spaces, UTF-8, instants as ``...Z`` with microseconds."""

    def encode(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        raise TypeError(f"cannot serialise {type(value).__name__} in an audit event")

    body = {name: values.get(name) for name in HASHED_FIELDS}
    digest = values.get("query_sha256")
    if digest is not None:
        # The search text is chained through its salted digest, so masking the text keeps the hash.
        body["query_text"] = {"sha256": digest}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=encode).encode(
        "utf-8"
    )


def event_hash(values: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical serialisation; ``prev_sha256`` is part of it, which makes the chain."""
    return hashlib.sha256(canonical(values)).hexdigest()


def _row_values(row: AuditEventRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in CHAINED_FIELDS}


def query_digest(salt: str, text: str) -> str:
    """The SHA-256 (hex) chained for a search text; the random salt stops guessing a masked text."""
    return hashlib.sha256(f"{salt}{text}".encode()).hexdigest()


def record(
    session: Session, entry: AuditEntry, *, now: Callable[[], datetime] | None = None
) -> AuditEventRow:
    """Append ``entry`` to the log (in the caller's transaction) and return the stored event."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # Writers queue here until the transaction ends, so two events never claim the same predecessor.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    elif dialect == "sqlite":
        # The same on SQLite: a write that changes nothing takes the database's write lock (waiting up to
        # the busy timeout) before the last event is read; concurrent web requests otherwise read the same
        # last event and the second insert fails on ``seq``.
        session.execute(text("UPDATE audit_event SET seq = seq WHERE 0"))
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.sha256).order_by(AuditEventRow.seq.desc()).limit(1)
    ).first()
    if last is None:  # an empty log, or every event pruned: continue from the last checkpoint
        last = session.execute(
            select(AuditCheckpointRow.last_seq, AuditCheckpointRow.last_sha256)
            .order_by(AuditCheckpointRow.last_seq.desc())
            .limit(1)
        ).first()
    seq, prev = (last[0] + 1, last[1]) if last is not None else (1, GENESIS)
    occurred = (now or _utc_now)().astimezone(UTC)
    salt = digest = None
    if entry.query_text is not None:
        salt = secrets.token_hex(16)
        digest = query_digest(salt, entry.query_text)
    values: dict[str, Any] = {
        "seq": seq,
        "event_id": str(uuid.uuid4()),
        # Python datetimes hold microseconds, which both databases keep exactly: the hash survives storage.
        "occurred_at": occurred,
        "actor": entry.actor,
        "actor_role": entry.actor_role,
        "actor_org": entry.actor_org,
        "action": AuditAction(entry.action).value,
        "legal_basis": entry.legal_basis,
        "purpose": entry.purpose,
        "case_ref": entry.case_ref,
        "object_refs": list(entry.object_refs) or None,
        "query_text": entry.query_text,
        "query_sha256": digest,
        "result_count": entry.result_count,
        "recipient": entry.recipient,
        "channel": entry.channel,
        "approval_ref": entry.approval_ref,
        "client_address": entry.client_address,
        "outcome": Outcome(entry.outcome).value,
        "detail": dict(entry.detail) if entry.detail else None,
        "prev_sha256": prev,
    }
    row = AuditEventRow(**values, query_salt=salt, sha256=event_hash(values))
    session.add(row)
    session.flush()
    return row


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of checking the chain: ``first_bad`` is the seq of the first event that fails."""

    checked: int
    head_seq: int | None
    head_sha256: str | None
    first_bad: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.first_bad is None


def verify_rows(
    rows: Iterable[AuditEventRow],
    *,
    anchor: tuple[int, str] | None = None,
    checkpoint: tuple[int, str] | None = None,
) -> Verification:
    """Check a chain given in ``seq`` order.

    Args:
        rows: every event, ordered by ``seq``.
        anchor: a ``(seq, sha256)`` noted earlier (e.g. printed by a previous verify and kept off the
            server): also proves that no event up to ``seq`` was cut from the end of the log.
        checkpoint: ``(last pruned seq, its sha256)`` when the oldest events were pruned (5-year
            retention): the chain starts after it, and the pruning must itself be an event of the chain.
    """
    expected_seq, prev = (checkpoint[0] + 1, checkpoint[1]) if checkpoint else (1, GENESIS)
    checked = 0
    head: AuditEventRow | None = None
    anchor_seen = anchor is None or (checkpoint is not None and anchor[0] < checkpoint[0])
    if anchor is not None and checkpoint is not None and anchor[0] == checkpoint[0]:
        if anchor[1] != checkpoint[1]:
            return _bad(0, None, anchor[0], f"event {anchor[0]} differs from the anchor (pruning checkpoint)")
        anchor_seen = True
    pruning_logged = checkpoint is None
    for row in rows:
        checked += 1
        if row.seq != expected_seq:
            what = "missing (removed)" if row.seq > expected_seq else "duplicated or out of order"
            return _bad(checked, head, row.seq, f"event {expected_seq} is {what}; found event {row.seq}")
        if row.prev_sha256 != prev:
            return _bad(
                checked,
                head,
                row.seq,
                f"event {row.seq} does not follow event {row.seq - 1} (removed, inserted or reordered)",
            )
        if event_hash(_row_values(row)) != row.sha256 or not _text_intact(row):
            return _bad(checked, head, row.seq, f"event {row.seq} was altered (its hash does not match)")
        if checkpoint is not None and (row.detail or {}).get("audit_checkpoint") == list(checkpoint):
            pruning_logged = True
        if anchor is not None and row.seq == anchor[0]:
            if row.sha256 != anchor[1]:
                return _bad(checked, head, row.seq, f"event {row.seq} differs from the anchor")
            anchor_seen = True
        prev, expected_seq, head = row.sha256, row.seq + 1, row
    if not anchor_seen and anchor is not None:
        return _bad(checked, head, anchor[0], f"event {anchor[0]} of the anchor is gone (log truncated)")
    if not pruning_logged and checkpoint is not None:
        return _bad(
            checked, head, checkpoint[0], f"the pruning up to event {checkpoint[0]} is not in the log"
        )
    return Verification(
        checked=checked,
        head_seq=head.seq if head else None,
        head_sha256=head.sha256 if head else None,
    )


def _text_intact(row: AuditEventRow) -> bool:
    """A search text is either present with its salt and matching its digest, or masked (both gone)."""
    if row.query_sha256 is None:
        return row.query_salt is None
    if row.query_text is None or row.query_salt is None:
        return row.query_text is None and row.query_salt is None
    return query_digest(row.query_salt, row.query_text) == row.query_sha256


def _bad(checked: int, head: AuditEventRow | None, seq: int, problem: str) -> Verification:
    return Verification(
        checked=checked,
        head_seq=head.seq if head else None,
        head_sha256=head.sha256 if head else None,
        first_bad=seq,
        problem=problem,
    )


def verify(session: Session, *, anchor: tuple[int, str] | None = None, batch: int = 5000) -> Verification:
    """Walk the whole log in ``seq`` order and check every link (see :func:`verify_rows`)."""
    last = session.execute(
        select(AuditCheckpointRow.last_seq, AuditCheckpointRow.last_sha256)
        .order_by(AuditCheckpointRow.last_seq.desc())
        .limit(1)
    ).first()
    rows = session.scalars(
        select(AuditEventRow).order_by(AuditEventRow.seq).execution_options(yield_per=batch)
    )
    try:
        return verify_rows(rows, anchor=anchor, checkpoint=(last[0], last[1]) if last else None)
    finally:
        rows.close()  # a server-side cursor on PostgreSQL, left open when verification stops early


def recent(
    session: Session,
    *,
    limit: int = 100,
    before_seq: int | None = None,
    action: AuditAction | None = None,
    actor: str | None = None,
) -> Sequence[AuditEventRow]:
    """The newest events first (for the audit log page), optionally filtered by action and actor."""
    query = select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(limit)
    if before_seq is not None:
        query = query.where(AuditEventRow.seq < before_seq)
    if action is not None:
        query = query.where(AuditEventRow.action == action.value)
    if actor:
        query = query.where(AuditEventRow.actor == actor)
    return session.scalars(query).all()
