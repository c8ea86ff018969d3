"""Pre-determined criteria (PNR Directive Art 6(3)(b)): list, editor with validation, backtest, approval.

Analysts and supervisors write drafts and backtest them on the stored history; only a supervisor who
did not write a version approves it (four eyes, enforced by ``screening.rules.lifecycle``), activates
or retires it. Refused documents say why in one line (unknown field, sensitive attribute, ...).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from openpiu.accounts import Principal
from openpiu.errors import OpenPIUError
from openpiu.ingest.assess import stored_history
from openpiu.privacy.audit import AuditAction, Outcome
from openpiu.screening.rules import (
    FACT_SCHEMA,
    BacktestReport,
    RuleVersion,
    activate_replacing,
    approve,
    backtest,
    draft,
    firing,
    parse_rule,
    retire,
)
from openpiu.screening.rules.examples import EXAMPLES
from openpiu.store.assessment import stored_days
from openpiu.store.rules import load_rule_version, load_rule_versions, save_rule_version
from openpiu.web.access import ANALYSTS, SUPERVISORS
from openpiu.web.auditing import log_event
from openpiu.web.context import get_db, web_context
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)
RuleId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
VersionNumber = Annotated[int, Path(ge=1, le=1_000_000)]
# Days of stored history a backtest from the web reads by default (the latest stored ones).
BACKTEST_DAYS = 31


@router.get("/criteria")
def criteria_list(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    """Every version of every rule, with its state and whether it fires today (stale rules say so)."""
    today = web_context(request).clock().date()
    versions = load_rule_versions(db)
    rows = [(v, firing(v, today)) for v in reversed(versions)]
    return render(request, "criteria.html", {"rows": rows})


def _editor(request: Request, document: str, *, error: str | None = None, status: int = 200) -> Response:
    return render(
        request,
        "criterion_edit.html",
        {"document": document, "error": error, "fields": sorted(FACT_SCHEMA.values(), key=lambda f: f.name)},
        status=status,
    )


@router.get("/criteria/new")
def criterion_editor(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    start: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")] = None,
) -> Response:
    """The editor: a JSON rule document, prefilled from a stored rule (``?start=ID``) or an example."""
    base: dict[str, Any] = dict(EXAMPLES[0])
    if start:
        base = dict(load_rule_version(db, rule_id=start).rule.document)
    return _editor(request, json.dumps(base, indent=2, ensure_ascii=False))


@router.post("/criteria")
def save_criterion(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    document: Annotated[str, Form(max_length=50_000)],
) -> Response:
    """Check a document and store it as a new draft version; a refused one comes back with the reason."""
    now = web_context(request).clock()
    try:
        rule = parse_rule(document)
        version = draft(
            rule, author=principal.username, at=now, previous=load_rule_versions(db, rule_id=rule.id)
        )
    except OpenPIUError as exc:
        db.rollback()
        log_event(
            request,
            db,
            action=AuditAction.ALTER,
            actor=principal,
            outcome=Outcome.FAILURE,
            detail={"operation": "draft criterion", "reason": str(exc)},
        )
        return _editor(request, document, error=str(exc), status=422)
    save_rule_version(db, version)
    log_event(
        request,
        db,
        action=AuditAction.ALTER,
        actor=principal,
        object_refs=(f"rule:{version.label}",),
        detail={"operation": "draft criterion"},
    )
    return RedirectResponse(f"/criteria/{version.rule_id}/{version.version}", status_code=303)


def _detail(
    request: Request,
    db: Session,
    rule_id: str,
    number: int,
    *,
    report: BacktestReport | None = None,
    window: tuple[date, date] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    version = load_rule_version(db, rule_id=rule_id, version=number)
    today = web_context(request).clock().date()
    return render(
        request,
        "criterion.html",
        {
            "version": version,
            "rule": version.rule,
            "document": json.dumps(dict(version.rule.document), indent=2, ensure_ascii=False),
            "firing": firing(version, today),
            "report": report,
            "window": window,
            "error": error,
        },
        status=status,
    )


@router.get("/criteria/{rule_id}/{version}")
def criterion_detail(
    request: Request,
    rule_id: RuleId,
    version: VersionNumber,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    """One version: its document, rationale, lifecycle history, and the backtest and approval forms."""
    return _detail(request, db, rule_id, version)


@router.post("/criteria/{rule_id}/{version}/backtest")
def backtest_criterion(
    request: Request,
    rule_id: RuleId,
    version: VersionNumber,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    first: Annotated[date | None, Form()] = None,
    last: Annotated[date | None, Form()] = None,
) -> Response:
    """Run the version over the stored history: flagged per day, routes, later confirmed (precision)."""
    stored = load_rule_version(db, rule_id=rule_id, version=version)
    engine = web_context(request).engine
    with engine.connect() as connection:
        span = stored_days(connection)
    if span is None:
        return _detail(request, db, rule_id, version, error="No stored history to test on.", status=422)
    end = min(last or span[1], span[1])
    start = max(first or end - timedelta(days=BACKTEST_DAYS - 1), span[0])
    if start > end:
        return _detail(request, db, rule_id, version, error="The first day is after the last.", status=422)
    history, outcomes = stored_history(engine, first=start, last=end)
    report = backtest(stored.rule, history, outcomes)
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=(f"rule:{stored.label}",),
        purpose="backtest of a criterion",
        query_text=json.dumps({"rule": stored.label, "from": start.isoformat(), "to": end.isoformat()}),
        result_count=report.flagged,
    )
    return _detail(request, db, rule_id, version, report=report, window=(start, end))


def _lifecycle(
    request: Request,
    db: Session,
    principal: Principal,
    rule_id: str,
    number: int,
    change: Callable[[RuleVersion, Sequence[RuleVersion]], Sequence[RuleVersion]],
    operation: str,
) -> Response:
    current = load_rule_version(db, rule_id=rule_id, version=number)
    try:
        changed = change(current, load_rule_versions(db, rule_id=rule_id))
    except OpenPIUError as exc:
        db.rollback()
        log_event(
            request,
            db,
            action=AuditAction.ALTER,
            actor=principal,
            object_refs=(f"rule:{current.label}",),
            outcome=Outcome.FAILURE,
            detail={"operation": operation, "reason": str(exc)},
        )
        return _detail(request, db, rule_id, number, error=str(exc), status=422)
    for version in changed:
        save_rule_version(db, version)
    log_event(
        request,
        db,
        action=AuditAction.ALTER,
        actor=principal,
        object_refs=tuple(f"rule:{v.label}" for v in changed),
        detail={"operation": operation},
    )
    return RedirectResponse(f"/criteria/{rule_id}/{number}", status_code=303)


@router.post("/criteria/{rule_id}/{version}/approve")
def approve_criterion(
    request: Request,
    rule_id: RuleId,
    version: VersionNumber,
    principal: Annotated[Principal, Depends(SUPERVISORS)],
    db: Annotated[Session, Depends(get_db)],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Approve a draft (four eyes: not by its author)."""
    now = web_context(request).clock()
    return _lifecycle(
        request,
        db,
        principal,
        rule_id,
        version,
        lambda v, _: [approve(v, approver=principal.username, at=now, note=note)],
        "approve criterion",
    )


@router.post("/criteria/{rule_id}/{version}/activate")
def activate_criterion(
    request: Request,
    rule_id: RuleId,
    version: VersionNumber,
    principal: Annotated[Principal, Depends(SUPERVISORS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    """Put an approved version live; the version it replaces is retired."""
    now = web_context(request).clock()
    return _lifecycle(
        request,
        db,
        principal,
        rule_id,
        version,
        lambda v, others: activate_replacing(v, others, actor=principal.username, at=now),
        "activate criterion",
    )


@router.post("/criteria/{rule_id}/{version}/retire")
def retire_criterion(
    request: Request,
    rule_id: RuleId,
    version: VersionNumber,
    principal: Annotated[Principal, Depends(SUPERVISORS)],
    db: Annotated[Session, Depends(get_db)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Retire a version, with a reason."""
    now = web_context(request).clock()
    return _lifecycle(
        request,
        db,
        principal,
        rule_id,
        version,
        lambda v, _: [retire(v, actor=principal.username, at=now, reason=reason)],
        "retire criterion",
    )
