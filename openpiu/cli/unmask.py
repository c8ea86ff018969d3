"""``openpiu unmask request|approve|reject|show|review|list``: re-personalisation of masked data.

PNR Directive Art 12(3) and CJEU C-817/19: an analyst or supervisor asks, with a case reference, an
offence category and a purpose; an account of the independent ``authority`` role (never the requester)
approves or rejects; the DPO is notified and reviews afterwards; only the requester sees the data, and
only until the approval expires. Every step, and every refusal, is in the access log.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from openpiu import settings as settings_module
from openpiu.cli.app import app
from openpiu.errors import AccessDenied
from openpiu.model import StaffRole
from openpiu.privacy import unmasking
from openpiu.privacy.job import load_sealer
from openpiu.privacy.people import acting_user
from openpiu.privacy.repersonalisation import APPROVER_ROLES, REQUESTER_ROLES, REVIEWER_ROLES, UnmaskRequest
from openpiu.store import create, require_current, storage_errors

unmask = typer.Typer(
    help="Re-personalisation of masked data (PNR Directive Art 12(3)).", no_args_is_help=True
)
app.add_typer(unmask, name="unmask")

User = Annotated[str, typer.Option("--as", help="Who acts (login name).")]
RequestId = Annotated[int, typer.Argument(help="The request's number.")]


@contextmanager
def _session() -> Iterator[Session]:
    config = settings_module.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        require_current(engine, create_if_empty=True)
        with storage_errors(engine, "re-personalisation"), Session(engine, expire_on_commit=False) as session:
            yield session
    finally:
        engine.dispose()


def _now() -> datetime:
    return datetime.now(UTC)


def _describe(request_id: int, current: UnmaskRequest) -> str:
    text = (
        f"request {request_id}: {current.state} - {current.target} for {current.requester},"
        f" case {current.case_ref} ({current.offence_category}): {current.purpose}"
    )
    if current.decided_by:
        text += f"; decided by {current.decided_by}: {current.decision_reason}"
    if current.access_until:
        text += f"; access until {current.access_until:%Y-%m-%d %H:%M} UTC"
    if current.reviewed_by:
        text += f"; reviewed by {current.reviewed_by}: {current.review_note}"
    return text


@unmask.command("request")
def request_command(
    target: Annotated[str, typer.Argument(help="booking:CARRIER/LOCATOR or traveller:ID.")],
    case_ref: Annotated[str, typer.Option(help="The case or request reference.")],
    offence: Annotated[str, typer.Option(help="Offence category (Annex II code, e.g. drug_trafficking).")],
    purpose: Annotated[str, typer.Option(help="Why the full data are needed, in words.")],
    user: User,
) -> None:
    """Ask for re-personalisation (analyst or supervisor)."""
    with _session() as session, session.begin():
        actor = acting_user(session, user, allowed=REQUESTER_ROLES, doing="requesting re-personalisation")
        request_id = unmasking.submit(
            session,
            actor,
            target=target,
            case_ref=case_ref,
            offence_category=offence,
            purpose=purpose,
            at=_now(),
        )
    typer.echo(f"request {request_id} recorded: waiting for the independent authority")


def _decide(request_id: int, user: str, reason: str, *, approve: bool, hours: int = 24) -> None:
    with _session() as session, session.begin():
        actor = acting_user(session, user, allowed=APPROVER_ROLES, doing="deciding on re-personalisation")
        decided = unmasking.decide(
            session,
            actor,
            request_id=request_id,
            approve=approve,
            reason=reason,
            at=_now(),
            access_for=timedelta(hours=hours),
        )
    typer.echo(_describe(request_id, decided))


@unmask.command("approve")
def approve_command(
    request_id: RequestId,
    reason: Annotated[str, typer.Option(help="The grounds of the approval.")],
    user: User,
    hours: Annotated[int, typer.Option(min=1, max=168, help="How long the requester may see the data.")] = 24,
) -> None:
    """Approve a request (the independent authority only; never the requester)."""
    _decide(request_id, user, reason, approve=True, hours=hours)


@unmask.command("reject")
def reject_command(
    request_id: RequestId, reason: Annotated[str, typer.Option(help="Why.")], user: User
) -> None:
    """Reject a request (the independent authority only)."""
    _decide(request_id, user, reason, approve=False)


@unmask.command("show")
def show_command(request_id: RequestId, user: User) -> None:
    """Print the clear values of the request's target (its requester only, while the approval lasts)."""
    sealer = load_sealer(settings_module.load())
    with _session() as session:
        with session.begin():
            actor = acting_user(session, user, allowed=REQUESTER_ROLES, doing="seeing re-personalised data")
        try:
            with session.begin():
                opened = unmasking.reveal(session, actor, request_id=request_id, sealer=sealer, at=_now())
        except AccessDenied as exc:
            with session.begin():
                unmasking.record_refusal(
                    session, actor, request_id=request_id, step="access", reason=str(exc)
                )
            raise
    if not opened:
        typer.echo("nothing masked for this target (its data are active, or deleted)")
    for item in opened:
        typer.echo(
            f"{item.table} {item.row_id}: {json.dumps(item.values, ensure_ascii=False, sort_keys=True)}"
        )


@unmask.command("review")
def review_command(
    request_id: RequestId, note: Annotated[str, typer.Option(help="The DPO's findings.")], user: User
) -> None:
    """The DPO's ex-post review of an approved request."""
    with _session() as session, session.begin():
        actor = acting_user(session, user, allowed=REVIEWER_ROLES, doing="reviewing re-personalisation")
        reviewed = unmasking.review(session, actor, request_id=request_id, note=note, at=_now())
    typer.echo(_describe(request_id, reviewed))


@unmask.command("list")
def list_command(user: User) -> None:
    """Requests, newest first (the DPO, the authority, analysts and supervisors)."""
    roles = REQUESTER_ROLES | APPROVER_ROLES | REVIEWER_ROLES | {StaffRole.DPO}
    with _session() as session:
        acting_user(session, user, allowed=roles, doing="listing re-personalisation requests")
        listed = unmasking.requests(session)
        notices = unmasking.unread_notifications(session)
    for request_id, current in listed:
        typer.echo(_describe(request_id, current))
    for notice in notices:
        typer.echo(f"DPO notice: {notice.subject}")
    if not listed:
        typer.echo("no requests")
