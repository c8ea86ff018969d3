"""Retention actions on the data: masking (sealing) and real deletion, one raw message or hit at a time.

The unit of work is a raw message: every row read from it shares its receipt time (T0), and a message
is decided as a whole, in the caller's transaction, so a crash never leaves it half done. Which items
are retained past their limit (holds, hits) is read by :func:`load_coverage`; the policy decides
(``openpiu.privacy.retention``). Nothing here commits; ``openpiu.privacy.job`` owns the batches.

What "done" means is derived from the data alone (``data_state``, whether rows exist), so re-running
after a crash, or twice, finds nothing left to do and reaches the same end state.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, delete, exists, func, insert, or_, select, tuple_, update

from openpiu.model import DataState
from openpiu.privacy.masking import MASKED_COLUMNS, masked_booking
from openpiu.privacy.retention import (
    Action,
    DataCategory,
    Policy,
    add_months,
    decide,
    deletion_due,
    hold_active,
)
from openpiu.privacy.sealing import Sealer
from openpiu.review.hit import HitState
from openpiu.store.pnr_tables import booking_change, booking_state, booking_version, pnr_push, reconciliation
from openpiu.store.privacy_tables import RetentionHoldRow, SealedValueRow
from openpiu.store.review_tables import HitEventRow, HitRow
from openpiu.store.tables import api_message, flight, raw_message, travel_document, traveller

# (category, what happened) -> how many items; categories are DataCategory values or "raw_message".
Tally = Counter[tuple[str, str]]

sealed_value = cast(Table, SealedValueRow.__table__)
hold = cast(Table, RetentionHoldRow.__table__)
hit = cast(Table, HitRow.__table__)
hit_event = cast(Table, HitEventRow.__table__)

# A record locator inside a hit's traveller key: 5 to 8 letters and digits, at least one letter.
_LOCATOR = re.compile(r"(?=.*[A-Z])[A-Z0-9]{5,8}")


def flight_key(carrier: str, number: str, departure: date) -> str:
    """The key hits use for a flight (``JU0680/2026-11-29``)."""
    return f"{carrier}{number}/{departure.isoformat()}"


def hit_locators(traveller_key: str, flight: str) -> frozenset[str]:
    """The record locators a hit's traveller key names (none: the hit is about the flight as a whole)."""
    designator = flight.split("/", 1)[0].upper()
    return frozenset(
        part
        for part in traveller_key.upper().split("/")
        if part != designator and _LOCATOR.fullmatch(part) and not part.isdigit()
    )


@dataclass
class Coverage:
    """What is kept beyond the plain limits: active objective-link holds, and hits needing their data."""

    bookings: set[tuple[str, str]] = field(default_factory=set)
    flights: set[str] = field(default_factory=set)
    travellers: set[int] = field(default_factory=set)
    hit_locators: dict[str, set[str]] = field(default_factory=dict)
    hit_flights: set[str] = field(default_factory=set)

    def covers(
        self,
        *,
        flights: Iterable[str],
        carrier: str | None = None,
        locator: str | None = None,
        traveller_id: int | None = None,
    ) -> bool:
        keys = set(flights)
        if keys & (self.flights | self.hit_flights):
            return True
        if traveller_id is not None and traveller_id in self.travellers:
            return True
        if locator:
            wanted = locator.upper()
            if carrier and (carrier.upper(), wanted) in self.bookings:
                return True
            if not carrier and any(held == wanted for _, held in self.bookings):
                return True
            return any(wanted in self.hit_locators.get(key, ()) for key in keys)
        return False


def load_coverage(connection: Connection, *, now: datetime) -> Coverage:
    """Active holds, and the hits not dismissed (a confirmed or open hit needs the data it rests on)."""
    coverage = Coverage()
    for target, review_date in connection.execute(
        select(hold.c.target, hold.c.review_date).where(hold.c.released_at.is_(None))
    ):
        if not hold_active(review_date=review_date, released=False, now=now):
            continue
        kind, _, value = target.partition(":")
        if kind == "booking":
            carrier, _, locator = value.upper().partition("/")
            coverage.bookings.add((carrier, locator))
        elif kind == "flight":
            coverage.flights.add(value.upper())
        elif kind == "traveller" and value.isdigit():
            coverage.travellers.add(int(value))
    for key, flight_name in connection.execute(
        select(hit.c.traveller_key, hit.c.flight_key).where(
            hit.c.state != HitState.DISMISSED, hit.c.data_state != DataState.DELETED
        )
    ):
        locators = hit_locators(key, flight_name)
        if locators:
            coverage.hit_locators.setdefault(flight_name.upper(), set()).update(locators)
        else:
            coverage.hit_flights.add(flight_name.upper())
    return coverage


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
        _delete_rows(connection, raw_message, [raw_id])
        _drop_reconciliation(
            connection, {(i.carrier, i.locator) for i in items if i.table is booking_version}
        )
        return tally
    _apply_items(connection, items, now=now, sealer=sealer, tally=tally)
    actions = {item.action for item in items} or {
        decide(policy, category=raw_category, received_at=received_at, now=now, retained=False)
    }
    if actions == {Action.DELETE}:
        _delete_rows(connection, raw_message, [raw_id])
        _drop_reconciliation(
            connection, {(i.carrier, i.locator) for i in items if i.table is booking_version}
        )
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
        tally.update({("raw_message", "masked"): _seal(connection, sealer, raw_message, [raw_id], now=now)})
    return tally


def flight_keys(connection: Connection, flight_ids: Iterable[int | None]) -> dict[int, str]:
    """The hit-style key of each flight id given (``None`` ids are skipped)."""
    wanted = {i for i in flight_ids if i is not None}
    if not wanted:
        return {}
    rows = connection.execute(
        select(flight.c.id, flight.c.carrier, flight.c.number, flight.c.departure_date).where(
            flight.c.id.in_(wanted)
        )
    )
    return {row.id: flight_key(row.carrier, row.number, row.departure_date) for row in rows}


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
    keys = flight_keys(connection, (row.flight_id for row in rows))
    items = []
    for row in rows:
        flights = [keys[row.flight_id]] if row.flight_id in keys else []
        retained = coverage.covers(flights=flights, carrier=row.carrier, locator=row.record_locator)
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
    keys = flight_keys(connection, flight_ids)
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
        flights = [keys[flight_id]] if flight_id in keys else []
        retained = coverage.covers(flights=flights, locator=row.reservation_ref, traveller_id=row.id)
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
        _delete_rows(connection, booking_version, versions)
        _drop_reconciliation(
            connection, {(i.carrier, i.locator) for i in to_delete if i.table is booking_version}
        )
        # A push left without bookings goes too (it names its sender and counts, nothing else to keep).
        _delete_rows_where(
            connection,
            pnr_push,
            pnr_push.c.id.in_(pushes_of) & ~exists().where(booking_version.c.pnr_push_id == pnr_push.c.id),
        )
    travellers = [item.id for item in to_delete if item.table is traveller]
    if travellers:
        _delete_rows(connection, traveller, travellers)
    messages = [item.id for item in to_delete if item.table is api_message]
    if messages:
        _delete_rows(connection, api_message, messages)
    masked_versions = [item.id for item in to_mask if item.table is booking_version]
    if masked_versions:
        _seal(
            connection, sealer, booking_version, masked_versions, now=now, rewrite={"content": masked_booking}
        )
        changes = connection.execute(
            select(booking_change.c.id).where(booking_change.c.booking_version_id.in_(masked_versions))
        ).scalars()
        _seal(connection, sealer, booking_change, list(changes), now=now)
        pushes = connection.execute(
            select(booking_version.c.pnr_push_id).where(booking_version.c.id.in_(masked_versions)).distinct()
        ).scalars()
        _seal(connection, sealer, pnr_push, list(pushes), now=now)
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
            _seal(connection, sealer, reconciliation, list(lines), now=now)
    masked_travellers = [item.id for item in to_mask if item.table is traveller]
    if masked_travellers:
        _seal(connection, sealer, traveller, masked_travellers, now=now)
        documents = connection.execute(
            select(travel_document.c.id).where(travel_document.c.traveller_id.in_(masked_travellers))
        ).scalars()
        _seal(connection, sealer, travel_document, list(documents), now=now)
        lines = connection.execute(
            select(reconciliation.c.id).where(reconciliation.c.traveller_id.in_(masked_travellers))
        ).scalars()
        _seal(connection, sealer, reconciliation, list(lines), now=now)
        messages_of = connection.execute(
            select(traveller.c.api_message_id).where(traveller.c.id.in_(masked_travellers)).distinct()
        ).scalars()
        _seal(connection, sealer, api_message, list(messages_of), now=now)
    masked_messages = [item.id for item in to_mask if item.table is api_message]
    if masked_messages:
        _seal(connection, sealer, api_message, masked_messages, now=now)
    if travellers:
        # A message whose every traveller is gone goes too (its reporting party is personal data).
        _delete_rows_where(
            connection,
            api_message,
            api_message.c.id.in_(
                select(traveller.c.api_message_id).where(traveller.c.id.in_(travellers)).scalar_subquery()
            )
            & ~exists().where(traveller.c.api_message_id == api_message.c.id),
        )


def _drop_reconciliation(connection: Connection, bookings: Iterable[tuple[str | None, str | None]]) -> None:
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
    # Lines name the carrier only when the booking had one: match the pair, or the locator alone.
    condition = tuple_(reconciliation.c.carrier, reconciliation.c.record_locator).in_(sorted(gone)) | (
        reconciliation.c.carrier.is_(None) & reconciliation.c.record_locator.in_(gone_locators)
    )
    _delete_rows_where(connection, reconciliation, condition)


def reconciliation_of(carrier: str | None, locator: str | None) -> Any:
    # Reconciliation lines name the carrier only when the booking had one.
    return (reconciliation.c.record_locator == locator) & (
        (reconciliation.c.carrier == carrier) | reconciliation.c.carrier.is_(None)
    )


def _seal(
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


def _delete_rows(connection: Connection, table: Table, ids: Sequence[int]) -> None:
    if ids:
        connection.execute(delete(table).where(table.c.id.in_(ids)))


def _delete_rows_where(connection: Connection, table: Table, condition: Any) -> None:
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
            connection, traveller_key=row.traveller_key, flight_name=row.flight_key
        )
        action = decide(policy, category=category, received_at=row.first_seen, now=now, retained=exist)
        if action is Action.DELETE:
            _delete_rows(connection, hit, [row.id])
            tally.update([(category.value, "deleted")])
        elif action is Action.MASK and row.data_state is DataState.ACTIVE:
            _seal(connection, sealer, hit, [row.id], now=now)
            events = connection.execute(select(hit_event.c.id).where(hit_event.c.hit_id == row.id)).scalars()
            _seal(connection, sealer, hit_event, list(events), now=now)
            tally.update([(category.value, "masked")])
    return tally


def hit_data_exist(connection: Connection, *, traveller_key: str, flight_name: str) -> bool:
    """Whether the data a hit rests on are still held (masked or not).

    The traveller is found by the record locator its key names; a key naming none stands for the flight.
    """
    designator, _, day = flight_name.upper().partition("/")
    try:
        departure = date.fromisoformat(day)
    except ValueError:
        return False
    flights = [
        row.id
        for row in connection.execute(
            select(flight.c.id, flight.c.carrier, flight.c.number).where(flight.c.departure_date == departure)
        )
        if f"{row.carrier}{row.number}" == designator
    ]
    if not flights:
        return False
    locators = hit_locators(traveller_key, flight_name)
    version = select(booking_version.c.id).join(pnr_push, pnr_push.c.id == booking_version.c.pnr_push_id)
    version = version.where(pnr_push.c.flight_id.in_(flights))
    person = select(traveller.c.id).where(traveller.c.flight_id.in_(flights))
    if locators:
        version = version.where(booking_version.c.record_locator.in_(locators))
        person = person.where(traveller.c.reservation_ref.in_(locators))
    return bool(connection.execute(select(exists(version) | exists(person))).scalar_one())


def held_counts(connection: Connection) -> dict[str, dict[str, int]]:
    """Rows per table and data state (for reports and the DPO dashboard)."""
    result: dict[str, dict[str, int]] = {}
    for table in (raw_message, api_message, traveller, booking_version, hit):
        counts: dict[str, int] = {}
        for state, count in connection.execute(
            select(table.c.data_state, func.count()).group_by(table.c.data_state)
        ):
            counts[DataState(state).value] = int(count)
        result[table.name] = counts
    return result
