"""``openpiu audit verify [--anchor SEQ:SHA256]``: check the hash chain of the access log."""

from __future__ import annotations

from typing import Annotated

import typer

from openpiu import settings as settings_module
from openpiu.cli.app import app
from openpiu.errors import ConfigError, OpenPIUError
from openpiu.privacy.audit import verify
from openpiu.store import create, require_current, session_factory, storage_errors

audit_app = typer.Typer(help="The access log.", no_args_is_help=True)
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
