"""Push history: the current state of each booking, and what changed from one push to the next.

The same booking arrives several times (72/48/24 h before departure, at closure, ad hoc), as a full
push (``MSG+:22``: every PNR of the flight) or an update push (``MSG+:141``: only new or changed PNRs; a
cancelled PNR, or one the pushed flight was removed from, comes with an empty ORG). The key of a booking
is its carrier and record locator (standards digest §4.5). A booking missing from a later full push is
not taken as cancelled: carriers split pushes over several messages, and only an explicit empty ORG says
so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from openpiu.model import Booking, PnrPush, PnrTraveller
from openpiu.pnr.names import given_key, surname_key

BookingKey = tuple[str, str]


class ChangeKind(StrEnum):
    """What changed in a booking between two pushes (Annex I item 19: historical changes)."""

    CREATED = "created"
    CANCELLED = "cancelled"
    REINSTATED = "reinstated"
    TRAVELLER_ADDED = "traveller_added"
    TRAVELLER_REMOVED = "traveller_removed"
    NAME_CHANGED = "name_changed"
    DOCUMENT_CHANGED = "document_changed"
    ITINERARY_CHANGED = "itinerary_changed"
    PAYMENT_CHANGED = "payment_changed"
    SEAT_CHANGED = "seat_changed"
    CONTACT_CHANGED = "contact_changed"
    BAGS_CHANGED = "bags_changed"


# What an analyst reads for each kind (English; the web pages translate it through the .po catalogues,
# the CLI prints it as is). Every kind has one: tests/pnr/test_pnr_history.py fails on a kind without a label.
CHANGE_LABELS: Mapping[ChangeKind, str] = {
    ChangeKind.CREATED: "booking created",
    ChangeKind.CANCELLED: "booking cancelled",
    ChangeKind.REINSTATED: "booking reinstated",
    ChangeKind.TRAVELLER_ADDED: "traveller added",
    ChangeKind.TRAVELLER_REMOVED: "traveller removed",
    ChangeKind.NAME_CHANGED: "name changed",
    ChangeKind.DOCUMENT_CHANGED: "travel document changed",
    ChangeKind.ITINERARY_CHANGED: "itinerary changed",
    ChangeKind.PAYMENT_CHANGED: "payment changed",
    ChangeKind.SEAT_CHANGED: "seat changed",
    ChangeKind.CONTACT_CHANGED: "contact details changed",
    ChangeKind.BAGS_CHANGED: "baggage changed",
}


def change_label(kind: str) -> str:
    """The label of a stored change kind; the code itself for a kind this version does not know
    (a row written by a later version), so that nothing is hidden."""
    try:
        return CHANGE_LABELS[ChangeKind(kind)]
    except ValueError:
        return kind


def created_travellers(kind: str, after: str | None) -> int | None:
    """The traveller count of a stored "booking created" change (its ``after``, a number).

    None for any other kind, and for a row stored before the count was kept as a number (its ``after``
    is English text, ``"2 traveller(s)"``): readers show such a value as stored.
    """
    if kind != ChangeKind.CREATED or after is None or not (after.isascii() and after.isdecimal()):
        return None
    return int(after)


@dataclass(frozen=True, slots=True)
class Change:
    """One change: its kind, who or what it concerns, and the values before and after (as text).

    The values are data, never words: codes, names, numbers, the legs' designators and airports (``?``
    where the push left one out), so that each reader (a page in the analyst's language, the English CLI)
    says them in its own words. A booking created carries its traveller count in ``after`` (``"2"``).
    """

    kind: ChangeKind
    subject: str
    before: str | None = None
    after: str | None = None


def booking_key(booking: Booking) -> BookingKey:
    """Carrier and record locator, upper case: one booking across its pushes."""
    return ((booking.carrier or "").upper(), booking.record_locator.upper())


def _name(traveller: PnrTraveller) -> str:
    return f"{traveller.person.surname}/{traveller.person.given_names}"


def _key(traveller: PnrTraveller) -> tuple[str, str]:
    return surname_key(traveller.person.surname), given_key(traveller.person.given_names)


def _legs(booking: Booking) -> list[str]:
    return [
        f"{leg.leg.designator} {leg.leg.departure_airport or '?'}-{leg.leg.arrival_airport or '?'} "
        f"{leg.leg.scheduled_departure.date().isoformat() if leg.leg.scheduled_departure else '?'}"
        for leg in booking.itinerary
    ]


def _payments(booking: Booking) -> list[str]:
    return sorted({" ".join(filter(None, (p.type, p.vendor, p.account, p.amount))) for p in booking.payments})


def _contacts(booking: Booking) -> list[str]:
    return sorted({f"{c.kind} {c.value}" for c in booking.contacts})


def _bags(traveller: PnrTraveller) -> str | None:
    bags = traveller.person.baggage
    if bags is None:
        return None
    weight = f" {bags.weight:g}{bags.weight_unit or ''}" if bags.weight is not None else ""
    return f"{bags.count if bags.count is not None else '?'}{weight}"


def _documents(traveller: PnrTraveller) -> str | None:
    numbers = sorted(d.number for d in traveller.person.documents)
    return ", ".join(numbers) or None


def _joined(values: list[str]) -> str | None:
    return "; ".join(values) or None


def diff_bookings(old: Booking | None, new: Booking) -> tuple[Change, ...]:
    """What changed from ``old`` (None: first time seen) to ``new`` (already the merged current state)."""
    locator = new.record_locator
    if old is None:
        return (Change(ChangeKind.CREATED, locator, None, str(len(new.travellers))),)
    changes: list[Change] = []
    if new.cancelled and not old.cancelled:
        changes.append(Change(ChangeKind.CANCELLED, locator))
    elif old.cancelled and not new.cancelled:
        changes.append(Change(ChangeKind.REINSTATED, locator))
    changes.extend(_traveller_changes(old.travellers, new.travellers))
    for kind, before, after in (
        (ChangeKind.ITINERARY_CHANGED, _legs(old), _legs(new)),
        (ChangeKind.PAYMENT_CHANGED, _payments(old), _payments(new)),
        (ChangeKind.CONTACT_CHANGED, _contacts(old), _contacts(new)),
    ):
        if before != after:
            changes.append(Change(kind, locator, _joined(before), _joined(after)))
    return tuple(changes)


def _traveller_changes(old: Iterable[PnrTraveller], new: Iterable[PnrTraveller]) -> list[Change]:
    old_by_key = {_key(t): t for t in old}
    new_by_key = {_key(t): t for t in new}
    changes: list[Change] = []
    gone = [t for k, t in old_by_key.items() if k not in new_by_key]
    came = [t for k, t in new_by_key.items() if k not in old_by_key]
    # A traveller whose name changed keeps its reference (TIF e2 c3) or its document number.
    for before in list(gone):
        match = next(
            (
                t
                for t in came
                if (before.ref and t.ref == before.ref)
                or (_documents(before) is not None and _documents(t) == _documents(before))
            ),
            None,
        )
        if match is not None:
            gone.remove(before)
            came.remove(match)
            changes.append(Change(ChangeKind.NAME_CHANGED, _name(match), _name(before), _name(match)))
            changes.extend(_same_traveller(before, match))
    changes.extend(Change(ChangeKind.TRAVELLER_REMOVED, _name(t), _name(t), None) for t in gone)
    changes.extend(Change(ChangeKind.TRAVELLER_ADDED, _name(t), None, _name(t)) for t in came)
    for key, before in old_by_key.items():
        after = new_by_key.get(key)
        if after is not None:
            changes.extend(_same_traveller(before, after))
    return changes


def _same_traveller(before: PnrTraveller, after: PnrTraveller) -> list[Change]:
    name = _name(after)
    changes: list[Change] = []
    for kind, old_value, new_value in (
        (ChangeKind.DOCUMENT_CHANGED, _documents(before), _documents(after)),
        (ChangeKind.SEAT_CHANGED, before.person.seat, after.person.seat),
        (ChangeKind.BAGS_CHANGED, _bags(before), _bags(after)),
    ):
        if old_value != new_value:
            changes.append(Change(kind, name, old_value, new_value))
    return changes


def merge(previous: Booking | None, received: Booking) -> Booking:
    """The current state after ``received``: a cancellation without a body keeps the last known body
    (so history and reconciliation still see who was booked), marked cancelled."""
    if previous is not None and received.cancelled and not received.travellers and not received.itinerary:
        return replace(
            previous, cancelled=True, last_modified=received.last_modified or previous.last_modified
        )
    return received


def apply_push(
    state: Mapping[BookingKey, Booking], push: PnrPush
) -> tuple[dict[BookingKey, Booking], list[tuple[BookingKey, tuple[Change, ...]]]]:
    """Apply one push to the current states; returns the new states and each booking's changes.

    Args:
        state: current booking states by key (not modified).
        push: the push received.
    """
    current = dict(state)
    changes: list[tuple[BookingKey, tuple[Change, ...]]] = []
    for received in push.bookings:
        key = booking_key(received)
        previous = current.get(key)
        merged = merge(previous, received)
        current[key] = merged
        found = diff_bookings(previous, merged)
        if found:
            changes.append((key, found))
    return current, changes
