"""Schema migrations (Alembic, packaged inside openpiu) and the check that a database is current.

The migrations live in ``openpiu/store/migrations/versions``; no ``alembic.ini`` is needed at runtime.
A developer adds one after changing ``tables.py`` with::

    python -c "from openpiu.store.schema import revision; revision('sqlite:///dev.db', 'what changed')"

then reviews the generated file (autogenerate misses renames and server defaults) and tests it on both
SQLite and PostgreSQL.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from openpiu.errors import StorageError
from openpiu.store.db import describe, storage_errors

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"


class SchemaState(StrEnum):
    """How a database's schema compares with this version of OpenPIU."""

    EMPTY = "empty"  # no tables at all: a fresh database
    CURRENT = "current"
    OUTDATED = "outdated"  # an older OpenPIU schema: `openpiu db upgrade` brings it up to date
    UNKNOWN = "unknown"  # tables but no OpenPIU revision, or a revision newer than this OpenPIU


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Revision files are modules of the package: their names must not start with a digit.
    config.set_main_option("file_template", "v%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest migration revision this OpenPIU knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    if revision is None:  # pragma: no cover - the package always ships migrations
        raise StorageError(f"no migrations found in {MIGRATIONS}")
    return revision


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, None when it has never been migrated."""
    with storage_errors(engine, "reading the schema version"), engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def schema_state(engine: Engine) -> SchemaState:
    """Where the database stands: empty, current, outdated or unknown."""
    with storage_errors(engine, "reading the schema version"), engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    if revision is None:
        return SchemaState.EMPTY if not tables else SchemaState.UNKNOWN
    if revision == head():
        return SchemaState.CURRENT
    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    return SchemaState.OUTDATED if revision in known else SchemaState.UNKNOWN


def upgrade(engine: Engine) -> None:
    """Bring the schema up to the newest revision (creating it in an empty database); idempotent."""
    with storage_errors(engine, "upgrading the schema"), engine.begin() as connection:
        command.upgrade(_config(connection), "head")


def downgrade(engine: Engine, *, to: str) -> None:
    """Take the schema back to revision ``to`` (``"base"``: no tables); for developers and tests.

    Downgrading drops the data of the tables it removes.
    """
    with storage_errors(engine, "downgrading the schema"), engine.begin() as connection:
        command.downgrade(_config(connection), to)


def require_current(engine: Engine, *, create_if_empty: bool = False) -> None:
    """Raise :class:`StorageError` unless the schema is current.

    Args:
        create_if_empty: create the schema when the database is empty (a fresh SQLite file) instead of
            refusing; an outdated schema is never upgraded silently (the operator decides when, after a
            backup), an unknown one never touched.
    """
    state = schema_state(engine)
    if state is SchemaState.CURRENT:
        return
    where = describe(engine.url)
    if state is SchemaState.EMPTY and create_if_empty:
        upgrade(engine)
        return
    if state is SchemaState.EMPTY:
        raise StorageError(f"database {where} has no OpenPIU schema: run `openpiu db upgrade`")
    if state is SchemaState.OUTDATED:
        raise StorageError(f"database {where} has an older OpenPIU schema: run `openpiu db upgrade`")
    raise StorageError(
        f"database {where} holds tables of an unknown schema (not OpenPIU, or a newer OpenPIU): not touched"
    )


def revision(url: str, message: str) -> None:
    """Autogenerate a new migration by comparing ``tables.py`` with the database at ``url`` (developers)."""
    from openpiu.store.db import create

    engine = create(url)
    with engine.begin() as connection:
        command.revision(_config(connection), message=message, autogenerate=True)
