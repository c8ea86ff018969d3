"""Executemany inserts of pre-encoded rows, straight to the driver: the per-traveller hot path of ingest.

SQLAlchemy's Core ``executemany`` runs every value of every row through its type's bind processor in
Python; for travellers and documents that cost as much as the insert itself. Here the few values that
need encoding (dates on SQLite, JSON, enums, instants) are encoded once per row by :class:`Encoding`, in
exactly the form SQLAlchemy's own types would have produced, so the ORM reads them back unchanged (the
store tests read every field back on both backends). Everything else goes to the driver as is.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Dialect, Table
from sqlalchemy.exc import DBAPIError


@dataclass(frozen=True, slots=True)
class Encoding:
    """How values are handed to one database's driver."""

    sqlite: bool

    @classmethod
    def of(cls, dialect: Dialect) -> Encoding:
        return cls(sqlite=dialect.name == "sqlite")

    def day(self, value: date | None) -> Any:
        # SQLite has no date type: SQLAlchemy stores ISO text (YYYY-MM-DD) and parses it back.
        if value is None or not self.sqlite:
            return value
        return value.isoformat()

    def flag(self, value: bool | None) -> Any:
        # sqlite3 binds only exact int, float, str and bytearray directly; a bool goes through its
        # adapter lookup (about 0.3 us per value). SQLite stores booleans as 0/1 anyway.
        if value is None or not self.sqlite:
            return value
        return 1 if value else 0

    def instant(self, value: datetime) -> Any:
        """A timezone-aware instant: UTC, naive text on SQLite (see ``types.UTCDateTime``)."""
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given for a UTC column")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds") if self.sqlite else utc

    @staticmethod
    def enum(value: StrEnum | None) -> str | None:
        return None if value is None else value.value

    @staticmethod
    def json(value: Any) -> str | None:
        """JSON text, or SQL NULL for None (the columns are ``JSON(none_as_null=True)``)."""
        return None if value is None else _encode_json(value)


def _null(value: None) -> None:
    return value


# sqlite3 looks for an adapter for every value that is not an exact int, float, str or bytearray, None
# included: without one registered, that lookup fails through two attribute lookups (about 0.3 us per
# NULL, and a traveller row holds a dozen). Registered, it is one dict lookup and this call; the value
# bound is still None, i.e. SQL NULL, for every sqlite3 connection of the process.
sqlite3.register_adapter(type(None), _null)

# What ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` does, without building a new
# encoder on every call (``dumps`` does with any non-default argument): a third of the cost per value.
_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(frozen=True, slots=True)
class BulkInsert:
    """``INSERT INTO table (keys...) VALUES (...)`` for rows given as tuples in ``keys`` order."""

    table: Table
    keys: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = set(self.keys) - set(self.table.c.keys())
        if unknown:
            raise ValueError(f"{self.table.name} has no column {sorted(unknown)}")

    def execute(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if connection.dialect.name == "postgresql":
            self._copy(connection, rows)
            return
        connection.exec_driver_sql(self._sql(connection.dialect), list(rows))

    def _copy(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        # PostgreSQL's COPY FROM STDIN streams the rows in one command, inside the open transaction: much
        # cheaper than a parameterised INSERT per row for both sides.
        quote = connection.dialect.identifier_preparer.quote
        columns = ", ".join(quote(key) for key in self.keys)
        statement = f"COPY {quote(self.table.name)} ({columns}) FROM STDIN"
        driver = connection.connection.driver_connection
        if driver is None:  # pragma: no cover - a checked-out connection always has its driver connection
            raise RuntimeError("no driver connection")
        dbapi_error = connection.dialect.loaded_dbapi.Error
        try:
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        except dbapi_error as exc:
            # Raised by the driver itself: wrap it as SQLAlchemy would (IntegrityError, ...).
            raise DBAPIError.instance(statement, None, exc, dbapi_error) from exc

    def _sql(self, dialect: Dialect) -> str:
        quote = dialect.identifier_preparer.quote
        # qmark for sqlite3; psycopg takes %s (format) whether its dialect says format or pyformat.
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        columns = ", ".join(quote(key) for key in self.keys)
        values = ", ".join(marker for _ in self.keys)
        # Identifiers come from OpenPIU's own Table, quoted; values travel as parameters.
        return f"INSERT INTO {quote(self.table.name)} ({columns}) VALUES ({values})"  # noqa: S608
