"""Erasure of one person's data (a granted data-subject request): rows deleted, raw copies erased.

``openpiu.store.subjects.find_held`` says what is held about the person; this deletes it. An API
traveller goes with its documents and reconciliation lines. A booking is taken as a whole, every version
of it: when the person was its only traveller, its booking-wide fields (contacts, addresses, payments,
group name) are theirs too and every version goes with its changes and state; one shared with
co-travellers loses the person and what identifies them (``openpiu.privacy.erasure_fields``: clear or
sealed content rewritten, the change and reconciliation lines naming them or holding their contact,
address or card deleted). The hits about the person go. Every raw message that held the person is
erased (its bytes and their sealed copy hold everyone it carried), or deleted when nothing read from it
is left. Sealed values of deleted rows are purged.
Never commits.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Table, delete, exists, select, update

from openpiu.privacy.erasure_fields import Traces, is_subject, traces, without_subject
from openpiu.privacy.sealing import Sealer
from openpiu.privacy.subjects import Criteria, names_subject
from openpiu.store.pnr import reconciliation_of
from openpiu.store.pnr_tables import booking_change, booking_version, pnr_push, reconciliation
from openpiu.store.privacy_tables import SealedValueRow
from openpiu.store.review_tables import HitRow
from openpiu.store.sealed import delete_rows, drop_reconciliation, purge_orphan_seals
from openpiu.store.subjects import Held
from openpiu.store.tables import api_message, raw_message, traveller

sealed_value = cast(Table, SealedValueRow.__table__)
hit = cast(Table, HitRow.__table__)
Tally = Counter[str]


def erase_held(connection: Connection, *, held: Sequence[Held], criteria: Criteria, sealer: Sealer) -> Tally:
    """Delete or rewrite every row in ``held`` (and what holds the person with them); rows per table."""
    done: Tally = Counter()
    raws: set[int] = set()
    people = [h.row_id for h in held if h.table == "traveller"]
    if people:
        raws.update(
            connection.execute(
                select(api_message.c.raw_message_id)
                .join(traveller, traveller.c.api_message_id == api_message.c.id)
                .where(traveller.c.id.in_(people))
            ).scalars()
        )
        messages = set(
            connection.execute(select(traveller.c.api_message_id).where(traveller.c.id.in_(people))).scalars()
        )
        delete_rows(connection, traveller, people)  # documents and reconciliation lines cascade
        done["traveller"] += len(people)
        done["api_message"] += connection.execute(
            delete(api_message).where(
                api_message.c.id.in_(messages),
                ~exists().where(traveller.c.api_message_id == api_message.c.id),
            )
        ).rowcount
        # Rule hits name an API traveller by its id.
        done["hit"] += connection.execute(
            delete(hit).where(hit.c.traveller_key.in_([f"traveller:{i}" for i in people]))
        ).rowcount
    bookings = {h.row_id for h in held if h.table == "booking_version"}
    for key in _booking_keys(connection, bookings):
        done += _erase_from_booking(connection, key, criteria, sealer, raws)
    hits = [h.row_id for h in held if h.table == "hit"]
    done["hit"] += connection.execute(delete(hit).where(hit.c.id.in_(hits))).rowcount
    done += _erase_raws(connection, raws)
    done["sealed_value"] += purge_orphan_seals(connection)
    return +done


def _booking_keys(connection: Connection, ids: set[int]) -> list[tuple[str, str]]:
    if not ids:
        return []
    rows = connection.execute(
        select(booking_version.c.carrier, booking_version.c.record_locator)
        .where(booking_version.c.id.in_(ids))
        .distinct()
    )
    return sorted((row.carrier, row.record_locator) for row in rows)


def _erase_from_booking(
    connection: Connection, key: tuple[str, str], criteria: Criteria, sealer: Sealer, raws: set[int]
) -> Tally:
    """Every version of the booking: deleted when the person was its only traveller (the booking-wide
    fields are theirs too), else rewritten without the person and what identifies them."""
    done: Tally = Counter()
    carrier, locator = key
    rows = connection.execute(
        select(
            booking_version.c.id,
            booking_version.c.content,
            pnr_push.c.raw_message_id,
            pnr_push.c.id.label("push_id"),
        )
        .join(pnr_push, pnr_push.c.id == booking_version.c.pnr_push_id)
        .where(booking_version.c.carrier == carrier, booking_version.c.record_locator == locator)
        .order_by(booking_version.c.id)
    ).all()
    sealed = {row.id: _sealed(connection, sealer, "booking_version", row.id) for row in rows}
    full = {row.id: (sealed[row.id] or {}).get("content") or row.content or {} for row in rows}
    others = any(not is_subject(criteria, p) for c in full.values() for p in c.get("travellers") or [])
    if not others:
        raws.update(row.raw_message_id for row in rows)
        ids = [row.id for row in rows]
        delete_rows(connection, booking_version, ids)  # changes and the booking's state cascade
        drop_reconciliation(connection, [key])
        pushes = {row.push_id for row in rows}
        connection.execute(
            delete(pnr_push).where(
                pnr_push.c.id.in_(pushes), ~exists().where(booking_version.c.pnr_push_id == pnr_push.c.id)
            )
        )
        done["booking_version"] += len(ids)
        return done
    found = traces(criteria, full.values())
    for row in rows:
        changed = False
        if isinstance(row.content, dict):
            content, gone = without_subject(criteria, row.content, found)
            if gone:
                travellers = len(content["travellers"]) if row.content.get("travellers") else None
                values: dict[str, Any] = {"content": content}
                if travellers is not None:
                    values["travellers"] = travellers
                connection.execute(
                    update(booking_version).where(booking_version.c.id == row.id).values(values)
                )
                done += gone
                changed = True
        opened = sealed[row.id]
        if opened is not None and isinstance(opened.get("content"), dict):
            content, gone = without_subject(criteria, opened["content"], found)
            if gone:
                _reseal(connection, sealer, "booking_version", row.id, _replaced(content))
                if not changed:
                    done += gone
                changed = True
        if changed:  # the raw copy holds what was taken out
            raws.add(row.raw_message_id)
            done["booking_version rewritten"] += 1
        where = booking_change.c.booking_version_id == row.id
        done["booking_change"] += _delete_naming(connection, sealer, booking_change, where, criteria, found)
    where = reconciliation_of(carrier, locator)
    done["reconciliation"] += _delete_naming(connection, sealer, reconciliation, where, criteria, found)
    return done


def _delete_naming(
    connection: Connection,
    sealer: Sealer,
    table: Table,
    where: ColumnElement[bool],
    criteria: Criteria,
    found: Traces,
) -> int:
    """Delete the rows of ``table`` matching ``where`` whose values (clear or sealed) name the person."""
    rows = connection.execute(select(table).where(where)).mappings()
    gone = [
        r["id"]
        for r in rows
        if _names(criteria, found, dict(r), _sealed(connection, sealer, table.name, r["id"]))
    ]
    delete_rows(connection, table, gone)
    return len(gone)


def _replaced(content: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A sealed booking version's values with ``content`` (and its traveller count) in place."""
    return lambda values: values | {"content": content, "travellers": len(content.get("travellers") or [])}


def _names(criteria: Criteria, found: Traces, *values: dict[str, Any] | None) -> bool:
    """Whether the row's values (clear or sealed) name the person or hold their contact, address or card."""
    text = " ".join(json.dumps(v, default=str, ensure_ascii=False) for v in values if v)
    return names_subject(criteria, text) or found.in_text(text)


def _sealed(connection: Connection, sealer: Sealer, table: str, row_id: int) -> dict[str, Any] | None:
    blob = connection.execute(
        select(sealed_value.c.blob).where(sealed_value.c.table_name == table, sealed_value.c.row_id == row_id)
    ).scalar()
    return None if blob is None else sealer.open_values(blob, context=f"{table}:{row_id}")


def _reseal(
    connection: Connection,
    sealer: Sealer,
    table: str,
    row_id: int,
    change: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    values = _sealed(connection, sealer, table, row_id)
    if values is None:
        return
    blob = sealer.seal_values(change(values), context=f"{table}:{row_id}")
    connection.execute(
        update(sealed_value)
        .where(sealed_value.c.table_name == table, sealed_value.c.row_id == row_id)
        .values(blob=blob)
    )


def _erase_raws(connection: Connection, raws: set[int]) -> Tally:
    """A raw message with nothing left read from it is deleted; one still in use loses its bytes."""
    done: Tally = Counter()
    if not raws:
        return done
    unused = ~exists().where(api_message.c.raw_message_id == raw_message.c.id) & ~exists().where(
        pnr_push.c.raw_message_id == raw_message.c.id
    )
    done["raw_message"] += connection.execute(
        delete(raw_message).where(raw_message.c.id.in_(raws), unused)
    ).rowcount
    left = list(connection.execute(select(raw_message.c.id).where(raw_message.c.id.in_(raws))).scalars())
    if left:
        done["raw_message erased"] += connection.execute(
            update(raw_message)
            .where(raw_message.c.id.in_(left))
            .values(content=None, reason=None, warnings=None)
        ).rowcount
        connection.execute(
            delete(sealed_value).where(
                sealed_value.c.table_name == "raw_message", sealed_value.c.row_id.in_(left)
            )
        )
    return done
