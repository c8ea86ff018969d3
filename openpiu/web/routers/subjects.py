"""Data-subject requests on the web, for the DPO: record, see everything held, export, answer.

The same service as ``openpiu subject`` (``openpiu.privacy.subject_requests``): every search and export
is in the access log with its criteria. Masked rows are opened with the re-personalisation key for this
purpose only (a subject's right of access covers them).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from openpiu.accounts import Principal
from openpiu.errors import ConfigError
from openpiu.model import StaffRole
from openpiu.privacy import subject_requests
from openpiu.privacy.job import load_sealer
from openpiu.privacy.sealing import Sealer
from openpiu.privacy.subjects import Criteria
from openpiu.store.accounts import UserRow
from openpiu.store.privacy_tables import SubjectRequestRow
from openpiu.store.pseudonyms import load_pseudonym_key
from openpiu.web.access import allow
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)
DPO_ONLY = allow(StaffRole.DPO)


def _user(db: Session, principal: Principal) -> UserRow:
    user = db.get(UserRow, principal.user_id)
    if user is None:  # pragma: no cover - a session outlives its account only if deleted meanwhile
        raise ConfigError("account not found")
    return user


def _sealer(request: Request) -> Sealer | None:
    try:
        return load_sealer(request.app.state.settings)
    except ConfigError:
        return None  # no key configured: clear data only, said on the page


def _pseudonym_key(request: Request, db: Session) -> bytes:
    return load_pseudonym_key(db.connection(), request.app.state.settings)


@router.post("/dpo/subjects")
def subject_open(
    request: Request,
    principal: Annotated[Principal, Depends(DPO_ONLY)],
    db: Annotated[Session, Depends(get_db)],
    kind: Annotated[str, Form(max_length=16)],
    reference: Annotated[str, Form(max_length=200)],
    surname: Annotated[str, Form(max_length=100)],
    given_names: Annotated[str, Form(max_length=100)] = "",
    born: Annotated[date | None, Form()] = None,
    document: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    try:
        criteria = Criteria(surname, given_names or None, born, document or None)
        row = subject_requests.open_request(
            db,
            _user(db, principal),
            kind=kind,
            subject_ref=reference,
            criteria=criteria,
            at=web_context(request).clock(),
        )
    except ConfigError as exc:
        db.rollback()
        return render(
            request, "subject.html", {"row": None, "held": [], "error": str(exc), "keyed": False}, status=400
        )
    db.commit()
    return RedirectResponse(f"/dpo/subjects/{row.id}", status_code=303)


def _show(
    request: Request, db: Session, principal: Principal, request_id: int, *, error: str | None = None
) -> Response:
    sealer = _sealer(request)
    row = db.get(SubjectRequestRow, request_id)
    held = []
    if row is None or row.state != "erased":  # an erased subject is no longer searchable
        try:
            key = _pseudonym_key(request, db)
        except ConfigError as exc:  # no pseudonym key: a search would miss the hits keyed by it
            return render(
                request,
                "subject.html",
                {"row": row, "held": [], "error": str(exc), "keyed": False},
                status=503,
            )
        held = subject_requests.search(
            db, _user(db, principal), request_id=request_id, sealer=sealer, pseudonym_key=key
        )
    db.commit()
    row = db.get(SubjectRequestRow, request_id)
    context = {"row": row, "held": held, "error": error, "keyed": sealer is not None}
    return render(request, "subject.html", context, status=400 if error else 200)


@router.get("/dpo/subjects/{request_id}")
def subject_page(
    request: Request,
    request_id: ObjectId,
    principal: Annotated[Principal, Depends(DPO_ONLY)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    return _show(request, db, principal, request_id)


@router.get("/dpo/subjects/{request_id}/export")
def subject_export(
    request: Request,
    request_id: ObjectId,
    principal: Annotated[Principal, Depends(DPO_ONLY)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    try:
        key = _pseudonym_key(request, db)
    except ConfigError:
        return _show(request, db, principal, request_id)  # says what is missing
    text = subject_requests.export(
        db,
        _user(db, principal),
        request_id=request_id,
        sealer=_sealer(request),
        pseudonym_key=key,
        at=web_context(request).clock(),
    )
    db.commit()
    name = f"subject-request-{request_id}.json"
    return Response(
        text,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@router.post("/dpo/subjects/{request_id}/answer")
def subject_answer(
    request: Request,
    request_id: ObjectId,
    principal: Annotated[Principal, Depends(DPO_ONLY)],
    db: Annotated[Session, Depends(get_db)],
    text: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    try:
        subject_requests.answer(
            db, _user(db, principal), request_id=request_id, text=text, at=web_context(request).clock()
        )
    except ConfigError as exc:
        db.rollback()
        return _show(request, db, principal, request_id, error=str(exc))
    db.commit()
    return RedirectResponse(f"/dpo/subjects/{request_id}", status_code=303)
