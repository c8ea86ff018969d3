"""``openpiu retention run|policy`` and ``openpiu retention hold add|list|release``.

``run`` applies the retention policy now (or at ``--now``, for back-dated data and tests): it masks and
deletes what is due, in batches, each batch committed with its evidence in the access log, and prints
the counts per category. Holds are objective-link holds (CJEU C-817/19) recorded by a supervisor or
the DPO: who, why, on which legal basis, until which review date.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Annotated

import typer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openpiu import settings as settings_module
from openpiu.cli.app import app
from openpiu.cli.common import fail
from openpiu.errors import ConfigError
from openpiu.privacy import holds as holding
from openpiu.privacy.job import load_policy, load_sealer, run_retention
from openpiu.privacy.people import acting_user
from openpiu.store import create, require_current, storage_errors
from openpiu.store.holds import list_holds

retention = typer.Typer(
    help="Retention: mask and delete what is due; objective-link holds.", no_args_is_help=True
)
holds = typer.Typer(help="Objective-link holds (who, why, legal basis, review date).", no_args_is_help=True)
app.add_typer(retention, name="retention")
retention.add_typer(holds, name="hold")

User = Annotated[str, typer.Option("--as", help="Who acts (login name of a supervisor or the DPO).")]
HOLDERS = holding.HOLDERS


def parse_instant(value: str | None, *, option: str = "--now") -> datetime:
    """An ISO instant (``2026-11-29T10:00Z``, naive means UTC); the current time when None."""
    if value is None:
        return datetime.now(UTC)
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r}: expected an ISO date-time such as 2026-11-29T10:00:00Z")
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


@contextmanager
def _engine() -> Iterator[Engine]:
    config = settings_module.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        require_current(engine, create_if_empty=True)
        yield engine
    finally:
        engine.dispose()


@retention.command("run")
def run_command(
    now: Annotated[
        str | None, typer.Option(help="Measure the limits at this instant (ISO); default: now.")
    ] = None,
    batch: Annotated[int, typer.Option(min=1, help="Raw messages (or hits) per transaction.")] = 100,
) -> None:
    """Mask and delete everything due; print what was done, per category."""
    config = settings_module.load()
    policy, sealer, instant = load_policy(config), load_sealer(config), parse_instant(now)
    with _engine() as engine, storage_errors(engine, "running retention"):
        report = run_retention(engine, policy=policy, sealer=sealer, now=instant, batch_size=batch)
    typer.echo(f"retention as of {instant.isoformat()}: {report.batches} batches")
    for line in report.lines():
        typer.echo(f"  {line}")
    if report.purged_seals:
        typer.echo(f"  sealed values of deleted rows purged: {report.purged_seals}")


@retention.command("policy")
def policy_command() -> None:
    """The limits in force and the legal reference of each."""
    policy = load_policy(settings_module.load())
    for name, value, reference in policy.describe():
        typer.echo(f"{name:22} {value:>6}  {reference}")


@holds.command("add")
def hold_add(
    target: Annotated[
        str, typer.Argument(help="booking:JU/ABC123, flight:JU0680/2026-11-29 or traveller:ID.")
    ],
    reason: Annotated[str, typer.Option(help="The objective link, in words.")],
    legal_basis: Annotated[str, typer.Option(help="The legal basis of keeping the data.")],
    review_date: Annotated[str, typer.Option(help="YYYY-MM-DD: the hold lapses unless renewed by then.")],
    user: User,
) -> None:
    """Record an objective-link hold."""
    try:
        review = date.fromisoformat(review_date)
    except ValueError:
        fail(f"--review-date {review_date!r}: expected YYYY-MM-DD")
    with (
        _engine() as engine,
        storage_errors(engine, "adding a hold"),
        Session(engine) as session,
        session.begin(),
    ):
        actor = acting_user(session, user, allowed=HOLDERS, doing="adding a hold")
        try:
            hold = holding.place(
                session,
                actor,
                target=target,
                reason=reason,
                legal_basis=legal_basis,
                review_date=review,
                at=datetime.now(UTC),
            )
        except ConfigError as exc:
            fail(str(exc))
        typer.echo(f"hold {hold.id} on {hold.target} until review on {hold.review_date}")


@holds.command("list")
def hold_list(every: Annotated[bool, typer.Option("--all", help="Include released holds.")] = False) -> None:
    """Holds in force (review date first)."""
    today = datetime.now(UTC).date()
    with _engine() as engine, storage_errors(engine, "listing holds"), Session(engine) as session:
        rows = list_holds(session, include_released=every)
    if not rows:
        typer.echo("no holds")
    for row in rows:
        status = (
            "released" if row.released_at else ("REVIEW OVERDUE" if row.review_date < today else "active")
        )
        typer.echo(
            f"{row.id:>4}  {row.target:32} review {row.review_date}  {status:14} by {row.created_by}: "
            f"{row.reason} [{row.legal_basis}]"
        )


@holds.command("release")
def hold_release(
    hold_id: Annotated[int, typer.Argument(help="The hold's number (see `hold list`).")],
    reason: Annotated[str, typer.Option(help="Why the link no longer holds.")],
    user: User,
) -> None:
    """End a hold: its data fall under the normal limits at the next retention run."""
    with (
        _engine() as engine,
        storage_errors(engine, "releasing a hold"),
        Session(engine) as session,
        session.begin(),
    ):
        actor = acting_user(session, user, allowed=HOLDERS, doing="releasing a hold")
        row = holding.lift(session, actor, hold_id=hold_id, reason=reason, at=datetime.now(UTC))
        typer.echo(f"hold {row.id} on {row.target} released")
