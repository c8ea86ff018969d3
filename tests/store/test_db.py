from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import StatementError

from openpiu.errors import StorageError
from openpiu.settings import sqlite_url
from openpiu.store import create, schema_state
from openpiu.store.db import describe
from openpiu.store.tables import raw_message


def test_sqlite_connections_get_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = create(sqlite_url(tmp_path / "x.db"))
    with engine.connect() as connection:
        pragmas = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        }
    engine.dispose()
    # synchronous: 1 is NORMAL.
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 1, "busy_timeout": 30000}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "invalid database URL 'not a url'"),
        ("mysql://root@localhost/x", "unsupported database mysql://root@localhost/x"),
        ("postgresql+nosuchdriver://u@h/d", "cannot use database postgresql+nosuchdriver://u@h/d"),
    ],
)
def test_bad_urls_are_one_line_storage_errors(url: str, expected: str) -> None:
    with pytest.raises(StorageError) as caught:
        create(url)
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_unreachable_database_error_names_it_without_the_password() -> None:
    # Port 1 on the loopback: nothing listens, the connection is refused at once.
    engine = create("postgresql+psycopg://piu:s3cret@127.0.0.1:1/piu")
    with pytest.raises(StorageError) as caught:
        schema_state(engine)
    message = str(caught.value)
    assert message.startswith(
        "reading the schema version failed on postgresql+psycopg://piu:***@127.0.0.1:1/piu"
    )
    assert "s3cret" not in message
    assert "\n" not in message


def test_sqlite_file_in_a_missing_folder_is_a_storage_error(tmp_path: Path) -> None:
    engine = create(sqlite_url(tmp_path / "missing" / "x.db"))
    with pytest.raises(StorageError, match="unable to open database file"):
        schema_state(engine)


def test_describe_hides_passwords_even_in_malformed_urls() -> None:
    assert describe("postgresql+psycopg://piu:s3cret@db/piu") == "postgresql+psycopg://piu:***@db/piu"
    assert "s3cret" not in describe("postgres ql://piu:s3cret@db/piu")


def _insert_raw(engine: Engine, received_at: datetime) -> datetime:
    with engine.begin() as connection:
        connection.execute(
            raw_message.insert().values(sha256="0" * 64, received_at=received_at, source="t", size=0)
        )
    with engine.connect() as connection:
        stored: datetime = connection.execute(select(raw_message.c.received_at)).scalar_one()
    return stored


def test_instants_are_stored_in_utc_and_read_back_aware(engine: Engine) -> None:
    belgrade_summer = timezone(timedelta(hours=2))
    stored = _insert_raw(engine, datetime(2026, 7, 1, 10, 0, tzinfo=belgrade_summer))
    assert stored == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


def test_naive_instants_are_refused(engine: Engine) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        _insert_raw(engine, datetime(2026, 7, 1, 10, 0))
