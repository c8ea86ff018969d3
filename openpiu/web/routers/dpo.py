"""Data-protection pages: the DPO dashboard, Art 20 statistics, and the independent authority's page.

The DPO sees what is held by state and age, what falls due, holds and re-personalisations, and
reviews approved ones; the authority (not PIU staff) decides on requests and sees their reasons, never
the data. Every page view and every step is in the access log.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from openpiu.accounts import Principal
from openpiu.errors import AccessDenied, ConfigError
from openpiu.model import StaffRole
from openpiu.privacy import holds as holding
from openpiu.privacy import subject_requests, unmasking
from openpiu.privacy.audit import AuditAction
from openpiu.privacy.repersonalisation import UnmaskState, WorkflowError
from openpiu.privacy.retention import Policy
from openpiu.privacy.statistics import METRICS, parse_period
from openpiu.store.accounts import UserRow
from openpiu.store.dpo import due_soon, held_by_age
from openpiu.store.holds import list_holds
from openpiu.store.statistics import compute
from openpiu.web.access import allow
from openpiu.web.auditing import log_event
from openpiu.web.charts import bars
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)
DPO_ONLY = allow(StaffRole.DPO)
STATISTICS_READERS = allow(StaffRole.DPO, StaffRole.AUDITOR)
AUTHORITY_ONLY = allow(StaffRole.AUTHORITY)


def _policy(request: Request) -> Policy:
    policy: Policy = getattr(request.app.state, "retention_policy", None) or Policy()
    return policy


def _user(db: Session, principal: Principal) -> UserRow:
    user = db.get(UserRow, principal.user_id)
    if user is None:  # pragma: no cover - a session outlives its account only if deleted meanwhile
        raise AccessDenied("account not found")
    return user


def _dashboard(request: Request, db: Session, *, error: str | None = None, status: int = 200) -> Response:
    now = web_context(request).clock()
    policy = _policy(request)
    connection = db.connection()
    context: dict[str, Any] = {
        "now": now,
        "policy": policy.describe(),
        "by_age": held_by_age(connection, policy=policy, now=now),
        "states": ("active", "depersonalised"),
        "due": due_soon(connection, policy=policy, now=now),
        "holds": list_holds(db),
        "pending": unmasking.requests(db, states=[UnmaskState.REQUESTED, UnmaskState.APPROVED]),
        "notices": unmasking.unread_notifications(db),
        "subjects": [r for r in subject_requests.requests(db) if r.state != "answered"],
        "today": now.date(),
        "error": error,
    }
    return render(request, "dpo.html", context, status=status)


@router.get("/dpo")
def dpo_dashboard(
    request: Request,
    principal: Annotated[Principal, Depends(DPO_ONLY)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    log_event(request, db, action=AuditAction.CONSULT, actor=principal, object_refs=("dpo_dashboard",))
    return _dashboard(request, db)


@router.post("/dpo/requests/{request_id}/review")
def dpo_review(
    request: Request,
    request_id: ObjectId,
    principal: Annotated[Principal, Depends(DPO_ONLY)],
    db: Annotated[Session, Depends(get_db)],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    now = web_context(request).clock()
    try:
        unmasking.review(db, _user(db, principal), request_id=request_id, note=note, at=now)
    except (AccessDenied, WorkflowError) as exc:
        db.rollback()
        return _dashboard(request, db, error=str(exc), status=400)
    db.commit()
    return RedirectResponse("/dpo", status_code=303)


@router.post("/dpo/holds")
def dpo_hold_add(
    request: Request,
    principal: Annotated[Principal, Depends(DPO_ONLY)],
    db: Annotated[Session, Depends(get_db)],
    target: Annotated[str, Form(max_length=64)],
    reason: Annotated[str, Form(max_length=2000)],
    legal_basis: Annotated[str, Form(max_length=500)],
    review_date: Annotated[date, Form()],
) -> Response:
    try:
        holding.place(
            db,
            _user(db, principal),
            target=target,
            reason=reason,
            legal_basis=legal_basis,
            review_date=review_date,
            at=web_context(request).clock(),
        )
    except (AccessDenied, ConfigError) as exc:
        db.rollback()
        return _dashboard(request, db, error=str(exc), status=400)
    db.commit()
    return RedirectResponse("/dpo", status_code=303)


@router.post("/dpo/holds/{hold_id}/release")
def dpo_hold_release(
    request: Request,
    hold_id: ObjectId,
    principal: Annotated[Principal, Depends(DPO_ONLY)],
    db: Annotated[Session, Depends(get_db)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        holding.lift(
            db, _user(db, principal), hold_id=hold_id, reason=reason, at=web_context(request).clock()
        )
    except (AccessDenied, ConfigError) as exc:
        db.rollback()
        return _dashboard(request, db, error=str(exc), status=400)
    db.commit()
    return RedirectResponse("/dpo", status_code=303)


def _current_quarter(now: datetime) -> str:
    return f"{now.year}-Q{(now.month - 1) // 3 + 1}"


@router.get("/statistics")
def statistics_page(
    request: Request,
    principal: Annotated[Principal, Depends(STATISTICS_READERS)],
    db: Annotated[Session, Depends(get_db)],
    period: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    label = period or _current_quarter(web_context(request).clock())
    try:
        span = parse_period(label)
    except ConfigError as exc:
        return render(
            request, "statistics.html", {"error": str(exc), "period": label, "stats": None}, status=400
        )
    stats = compute(db.connection(), period=span)
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=("statistics",),
        query_text=span.label,
    )
    charts = [
        bars("Hits by source and outcome", sorted(stats.by_dimension("hits").items())),
        bars(
            "Travellers and bookings",
            [
                (name, stats.value(name))
                for name in ("pnr_bookings", "pnr_travellers", "api_travellers", "flights")
            ],
        ),
        bars("Depersonalised by category", sorted(stats.by_dimension("masked").items())),
        bars("Deleted by category", sorted(stats.by_dimension("deleted").items())),
    ]
    return render(
        request,
        "statistics.html",
        {"stats": stats, "charts": charts, "period": span.label, "meanings": METRICS, "error": None},
    )


def _authority(request: Request, db: Session, *, error: str | None = None, status: int = 200) -> Response:
    context = {
        "pending": unmasking.requests(db, states=[UnmaskState.REQUESTED]),
        "decided": unmasking.requests(
            db, states=[UnmaskState.APPROVED, UnmaskState.REJECTED, UnmaskState.REVIEWED]
        )[:50],
        "error": error,
    }
    return render(request, "authority.html", context, status=status)


@router.get("/authority")
def authority_page(
    request: Request,
    principal: Annotated[Principal, Depends(AUTHORITY_ONLY)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    log_event(request, db, action=AuditAction.CONSULT, actor=principal, object_refs=("unmask_requests",))
    return _authority(request, db)


@router.post("/authority/requests/{request_id}/decide")
def authority_decide(
    request: Request,
    request_id: ObjectId,
    principal: Annotated[Principal, Depends(AUTHORITY_ONLY)],
    db: Annotated[Session, Depends(get_db)],
    decision: Annotated[str, Form(pattern="^(approve|reject)$")],
    reason: Annotated[str, Form(max_length=2000)] = "",
    hours: Annotated[int, Form(ge=1, le=168)] = 24,
) -> Response:
    now = web_context(request).clock()
    try:
        unmasking.decide(
            db,
            _user(db, principal),
            request_id=request_id,
            approve=decision == "approve",
            reason=reason,
            at=now.astimezone(UTC),
            access_for=timedelta(hours=hours),
        )
    except (AccessDenied, WorkflowError) as exc:
        db.rollback()
        return _authority(request, db, error=str(exc), status=400)
    db.commit()
    return RedirectResponse("/authority", status_code=303)
