"""One stored change of every kind (``booking_change`` rows), for the pages and the CLI that read them."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from openpiu.pnr import ChangeKind
from openpiu.store.pnr_tables import booking_change, booking_version

# Each kind as the ingest stores it (subject, before, after) and what the traveller page says of it in
# English and in Albanian (label, then the rest). The values are data (codes, names, a count); the words
# are the reader's.
EVERY_KIND: dict[ChangeKind, tuple[str, str | None, str | None, dict[str, tuple[str, str]]]] = {
    ChangeKind.CREATED: (
        "ABC123",
        None,
        "3",
        {"en": ("booking created", ": — → 3 travellers"), "sq": ("rezervimi u krijua", ": — → 3 udhëtarë")},
    ),
    ChangeKind.CANCELLED: (
        "ABC123",
        None,
        None,
        {"en": ("booking cancelled", ""), "sq": ("rezervimi u anulua", "")},
    ),
    ChangeKind.REINSTATED: (
        "ABC123",
        None,
        None,
        {"en": ("booking reinstated", ""), "sq": ("rezervimi u rikthye", "")},
    ),
    ChangeKind.TRAVELLER_ADDED: (
        "HOXHA/ELIRA",
        None,
        "HOXHA/ELIRA",
        {"en": ("traveller added", ": — → HOXHA/ELIRA"), "sq": ("udhëtari u shtua", ": — → HOXHA/ELIRA")},
    ),
    ChangeKind.TRAVELLER_REMOVED: (
        "PETROVIC/LUKA",
        "PETROVIC/LUKA",
        None,
        {"en": ("traveller removed", ": PETROVIC/LUKA → —"), "sq": ("udhëtari u hoq", ": PETROVIC/LUKA → —")},
    ),
    ChangeKind.NAME_CHANGED: (
        "PETROVSKI/LUKA",
        "PETROVIC/LUKA",
        "PETROVSKI/LUKA",
        {
            "en": ("name changed", ": PETROVIC/LUKA → PETROVSKI/LUKA"),
            "sq": ("emri ndryshoi", ": PETROVIC/LUKA → PETROVSKI/LUKA"),
        },
    ),
    ChangeKind.DOCUMENT_CHANGED: (
        "PETROVIC/MARKO JOVAN",
        "012345678",
        "087654321",
        {
            "en": ("travel document changed", " PETROVIC/MARKO JOVAN: 012345678 → 087654321"),
            "sq": ("dokumenti i udhëtimit ndryshoi", " PETROVIC/MARKO JOVAN: 012345678 → 087654321"),
        },
    ),
    ChangeKind.ITINERARY_CHANGED: (
        "ABC123",
        "JU0456 IST-BEG 2025-03-14",
        "JU0456 IST-BEG 2025-03-14; JU0457 BEG-IST 2025-03-20",
        {
            "en": (
                "itinerary changed",
                ": JU0456 IST-BEG 2025-03-14 → JU0456 IST-BEG 2025-03-14; JU0457 BEG-IST 2025-03-20",
            ),
            "sq": (
                "itinerari ndryshoi",
                ": JU0456 IST-BEG 2025-03-14 → JU0456 IST-BEG 2025-03-14; JU0457 BEG-IST 2025-03-20",
            ),
        },
    ),
    ChangeKind.PAYMENT_CHANGED: (
        "ABC123",
        "CC VI XXXXXXXXXXXX1111 416.00",
        "CA",
        {
            "en": ("payment changed", ": CC VI XXXXXXXXXXXX1111 416.00 → CA"),
            "sq": ("pagesa ndryshoi", ": CC VI XXXXXXXXXXXX1111 416.00 → CA"),
        },
    ),
    ChangeKind.SEAT_CHANGED: (
        "PETROVIC/MARKO JOVAN",
        "12A",
        "14C",
        {
            "en": ("seat changed", " PETROVIC/MARKO JOVAN: 12A → 14C"),
            "sq": ("vendi ndryshoi", " PETROVIC/MARKO JOVAN: 12A → 14C"),
        },
    ),
    ChangeKind.CONTACT_CHANGED: (
        "ABC123",
        "TE 38164000000",
        "TE 38111222333",
        {
            "en": ("contact details changed", ": TE 38164000000 → TE 38111222333"),
            "sq": ("të dhënat e kontaktit ndryshuan", ": TE 38164000000 → TE 38111222333"),
        },
    ),
    ChangeKind.BAGS_CHANGED: (
        "PETROVIC/MARKO JOVAN",
        "1 23KG",
        "2 46KG",
        {
            "en": ("baggage changed", " PETROVIC/MARKO JOVAN: 1 23KG → 2 46KG"),
            "sq": ("bagazhi ndryshoi", " PETROVIC/MARKO JOVAN: 1 23KG → 2 46KG"),
        },
    ),
}


def store_every_kind(connection: Connection, *, record_locator: str) -> None:
    """A change of every kind on the booking's latest version (the caller commits)."""
    version = connection.execute(
        select(booking_version.c.id, booking_version.c.carrier, booking_version.c.received_at)
        .where(booking_version.c.record_locator == record_locator)
        .order_by(booking_version.c.id.desc())
        .limit(1)
    ).one()
    connection.execute(
        insert(booking_change),
        [
            {
                "booking_version_id": version.id,
                "carrier": version.carrier,
                "record_locator": record_locator,
                "kind": kind.value,
                "subject": subject,
                "before": before,
                "after": after,
                "received_at": version.received_at,
            }
            for kind, (subject, before, after, _) in EVERY_KIND.items()
        ],
    )
