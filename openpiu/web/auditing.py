"""Writing access-log events from requests: who, role, client address, filled in from the request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from openpiu.accounts import Principal
from openpiu.privacy.audit import AuditAction, AuditEntry, Outcome, record
from openpiu.web.context import client_address, web_context


def log_event(
    request: Request,
    db: Session,
    *,
    action: AuditAction,
    actor: Principal | str | None,
    object_refs: Sequence[str] = (),
    outcome: Outcome = Outcome.SUCCESS,
    commit: bool = True,
    role: str | None = None,
    **fields: Any,
) -> None:
    """Record an event for this request and (by default) commit it before the answer is sent.

    Committing first means a view that could not be logged is not shown: the caller's page renders
    only after this returns.
    """
    name: str | None
    if isinstance(actor, Principal):
        name, role = actor.username, actor.role.value
        fields.setdefault("detail", {"via": actor.via})
    else:
        name = actor
    record(
        db,
        AuditEntry(
            action=action,
            actor=name,
            actor_role=role,
            object_refs=tuple(object_refs),
            outcome=outcome,
            client_address=client_address(request),
            **fields,
        ),
        now=web_context(request).clock,
    )
    if commit:
        db.commit()
