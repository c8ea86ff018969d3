"""Writing depersonalisation and deletion into the rows: sealing masked columns, deleting rows and the
derived rows and sealed values they leave behind. Never commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, delete, exists, insert, select, tuple_, update

from openpiu.model import DataState
from openpiu.privacy.masking import MASKED_COLUMNS
from openpiu.privacy.sealing import Sealer
from openpiu.store.pnr_tables import booking_version, reconciliation
from openpiu.store.privacy_tables import SealedValueRow

sealed_value = cast(Table, SealedValueRow.__table__)


def drop_reconciliation(connection: Connection, bookings: Iterable[tuple[str | None, str | None]]) -> None:
    """Delete the reconciliation lines of bookings of which no version is left (derived data)."""
    wanted = {(carrier, locator) for carrier, locator in bookings if locator}
    if not wanted:
        return
    locators = sorted({locator for _, locator in wanted})
    left = {
        (row.carrier, row.record_locator)
        for row in connection.execute(
            select(booking_version.c.carrier, booking_version.c.record_locator)
            .where(booking_version.c.record_locator.in_(locators))
            .distinct()
        )
    }
    gone = wanted - left
    if not gone:
        return
    gone_locators = sorted({locator for _, locator in gone if locator})
    # Lines stored before migration 0012 may lack the carrier: match the pair, or the locator alone.
    condition = tuple_(reconciliation.c.carrier, reconciliation.c.record_locator).in_(sorted(gone)) | (
        reconciliation.c.carrier.is_(None) & reconciliation.c.record_locator.in_(gone_locators)
    )
    delete_where(connection, reconciliation, condition)


def seal_rows(
    connection: Connection,
    sealer: Sealer,
    table: Table,
    ids: Sequence[int],
    *,
    now: datetime,
    rewrite: Mapping[str, Callable[[Any], Any]] | None = None,
) -> int:
    """Seal the masked columns of the rows (still active) and replace the clear values; how many."""
    if not ids:
        return 0
    spec = MASKED_COLUMNS[table.name]
    has_state = "data_state" in table.c
    query = select(table.c.id, *(table.c[name] for name in spec)).where(table.c.id.in_(ids))
    if has_state:
        query = query.where(table.c.data_state == DataState.ACTIVE)
    rows = connection.execute(query).mappings().all()
    already = set(
        connection.execute(
            select(sealed_value.c.row_id).where(
                sealed_value.c.table_name == table.name, sealed_value.c.row_id.in_([r["id"] for r in rows])
            )
        ).scalars()
    )
    seals = [
        {
            "table_name": table.name,
            "row_id": row["id"],
            "sealed_at": now,
            "blob": sealer.seal_values(
                {name: row[name] for name in spec}, context=f"{table.name}:{row['id']}"
            ),
        }
        for row in rows
        if row["id"] not in already
    ]
    if seals:
        connection.execute(insert(sealed_value), seals)
    if not rows:
        return 0
    values: dict[str, Any] = {
        name: value for name, value in spec.items() if not rewrite or name not in rewrite
    }
    if has_state:
        values["data_state"] = DataState.DEPERSONALISED
    connection.execute(update(table).where(table.c.id.in_([r["id"] for r in rows])).values(**values))
    if rewrite:
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({name: bindparam(f"new_{name}", type_=table.c[name].type) for name in rewrite})
        )
        connection.execute(
            statement,
            [
                {"row_id": row["id"], **{f"new_{name}": fn(row[name]) for name, fn in rewrite.items()}}
                for row in rows
            ],
        )
    return len(rows)


def delete_rows(connection: Connection, table: Table, ids: Sequence[int]) -> None:
    if ids:
        connection.execute(delete(table).where(table.c.id.in_(ids)))


def delete_where(connection: Connection, table: Table, condition: Any) -> None:
    connection.execute(delete(table).where(condition))


def purge_orphan_seals(connection: Connection) -> int:
    """Delete sealed values whose row is gone (deleted directly or through a cascade); how many."""
    purged = 0
    for name in MASKED_COLUMNS:
        table = sealed_value.metadata.tables[name]
        purged += connection.execute(
            delete(sealed_value).where(
                sealed_value.c.table_name == name, ~exists().where(table.c.id == sealed_value.c.row_id)
            )
        ).rowcount
    return purged
