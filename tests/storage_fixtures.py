"""Database fixtures for store, ingest and CLI tests: SQLite always, PostgreSQL when configured.

PostgreSQL runs only when ``OPENPIU_TEST_DATABASE_URL`` is set (CI sets it). Other test runs may share
that database, so each test gets its own freshly created schema (``t_<random>``), selected through the
connection's ``search_path`` carried in the URL, and dropped afterwards.
"""

from __future__ import annotations

import contextlib
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, make_url, text

from openpiu.privacy.sealing import write_key
from openpiu.settings import Settings, sqlite_url, test_database_url
from openpiu.store import create, upgrade
from openpiu.store.pseudonyms import load_pseudonym_key

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@dataclass(frozen=True)
class TestDatabase:
    """An empty database for one test: its URL (as ``OPENPIU_DATABASE_URL`` would hold it) and an engine."""

    __test__ = False  # not a test class, whatever its name

    url: str
    engine: Engine
    backend: str


@pytest.fixture(params=BACKENDS)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestDatabase]:
    """A database with no tables, on each backend."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "openpiu.db")
        engine = create(url)
        yield TestDatabase(url=url, engine=engine, backend="sqlite")
        engine.dispose()
        return
    base = test_database_url()
    if base is None:
        pytest.skip("PostgreSQL not configured: set OPENPIU_TEST_DATABASE_URL to run these tests on it")
    schema = f"t_{secrets.token_hex(6)}"
    admin = create(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    engine = create(rendered)
    try:
        yield TestDatabase(url=rendered, engine=engine, backend="postgresql")
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def database(empty_database: TestDatabase) -> TestDatabase:
    """A database with the current OpenPIU schema, on each backend."""
    upgrade(empty_database.engine)
    return empty_database


@pytest.fixture
def engine(database: TestDatabase) -> Engine:
    """The engine of :func:`database`."""
    return database.engine


# With PostgreSQL no key sits next to a database file: the tests use one fixed pseudonym key (each test's
# schema is new, so it records that key's check value on first use).
POSTGRES_PSEUDONYM_KEY = Path(tempfile.gettempdir()) / "openpiu-tests-pseudonym.key"


def pseudonym_settings(url: str) -> Settings:
    """Settings as ``openpiu`` would read them for a test database: where its pseudonym key is."""
    settings = Settings(database_url=url, sql_echo=False)
    if url.startswith("sqlite"):
        return settings
    if not POSTGRES_PSEUDONYM_KEY.exists():
        with contextlib.suppress(FileExistsError):  # another test process wrote the same key first
            write_key(POSTGRES_PSEUDONYM_KEY, bytes(range(32, 64)))
    return replace(settings, pseudonym_key_file=POSTGRES_PSEUDONYM_KEY)


def hit_key(connection: Connection) -> bytes:
    """The pseudonym key of hits' traveller keys on the test database of ``connection``."""
    url = connection.engine.url.render_as_string(hide_password=False)
    return load_pseudonym_key(connection, pseudonym_settings(url))
