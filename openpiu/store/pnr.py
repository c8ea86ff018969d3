"""Storing PNR pushes, booking versions, changes and current states; reading them back; reconciliation.

Small Core functions; never commit (the caller owns the transaction). The ingest side
(``openpiu.ingest.pnr``) decides what to store; these functions only write and read rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from openpiu.model import Booking, DataState, PnrPush
from openpiu.store.pnr_tables import booking_change, booking_state, booking_version, pnr_push, reconciliation
from openpiu.store.raw import warnings_json
from openpiu.store.tables import flight


@dataclass(frozen=True, slots=True)
class StoredState:
    """The current-state row of one booking."""

    id: int
    version_id: int
    body_version_id: int
    versions: int
    cancelled: bool


def insert_push(
    connection: Connection,
    push: PnrPush,
    *,
    raw_id: int,
    position: int,
    flight_id: int | None,
    removed: dict[str, int] | None,
    received_at: datetime,
) -> int:
    """One ``pnr_push`` row; returns its id."""
    return int(
        connection.execute(
            insert(pnr_push).returning(pnr_push.c.id),
            {
                "raw_message_id": raw_id,
                "position": position,
                "flight_id": flight_id,
                "format": push.format,
                "function": push.function.value,
                "sender": push.sender,
                "message_ref": push.message_ref,
                "declared_bookings": push.declared_bookings,
                "bookings": len(push.bookings),
                "removed_categories": removed or None,
                "warnings": warnings_json(push.warnings),
                "received_at": received_at,
            },
        ).scalar_one()
    )


def insert_versions(connection: Connection, rows: Sequence[dict[str, Any]]) -> list[int]:
    """``booking_version`` rows (see ``version_row``), in one statement; returns their ids in order."""
    if not rows:
        return []
    result = connection.execute(
        insert(booking_version).returning(booking_version.c.id, sort_by_parameter_order=True), list(rows)
    )
    return [int(i) for i in result.scalars()]


def version_row(
    booking: Booking, *, push_id: int, position: int, content: dict[str, Any], received_at: datetime
) -> dict[str, Any]:
    """The ``booking_version`` row of one booking of a push."""
    return {
        "pnr_push_id": push_id,
        "position": position,
        "carrier": (booking.carrier or "").upper(),
        "record_locator": booking.record_locator.upper(),
        "cancelled": booking.cancelled,
        "travellers": len(booking.travellers),
        "content": content,
        "removed_categories": list(booking.removed_categories) or None,
        "received_at": received_at,
    }


def insert_changes(connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """``booking_change`` rows (``booking_version_id``, ``carrier``, ``record_locator``, ``kind``,
    ``subject``, ``before``, ``after``, ``received_at``)."""
    if rows:
        connection.execute(insert(booking_change), list(rows))


def get_states(
    connection: Connection, *, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], StoredState]:
    """The current-state rows of these bookings (``(carrier, record_locator)`` keys), where there is one."""
    wanted = set(keys)
    if not wanted:
        return {}
    found: dict[tuple[str, str], StoredState] = {}
    rows = connection.execute(
        select(
            booking_state.c.carrier,
            booking_state.c.record_locator,
            booking_state.c.id,
            booking_state.c.version_id,
            booking_state.c.body_version_id,
            booking_state.c.versions,
            booking_state.c.cancelled,
        ).where(booking_state.c.record_locator.in_(sorted({locator for _, locator in wanted})))
    )
    for carrier, locator, *state in rows:
        if (carrier, locator) in wanted:
            found[(carrier, locator)] = StoredState(*state)
    return found


def save_states(
    connection: Connection,
    *,
    created: Sequence[dict[str, Any]],
    moved: Sequence[dict[str, Any]],
) -> None:
    """Create current-state rows (``created``: every column but ``id``) and move existing ones (``moved``:
    ``state_id``, ``versions``, ``version_id``, ``body_version_id``, ``flight_id``, ``cancelled``,
    ``received_at``), each kind in one statement."""
    if created:
        connection.execute(insert(booking_state), list(created))
    if moved:
        # Bound names may not be column names in an UPDATE's SET: prefixed here.
        connection.execute(
            update(booking_state)
            .where(booking_state.c.id == bindparam("state_id"))
            .values({name: bindparam(f"new_{name}") for name in _MOVED}),
            [{"state_id": row["state_id"], **{f"new_{name}": row[name] for name in _MOVED}} for row in moved],
        )
        # A new body is new, clear data: the state is active again even if the booking's earlier versions
        # were depersonalised (retention masks the new one on its own schedule).
        renewed = [row["state_id"] for row in moved if row["body_version_id"] == row["version_id"]]
        if renewed:
            connection.execute(
                update(booking_state)
                .where(booking_state.c.id.in_(renewed), booking_state.c.data_state != DataState.ACTIVE)
                .values(data_state=DataState.ACTIVE)
            )


_MOVED = ("versions", "version_id", "body_version_id", "flight_id", "cancelled", "received_at")


def version_location(connection: Connection, *, version_id: int) -> tuple[int, int, int] | None:
    """Where a version was read from: the raw message id, the message position in it and the booking
    position in the message (what re-reading the version's ``Booking`` from the stored raw copy needs)."""
    row = connection.execute(
        select(pnr_push.c.raw_message_id, pnr_push.c.position, booking_version.c.position)
        .select_from(booking_version.join(pnr_push))
        .where(booking_version.c.id == version_id)
    ).one_or_none()
    return (int(row[0]), int(row[1]), int(row[2])) if row is not None else None


def version_locations(
    connection: Connection, *, version_ids: Sequence[int]
) -> dict[int, tuple[int, int, int]]:
    """Where each booking version was read from: raw message id, message position, booking position."""
    if not version_ids:
        return {}
    rows = connection.execute(
        select(
            booking_version.c.id, pnr_push.c.raw_message_id, pnr_push.c.position, booking_version.c.position
        )
        .select_from(booking_version.join(pnr_push))
        .where(booking_version.c.id.in_(list(version_ids)))
    )
    return {int(v): (int(raw), int(message), int(position)) for v, raw, message, position in rows}


def find_states(connection: Connection, *, record_locator: str) -> list[dict[str, Any]]:
    """Current-state rows of every booking with this locator (any carrier), with the version content."""
    rows = connection.execute(
        select(
            booking_state.c.carrier,
            booking_state.c.record_locator,
            booking_state.c.cancelled,
            booking_state.c.versions,
            booking_version.c.content,
        )
        .select_from(
            booking_state.join(booking_version, booking_state.c.body_version_id == booking_version.c.id)
        )
        .where(booking_state.c.record_locator == record_locator.upper())
    )
    return [dict(row._mapping) for row in rows]


def booking_history(connection: Connection, *, carrier: str, record_locator: str) -> list[dict[str, Any]]:
    """Every version of a booking, oldest first, with its push and its changes (each with its data state:
    a depersonalised change is shown masked)."""
    versions = connection.execute(
        select(
            booking_version.c.id,
            booking_version.c.cancelled,
            booking_version.c.travellers,
            booking_version.c.received_at,
            booking_version.c.removed_categories,
            pnr_push.c.function,
            pnr_push.c.format,
        )
        .select_from(booking_version.join(pnr_push))
        .where(booking_version.c.carrier == carrier, booking_version.c.record_locator == record_locator)
        .order_by(booking_version.c.id)
    ).all()
    changes: dict[int, list[dict[str, Any]]] = {}
    for row in connection.execute(
        select(
            booking_change.c.booking_version_id,
            booking_change.c.kind,
            booking_change.c.subject,
            booking_change.c.before,
            booking_change.c.after,
            booking_change.c.data_state,
        )
        .where(booking_change.c.carrier == carrier, booking_change.c.record_locator == record_locator)
        .order_by(booking_change.c.id)
    ):
        changes.setdefault(row.booking_version_id, []).append(dict(row._mapping))
    return [{**dict(v._mapping), "changes": changes.get(v.id, [])} for v in versions]


def pushed_flights(connection: Connection) -> list[int]:
    """Flights that have at least one booking state (the candidates for reconciliation)."""
    return [
        int(f)
        for f in connection.execute(
            select(booking_state.c.flight_id).where(booking_state.c.flight_id.is_not(None)).distinct()
        ).scalars()
    ]


def flight_states(connection: Connection, *, flight_id: int) -> list[tuple[int, bool]]:
    """(body version id, cancelled) of every booking whose latest push was for this flight."""
    return [
        (int(v), bool(c))
        for v, c in connection.execute(
            select(booking_state.c.body_version_id, booking_state.c.cancelled).where(
                booking_state.c.flight_id == flight_id
            )
        )
    ]


def flight_label(connection: Connection, *, flight_id: int) -> str:
    row = connection.execute(
        select(flight.c.carrier, flight.c.number, flight.c.departure_date, flight.c.departure_airport).where(
            flight.c.id == flight_id
        )
    ).one()
    return f"{row.carrier}{row.number} {row.departure_date.isoformat()} {row.departure_airport}"


def replace_reconciliation(connection: Connection, *, flight_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """The flight's reconciliation, replacing the previous one (it is recomputed from current states).

    Manual links (``decided_by`` set) are kept: only the lines reconciliation computed are replaced.
    """
    connection.execute(
        delete(reconciliation).where(
            reconciliation.c.flight_id == flight_id, reconciliation.c.decided_by.is_(None)
        )
    )
    if rows:
        connection.execute(insert(reconciliation), [{"flight_id": flight_id, **row} for row in rows])


@dataclass(frozen=True, slots=True)
class ManualLink:
    """A link an analyst made by hand (``openpiu pnr link``): which API traveller, which booked one."""

    id: int
    traveller_id: int | None
    carrier: str | None
    record_locator: str | None
    pnr_name: str | None
    decided_by: str


def manual_links(connection: Connection, *, flight_id: int) -> list[ManualLink]:
    """The flight's manual links, oldest first."""
    return [
        ManualLink(
            int(row.id), row.traveller_id, row.carrier, row.record_locator, row.pnr_name, row.decided_by
        )
        for row in connection.execute(
            select(
                reconciliation.c.id,
                reconciliation.c.traveller_id,
                reconciliation.c.carrier,
                reconciliation.c.record_locator,
                reconciliation.c.pnr_name,
                reconciliation.c.decided_by,
            )
            .where(reconciliation.c.flight_id == flight_id, reconciliation.c.decided_by.is_not(None))
            .order_by(reconciliation.c.id)
        )
    ]


def insert_manual_link(connection: Connection, *, flight_id: int, row: dict[str, Any]) -> int:
    """One manual line (a ``reconciliation`` row with ``decided_by``); returns its id."""
    return int(
        connection.execute(
            insert(reconciliation).returning(reconciliation.c.id), {"flight_id": flight_id, **row}
        ).scalar_one()
    )


def delete_manual_link(connection: Connection, *, line_id: int) -> None:
    connection.execute(
        delete(reconciliation).where(reconciliation.c.id == line_id, reconciliation.c.decided_by.is_not(None))
    )


def reconciliation_of(carrier: str | None, locator: str | None) -> Any:
    """The condition selecting the reconciliation lines of one booking (carrier and record locator).

    Lines carry the booking's carrier (two carriers may issue the same locator); a line stored before
    migration 0012 whose carrier could not be derived, or a go-show's line (no booking), has none and is
    matched by the locator alone.
    """
    return (reconciliation.c.record_locator == locator) & (
        (reconciliation.c.carrier == carrier) | reconciliation.c.carrier.is_(None)
    )


def reconciliation_rows(connection: Connection, *, flight_id: int | None = None) -> list[dict[str, Any]]:
    query = select(reconciliation).order_by(reconciliation.c.flight_id, reconciliation.c.id)
    if flight_id is not None:
        query = query.where(reconciliation.c.flight_id == flight_id)
    return [dict(row._mapping) for row in connection.execute(query)]


@dataclass(frozen=True, slots=True)
class StoredLink:
    """One line of a flight's stored reconciliation, as screening and assessment read it.

    ``carrier`` is the booking's (``booking_state.carrier``); None on a go-show's line, and on lines
    stored before migration 0012 whose carrier could not be derived.
    """

    status: str  # "linked", "api_only" or "pnr_only"
    traveller_id: int | None
    carrier: str | None
    record_locator: str | None
    pnr_name: str | None


def flight_links(connection: Connection, *, flight_id: int) -> list[StoredLink]:
    """The flight's stored reconciliation, line by line (empty when the flight was never reconciled)."""
    return [
        StoredLink(str(row.status), row.traveller_id, row.carrier, row.record_locator, row.pnr_name)
        for row in connection.execute(
            select(
                reconciliation.c.status,
                reconciliation.c.traveller_id,
                reconciliation.c.carrier,
                reconciliation.c.record_locator,
                reconciliation.c.pnr_name,
            )
            .where(reconciliation.c.flight_id == flight_id)
            .order_by(reconciliation.c.id)
        )
    ]
