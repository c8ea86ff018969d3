"""Column types shared by the tables: UTC instants and enums stored as their values."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An instant, stored in UTC and always read back timezone-aware.

    PostgreSQL keeps ``timestamptz``; SQLite has no time zones, so the value is converted to UTC and
    stored naive, then marked UTC when read. Naive values are refused: an instant without a zone is a bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given for a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum: type[StrEnum], name: str) -> Enum:
    """An enum stored as its value (``"parsed"``), as VARCHAR + CHECK on both backends.

    Not a native PostgreSQL enum: adding a member later is then a CHECK change in a migration, not an
    ``ALTER TYPE`` that cannot run inside a transaction.
    """
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        # Room for members added later without widening the column.
        length=max(32, *(len(member.value) for member in enum)),
        values_callable=_values,
        validate_strings=True,
    )


def _values(enum: Any) -> list[str]:
    return [member.value for member in enum]
