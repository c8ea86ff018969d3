"""``openpiu db``: the database schema (``upgrade``, ``status``)."""

from __future__ import annotations

import typer
from rich.console import Console

from openpiu import settings
from openpiu.cli.app import app
from openpiu.settings import pseudonym_key_location
from openpiu.store import SchemaState, create, describe, schema_state, storage_errors, upgrade
from openpiu.store.pseudonyms import move_database_secret
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
    A hit-key secret still in the database is moved to the pseudonym key file (OPENPIU_PSEUDONYM_KEY_FILE;
    next to a SQLite file when unset), never over a different key.
    """
    config = settings.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        before = current_revision(engine)
        upgrade(engine)
        after = current_revision(engine)
        where = describe(engine.url)
        if before == after:
            Console().print(f"{where}: schema already current (revision {after})", highlight=False)
        else:
            Console().print(
                f"{where}: schema upgraded from {before or 'nothing'} to {after}", highlight=False
            )
        # Revision 0010: the hit-key secret leaves the database for the pseudonym key file, as part of the
        # upgrade, so that no later run can make a new key while the old one is still in the table.
        path, _ = pseudonym_key_location(config)
        with storage_errors(engine, "moving the hit-key secret"), engine.begin() as connection:
            moved = move_database_secret(connection, path=path)
        if moved:
            Console().print(f"hit-key secret moved from the database to {path}", highlight=False)
    finally:
        engine.dispose()


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
