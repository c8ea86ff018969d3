"""``openpiu audit verify [--anchor SEQ:SHA256]``: check the hash chain of the access log;
``openpiu audit export --from --to [--out]``: the log of a period for the supervisory authority."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from openpiu import settings as settings_module
from openpiu.cli.app import app
from openpiu.cli.common import fail
from openpiu.errors import ConfigError, OpenPIUError
from openpiu.model import StaffRole
from openpiu.privacy.audit import AuditAction, AuditEntry, record, verify
from openpiu.privacy.audit_export import export_lines
from openpiu.privacy.people import acting_user
from openpiu.store import create, require_current, session_factory, storage_errors

audit_app = typer.Typer(help="The access log.", no_args_is_help=True)
EXPORTERS = (StaffRole.DPO, StaffRole.AUDITOR)
app.add_typer(audit_app, name="audit")


class ChainBroken(OpenPIUError):
    """The access log's hash chain does not verify."""


def _anchor(value: str | None) -> tuple[int, str] | None:
    if not value:
        return None
    seq, _, digest = value.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise ConfigError("--anchor must be SEQ:SHA256 as printed by a previous verify")
    return int(seq), digest.lower()


@audit_app.command("verify")
def verify_command(
    anchor: Annotated[
        str | None,
        typer.Option(help="SEQ:SHA256 noted from an earlier run: also detects events cut from the end."),
    ] = None,
) -> None:
    """Check every event's hash and link; exit 2 naming the first bad event."""
    config = settings_module.load()
    engine = create(config.database_url, echo=config.sql_echo)
    require_current(engine)
    with storage_errors(engine, "reading the access log"), session_factory(engine)() as session:
        result = verify(session, anchor=_anchor(anchor))
    engine.dispose()
    if not result.ok:
        raise ChainBroken(f"access log broken at event {result.first_bad}: {result.problem}")
    typer.echo(f"access log intact: {result.checked} events")
    if result.head_seq is not None:
        typer.echo(f"head (note it to detect truncation later): {result.head_seq}:{result.head_sha256}")


def _bound(value: str, option: str, *, end: bool) -> datetime:
    """A date (the whole day: ``--to`` includes it) or an ISO instant (naive means UTC)."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            start = datetime(day.year, day.month, day.day, tzinfo=UTC)
            return start + timedelta(days=1) if end else start
        instant = datetime.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r}: expected YYYY-MM-DD or an ISO date-time")
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


@audit_app.command("export")
def export_command(
    start: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD) or instant.")],
    end: Annotated[str, typer.Option("--to", help="Last day, included (YYYY-MM-DD), or instant (excluded).")],
    user: Annotated[str, typer.Option("--as", help="Who exports (the DPO or an auditor).")],
    out: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
    recipient: Annotated[str, typer.Option(help="Who receives the export.")] = "supervisory authority",
) -> None:
    """Export the access log of a period as JSON lines, with the chain's verification data."""
    begin, finish = _bound(start, "--from", end=False), _bound(end, "--to", end=True)
    if finish <= begin:
        fail("--to is before --from")
    config = settings_module.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        require_current(engine)
        with storage_errors(engine, "exporting the access log"), session_factory(engine)() as session:
            with session.begin():
                actor = acting_user(session, user, allowed=EXPORTERS, doing="exporting the access log")
                lines = list(export_lines(session, start=begin, end=finish))
            text = "\n".join(lines) + "\n"
            if out is None:
                typer.echo(text, nl=False)
            else:
                out.write_text(text, encoding="utf-8")
            with session.begin():
                record(
                    session,
                    AuditEntry(
                        AuditAction.EXPORT,
                        actor.username,
                        actor.role.value,
                        purpose="access log export for supervision (Directive (EU) 2016/681 Art 13)",
                        recipient=recipient,
                        result_count=len(lines) - 1,
                        detail={"from": begin.isoformat(), "to": finish.isoformat()},
                    ),
                )
    finally:
        engine.dispose()
    if out is not None:
        typer.echo(f"{len(lines) - 1} events written to {out}", err=True)
