"""The push history made readable: labels, what changed, local time at the departure airport, masking."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from openpiu.model import DataState
from openpiu.web.pushview import ChangeView, change_view, push_history


def stored(kind: str, subject: str, before: str | None, after: str | None, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "subject": subject, "before": before, "after": after, **extra}


def test_the_subject_is_kept_only_when_the_values_do_not_name_it() -> None:
    seat = change_view(
        stored("seat_changed", "KRASNIQI/ARBEN", "12A", "14C"), record_locator="X7K2PQ", masked=False
    )
    assert seat == ChangeView("seat changed", "KRASNIQI/ARBEN", "12A", "14C", masked=False)
    renamed = stored("name_changed", "KRASNIQI/ARBEN", "KRASNIQ/ARBEN", "KRASNIQI/ARBEN")
    assert change_view(renamed, record_locator="X7K2PQ", masked=False).subject is None
    legs = stored("itinerary_changed", "X7K2PQ", "JU0456 IST-BEG 2025-03-14", None)
    assert change_view(legs, record_locator="X7K2PQ", masked=False) == ChangeView(
        "itinerary changed", None, "JU0456 IST-BEG 2025-03-14", None, masked=False
    )
    # A kind this version does not know is shown as stored, not dropped.
    assert change_view(
        stored("meal_changed", "X7K2PQ", None, None), record_locator="X7K2PQ", masked=False
    ).label == ("meal_changed")


def test_a_booking_created_carries_its_count_for_the_page_to_say() -> None:
    created = change_view(stored("created", "X7K2PQ", None, "3"), record_locator="X7K2PQ", masked=False)
    assert created == ChangeView("booking created", None, None, None, masked=False, travellers=3)
    # Stored as English text by an earlier version: shown as stored, not lost.
    old = change_view(
        stored("created", "X7K2PQ", None, "3 traveller(s)"), record_locator="X7K2PQ", masked=False
    )
    assert old == ChangeView("booking created", None, None, "3 traveller(s)", masked=False)


def test_masked_changes_keep_only_their_label() -> None:
    change = stored("document_changed", "KRASNIQI/ARBEN", "AB1234567", "AB7654321")
    hidden = ChangeView("travel document changed", None, None, None, masked=True)
    assert change_view(change, record_locator="X7K2PQ", masked=True) == hidden
    sealed = {**change, "data_state": DataState.DEPERSONALISED}
    assert change_view(sealed, record_locator="X7K2PQ", masked=False) == hidden
    # The traveller count of a booking created is masked with the rest.
    created = stored("created", "X7K2PQ", None, "3")
    counted = ChangeView("booking created", None, None, None, masked=True)
    assert change_view(created, record_locator="X7K2PQ", masked=True) == counted
    sealed = {**created, "data_state": DataState.DEPERSONALISED}
    assert change_view(sealed, record_locator="X7K2PQ", masked=False) == counted


def test_receipt_times_are_shown_at_the_departure_airport() -> None:
    versions = [
        {"received_at": datetime(2025, 3, 14, 8, 5, tzinfo=UTC), "function": "22", "changes": []},
        {"received_at": datetime(2025, 7, 1, 22, 30, tzinfo=UTC), "function": "141", "changes": []},
    ]
    skopje = push_history(versions, record_locator="X7K2PQ", airport="SKP", masked=False)
    assert [(v.received, v.full) for v in skopje] == [
        ("2025-03-14 09:05 CET", True),
        ("2025-07-02 00:30 CEST", False),
    ]
    tirana = push_history(versions, record_locator="X7K2PQ", airport="TIA", masked=False)
    assert tirana[0].received == "2025-03-14 09:05 CET"
    assert push_history(versions, record_locator="X7K2PQ", airport=None, masked=False)[0].received == (
        "2025-03-14 08:05 UTC"
    )
