"""``openpiu hits list|show|decide|disseminate``: human review of watchlist and rule hits.

The actor is named with ``--as USER`` and ``--role analyst|supervisor`` until the web application brings
authentication. Nothing here sends data anywhere: ``disseminate sent`` records a transfer a person made,
and only after a second person (a supervisor, not the reviewer) approved it (PNR Directive Art 6(5)-(6)).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import Connection

from openpiu.cli.app import app
from openpiu.cli.common import database_session, fail
from openpiu.review import (
    Actor,
    HitState,
    ReasonCode,
    ReviewRole,
    approve_dissemination,
    decide,
    record_dissemination,
    request_dissemination,
    review_queue,
    start_review,
    time_left,
)
from openpiu.review.keys import flight_id, flight_key
from openpiu.store.flights import flight_names, flights_named
from openpiu.store.hits import get_hit, list_hits, save_hit

hits = typer.Typer(help="Hits under human review (PNR Directive Art 6(5)): list, show, decide, disseminate.")
app.add_typer(hits, name="hits")

User = Annotated[str, typer.Option("--as", help="Who acts (login name).")]
Role = Annotated[ReviewRole, typer.Option("--role", help="analyst or supervisor.")]


class Outcome(StrEnum):
    CONFIRM = "confirm"
    DISMISS = "dismiss"


class Step(StrEnum):
    REQUEST = "request"
    APPROVE = "approve"
    REFUSE = "refuse"
    SENT = "sent"


@hits.command("list")
def list_command(
    every: Annotated[bool, typer.Option("--all", help="Include decided hits.")] = False,
    flight: Annotated[
        str | None,
        typer.Option(
            help="Only this flight: JU0123/2026-11-29 (every leg of that number and day), "
            "JU0123/2026-11-29/BEG, or its id (12 or flight:12, as the web app shows)."
        ),
    ] = None,
) -> None:
    """The review queue: open hits, the most urgent (least time before the flight) first."""
    now = datetime.now(UTC)
    with database_session() as session:
        flights = None if flight is None else _flight_ids(session.connection(), flight)
        # The name as typed too: a hit recorded before hits named flights flight:ID, whose flight
        # migration 0011 could not resolve, still carries it.
        keys = None if flight is None else [flight_key(i) for i in flights or ()] + [flight.strip()]
        stored = list_hits(session, flight_keys=keys)
        names = flight_names(session.connection(), (flight_id(s.hit.flight_key) for s in stored))
    if flight is not None and not flights and not stored:
        fail(f"no flight {flight}")
    by_key = {s.hit.key: s.id for s in stored}
    shown = [s.hit for s in stored] if every else review_queue([s.hit for s in stored], now)
    table = Table("id", "state", "source", "reference", "flight", "traveller", "time left", "score")
    for hit in shown:
        left = time_left(hit, now)
        table.add_row(
            str(by_key[hit.key]),
            hit.state.value,
            hit.source.value,
            hit.reference_version,
            _flight_name(names, hit.flight_key),
            hit.traveller_key,
            "" if left is None else f"{left.total_seconds() / 3600:.1f} h",
            "" if hit.score is None else f"{hit.score:.2f}",
        )
    Console().print(table)


def _flight_ids(connection: Connection, flight: str) -> list[int]:
    """The stored flights ``--flight`` names: an id (``12``, ``flight:12``) or a name as people write it."""
    text = flight.strip()
    number = flight_id(text) if text.startswith("flight:") else (int(text) if text.isdigit() else None)
    if number is not None:
        return [number] if flight_names(connection, [number]) else []
    return flights_named(connection, text)


def _flight_name(names: dict[int, str], key: str) -> str:
    """A hit's flight as people write it (``JU0123/2026-11-29 (flight:12)``); its key when not stored."""
    number = flight_id(key)
    return f"{names[number]} ({key})" if number in names else key


@hits.command("show")
def show_command(hit_id: int) -> None:
    """One hit: its explanation, decision, dissemination and every event (who, role, when, why)."""
    with database_session() as session:
        hit = get_hit(session, hit_id).hit
        names = flight_names(session.connection(), [flight_id(hit.flight_key)])
    console = Console(highlight=False)
    console.print(f"hit {hit_id} [{hit.state.value}] {hit.source.value} {hit.reference_version}")
    console.print(
        f"traveller {hit.traveller_key} on {_flight_name(names, hit.flight_key)};"
        f" first seen {hit.first_seen:%Y-%m-%d %H:%M}"
    )
    for line in hit.explanation:
        console.print(f"  - {line}")
    if hit.reason_code:
        console.print(f"decision by {hit.reviewer}: {hit.reason_code.value}: {hit.decision_text}")
    if hit.dissemination:
        d = hit.dissemination
        console.print(f"dissemination to {d.authority}: {d.status.value} (requested by {d.requested_by})")
    table = Table("when", "who", "role", "action", "from", "to", "reason", "text")
    for e in hit.events:
        table.add_row(
            f"{e.at:%Y-%m-%d %H:%M}",
            e.actor,
            e.role.value,
            e.action,
            e.from_state.value if e.from_state else "",
            e.to_state.value,
            e.reason_code or "",
            e.text,
        )
    console.print(table)


@hits.command("decide")
def decide_command(
    hit_id: int,
    outcome: Outcome,
    user: User,
    reason: Annotated[ReasonCode, typer.Option(help="Reason code.")],
    text: Annotated[str, typer.Option(help="Why, in words.")],
    role: Role = ReviewRole.ANALYST,
) -> None:
    """Confirm or dismiss a hit; a new hit is first taken for review by the same person."""
    actor, now = Actor(user, role), datetime.now(UTC)
    with database_session() as session, session.begin():
        hit = get_hit(session, hit_id).hit
        if hit.state is HitState.NEW:
            hit = start_review(hit, actor, now)
        state = HitState.CONFIRMED if outcome is Outcome.CONFIRM else HitState.DISMISSED
        hit = decide(hit, actor, now, state, reason, text)
        save_hit(session, hit)
    Console().print(f"hit {hit_id}: {hit.state.value} by {user}", highlight=False)


@hits.command("disseminate")
def disseminate_command(
    hit_id: int,
    step: Step,
    user: User,
    role: Role = ReviewRole.ANALYST,
    authority: Annotated[str, typer.Option(help="Competent authority (request).")] = "",
    purpose: Annotated[str, typer.Option(help="Purpose and case (request).")] = "",
    text: Annotated[str, typer.Option(help="Why (approve/refuse).")] = "",
    reference: Annotated[str, typer.Option(help="Outgoing message reference (sent).")] = "",
) -> None:
    """Request, approve/refuse (a supervisor who is not the reviewer), or record a sent dissemination."""
    actor, now = Actor(user, role), datetime.now(UTC)
    with database_session() as session, session.begin():
        hit = get_hit(session, hit_id).hit
        if step is Step.REQUEST:
            hit = request_dissemination(hit, actor, now, authority=authority, purpose=purpose)
        elif step in (Step.APPROVE, Step.REFUSE):
            hit = approve_dissemination(hit, actor, now, approve=step is Step.APPROVE, text=text)
        else:
            hit = record_dissemination(hit, actor, now, reference=reference)
        save_hit(session, hit)
    status = hit.dissemination.status.value if hit.dissemination else "none"
    Console().print(f"hit {hit_id}: dissemination {status}", highlight=False)
