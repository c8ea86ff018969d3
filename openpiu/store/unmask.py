"""The sealed values a re-personalisation opens: those of one booking or one API traveller."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Connection, Table, select

from openpiu.errors import ConfigError
from openpiu.store.pnr import reconciliation_of
from openpiu.store.pnr_tables import booking_change, booking_version, reconciliation
from openpiu.store.privacy_tables import SealedValueRow
from openpiu.store.tables import travel_document, traveller

sealed_value = cast(Table, SealedValueRow.__table__)


def sealed_rows_of(connection: Connection, *, target: str) -> list[tuple[str, int, bytes]]:
    """``(table, row id, sealed blob)`` of every depersonalised row of ``booking:C/L`` (with the API
    records naming its locator) or ``traveller:ID``."""
    kind, _, value = target.partition(":")
    wanted: list[tuple[Table, list[int]]] = []
    if kind == "booking":
        carrier, _, locator = value.partition("/")
        versions = list(
            connection.execute(
                select(booking_version.c.id).where(
                    booking_version.c.carrier == carrier, booking_version.c.record_locator == locator
                )
            ).scalars()
        )
        changes = connection.execute(
            select(booking_change.c.id).where(booking_change.c.booking_version_id.in_(versions))
        ).scalars()
        lines = connection.execute(
            select(reconciliation.c.id).where(reconciliation_of(carrier, locator))
        ).scalars()
        # The API data of the booking's travellers (Art 12(2)(f)): the manifests name the locator.
        people = list(
            connection.execute(select(traveller.c.id).where(traveller.c.reservation_ref == locator)).scalars()
        )
        documents = connection.execute(
            select(travel_document.c.id).where(travel_document.c.traveller_id.in_(people))
        ).scalars()
        wanted = [
            (booking_version, versions),
            (booking_change, list(changes)),
            (reconciliation, list(lines)),
            (traveller, people),
            (travel_document, list(documents)),
        ]
    elif kind == "traveller" and value.isdigit():
        person = int(value)
        documents = connection.execute(
            select(travel_document.c.id).where(travel_document.c.traveller_id == person)
        ).scalars()
        lines = connection.execute(
            select(reconciliation.c.id).where(reconciliation.c.traveller_id == person)
        ).scalars()
        wanted = [(traveller, [person]), (travel_document, list(documents)), (reconciliation, list(lines))]
    else:
        raise ConfigError(f"re-personalisation target {target!r}: a booking or an API traveller")
    sealed = sealed_value
    result: list[tuple[str, int, bytes]] = []
    for table, ids in wanted:
        if not ids:
            continue
        rows = connection.execute(
            select(sealed.c.row_id, sealed.c.blob)
            .where(sealed.c.table_name == table.name, sealed.c.row_id.in_(ids))
            .order_by(sealed.c.row_id)
        )
        result.extend((table.name, row.row_id, row.blob) for row in rows)
    return result
