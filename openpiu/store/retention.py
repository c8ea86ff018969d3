"""Retention actions on the data: masking (sealing) and real deletion, one raw message or hit at a time.

The unit of work is a raw message: every row read from it shares its receipt time (T0), and a message
is decided as a whole, in the caller's transaction, so a crash never leaves it half done. Which items
are retained past their limit (holds, hits) comes from ``openpiu.store.coverage``; the policy decides
(``openpiu.privacy.retention``); ``openpiu.store.sealed`` writes it into the rows. Nothing here commits;
``openpiu.privacy.job`` owns the batches.

What "done" means is derived from the data alone (``data_state``, whether rows exist), so re-running
after a crash, or twice, finds nothing left to do and reaches the same end state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, exists, or_, select, update

from openpiu.model import DataState
from openpiu.privacy.masking import masked_booking
from openpiu.privacy.retention import (
    Action,
    DataCategory,
    Policy,
    add_months,
    decide,
    deletion_due,
)
from openpiu.privacy.sealing import Sealer
from openpiu.review.hit import HitState
from openpiu.store.coverage import Coverage, hit_data_exist
from openpiu.store.pnr import reconciliation_of
from openpiu.store.pnr_tables import booking_change, booking_state, booking_version, pnr_push, reconciliation
from openpiu.store.review_tables import HitEventRow, HitRow
from openpiu.store.sealed import delete_rows, delete_where, drop_reconciliation, seal_rows
from openpiu.store.tables import api_message, raw_message, travel_document, traveller

# (category, what happened) -> how many items; categories are DataCategory values or "raw_message".
Tally = Counter[tuple[str, str]]

hit = cast(Table, HitRow.__table__)
hit_event = cast(Table, HitEventRow.__table__)


def due_raw_ids(
    connection: Connection, *, policy: Policy, now: datetime, after_id: int, limit: int
) -> list[int]:
    """Ids of raw messages that may need an action now, above ``after_id``, in id order.

    Border-purpose API (a message on a flight without PNR) is found through its 24-hour limit; API on a
    PNR flight waits for the 6-month step like its PNR, so it is not re-read by every run. Masked messages
    are looked at again only in CJEU mode (a hold may have ended) or at 5 years.
    """
    states = [DataState.ACTIVE] + ([DataState.DEPERSONALISED] if policy.cjeu_mode else [])
    masking_cutoff = add_months(now, -policy.depersonalise_months)
    deletion_cutoff = add_months(now, -policy.delete_months)
    border_cutoff = now - timedelta(hours=policy.api_border_hours)
    query = (
        select(raw_message.c.id)
        .where(
            raw_message.c.id > after_id,
            or_(
                raw_message.c.received_at <= deletion_cutoff,
                (raw_message.c.received_at <= masking_cutoff) & raw_message.c.data_state.in_(states),
                (raw_message.c.received_at <= border_cutoff)
                & (raw_message.c.kind == "api")
                & (raw_message.c.data_state == DataState.ACTIVE)
                & _border_api(),
            ),
        )
        .order_by(raw_message.c.id)
        .limit(limit)
    )
    return list(connection.execute(query).scalars())


def _border_api() -> Any:
    """The raw message holds a manifest whose flight has no PNR push (or no known flight)."""
    return exists().where(
        api_message.c.raw_message_id == raw_message.c.id,
        ~exists().where(pnr_push.c.flight_id == api_message.c.flight_id),
    )


@dataclass(frozen=True, slots=True)
class _Item:
    table: Table
    id: int
    state: DataState
    action: Action
    category: DataCategory
    carrier: str | None = None
    locator: str | None = None


def apply_raw(
    connection: Connection,
    *,
    raw_id: int,
    policy: Policy,
    now: datetime,
    coverage: Coverage,
    sealer: Sealer,
) -> Tally:
    """Decide and apply retention to one raw message and everything read from it; what was done."""
    tally: Tally = Counter()
    raw = connection.execute(
        select(raw_message.c.kind, raw_message.c.received_at, raw_message.c.data_state).where(
            raw_message.c.id == raw_id
        )
    ).one_or_none()
    if raw is None:
        return tally
    kind, received_at, raw_state = raw
    if kind == "pnr":
        items = _pnr_items(
            connection, raw_id, policy=policy, now=now, received_at=received_at, coverage=coverage
        )
    elif kind == "api":
        items = _api_items(
            connection, raw_id, policy=policy, now=now, received_at=received_at, coverage=coverage
        )
    else:
        items = []
    raw_category = items[0].category if items else DataCategory.UNPARSED
    if now >= deletion_due(policy, received_at):
        tally.update((item.category.value, "deleted") for item in items)
        tally.update([("raw_message", "deleted")])
        delete_rows(connection, raw_message, [raw_id])
        drop_reconciliation(connection, {(i.carrier, i.locator) for i in items if i.table is booking_version})
        return tally
    _apply_items(connection, items, now=now, sealer=sealer, tally=tally)
    actions = {item.action for item in items} or {
        decide(policy, category=raw_category, received_at=received_at, now=now, retained=False)
    }
    if actions == {Action.DELETE}:
        delete_rows(connection, raw_message, [raw_id])
        drop_reconciliation(connection, {(i.carrier, i.locator) for i in items if i.table is booking_version})
        tally.update([("raw_message", "deleted")])
    elif Action.DELETE in actions:
        # Part of the message is deleted: its bytes, which hold everyone, go too (the rows kept are sealed).
        erased = connection.execute(
            update(raw_message)
            .where(raw_message.c.id == raw_id, raw_message.c.content.is_not(None))
            .values(content=None, reason=None, warnings=None)
        ).rowcount
        if Action.MASK in actions and raw_state is DataState.ACTIVE:
            connection.execute(
                update(raw_message)
                .where(raw_message.c.id == raw_id)
                .values(data_state=DataState.DEPERSONALISED)
            )
        tally.update({("raw_message", "erased"): erased})
    elif Action.MASK in actions and raw_state is DataState.ACTIVE:
        tally.update(
            {("raw_message", "masked"): seal_rows(connection, sealer, raw_message, [raw_id], now=now)}
        )
    return tally


def _pnr_items(
    connection: Connection,
    raw_id: int,
    *,
    policy: Policy,
    now: datetime,
    received_at: datetime,
    coverage: Coverage,
) -> list[_Item]:
    rows = connection.execute(
        select(
            booking_version.c.id,
            booking_version.c.carrier,
            booking_version.c.record_locator,
            booking_version.c.data_state,
            pnr_push.c.flight_id,
        )
        .join(pnr_push, pnr_push.c.id == booking_version.c.pnr_push_id)
        .where(pnr_push.c.raw_message_id == raw_id)
    ).all()
    items = []
    for row in rows:
        retained = coverage.covers(flight_id=row.flight_id, carrier=row.carrier, locator=row.record_locator)
        action = decide(
            policy, category=DataCategory.PNR, received_at=received_at, now=now, retained=retained
        )
        items.append(
            _Item(
                booking_version,
                row.id,
                row.data_state,
                action,
                DataCategory.PNR,
                row.carrier,
                row.record_locator,
            )
        )
    return items


def _api_items(
    connection: Connection,
    raw_id: int,
    *,
    policy: Policy,
    now: datetime,
    received_at: datetime,
    coverage: Coverage,
) -> list[_Item]:
    messages = connection.execute(
        select(api_message.c.id, api_message.c.flight_id).where(api_message.c.raw_message_id == raw_id)
    ).all()
    flight_ids = {m.flight_id for m in messages if m.flight_id is not None}
    # API on a flight whose PNR the PIU receives is law-enforcement API (Regulation (EU) 2025/13).
    pnr_flights = (
        set(
            connection.execute(
                select(pnr_push.c.flight_id).where(pnr_push.c.flight_id.in_(flight_ids))
            ).scalars()
        )
        if flight_ids
        else set()
    )
    rows = connection.execute(
        select(
            traveller.c.id,
            traveller.c.api_message_id,
            traveller.c.flight_id,
            traveller.c.reservation_ref,
            traveller.c.data_state,
        ).where(traveller.c.api_message_id.in_([m.id for m in messages]))
    ).all()
    message_flight = {m.id: m.flight_id for m in messages}
    items = []
    for row in rows:
        flight_id = row.flight_id if row.flight_id is not None else message_flight.get(row.api_message_id)
        category = DataCategory.API_LAW_ENFORCEMENT if flight_id in pnr_flights else DataCategory.API_BORDER
        retained = coverage.covers(flight_id=flight_id, locator=row.reservation_ref, traveller_id=row.id)
        action = decide(policy, category=category, received_at=received_at, now=now, retained=retained)
        items.append(_Item(traveller, row.id, row.data_state, action, category, None, row.reservation_ref))
    if not rows:
        category = DataCategory.API_LAW_ENFORCEMENT if flight_ids & pnr_flights else DataCategory.API_BORDER
        action = decide(policy, category=category, received_at=received_at, now=now, retained=False)
        items = [_Item(api_message, m.id, DataState.ACTIVE, action, category) for m in messages]
    return items


def _apply_items(
    connection: Connection, items: Sequence[_Item], *, now: datetime, sealer: Sealer, tally: Tally
) -> None:
    to_delete = [item for item in items if item.action is Action.DELETE]
    to_mask = [item for item in items if item.action is Action.MASK and item.state is DataState.ACTIVE]
    tally.update((item.category.value, "deleted") for item in to_delete)
    tally.update((item.category.value, "masked") for item in to_mask)
    versions = [item.id for item in to_delete if item.table is booking_version]
    if versions:
        pushes_of = list(
            connection.execute(
                select(booking_version.c.pnr_push_id).where(booking_version.c.id.in_(versions)).distinct()
            ).scalars()
        )
        delete_rows(connection, booking_version, versions)
        drop_reconciliation(
            connection, {(i.carrier, i.locator) for i in to_delete if i.table is booking_version}
        )
        # A push left without bookings goes too (it names its sender and counts, nothing else to keep).
        delete_where(
            connection,
            pnr_push,
            pnr_push.c.id.in_(pushes_of) & ~exists().where(booking_version.c.pnr_push_id == pnr_push.c.id),
        )
    travellers = [item.id for item in to_delete if item.table is traveller]
    if travellers:
        delete_rows(connection, traveller, travellers)
    messages = [item.id for item in to_delete if item.table is api_message]
    if messages:
        delete_rows(connection, api_message, messages)
    masked_versions = [item.id for item in to_mask if item.table is booking_version]
    if masked_versions:
        seal_rows(
            connection, sealer, booking_version, masked_versions, now=now, rewrite={"content": masked_booking}
        )
        changes = connection.execute(
            select(booking_change.c.id).where(booking_change.c.booking_version_id.in_(masked_versions))
        ).scalars()
        seal_rows(connection, sealer, booking_change, list(changes), now=now)
        pushes = connection.execute(
            select(booking_version.c.pnr_push_id).where(booking_version.c.id.in_(masked_versions)).distinct()
        ).scalars()
        seal_rows(connection, sealer, pnr_push, list(pushes), now=now)
        connection.execute(
            update(booking_state)
            .where(booking_state.c.body_version_id.in_(masked_versions))
            .values(data_state=DataState.DEPERSONALISED)
        )
        booked = {(item.carrier, item.locator) for item in to_mask if item.table is booking_version}
        for carrier, locator in booked:
            lines = connection.execute(
                select(reconciliation.c.id).where(reconciliation_of(carrier, locator))
            ).scalars()
            seal_rows(connection, sealer, reconciliation, list(lines), now=now)
    masked_travellers = [item.id for item in to_mask if item.table is traveller]
    if masked_travellers:
        seal_rows(connection, sealer, traveller, masked_travellers, now=now)
        documents = connection.execute(
            select(travel_document.c.id).where(travel_document.c.traveller_id.in_(masked_travellers))
        ).scalars()
        seal_rows(connection, sealer, travel_document, list(documents), now=now)
        lines = connection.execute(
            select(reconciliation.c.id).where(reconciliation.c.traveller_id.in_(masked_travellers))
        ).scalars()
        seal_rows(connection, sealer, reconciliation, list(lines), now=now)
        messages_of = connection.execute(
            select(traveller.c.api_message_id).where(traveller.c.id.in_(masked_travellers)).distinct()
        ).scalars()
        seal_rows(connection, sealer, api_message, list(messages_of), now=now)
    masked_messages = [item.id for item in to_mask if item.table is api_message]
    if masked_messages:
        seal_rows(connection, sealer, api_message, masked_messages, now=now)
    if travellers:
        # A message whose every traveller is gone goes too (its reporting party is personal data).
        delete_where(
            connection,
            api_message,
            api_message.c.id.in_(
                select(traveller.c.api_message_id).where(traveller.c.id.in_(travellers)).scalar_subquery()
            )
            & ~exists().where(traveller.c.api_message_id == api_message.c.id),
        )


def due_hit_ids(connection: Connection, *, after_id: int, limit: int) -> list[int]:
    """Every hit above ``after_id`` (hits are few; each is decided on its state and data)."""
    return list(
        connection.execute(
            select(hit.c.id).where(hit.c.id > after_id).order_by(hit.c.id).limit(limit)
        ).scalars()
    )


_HIT_CATEGORY = {
    HitState.CONFIRMED: DataCategory.HIT_CONFIRMED,
    HitState.DISMISSED: DataCategory.HIT_DISMISSED,
    HitState.NEW: DataCategory.HIT_OPEN,
    HitState.IN_REVIEW: DataCategory.HIT_OPEN,
}


def apply_hits(
    connection: Connection, *, ids: Sequence[int], policy: Policy, now: datetime, sealer: Sealer
) -> Tally:
    """Results of processing (Art 12(5)): decide and apply retention to each hit."""
    tally: Tally = Counter()
    rows = connection.execute(
        select(
            hit.c.id, hit.c.state, hit.c.first_seen, hit.c.traveller_key, hit.c.flight_key, hit.c.data_state
        ).where(hit.c.id.in_(ids))
    ).all()
    for row in rows:
        category = _HIT_CATEGORY[row.state]
        exist = category is DataCategory.HIT_DISMISSED and hit_data_exist(
            connection, traveller_key=row.traveller_key, flight_key=row.flight_key
        )
        action = decide(policy, category=category, received_at=row.first_seen, now=now, retained=exist)
        if action is Action.DELETE:
            delete_rows(connection, hit, [row.id])
            tally.update([(category.value, "deleted")])
        elif action is Action.MASK and row.data_state is DataState.ACTIVE:
            seal_rows(connection, sealer, hit, [row.id], now=now)
            events = connection.execute(select(hit_event.c.id).where(hit_event.c.hit_id == row.id)).scalars()
            seal_rows(connection, sealer, hit_event, list(events), now=now)
            tally.update([(category.value, "masked")])
    return tally
