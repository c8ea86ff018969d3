"""Re-personalisation for analysts and supervisors: ask (with reasons), follow, and see the data once
the independent authority approved, until the approval expires (PNR Directive Art 12(3)).

Opening sealed values needs the re-personalisation key; a refused opening is logged like a granted one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from openpiu.accounts import Principal
from openpiu.errors import AccessDenied, ConfigError
from openpiu.model import StaffRole
from openpiu.model.offences import OffenceCategory
from openpiu.privacy import unmasking
from openpiu.privacy.job import load_sealer
from openpiu.privacy.repersonalisation import WorkflowError
from openpiu.store.accounts import UserRow
from openpiu.web.access import allow
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)
REQUESTERS = allow(StaffRole.ANALYST, StaffRole.SUPERVISOR)


def _user(db: Session, principal: Principal) -> UserRow:
    user = db.get(UserRow, principal.user_id)
    if user is None:  # pragma: no cover - a session outlives its account only if deleted meanwhile
        raise AccessDenied("account not found")
    return user


def _page(
    request: Request, db: Session, principal: Principal, *, error: str | None = None, status: int = 200
) -> Response:
    own = [(i, r) for i, r in unmasking.requests(db) if r.requester == principal.username]
    context = {
        "own": own,
        "offences": list(OffenceCategory),
        "error": error,
        "now": web_context(request).clock(),
    }
    return render(request, "unmask.html", context, status=status)


@router.get("/unmask")
def unmask_page(
    request: Request,
    principal: Annotated[Principal, Depends(REQUESTERS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    return _page(request, db, principal)


@router.post("/unmask")
def unmask_request(
    request: Request,
    principal: Annotated[Principal, Depends(REQUESTERS)],
    db: Annotated[Session, Depends(get_db)],
    target: Annotated[str, Form(max_length=64)],
    case_ref: Annotated[str, Form(max_length=200)],
    offence: Annotated[str, Form(max_length=64)],
    purpose: Annotated[str, Form(max_length=2000)],
) -> Response:
    try:
        unmasking.submit(
            db,
            _user(db, principal),
            target=target,
            case_ref=case_ref,
            offence_category=offence,
            purpose=purpose,
            at=web_context(request).clock(),
        )
    except (ConfigError, WorkflowError, AccessDenied) as exc:
        db.rollback()
        return _page(request, db, principal, error=str(exc), status=400)
    db.commit()
    return RedirectResponse("/unmask", status_code=303)


@router.get("/unmask/{request_id}")
def unmask_show(
    request: Request,
    request_id: ObjectId,
    principal: Annotated[Principal, Depends(REQUESTERS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    user = _user(db, principal)
    try:
        sealer = load_sealer(request.app.state.settings)
        opened = unmasking.reveal(
            db, user, request_id=request_id, sealer=sealer, at=web_context(request).clock()
        )
    except (AccessDenied, ConfigError) as exc:
        db.rollback()
        if isinstance(exc, AccessDenied):
            unmasking.record_refusal(db, user, request_id=request_id, step="access", reason=str(exc))
            db.commit()
        return _page(
            request, db, principal, error=str(exc), status=403 if isinstance(exc, AccessDenied) else 500
        )
    db.commit()
    current = unmasking.get(db, request_id)
    return render(
        request, "unmask_show.html", {"request_id": request_id, "current": current, "opened": opened}
    )
