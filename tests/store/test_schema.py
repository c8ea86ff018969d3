from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from storage_fixtures import TestDatabase

from openpiu.errors import StorageError
from openpiu.store import SchemaState, require_current, schema_state, storage_errors, upgrade
from openpiu.store.schema import current_revision, downgrade, head
from openpiu.store.tables import Base

PERSONAL_TABLES = ("raw_message", "api_message", "traveller", "travel_document", "watchlist_entry")


def test_upgrade_creates_every_table_and_is_idempotent(empty_database: TestDatabase) -> None:
    engine = empty_database.engine
    assert schema_state(engine) is SchemaState.EMPTY
    upgrade(engine)
    upgrade(engine)
    assert schema_state(engine) is SchemaState.CURRENT
    assert current_revision(engine) == head()
    tables = set(inspect(engine).get_table_names())
    assert tables == {*Base.metadata.tables, "alembic_version"}


# SQLAlchemy does not reflect SQLite's expression indexes (the hit queue's, migration 0009) and says so;
# alembic's comparison then leaves that index out on both sides.
@pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index ix_hit_open_queue"
)
@pytest.mark.filterwarnings(
    "ignore:autogenerate skipping metadata-specified expression-based index 'ix_hit_open_queue'"
)
def test_migrations_produce_exactly_the_declared_tables(empty_database: TestDatabase) -> None:
    upgrade(empty_database.engine)
    with empty_database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.parametrize("table", PERSONAL_TABLES)
def test_personal_tables_carry_receipt_time_and_data_state(empty_database: TestDatabase, table: str) -> None:
    upgrade(empty_database.engine)
    columns = {c["name"]: c for c in inspect(empty_database.engine).get_columns(table)}
    assert columns["received_at"]["nullable"] is False
    assert columns["data_state"]["nullable"] is False
    indexes = {tuple(ix["column_names"]) for ix in inspect(empty_database.engine).get_indexes(table)}
    # Retention finds what is due by message; travellers and documents are reached through it.
    reached_by = {
        "raw_message": ("data_state", "received_at"),
        "api_message": ("data_state", "received_at"),
        "traveller": ("api_message_id",),
        "travel_document": ("traveller_id",),
        "watchlist_entry": ("data_state", "received_at"),
    }
    assert reached_by[table] in indexes


def test_data_state_is_checked_by_the_database(database: TestDatabase) -> None:
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO raw_message (sha256, received_at, source, size, attempts, data_state)"
                " VALUES ('a', CURRENT_TIMESTAMP, 's', 0, 0, 'active')"
            )
        )
    with (
        pytest.raises(StorageError, match=r"(?i)check"),
        storage_errors(database.engine, "updating"),
        database.engine.begin() as connection,
    ):
        connection.execute(text("UPDATE raw_message SET data_state = 'forgotten'"))


def test_downgrade_removes_every_table(empty_database: TestDatabase) -> None:
    engine = empty_database.engine
    upgrade(engine)
    downgrade(engine, to="base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert schema_state(engine) is SchemaState.EMPTY


def test_empty_database_is_refused_with_the_command_to_run(empty_database: TestDatabase) -> None:
    with pytest.raises(StorageError, match="run `openpiu db upgrade`"):
        require_current(empty_database.engine)


def test_empty_database_is_created_when_asked(empty_database: TestDatabase) -> None:
    require_current(empty_database.engine, create_if_empty=True)
    assert schema_state(empty_database.engine) is SchemaState.CURRENT


def test_unknown_revision_is_refused_and_left_alone(database: TestDatabase) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    assert schema_state(database.engine) is SchemaState.UNKNOWN
    with pytest.raises(StorageError, match="unknown schema"):
        require_current(database.engine, create_if_empty=True)


def test_foreign_tables_are_not_an_empty_database(empty_database: TestDatabase) -> None:
    with empty_database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE somebody_elses (x INTEGER)"))
    assert schema_state(empty_database.engine) is SchemaState.UNKNOWN
    with pytest.raises(StorageError, match="not touched"):
        require_current(empty_database.engine, create_if_empty=True)
