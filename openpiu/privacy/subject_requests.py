"""Data-subject requests as a service: record, search everything held, export, record the answer.

Every step is audited in the caller's transaction (the search with its criteria as the query text: the
DPO must be able to show what was searched for and why). Nothing here commits.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from openpiu.errors import AccessDenied, ConfigError, NotFound
from openpiu.model import StaffRole
from openpiu.privacy.audit import AuditAction, AuditEntry, record
from openpiu.privacy.audit_retention import mask_searches
from openpiu.privacy.sealing import Sealer
from openpiu.privacy.subjects import Criteria, RequestKind, names_subject
from openpiu.store.accounts import UserRow
from openpiu.store.erasure import erase_held
from openpiu.store.privacy_tables import SubjectRequestRow
from openpiu.store.subjects import Held, find_held

LEGAL_BASIS = "Directive (EU) 2016/680 Arts 14-16; Directive (EU) 2016/681 Art 13(1)"


def _audit(
    session: Session, user: UserRow, row: SubjectRequestRow, action: AuditAction, **fields: Any
) -> None:
    record(
        session,
        AuditEntry(
            action=action,
            actor=user.username,
            actor_role=user.role.value,
            object_refs=[f"subject_request:{row.id}"],
            purpose=f"data-subject request ({row.kind})",
            legal_basis=LEGAL_BASIS,
            case_ref=row.subject_ref,
            **fields,
        ),
    )


def open_request(
    session: Session, user: UserRow, *, kind: str, subject_ref: str, criteria: Criteria, at: datetime
) -> SubjectRequestRow:
    """Record a request as received (``subject_ref``: the letter or form it came with)."""
    try:
        request_kind = RequestKind(kind)
    except ValueError as exc:
        raise ConfigError(f"request kind {kind!r}: access, rectification or erasure") from exc
    if not subject_ref.strip():
        raise ConfigError("a data-subject request needs its reference (letter, form number)")
    row = SubjectRequestRow(
        kind=request_kind.value,
        subject_ref=subject_ref.strip(),
        criteria=criteria.as_dict(),
        received_at=at,
        received_by=user.username,
        state="open",
    )
    session.add(row)
    session.flush()
    _audit(session, user, row, AuditAction.ALTER, detail={"step": "received"})
    return row


def _load(session: Session, request_id: int) -> SubjectRequestRow:
    row = session.get(SubjectRequestRow, request_id)
    if row is None:
        raise NotFound(f"data-subject request {request_id} not found")
    return row


def search(
    session: Session, user: UserRow, *, request_id: int, sealer: Sealer | None, pseudonym_key: bytes
) -> list[Held]:
    """Everything held about the subject (masked rows too when the key is given); logged.

    ``pseudonym_key`` finds the hits keyed by a pseudonym (``openpiu.store.pseudonyms``)."""
    row = _load(session, request_id)
    if row.state == "erased":
        raise ConfigError(f"data-subject request {request_id}: the subject's data were erased")
    held = find_held(
        session.connection(),
        criteria=Criteria.from_dict(row.criteria),
        sealer=sealer,
        pseudonym_key=pseudonym_key,
    )
    row.found = len(held)
    _audit(
        session,
        user,
        row,
        AuditAction.CONSULT,
        query_text=json.dumps(row.criteria, sort_keys=True),
        result_count=len(held),
        detail={
            "step": "search",
            "found": dict(Counter(h.table for h in held)),
            "masked_searched": sealer is not None,
        },
    )
    return held


def export(
    session: Session,
    user: UserRow,
    *,
    request_id: int,
    sealer: Sealer | None,
    pseudonym_key: bytes,
    at: datetime,
) -> str:
    """The JSON document answering an access request; its SHA-256 is kept with the request."""
    row = _load(session, request_id)
    held = search(session, user, request_id=request_id, sealer=sealer, pseudonym_key=pseudonym_key)
    document = {
        "request": {
            "id": row.id,
            "kind": row.kind,
            "reference": row.subject_ref,
            "received_at": row.received_at.isoformat(),
            "criteria": row.criteria,
        },
        "produced_at": at.isoformat(),
        "held": [
            {
                "table": h.table,
                "id": h.row_id,
                "state": h.state,
                "received_at": h.received_at.isoformat() if h.received_at else None,
                "values": h.values,
            }
            for h in held
        ],
    }
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    row.export_sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _audit(
        session,
        user,
        row,
        AuditAction.EXPORT,
        recipient="data subject",
        result_count=len(held),
        detail={"step": "export", "sha256": row.export_sha256},
    )
    return text


def answer(session: Session, user: UserRow, *, request_id: int, text: str, at: datetime) -> SubjectRequestRow:
    """Record the answer given and its date; the request is then closed."""
    row = _load(session, request_id)
    if row.state == "answered":
        raise ConfigError(f"data-subject request {request_id} was answered on {row.answered_at:%Y-%m-%d}")
    if not text.strip():
        raise ConfigError("the answer is required")
    row.state, row.answer, row.answered_at, row.answered_by = "answered", text.strip(), at, user.username
    _audit(session, user, row, AuditAction.ALTER, detail={"step": "answered"})
    return row


def requests(session: Session) -> Sequence[SubjectRequestRow]:
    return session.scalars(select(SubjectRequestRow).order_by(SubjectRequestRow.id.desc())).all()


def decide_erasure(
    session: Session,
    user: UserRow,
    *,
    request_id: int,
    grant: bool,
    reason: str,
    sealer: Sealer,
    pseudonym_key: bytes,
    at: datetime,
) -> SubjectRequestRow:
    """The DPO's decision on an erasure request; granted, it is carried out at once.

    Granted: every row held about the person is deleted (``openpiu.store.erasure``), the request's own
    record of who they are is cleared, and so are the search texts of its searches in the access log;
    the log gets the counts per table, nothing personal. Refused: the reason is recorded (the retention
    rules or national law may require the data to be kept).
    """
    if user.role is not StaffRole.DPO:
        raise AccessDenied(f"deciding on an erasure is for the DPO, not {user.role}")
    row = _load(session, request_id)
    if row.kind != RequestKind.ERASURE.value:
        raise ConfigError(f"data-subject request {request_id} is a {row.kind} request, not an erasure")
    if row.decision is not None:
        raise ConfigError(
            f"data-subject request {request_id} was already {row.decision} on {row.decided_at:%Y-%m-%d}"
        )
    if not reason.strip():
        raise ConfigError("the decision needs its reason")
    row.decision = "granted" if grant else "refused"
    row.decision_reason, row.decided_by, row.decided_at = reason.strip(), user.username, at
    if not grant:
        _audit(session, user, row, AuditAction.DECIDE, detail={"step": "erasure refused"})
        return row
    criteria = Criteria.from_dict(row.criteria)
    connection = session.connection()
    done = erase_held(
        connection,
        held=find_held(connection, criteria=criteria, sealer=sealer, pseudonym_key=pseudonym_key),
        criteria=criteria,
        sealer=sealer,
    )
    row.erased = dict(sorted(done.items()))
    row.criteria = {"erased": True}
    row.state = "erased"
    # The request's own searches, and any staff search naming the person (a search text is theirs too).
    ref = f"subject_request:{row.id}"
    masked = mask_searches(
        session,
        about=lambda e: ref in (e.object_refs or []) or names_subject(criteria, e.query_text or ""),
    )
    _audit(
        session,
        user,
        row,
        AuditAction.ERASE,
        result_count=sum(done.values()),
        detail={"step": "erasure carried out", "counts": row.erased, "search_texts_masked": masked},
    )
    return row
