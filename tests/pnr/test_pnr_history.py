"""Push history: current state and the change between pushes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pnr_factories import FLIGHT, booking, pnr_traveller  # type: ignore[import-not-found]

from openpiu.model import FlightLeg, PnrPush, PushFunction
from openpiu.pnr import (
    CHANGE_LABELS,
    ChangeKind,
    apply_push,
    booking_key,
    change_label,
    created_travellers,
    diff_bookings,
)


def push(*bookings: object, function: PushFunction = PushFunction.FULL) -> PnrPush:
    return PnrPush(
        format="PNRGOV 13.1",
        function=function,
        sender="JU",
        recipient=None,
        prepared=None,
        interchange_ref=None,
        message_ref=None,
        common_access_ref=None,
        sequence=None,
        final=None,
        originator=None,
        flight=FLIGHT,
        declared_bookings=None,
        bookings=tuple(bookings),  # type: ignore[arg-type]
    )


def test_first_push_creates() -> None:
    first = booking("ABC123", pnr_traveller("PETROVIC", "MARKO", ref="1"))
    state, changes = apply_push({}, push(first))
    assert state == {("JU", "ABC123"): first}
    assert [(k, [c.kind for c in found]) for k, found in changes] == [
        (("JU", "ABC123"), [ChangeKind.CREATED])
    ]


def test_a_booking_created_keeps_its_traveller_count_as_data() -> None:
    # A number, not English words: each reader (a page in the analyst's language, the CLI) says it.
    first = booking("ABC123", pnr_traveller("PETROVIC", "MARKO", ref="1"), pnr_traveller("PETROVIC", "ANA"))
    (created,) = diff_bookings(None, first)
    assert (created.kind, created.subject, created.before, created.after) == (
        ChangeKind.CREATED,
        "ABC123",
        None,
        "2",
    )
    assert created_travellers(created.kind, created.after) == 2
    # A row stored by an earlier version (English text) and other kinds have no count: shown as stored.
    assert created_travellers("created", "2 traveller(s)") is None
    assert created_travellers("created", None) is None
    assert created_travellers("seat_changed", "14") is None


def test_changes_between_two_pushes() -> None:
    old = booking(
        "ABC123",
        pnr_traveller("PETROVIC", "MARKO", ref="1", doc="P111", seat="12A", bags=1),
        pnr_traveller("PETROVIC", "ANA", ref="2"),
    )
    new = booking(
        "ABC123",
        pnr_traveller("PETROVICH", "MARKO", ref="1", doc="P111", seat="14C", bags=2),
        pnr_traveller("JOVANOVIC", "LUKA", ref="3"),
        legs=(FLIGHT, FlightLeg("JU", "0124", "BEG", "IST", datetime(2025, 3, 20, 9, 0), None)),
        payment="CA",
        contact="38111222333",
    )
    changes = diff_bookings(old, new)
    assert [(c.kind, c.before, c.after) for c in changes] == [
        (ChangeKind.TRAVELLER_REMOVED, "PETROVIC/ANA", None),
        (ChangeKind.TRAVELLER_ADDED, None, "JOVANOVIC/LUKA"),
        (ChangeKind.SEAT_CHANGED, "12A", "14C"),
        (ChangeKind.BAGS_CHANGED, "1", "2"),
        (
            ChangeKind.ITINERARY_CHANGED,
            "JU0123 IST-BEG 2025-03-14",
            "JU0123 IST-BEG 2025-03-14; JU0124 BEG-IST 2025-03-20",
        ),
        (ChangeKind.PAYMENT_CHANGED, "CC", "CA"),
        (ChangeKind.CONTACT_CHANGED, "TE 38164000000", "TE 38111222333"),
    ]


def test_name_change_is_told_apart_from_remove_and_add() -> None:
    old = booking("ABC123", pnr_traveller("NOVAK", "ANA", ref="1"))
    new = booking("ABC123", pnr_traveller("NOVAK", "ANNA MARIA", ref="1"))
    assert [(c.kind, c.before, c.after) for c in diff_bookings(old, new)] == [
        (ChangeKind.NAME_CHANGED, "NOVAK/ANA", "NOVAK/ANNA MARIA")
    ]


def test_transliteration_only_is_no_change() -> None:
    old = booking("ABC123", pnr_traveller("DJOKOVIC", "MARKO", ref="1"))
    new = booking("ABC123", pnr_traveller("DOKOVIC", "MARKO", ref="1"))
    assert diff_bookings(old, new) == ()


def test_update_push_cancellation_keeps_the_last_body() -> None:
    first = booking("ABC123", pnr_traveller("HOXHA", "ARBEN", ref="1"))
    state, _ = apply_push({}, push(first))
    cancel = replace(booking("ABC123"), travellers=(), itinerary=(), cancelled=True)
    state, changes = apply_push(state, push(cancel, function=PushFunction.UPDATE))
    current = state[booking_key(first)]
    assert current.cancelled is True
    assert [t.person.surname for t in current.travellers] == ["HOXHA"]
    assert [c.kind for _, found in changes for c in found] == [ChangeKind.CANCELLED]


def test_unchanged_booking_reports_nothing() -> None:
    first = booking("ABC123", pnr_traveller("HOXHA", "ARBEN", ref="1"))
    state, _ = apply_push({}, push(first))
    state, changes = apply_push(state, push(first))
    assert changes == []


def test_every_change_kind_has_its_own_label() -> None:
    # A new kind without a label would reach the analyst as a raw code.
    assert set(CHANGE_LABELS) == set(ChangeKind)
    labels = [CHANGE_LABELS[kind] for kind in ChangeKind]
    assert all(label.strip() and "_" not in label for label in labels)
    assert len(set(labels)) == len(labels)
    assert change_label("traveller_added") == "traveller added"
    # A kind written by a later version is shown as stored rather than hidden.
    assert change_label("meal_changed") == "meal_changed"
