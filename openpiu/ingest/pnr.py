"""Filing PNR pushes: every version stored, the current state of each booking kept, changes computed.

Called by :class:`openpiu.ingest.intake.Intake` inside the transaction of one raw message. The previous
state of a booking is taken from this run's cache or, the first time the booking is seen in a run,
re-read from the stored (filtered) raw copy of its last version: the store keeps bytes and display
content, the model is always what the parser makes of the bytes.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from openpiu.formats.contract import booking_contract
from openpiu.model import Booking, PnrPush
from openpiu.pnr.history import BookingKey, Change, booking_key, diff_bookings, merge
from openpiu.store.flights import FlightCache, ensure_flight
from openpiu.store.pnr import (
    StoredState,
    get_states,
    insert_changes,
    insert_push,
    insert_versions,
    save_states,
    version_location,
    version_row,
)
from openpiu.store.raw import raw_content


@dataclass(frozen=True, slots=True)
class StoredPnr:
    """What filing the pushes of one raw message did."""

    pushes: int
    bookings: int
    travellers: int
    changes: Counter[str]
    flight_ids: frozenset[int]


class ParsedRaws:
    """The pushes of recently re-read raw messages, by raw message id (a small LRU).

    Re-reading a booking means parsing the whole push it came in; the other bookings of that push are
    usually needed next (the next push of the flight, or the flight's reconciliation), so each raw copy
    is parsed once per run, not once per booking.
    """

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self.pushes: OrderedDict[int, tuple[PnrPush, ...]] = OrderedDict()

    def get(self, connection: Connection, raw_id: int) -> tuple[PnrPush, ...] | None:
        found = self.pushes.get(raw_id)
        if found is not None:
            self.pushes.move_to_end(raw_id)
            return found
        from openpiu.formats import parse_message

        content = raw_content(connection, raw_id=raw_id)
        if content is None:  # erased by retention
            return None
        found = parse_message(content, source=f"raw message {raw_id}").pushes
        self.pushes[raw_id] = found
        if len(self.pushes) > self.size:
            self.pushes.popitem(last=False)
        return found


@dataclass(slots=True)
class BookingStates:
    """Current booking states by key for one ingest run (pending until the message's transaction commits)."""

    known: dict[BookingKey, Booking] = field(default_factory=dict)
    pending: dict[BookingKey, Booking] = field(default_factory=dict)
    raws: ParsedRaws = field(default_factory=ParsedRaws)

    def get(self, key: BookingKey) -> Booking | None:
        return self.pending.get(key) or self.known.get(key)

    def commit(self) -> None:
        self.known.update(self.pending)
        self.pending.clear()

    def discard(self) -> None:
        self.pending.clear()


def load_version(
    connection: Connection, *, version_id: int, raws: ParsedRaws | None = None
) -> Booking | None:
    """Re-read the booking of a stored version from its raw copy; None when the bytes are gone."""
    location = version_location(connection, version_id=version_id)
    return booking_at(connection, location, raws=raws or ParsedRaws(1)) if location is not None else None


def booking_at(connection: Connection, location: tuple[int, int, int], *, raws: ParsedRaws) -> Booking | None:
    """The booking at a stored location (raw message id, message position, booking position:
    ``store.pnr.version_locations``); None when the bytes are gone."""
    raw_id, message, position = location
    pushes = raws.get(connection, raw_id)
    if pushes is None or message >= len(pushes) or position >= len(pushes[message].bookings):
        return None
    return pushes[message].bookings[position]


def store_pnr(
    connection: Connection,
    pushes: Sequence[PnrPush],
    *,
    raw_id: int,
    received_at: datetime,
    flights: FlightCache,
    states: BookingStates,
) -> StoredPnr:
    """Store every push of one raw message, each booking as a new version, with its changes."""
    changes: Counter[str] = Counter()
    flight_ids: set[int] = set()
    bookings = travellers = 0
    for position, push in enumerate(pushes):
        flight_id = (
            ensure_flight(connection, push.flight, received_at=received_at, cache=flights)
            if push.flight is not None
            else None
        )
        if flight_id is not None:
            flight_ids.add(flight_id)
        removed = Counter(category for b in push.bookings for category in b.removed_categories)
        push_id = insert_push(
            connection,
            push,
            raw_id=raw_id,
            position=position,
            flight_id=flight_id,
            removed=dict(removed),
            received_at=received_at,
        )
        keys = [booking_key(booking) for booking in push.bookings]
        stored = get_states(connection, keys=keys)
        versions: list[dict[str, Any]] = []
        found_changes: list[Sequence[Change]] = []
        currents: list[Booking] = []
        for index, (booking, key) in enumerate(zip(push.bookings, keys, strict=True)):
            carrier, locator = key
            state = stored.get(key)
            previous = states.get(key)
            if previous is None and state is not None:
                previous = load_version(connection, version_id=state.body_version_id, raws=states.raws)
                if previous is not None and state.cancelled:
                    previous = merge(
                        previous, booking.__class__(record_locator=locator, carrier=carrier, cancelled=True)
                    )
            current = merge(previous, booking)
            versions.append(
                version_row(
                    booking,
                    push_id=push_id,
                    position=index,
                    content=booking_contract(booking),
                    received_at=received_at,
                )
            )
            found_changes.append(diff_bookings(previous, current))
            currents.append(current)
            states.pending[key] = current
            bookings += 1
            travellers += len(booking.travellers)
        version_ids = insert_versions(connection, versions)
        insert_changes(
            connection,
            [
                {
                    "booking_version_id": version_id,
                    "carrier": key[0],
                    "record_locator": key[1],
                    "kind": change.kind.value,
                    "subject": change.subject,
                    "before": change.before,
                    "after": change.after,
                    "received_at": received_at,
                }
                for version_id, key, found in zip(version_ids, keys, found_changes, strict=True)
                for change in found
            ],
        )
        for found in found_changes:
            changes.update(change.kind.value for change in found)
        _save_states(
            connection,
            push=push,
            keys=keys,
            version_ids=version_ids,
            currents=currents,
            stored=stored,
            flight_id=flight_id,
            received_at=received_at,
        )
    return StoredPnr(
        pushes=len(pushes),
        bookings=bookings,
        travellers=travellers,
        changes=changes,
        flight_ids=frozenset(flight_ids),
    )


def _save_states(
    connection: Connection,
    *,
    push: PnrPush,
    keys: Sequence[BookingKey],
    version_ids: Sequence[int],
    currents: Sequence[Booking],
    stored: dict[BookingKey, StoredState],
    flight_id: int | None,
    received_at: datetime,
) -> None:
    """Move each booking's current state to its new version (a booking may come twice in one push: its
    state then moves twice, the last one kept), in two statements."""
    created: dict[BookingKey, dict[str, Any]] = {}
    moved: dict[BookingKey, dict[str, Any]] = {}
    for booking, key, version_id, current in zip(push.bookings, keys, version_ids, currents, strict=True):
        has_body = bool(booking.travellers or booking.itinerary)
        row = created.get(key) or moved.get(key)
        if row is None:
            state = stored.get(key)
            if state is None:
                row = created[key] = {"carrier": key[0], "record_locator": key[1], "versions": 0}
                row["body_version_id"] = version_id
            else:
                row = moved[key] = {"state_id": state.id, "versions": state.versions}
                row["body_version_id"] = state.body_version_id
        row["versions"] += 1
        row["version_id"] = version_id
        if has_body:
            row["body_version_id"] = version_id
        row["flight_id"] = flight_id
        row["cancelled"] = current.cancelled
        row["received_at"] = received_at
    save_states(connection, created=list(created.values()), moved=list(moved.values()))
