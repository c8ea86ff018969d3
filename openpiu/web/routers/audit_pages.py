"""The access log page (DPO, auditors): newest events first, filters, and a chain verification."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from openpiu.accounts import Principal
from openpiu.privacy.audit import AuditAction, recent, verify
from openpiu.web.access import AUDITORS
from openpiu.web.auditing import log_event
from openpiu.web.context import get_db
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)
PAGE = 100


@router.get("/audit")
def audit_page(
    request: Request,
    principal: Annotated[Principal, Depends(AUDITORS)],
    db: Annotated[Session, Depends(get_db)],
    before: Annotated[int | None, Query(ge=1)] = None,
    action: AuditAction | None = None,
    actor: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    events = recent(db, limit=PAGE, before_seq=before, action=action, actor=actor or None)
    # Reading the log is itself a consultation (it holds search texts): logged like any other.
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=("audit_log",),
        result_count=len(events),
    )
    return render(
        request,
        "audit.html",
        {
            "events": events,
            "actions": list(AuditAction),
            "action": action.value if action else "",
            "actor": actor or "",
            "next_before": events[-1].seq if len(events) == PAGE else None,
            "verification": None,
        },
    )


@router.post("/audit/verify")
def audit_verify(
    request: Request,
    principal: Annotated[Principal, Depends(AUDITORS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    result = verify(db)
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=("audit_log",),
        detail={"verify": "ok" if result.ok else f"bad at {result.first_bad}"},
    )
    events = recent(db, limit=PAGE)
    return render(
        request,
        "audit.html",
        {
            "events": events,
            "actions": list(AuditAction),
            "action": "",
            "actor": "",
            "next_before": events[-1].seq if len(events) == PAGE else None,
            "verification": result,
        },
    )
