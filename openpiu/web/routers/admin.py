"""Users and roles (administrators): create, disable, enable, reset. Administrators see no personal data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from openpiu.accounts import Principal
from openpiu.errors import AccountError, NotFound
from openpiu.model import StaffRole
from openpiu.privacy.audit import AuditAction, Outcome
from openpiu.store.accounts import UserRow
from openpiu.web.access import ADMINS
from openpiu.web.auditing import log_event
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)


def _page(request: Request, db: Session, *, error: str | None = None, status: int = 200) -> Response:
    users = web_context(request).users.list_users(db)
    return render(
        request, "users.html", {"users": users, "roles": list(StaffRole), "error": error}, status=status
    )


@router.get("/admin/users")
def users_page(
    request: Request,
    principal: Annotated[Principal, Depends(ADMINS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    return _page(request, db)


@router.post("/admin/users")
def create_user(
    request: Request,
    principal: Annotated[Principal, Depends(ADMINS)],
    db: Annotated[Session, Depends(get_db)],
    username: Annotated[str, Form(max_length=64)],
    role: Annotated[StaffRole, Form()],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    try:
        user = web_context(request).users.add(db, username=username, role=role, password=password)
    except AccountError as exc:
        db.rollback()
        log_event(
            request,
            db,
            action=AuditAction.ADMINISTER,
            actor=principal,
            outcome=Outcome.FAILURE,
            detail={"operation": "create user", "reason": str(exc)},
        )
        return _page(request, db, error=str(exc), status=422)
    log_event(
        request,
        db,
        action=AuditAction.ADMINISTER,
        actor=principal,
        object_refs=(f"user:{user.id}",),
        detail={"operation": "create user", "role": role.value},
    )
    return RedirectResponse("/admin/users", status_code=303)


def _user(db: Session, user_id: int) -> UserRow:
    user = db.get(UserRow, user_id)
    if user is None:
        raise NotFound(f"no user {user_id}")
    return user


def _administer(
    request: Request,
    db: Session,
    principal: Principal,
    user_id: int,
    operation: str,
    change: Callable[[UserRow], None],
) -> Response:
    """Apply ``change`` to one account and log it; a refused change re-renders the page with the reason."""
    user = _user(db, user_id)
    try:
        change(user)
    except AccountError as exc:
        db.rollback()
        return _page(request, db, error=str(exc), status=422)
    log_event(
        request,
        db,
        action=AuditAction.ADMINISTER,
        actor=principal,
        object_refs=(f"user:{user_id}",),
        detail={"operation": operation},
    )
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}/disable")
def disable_user(
    request: Request,
    user_id: ObjectId,
    principal: Annotated[Principal, Depends(ADMINS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    users = web_context(request).users

    def disable(user: UserRow) -> None:
        if user.id == principal.user_id:
            raise AccountError("You cannot disable your own account.")
        users.disable(db, user)

    return _administer(request, db, principal, user_id, "disable user", disable)


@router.post("/admin/users/{user_id}/enable")
def enable_user(
    request: Request,
    user_id: ObjectId,
    principal: Annotated[Principal, Depends(ADMINS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    users = web_context(request).users
    return _administer(request, db, principal, user_id, "enable user", lambda user: users.enable(db, user))


@router.post("/admin/users/{user_id}/reset")
def reset_user(
    request: Request,
    user_id: ObjectId,
    principal: Annotated[Principal, Depends(ADMINS)],
    db: Annotated[Session, Depends(get_db)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    """New password, unlocked, sessions ended, authenticator to enrol again."""
    users = web_context(request).users
    return _administer(
        request,
        db,
        principal,
        user_id,
        "reset password and authenticator",
        lambda user: users.reset(db, user, password=password),
    )
