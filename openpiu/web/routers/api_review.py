"""The JSON API of the review workflow: the hit queue, one hit, a decision, and the criteria."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from openpiu.accounts import Principal
from openpiu.privacy.audit import AuditAction, Outcome
from openpiu.review import Hit, HitState, ReasonCode, ReviewError
from openpiu.review.keys import TRAVELLER, key_id
from openpiu.review.workflow import decide, start_review
from openpiu.screening.rules import firing
from openpiu.store.hits import get_hit, save_hit
from openpiu.store.rules import load_rule_versions
from openpiu.web.access import ANALYSTS
from openpiu.web.auditing import log_event
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.hitview import HitView, hit_views, review_actor
from openpiu.web.routers.hits import Page, open_queue
from openpiu.web.schemas import CriterionOut, DecisionIn, DisseminationOut, HitEventOut, HitOut
from openpiu.web.timefmt import zone_name

router = APIRouter(tags=["review"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such object"}}
REFUSED: dict[int | str, dict[str, Any]] = {422: {"description": "Step refused (state, reason, text)"}}


def hit_out(view: HitView) -> HitOut:
    hit = view.stored.hit
    record = hit.dissemination
    return HitOut(
        id=view.id,
        source=hit.source.value,
        reference=hit.reference,
        reference_version=hit.reference_version,
        state=hit.state.value,
        flight_key=hit.flight_key,
        traveller_key=hit.traveller_key,
        flight_id=view.flight.id if view.flight else None,
        traveller_id=key_id(hit.traveller_key, TRAVELLER) if view.traveller else None,
        traveller=view.traveller_label,
        explanation=list(hit.explanation),
        first_seen=hit.first_seen,
        last_seen=hit.last_seen,
        deadline=hit.deadline,
        deadline_airport=view.deadline_airport,
        deadline_zone=zone_name(view.deadline_airport),
        deadline_before=view.deadline_basis.value if view.deadline_basis is not None else None,
        seconds_left=view.left.total_seconds() if view.left is not None else None,
        score=hit.score,
        reviewer=hit.reviewer,
        reason_code=hit.reason_code,
        decision_text=hit.decision_text,
        dissemination=DisseminationOut(
            authority=record.authority,
            purpose=record.purpose,
            status=record.status.value,
            requested_by=record.requested_by,
            requested_at=record.requested_at,
            decided_by=record.decided_by,
            decided_at=record.decided_at,
            sent_by=record.sent_by,
            sent_at=record.sent_at,
        )
        if record is not None
        else None,
        events=[
            HitEventOut(
                at=e.at,
                actor=e.actor,
                role=e.role.value,
                action=e.action,
                from_state=e.from_state.value if e.from_state else None,
                to_state=e.to_state.value,
                reason_code=e.reason_code,
                text=e.text,
            )
            for e in hit.events
        ],
    )


@router.get("/api/hits")
def hits(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    page: Page = 1,
) -> list[HitOut]:
    """Open hits, most urgent first (time left before departure or arrival), 50 a page (``page=2`` for
    the next; an empty list past the last); logged as a consultation."""
    views = hit_views(db, open_queue(db, page=page), now=web_context(request).clock())
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=tuple(f"hit:{v.id}" for v in views),
        result_count=len(views),
    )
    return [hit_out(v) for v in views]


@router.get("/api/hits/{hit_id}", responses=NOT_FOUND)
def hit(
    request: Request,
    hit_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> HitOut:
    """One hit with its explanation and history (logged as a consultation)."""
    (view,) = hit_views(db, [get_hit(db, hit_id)], now=web_context(request).clock())
    log_event(request, db, action=AuditAction.CONSULT, actor=principal, object_refs=(f"hit:{hit_id}",))
    return hit_out(view)


@router.post("/api/hits/{hit_id}/decision", responses={**NOT_FOUND, **REFUSED})
def hit_decision(
    request: Request,
    hit_id: ObjectId,
    decision: DecisionIn,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> Any:
    """Confirm or dismiss a hit with a reason code and a text (a new hit is taken into review first)."""
    stored = get_hit(db, hit_id)
    actor, now = review_actor(principal), web_context(request).clock()
    try:
        outcome, reason = HitState(decision.outcome), ReasonCode(decision.reason)
        current: Hit = stored.hit
        if current.state is HitState.NEW:
            current = start_review(current, actor, now)
        changed = decide(current, actor, now, outcome, reason, decision.text)
    except (ReviewError, ValueError) as exc:
        db.rollback()
        log_event(
            request,
            db,
            action=AuditAction.DECIDE,
            actor=principal,
            object_refs=(f"hit:{hit_id}",),
            outcome=Outcome.FAILURE,
            detail={"operation": "decide", "reason": str(exc)},
        )
        return JSONResponse({"detail": str(exc)}, status_code=422)
    save_hit(db, changed)
    log_event(
        request,
        db,
        action=AuditAction.DECIDE,
        actor=principal,
        object_refs=(f"hit:{hit_id}",),
        detail={"operation": f"decide: {outcome.value} ({reason.value})", "state": changed.state.value},
    )
    (view,) = hit_views(db, [get_hit(db, hit_id)], now=now)
    return hit_out(view)


@router.get("/api/criteria")
def criteria(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> list[CriterionOut]:
    """Every version of every criterion with its state and whether it fires today."""
    today = web_context(request).clock().date()
    out = []
    for v in load_rule_versions(db):
        fires = firing(v, today)
        out.append(
            CriterionOut(
                rule_id=v.rule_id,
                version=v.version,
                label=v.label,
                title=v.rule.title,
                state=v.state.value,
                offence_category=v.rule.offence_category.value,
                author=v.author,
                approver=v.approver,
                review_by=v.rule.review_by,
                fires_today=fires.fires,
                today=fires.reason,
                document=dict(v.rule.document),
            )
        )
    return out
