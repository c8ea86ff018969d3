"""The hit queue, hit detail with its explanation, the review form and gated dissemination.

PNR Directive Art 6(5)-(6): every hit is reviewed by a person; a confirmed hit goes to a competent
authority only after a supervisor who neither reviewed nor requested it approves. The machine never
disseminates: every step here is a person's form submission, written to the hit's history and to the
access log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from openpiu.accounts import Principal
from openpiu.privacy.audit import AuditAction, Outcome
from openpiu.review import Hit, HitState, ReasonCode, ReviewError
from openpiu.review.hit import CONFIRM_REASONS, DISMISS_REASONS
from openpiu.review.workflow import (
    approve_dissemination,
    decide,
    record_dissemination,
    request_dissemination,
    start_review,
)
from openpiu.store.hits import (
    StoredHit,
    awaiting_approval,
    get_hit,
    open_hit_count,
    save_hit,
    urgent_hits,
)
from openpiu.web.access import ANALYSTS, SUPERVISORS
from openpiu.web.auditing import log_event
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.hitview import HitView, hit_views, review_actor
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)
# Hits per page of the queue: a page is read, rendered and logged in well under 100 ms on a large store
# (python -m bench.web_latency); 500 at once took several times that.
QUEUE_PAGE = 50
Page = Annotated[int, Query(ge=1, le=100_000, description="Page of the queue, 50 hits each.")]


def open_queue(db: Session, *, page: int = 1) -> list[StoredHit]:
    """One page of open hits, most urgent first (time left before departure or arrival)."""
    return urgent_hits(db, limit=QUEUE_PAGE, offset=(page - 1) * QUEUE_PAGE)


@router.get("/hits")
def hit_queue(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    page: Page = 1,
) -> Response:
    """Open hits ordered by the time left before the flight, a page at a time; dissemination requests
    awaiting approval."""
    now = web_context(request).clock()
    page_hits = open_queue(db, page=page)
    # Counted apart: a window count over the page's query made the database sort every open hit.
    total = open_hit_count(db)
    views = hit_views(db, [*page_hits, *awaiting_approval(db)], now=now)  # one lookup for both lists
    queue, pending = views[: len(page_hits)], views[len(page_hits) :]
    # Logged (and committed) last, after every read: the access log's lock is held only for the write.
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=tuple(f"hit:{v.id}" for v in (*queue, *pending)),
        result_count=len(queue) + len(pending),
    )
    first = (page - 1) * QUEUE_PAGE
    return render(
        request,
        "hits.html",
        {
            "queue": queue,
            "pending": pending,
            "now": now,
            "page": page,
            "total": total,
            "first": first + 1 if queue else first,
            "last": first + len(queue),
            "more": first + len(queue) < total,
        },
    )


def _detail(
    request: Request, db: Session, hit_id: int, *, error: str | None = None, status: int = 200
) -> Response:
    now = web_context(request).clock()
    (view,) = hit_views(db, [get_hit(db, hit_id)], now=now)
    return _render_detail(request, view, now=now, error=error, status=status)


def _render_detail(
    request: Request, view: HitView, *, now: datetime, error: str | None = None, status: int = 200
) -> Response:
    return render(
        request,
        "hit.html",
        {
            "view": view,
            "hit": view.stored.hit,
            "now": now,
            "error": error,
            "confirm_reasons": sorted(CONFIRM_REASONS),
            "dismiss_reasons": sorted(DISMISS_REASONS),
        },
        status=status,
    )


@router.get("/hits/{hit_id}")
def hit_detail(
    request: Request,
    hit_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    """One hit: why it was raised, its history, and the review and dissemination forms."""
    now = web_context(request).clock()
    (view,) = hit_views(db, [get_hit(db, hit_id)], now=now)  # 404 before anything is logged
    # Logged and committed after every read, before the page is sent: the log's lock is held only briefly.
    log_event(request, db, action=AuditAction.CONSULT, actor=principal, object_refs=(f"hit:{hit_id}",))
    return _render_detail(request, view, now=now)


def _change(
    request: Request,
    db: Session,
    principal: Principal,
    hit_id: int,
    step: Callable[[Hit], Hit],
    *,
    operation: str,
    action: AuditAction = AuditAction.DECIDE,
    purpose: str | None = None,
    recipient: str | None = None,
) -> Response:
    """Apply one review step, store it and log it in the same transaction; a refused step re-renders the
    page with the reason (and is logged as a failure)."""
    stored = get_hit(db, hit_id)
    try:
        changed = step(stored.hit)
    except ReviewError as exc:
        db.rollback()
        log_event(
            request,
            db,
            action=action,
            actor=principal,
            object_refs=(f"hit:{hit_id}",),
            outcome=Outcome.FAILURE,
            detail={"operation": operation, "reason": str(exc)},
        )
        return _detail(request, db, hit_id, error=str(exc), status=422)
    save_hit(db, changed)
    log_event(
        request,
        db,
        action=action,
        actor=principal,
        object_refs=(f"hit:{hit_id}",),
        detail={"operation": operation, "state": changed.state.value},
        purpose=purpose,
        recipient=recipient,
    )
    return RedirectResponse(f"/hits/{hit_id}", status_code=303)


@router.post("/hits/{hit_id}/decision")
def decide_hit(
    request: Request,
    hit_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    outcome: Annotated[HitState, Form()],
    reason: Annotated[ReasonCode, Form()],
    text: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Confirm or dismiss, with a reason code and a text (a new hit is taken into review first)."""
    actor = review_actor(principal)
    now = web_context(request).clock()

    def step(hit: Hit) -> Hit:
        if hit.state is HitState.NEW:
            hit = start_review(hit, actor, now)
        return decide(hit, actor, now, outcome, reason, text)

    return _change(
        request, db, principal, hit_id, step, operation=f"decide: {outcome.value} ({reason.value})"
    )


@router.post("/hits/{hit_id}/dissemination")
def request_hit_dissemination(
    request: Request,
    hit_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    authority: Annotated[str, Form(max_length=200)] = "",
    purpose: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Ask to transfer a confirmed hit to a competent authority (a supervisor approves)."""
    actor, now = review_actor(principal), web_context(request).clock()
    return _change(
        request,
        db,
        principal,
        hit_id,
        lambda hit: request_dissemination(hit, actor, now, authority=authority, purpose=purpose),
        operation="request dissemination",
        purpose=purpose.strip() or None,
        recipient=authority.strip() or None,
    )


@router.post("/hits/{hit_id}/dissemination/approval")
def approve_hit_dissemination(
    request: Request,
    hit_id: ObjectId,
    principal: Annotated[Principal, Depends(SUPERVISORS)],
    db: Annotated[Session, Depends(get_db)],
    decision: Annotated[str, Form(pattern="^(approve|refuse)$")],
    text: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """A supervisor's decision on a dissemination request (never the reviewer or the requester)."""
    actor, now = review_actor(principal), web_context(request).clock()
    approve = decision == "approve"
    return _change(
        request,
        db,
        principal,
        hit_id,
        lambda hit: approve_dissemination(hit, actor, now, approve=approve, text=text),
        operation=f"{decision} dissemination",
    )


@router.post("/hits/{hit_id}/dissemination/sent")
def record_hit_dissemination(
    request: Request,
    hit_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    reference: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Record that the approved result was sent, with the outgoing message's reference."""
    actor, now = review_actor(principal), web_context(request).clock()
    stored = get_hit(db, hit_id)
    authority = stored.hit.dissemination.authority if stored.hit.dissemination else None
    return _change(
        request,
        db,
        principal,
        hit_id,
        lambda hit: record_dissemination(hit, actor, now, reference=reference),
        operation="record dissemination",
        action=AuditAction.DISCLOSE,
        recipient=authority,
    )
