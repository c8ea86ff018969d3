"""Engines and sessions from a database URL, with errors translated to :class:`StorageError`.

SQLite (the default, an embedded file) and PostgreSQL (``postgresql+psycopg://``) are supported. Driver
errors are translated here, where they enter OpenPIU, into one line that says what failed and on which
database (never the password).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from openpiu.errors import StorageError

SUPPORTED_BACKENDS = ("sqlite", "postgresql")

# How long a SQLite writer waits for another writer's lock before giving up, in milliseconds.
SQLITE_BUSY_TIMEOUT_MS = 30_000


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL of ``url``; :class:`StorageError` when it is malformed or not supported."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(f"invalid database URL {_redact_text(url)!r}: {_one_line(exc)}") from exc
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StorageError(
            f"unsupported database {describe(parsed)}: use sqlite:///FILE or postgresql+psycopg://..."
        )
    return parsed


def describe(url: URL | str) -> str:
    """The URL as it may be shown to a user: password hidden."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return _redact_text(url)


def create(url: str | URL, *, echo: bool = False, connect_args: Mapping[str, Any] | None = None) -> Engine:
    """An engine for ``url``, with OpenPIU's SQLite pragmas applied on every new connection.

    Args:
        url: SQLAlchemy URL (``sqlite:///openpiu.db``, ``postgresql+psycopg://user@host/db``).
        echo: log every statement (debugging).
        connect_args: extra DBAPI connect arguments (tests pass a PostgreSQL ``search_path`` here).
    """
    parsed = parse_url(url) if isinstance(url, str) else url
    try:
        engine = create_engine(
            parsed, echo=echo, connect_args=dict(connect_args or {}), insertmanyvalues_page_size=1000
        )
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StorageError(f"cannot use database {describe(parsed)}: {_one_line(exc)}") from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL lets readers (the web app, a second CLI) read while an ingest writes; NORMAL is durable
        # in WAL mode except for the last transactions on power loss, which raw-first re-ingest recovers.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # SQLite ignores foreign keys unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine``; objects stay readable after commit (``expire_on_commit=False``)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def storage_errors(engine: Engine | URL | str, doing: str) -> Iterator[None]:
    """Translate SQLAlchemy and driver errors raised inside the block into one-line :class:`StorageError`.

    Args:
        engine: the engine (or URL) the block works on, named in the message.
        doing: what the block does, in words (``"upgrading the schema"``).
    """
    try:
        yield
    except StorageError:
        raise
    except SQLAlchemyError as exc:
        url = engine.url if isinstance(engine, Engine) else engine
        raise StorageError(f"{doing} failed on {describe(url)}: {error_text(exc)}") from exc


def error_text(exc: BaseException) -> str:
    """An error's message on one line: for database errors the driver's own, without the SQL statement."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return _one_line(exc.orig)
    if isinstance(exc, SQLAlchemyError):
        return _one_line(exc)
    return " ".join(str(exc).split()) or type(exc).__name__


def _one_line(exc: BaseException | str) -> str:
    text = str(exc).strip()
    # SQLAlchemy appends the statement and a documentation link on further lines; the first line is the error.
    first = text.splitlines()[0] if text else type(exc).__name__
    return first.strip()


def _redact_text(url: str) -> str:
    # A URL too malformed for SQLAlchemy may still hold a password: hide anything between ':' and '@'.
    head, sep, tail = url.rpartition("@")
    if not sep:
        return url
    scheme, _, userinfo = head.partition("://")
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}:***@{tail}"
