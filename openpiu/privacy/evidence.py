"""Access-log events for work done outside the web app: collection (ingest), combination
(reconciliation), consultation from the command line. Counts and references, never content.

Each call writes one event in a transaction of its own, after the work committed: the log then says
what was done; a crash between the two loses an event, never data (the work is idempotent and the
next run logs it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openpiu.privacy.audit import AuditAction, AuditEntry, record

SYSTEM_ROLE = "system"
PNR_BASIS = "Directive (EU) 2016/681 Art 6"
API_BASIS = "Directive 2004/82/EC Art 3; Regulation (EU) 2025/13"


def record_event(
    engine: Engine,
    action: AuditAction,
    *,
    actor: str,
    purpose: str,
    legal_basis: str,
    detail: Mapping[str, Any] | None = None,
    object_refs: Sequence[str] = (),
    result_count: int | None = None,
    actor_role: str = SYSTEM_ROLE,
) -> None:
    with Session(engine) as session, session.begin():
        record(
            session,
            AuditEntry(
                action=action,
                actor=actor,
                actor_role=actor_role,
                purpose=purpose,
                legal_basis=legal_basis,
                detail=detail,
                object_refs=object_refs,
                result_count=result_count,
            ),
        )
