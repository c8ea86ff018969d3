"""Erasure of one person's data (a granted data-subject request): rows deleted, raw copies erased.

``openpiu.store.subjects.find_held`` says what is held about the person; this deletes it. An API
traveller goes with its documents and reconciliation lines; a booking version that holds only the person
goes with its changes and state, one shared with co-travellers loses the person (its clear or sealed
content rewritten, the change and reconciliation lines naming them deleted); the hits about the person
go. Every raw message that held the person is erased (its bytes and their sealed copy hold everyone it
carried), or deleted when nothing read from it is left. Sealed values of deleted rows are purged.
Never commits.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, exists, select, update

from openpiu.privacy.sealing import Sealer
from openpiu.privacy.subjects import Criteria, matches, names_subject
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
    for item in (h for h in held if h.table == "booking_version"):
        done += _erase_from_booking(connection, item, criteria, sealer, raws)
    hits = [h.row_id for h in held if h.table == "hit"]
    done["hit"] += connection.execute(delete(hit).where(hit.c.id.in_(hits))).rowcount
    done += _erase_raws(connection, raws)
    done["sealed_value"] += purge_orphan_seals(connection)
    return +done


def _erase_from_booking(
    connection: Connection, item: Held, criteria: Criteria, sealer: Sealer, raws: set[int]
) -> Tally:
    done: Tally = Counter()
    row = connection.execute(
        select(
            booking_version.c.id,
            booking_version.c.content,
            booking_version.c.carrier,
            booking_version.c.record_locator,
            pnr_push.c.raw_message_id,
            pnr_push.c.id.label("push_id"),
        )
        .join(pnr_push, pnr_push.c.id == booking_version.c.pnr_push_id)
        .where(booking_version.c.id == item.row_id)
    ).one_or_none()
    if row is None:
        return done
    raws.add(row.raw_message_id)
    others = int((item.values.get("content") or {}).get("other_travellers") or 0)
    if not others:
        delete_rows(connection, booking_version, [row.id])  # changes and the booking's state cascade
        drop_reconciliation(connection, [(row.carrier, row.record_locator)])
        connection.execute(
            delete(pnr_push).where(
                pnr_push.c.id == row.push_id, ~exists().where(booking_version.c.pnr_push_id == pnr_push.c.id)
            )
        )
        done["booking_version"] += 1
        return done

    def without(content: Any) -> Any:
        if not isinstance(content, dict):
            return content
        kept = [
            person
            for person in content.get("travellers") or []
            if not matches(criteria, person, [d.get("number") for d in person.get("documents") or []])
        ]
        return content | {"travellers": kept}

    if row.content is not None and (row.content.get("travellers") or []):
        rewritten = without(row.content)
        connection.execute(
            update(booking_version)
            .where(booking_version.c.id == row.id)
            .values(content=rewritten, travellers=len(rewritten["travellers"]))
        )
    _reseal(
        connection,
        sealer,
        "booking_version",
        row.id,
        lambda values: (
            values
            | {
                "content": without(values.get("content")),
                "travellers": max(int(values.get("travellers") or 1) - 1, 0),
            }
        ),
    )
    done["booking_version rewritten"] += 1
    changes = connection.execute(
        select(booking_change).where(booking_change.c.booking_version_id == row.id)
    ).mappings()
    gone = [
        c["id"]
        for c in changes
        if _names(criteria, dict(c), _sealed(connection, sealer, "booking_change", c["id"]))
    ]
    delete_rows(connection, booking_change, gone)
    done["booking_change"] += len(gone)
    lines = connection.execute(
        select(reconciliation).where(reconciliation_of(row.carrier, row.record_locator))
    ).mappings()
    gone = [
        line["id"]
        for line in lines
        if _names(criteria, dict(line), _sealed(connection, sealer, "reconciliation", line["id"]))
    ]
    delete_rows(connection, reconciliation, gone)
    done["reconciliation"] += len(gone)
    return done


def _names(criteria: Criteria, *values: dict[str, Any] | None) -> bool:
    """Whether the row's values (clear or sealed) name the person."""
    return names_subject(
        criteria, " ".join(json.dumps(v, default=str, ensure_ascii=False) for v in values if v)
    )


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
