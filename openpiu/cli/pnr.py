"""``openpiu pnr show LOCATOR``, ``openpiu pnr reconcile`` and ``openpiu pnr link|unlink``: booking
history, API↔PNR links, and the links an analyst makes by hand (kept across reconciliation)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openpiu import settings
from openpiu.cli.app import app
from openpiu.cli.common import fail
from openpiu.errors import NotFound
from openpiu.ingest.reconcile import link_manually, reconcile_all, unlink_manually
from openpiu.model import StaffRole
from openpiu.pnr import change_label, created_travellers
from openpiu.privacy.audit import AuditAction, AuditEntry, record
from openpiu.privacy.evidence import PNR_BASIS, record_event
from openpiu.privacy.people import acting_user
from openpiu.store import create, require_current, storage_errors
from openpiu.store.pnr import booking_history, find_states, reconciliation_rows

pnr = typer.Typer(help="PNR bookings: current state, history of changes, API↔PNR reconciliation.")
app.add_typer(pnr, name="pnr")

# Who may link an API traveller to a booked one by hand, or remove such a link.
LINKERS = frozenset({StaffRole.ANALYST, StaffRole.SUPERVISOR})
User = Annotated[str, typer.Option("--as", help="Who acts (login name of an analyst or supervisor).")]
FlightId = Annotated[int, typer.Option("--flight", help="The flight's id (as the web app shows it).")]
TravellerId = Annotated[int, typer.Option("--traveller", help="The API traveller's id.")]
Reason = Annotated[str, typer.Option("--reason", help="Why, in words.")]


@contextmanager
def _engine() -> Iterator[Engine]:
    # Disposed on every path, errors included: a leaked connection would outlive the command.
    config = settings.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        require_current(engine)
        yield engine
    finally:
        engine.dispose()


@pnr.command("show")
def show(locator: Annotated[str, typer.Argument(help="Record locator, e.g. X7K2PQ.")]) -> None:
    """Print the current state of a booking and the changes between its pushes."""
    console = Console()
    with _engine() as engine, storage_errors(engine, "reading bookings"), engine.connect() as connection:
        states = find_states(connection, record_locator=locator)
        if not states:
            raise NotFound(f"no booking with record locator {locator.upper()!r}")
        for state in states:
            _print_state(console, state)
            history = booking_history(
                connection, carrier=state["carrier"], record_locator=state["record_locator"]
            )
            _print_history(console, history)


def _print_state(console: Console, state: dict[str, Any]) -> None:
    content = state["content"] or {}
    status = "cancelled" if state["cancelled"] else "active"
    console.print(
        escape(
            f"Booking {state['carrier']} {state['record_locator']}: {status}, {state['versions']} push(es), "
            f"created {content.get('created') or '?'}"
        )
    )
    people = Table(title="Travellers (current state)")
    for column in ("surname", "given names", "type", "born", "document", "seat"):
        people.add_column(column)
    for t in content.get("travellers", []):
        doc = t["documents"][0]["number"] if t["documents"] else ""
        people.add_row(
            *(
                escape(str(v or ""))
                for v in (t["surname"], t["given_names"], t["type"], t["date_of_birth"], doc, t["seat"])
            )
        )
    console.print(people)
    legs = Table(title="Itinerary")
    for column in ("flight", "from", "to", "departure (local)", "status"):
        legs.add_column(column)
    for leg in content.get("itinerary", []):
        legs.add_row(
            *(
                escape(str(v or ""))
                for v in (
                    f"{leg['carrier']}{leg['number']}",
                    leg["departure_airport"],
                    leg["arrival_airport"],
                    leg["scheduled_departure"],
                    leg["status"],
                )
            )
        )
    console.print(legs)
    payments = ", ".join(p["type"] for p in content.get("payment", []) if p["type"])
    contacts = ", ".join(c["value"] for c in content.get("contacts", []))
    console.print(escape(f"payment: {payments or '-'}   contacts: {contacts or '-'}"))


def _print_history(console: Console, history: list[dict[str, Any]]) -> None:
    table = Table(title="History of pushes and changes")
    for column in ("received (UTC)", "push", "change", "subject", "before", "after"):
        table.add_column(column)
    for version in history:
        push = {"22": "full", "141": "update"}.get(version["function"], version["function"])
        removed = version["removed_categories"] or []
        label = push + (f" (removed: {', '.join(removed)})" if removed else "")
        received = version["received_at"].strftime("%Y-%m-%d %H:%M")
        if not version["changes"]:
            table.add_row(escape(received), escape(label), "no change", "", "", "")
        for n, change in enumerate(version["changes"]):
            table.add_row(
                escape(received if n == 0 else ""),
                escape(label if n == 0 else ""),
                escape(change_label(change["kind"])),
                escape(change["subject"] or ""),
                escape(change["before"] or ""),
                escape(_after(change)),
            )
    console.print(table)


def _after(change: dict[str, Any]) -> str:
    """The value after the change in words: a booking created is stored with its traveller count."""
    count = created_travellers(change["kind"], change["after"])
    if count is None:
        return change["after"] or ""
    return f"{count} traveller" if count == 1 else f"{count} travellers"


@pnr.command("reconcile")
def reconcile_command(
    show_links: Annotated[
        bool, typer.Option("--links", help="List every line, not only the counts.")
    ] = False,
) -> None:
    """Link each flight's API travellers to its PNR travellers; list no-shows, go-shows, name mismatches."""
    console = Console()
    with _engine() as engine:
        with storage_errors(engine, "reconciling"):
            outcomes = reconcile_all(engine)
            record_event(
                engine,
                AuditAction.COMBINE,
                actor="reconciliation",
                purpose="API and PNR reconciliation of each flight",
                legal_basis=PNR_BASIS,
                detail={"flights": len(outcomes), "linked": sum(o.linked for o in outcomes)},
                result_count=len(outcomes),
            )
        rows = []
        if show_links:
            with engine.connect() as connection:
                rows = reconciliation_rows(connection)
    table = Table(title=f"API↔PNR reconciliation ({len(outcomes)} flights)")
    for column in ("flight", "linked", "name mismatches", "API only (go-show)", "PNR only (no-show)"):
        table.add_column(column)
    for o in outcomes:
        table.add_row(
            escape(o.flight), str(o.linked), str(o.name_mismatches), str(o.api_only), str(o.pnr_only)
        )
    console.print(table)
    if show_links:
        lines = Table(title="Lines")
        for column in ("status", "PNR", "API name", "PNR name", "confidence", "reasons"):
            lines.add_column(column)
        for row in rows:
            lines.add_row(
                *(
                    escape(str(v if v is not None else ""))
                    for v in (
                        (f"linked by {row['decided_by']}" if row["decided_by"] else row["status"])
                        + (" (name mismatch)" if row["name_mismatch"] else ""),
                        " ".join(v for v in (row["carrier"], row["record_locator"]) if v),
                        row["api_name"],
                        row["pnr_name"],
                        row["confidence"],
                        ", ".join(row["reasons"] or []),
                    )
                )
            )
        console.print(lines)


@pnr.command("link")
def link_command(
    flight: FlightId,
    traveller: TravellerId,
    booking: Annotated[str, typer.Option("--booking", help="The booking: CARRIER/LOCATOR, e.g. JU/X7K2PQ.")],
    name: Annotated[str, typer.Option("--name", help="The booked traveller: SURNAME/GIVEN NAMES.")],
    reason: Reason,
    user: User,
) -> None:
    """Link an API traveller to a booked traveller by hand; reconciliation keeps the link on every run."""
    carrier, slash, locator = booking.partition("/")
    if not slash or not carrier.strip() or not locator.strip():
        fail(f"--booking {booking!r}: expected CARRIER/LOCATOR, e.g. JU/X7K2PQ")
    with _engine() as engine, storage_errors(engine, "linking"), Session(engine) as session, session.begin():
        actor = acting_user(session, user, allowed=LINKERS, doing="linking travellers")
        outcome = link_manually(
            session.connection(),
            flight_id=flight,
            traveller_id=traveller,
            carrier=carrier,
            record_locator=locator,
            name=name,
            user=actor.username,
            reason=reason,
            now=datetime.now(UTC),
        )
        who = actor.username
        _log(session, who, actor.role.value, flight, traveller, "link", reason, booking.upper())
    typer.echo(f"traveller {traveller} linked to {booking.upper()} {name} by {who} ({outcome.flight})")


@pnr.command("unlink")
def unlink_command(flight: FlightId, traveller: TravellerId, reason: Reason, user: User) -> None:
    """Remove a manual link; reconciliation matches both travellers again."""
    with (
        _engine() as engine,
        storage_errors(engine, "unlinking"),
        Session(engine) as session,
        session.begin(),
    ):
        actor = acting_user(session, user, allowed=LINKERS, doing="unlinking travellers")
        removed = unlink_manually(
            session.connection(), flight_id=flight, traveller_id=traveller, now=datetime.now(UTC)
        )
        booked = f"{removed.carrier}/{removed.record_locator}"
        who = actor.username
        _log(session, who, actor.role.value, flight, traveller, "unlink", reason, booked)
    typer.echo(f"manual link of traveller {traveller} to {booked} removed by {who}")


def _log(
    session: Session, user: str, role: str, flight: int, traveller: int, step: str, reason: str, booked: str
) -> None:
    """The access-log event of a manual link or unlink, in the transaction that made it.

    The analyst's words may name people, and the log is append-only: they go in the event's maskable text
    (chained through its salted digest, masked with the data it may name, like a search text), never in
    ``detail``.
    """
    record(
        session,
        AuditEntry(
            action=AuditAction.DECIDE,
            actor=user,
            actor_role=role,
            object_refs=(f"flight:{flight}", f"traveller:{traveller}", f"booking:{booked}"),
            purpose="manual API and PNR link",
            query_text=json.dumps({"reason": reason}, ensure_ascii=False),
            legal_basis=PNR_BASIS,
            detail={"operation": step},
        ),
    )
