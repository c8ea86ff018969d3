"""Login (password, then TOTP code or enrolment), logout and "log out everywhere"."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from openpiu.accounts import LoginOutcome, Principal
from openpiu.accounts.totp import provisioning_uri, qr_svg
from openpiu.privacy.audit import AuditAction, Outcome
from openpiu.store.accounts import UserRow
from openpiu.web.access import (
    EVERY_ROLE,
    PRELOGIN_COOKIE,
    PUBLIC,
    SECOND_FACTOR,
    SESSION_COOKIE,
    new_prelogin,
)
from openpiu.web.auditing import log_event
from openpiu.web.context import get_db, is_https, web_context
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)

FAILED = "Wrong user name, password or code, or the account is locked. Try again later."


def _set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(
        name, value, httponly=True, samesite="strict", secure=is_https(request), path="/", max_age=None
    )


def _login_page(request: Request, *, error: str | None = None, status: int = 200) -> Response:
    prelogin = request.cookies.get(PRELOGIN_COOKIE)
    if not prelogin and not request.cookies.get(SESSION_COOKIE):
        prelogin = new_prelogin()
        request.state.prelogin = prelogin
        response = render(request, "login.html", {"error": error}, status=status)
        _set_cookie(request, response, PRELOGIN_COOKIE, prelogin)
        return response
    return render(request, "login.html", {"error": error}, status=status)


@router.get("/login", dependencies=[Depends(PUBLIC)])
def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/login", dependencies=[Depends(PUBLIC)])
def login(
    request: Request,
    db: Annotated[Session, Depends(get_db)],
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
) -> Response:
    context = web_context(request)
    outcome, user = context.users.check_password(db, username=username, password=password)
    if outcome is not LoginOutcome.OK or user is None:
        log_event(
            request,
            db,
            action=AuditAction.AUTHENTICATE,
            actor=user.username if user else None,
            role=user.role.value if user else None,
            outcome=Outcome.FAILURE,
            detail={"step": "password", "reason": outcome.value},
        )
        return _login_page(request, error=FAILED, status=401)
    token = context.logins.open(db, user, second_factor=False)
    log_event(request, db, action=AuditAction.AUTHENTICATE, actor=user.username, detail={"step": "password"})
    target = "/login/totp" if user.totp_confirmed else "/login/enrol"
    response = RedirectResponse(target, status_code=303)
    _set_cookie(request, response, SESSION_COOKIE, token)
    response.delete_cookie(PRELOGIN_COOKIE, path="/")
    return response


@router.get("/login/totp")
def totp_form(request: Request, principal: Annotated[Principal, Depends(SECOND_FACTOR)]) -> Response:
    if principal.second_factor:
        return RedirectResponse("/", status_code=303)
    return render(request, "totp.html", {"error": None})


def _second_factor(
    request: Request, db: Session, principal: Principal, code: str, *, template: str, extra: dict[str, Any]
) -> Response:
    context = web_context(request)
    user = db.get(UserRow, principal.user_id)
    if user is None:
        return RedirectResponse("/login", status_code=303)
    outcome = context.users.check_code(user, code)
    if outcome is not LoginOutcome.OK:
        log_event(
            request,
            db,
            action=AuditAction.AUTHENTICATE,
            actor=user.username,
            role=user.role.value,
            outcome=Outcome.FAILURE,
            detail={"step": "totp", "reason": outcome.value},
        )
        return render(request, template, {"error": FAILED, **extra}, status=401)
    token = context.logins.elevate(db, principal)
    log_event(
        request,
        db,
        action=AuditAction.AUTHENTICATE,
        actor=user.username,
        role=user.role.value,
        detail={"step": "totp"},
    )
    response = RedirectResponse("/", status_code=303)
    _set_cookie(request, response, SESSION_COOKIE, token)
    return response


@router.post("/login/totp")
def totp_check(
    request: Request,
    principal: Annotated[Principal, Depends(SECOND_FACTOR)],
    db: Annotated[Session, Depends(get_db)],
    code: Annotated[str, Form(max_length=16)],
) -> Response:
    return _second_factor(request, db, principal, code, template="totp.html", extra={})


def _enrolment(request: Request, db: Session, principal: Principal) -> dict[str, Any] | None:
    user = db.get(UserRow, principal.user_id)
    if user is None or user.totp_confirmed:
        return None
    secret = web_context(request).users.start_enrolment(user)
    db.commit()
    uri = provisioning_uri(secret, username=user.username)
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    # The SVG is generated here from our own data (no user input reaches it): safe to insert.
    return {"qr": Markup(qr_svg(uri)), "secret": grouped}  # noqa: S704 - trusted, server-made SVG


@router.get("/login/enrol")
def enrol_form(
    request: Request,
    principal: Annotated[Principal, Depends(SECOND_FACTOR)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    enrolment = _enrolment(request, db, principal)
    if enrolment is None:
        return RedirectResponse("/login/totp", status_code=303)
    return render(request, "enrol.html", {"error": None, **enrolment})


@router.post("/login/enrol")
def enrol_check(
    request: Request,
    principal: Annotated[Principal, Depends(SECOND_FACTOR)],
    db: Annotated[Session, Depends(get_db)],
    code: Annotated[str, Form(max_length=16)],
) -> Response:
    enrolment = _enrolment(request, db, principal) or {}
    return _second_factor(request, db, principal, code, template="enrol.html", extra=enrolment)


@router.post("/logout")
def logout(
    request: Request,
    principal: Annotated[Principal, Depends(SECOND_FACTOR)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    web_context(request).logins.end(db, principal)
    log_event(request, db, action=AuditAction.AUTHENTICATE, actor=principal, detail={"step": "logout"})
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/logout/everywhere")
def logout_everywhere(
    request: Request,
    principal: Annotated[Principal, Depends(EVERY_ROLE)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    ended = web_context(request).logins.end_all(db, principal.user_id)
    log_event(
        request,
        db,
        action=AuditAction.AUTHENTICATE,
        actor=principal,
        detail={"step": "logout everywhere", "sessions": ended},
    )
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
