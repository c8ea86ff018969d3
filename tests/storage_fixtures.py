"""Database fixtures for store, ingest and CLI tests: SQLite always, PostgreSQL when configured.

PostgreSQL runs only when ``OPENPIU_TEST_DATABASE_URL`` is set (CI sets it). Other test runs may share
that database, so each test gets its own freshly created schema (``t_<random>``), selected through the
connection's ``search_path`` carried in the URL, and dropped afterwards.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text

from openpiu.settings import sqlite_url, test_database_url
from openpiu.store import create, upgrade

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
