"""What depersonalisation removes from each table, and the masked copy of a stored booking.

Pure. PNR Directive Art 12(2) lists the elements to mask: (a) names, including other travellers on the
PNR and the number travelling together; (b) address and contact details; (c) payment details that could
identify; (d) frequent-flyer data; (e) general remarks that could identify; (f) all API data. What stays is
what criteria backtesting and statistics need and what does not identify a person directly: route,
dates, booking and travel agency facts, payment *types*, sex, nationality, bag counts.

Each spec maps a column to the value it takes once masked (``""`` for text columns that may not be
NULL); the clear values are sealed (``openpiu.privacy.sealing``) before they are replaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# table -> {column: value once masked}
MASKED_COLUMNS: Mapping[str, Mapping[str, Any]] = {
    "raw_message": {"content": None, "reason": None, "warnings": None},
    "api_message": {"reporting_party": None, "reporting_contacts": None, "extra": None, "warnings": None},
    "traveller": {
        "surname": "",
        "given_names": "",
        "date_of_birth": None,
        "place_of_birth": None,
        "address_street": None,
        "address_city": None,
        "address_region": None,
        "address_postcode": None,
        "address_country": None,
        "passenger_ref": None,
        "bag_tags": None,
        "contacts": None,
        "extra": None,
    },
    "travel_document": {
        "number": "",
        "number_normalised": "",
        "expiry_date": None,
        "issue_date": None,
        "place_of_issue": None,
        "extra": None,
    },
    "pnr_push": {"warnings": None},
    # content is replaced by masked_booking(content); travellers (the number travelling together,
    # Art 12(2)(a)) by 0: the data_state says the count was masked, the sealed value keeps it.
    "booking_version": {"content": None, "travellers": 0},
    "booking_change": {"subject": "", "before": None, "after": None},
    # reason: an analyst's words on a manual link ("linked by USER: TEXT") may name the traveller; who
    # decided (decided_by) and when stay, as a hit's reviewer does.
    "reconciliation": {"api_name": None, "pnr_name": None, "reasons": None, "reason": None},
    # The fingerprint hashes the traveller's values (name, date of birth, documents): guessable, so masked.
    "hit": {"explanation": [], "decision_text": None, "fingerprint": ""},
    "hit_event": {"text": ""},
}

# Booking fields kept as they are: route, dates, agency, the booking's own references.
_BOOKING_KEPT = (
    "record_locator",
    "carrier",
    "created",
    "last_modified",
    "cancelled",
    "originator",
    "locators",
)
_LEG_DROPPED = ("checkins",)


def masked_booking(content: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The stored booking without the Art 12(2) elements: usable for backtesting, not for identifying.

    Travellers, contacts, addresses and the group name go entirely (their number identifies too); each
    payment keeps only its type (cash, card...); itinerary legs keep everything but check-ins (names,
    seats, bag tags).
    """
    if content is None:
        return None
    masked: dict[str, Any] = {key: content.get(key) for key in _BOOKING_KEPT if key in content}
    masked["itinerary"] = [
        {key: value for key, value in leg.items() if key not in _LEG_DROPPED}
        for leg in content.get("itinerary") or []
        if isinstance(leg, Mapping)
    ]
    masked["payment"] = [
        {"type": payment.get("type")}
        for payment in content.get("payment") or []
        if isinstance(payment, Mapping)
    ]
    masked["removed_categories"] = list(content.get("removed_categories") or [])
    masked["masked"] = True
    return masked
