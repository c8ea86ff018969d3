"""``openpiu db``: the database schema (``upgrade``, ``status``)."""

from __future__ import annotations

import typer
from rich.console import Console

from openpiu import settings
from openpiu.cli.app import app
from openpiu.store import SchemaState, create, describe, schema_state, upgrade
from openpiu.store.schema import current_revision, head

db = typer.Typer(
    help="The database named by OPENPIU_DATABASE_URL (a SQLite file ./openpiu.db when unset).",
    no_args_is_help=True,
)
app.add_typer(db, name="db")


@db.command("upgrade")
def upgrade_command() -> None:
    """Create the schema in an empty database, or migrate an older one to this version of OpenPIU.

    Back up a database holding data before upgrading it. Idempotent: a current schema is left as it is.
    """
    config = settings.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        before = current_revision(engine)
        upgrade(engine)
        after = current_revision(engine)
    finally:
        engine.dispose()
    where = describe(engine.url)
    if before == after:
        Console().print(f"{where}: schema already current (revision {after})", highlight=False)
    else:
        Console().print(f"{where}: schema upgraded from {before or 'nothing'} to {after}", highlight=False)


@db.command("status")
def status_command() -> None:
    """Show whether the schema is current (exit 0), or needs `openpiu db upgrade` (exit 1)."""
    config = settings.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        state = schema_state(engine)
        revision = current_revision(engine)
    finally:
        engine.dispose()
    where = describe(engine.url)
    Console().print(
        f"{where}: {state.value} (at {revision or 'no revision'}, newest {head()})", highlight=False
    )
    if state is not SchemaState.CURRENT:
        raise typer.Exit(1)
