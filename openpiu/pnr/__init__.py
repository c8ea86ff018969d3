"""PNR domain logic, pure (no files, database or settings): push history and API↔PNR reconciliation.

``history.apply_push`` keeps the current state of each booking and lists what changed from push to
push; ``reconcile.reconcile`` links a flight's API travellers to its PNR travellers with a confidence
and the reasons; ``names`` holds the Balkan-aware name keys both use.
"""

from openpiu.pnr.history import (
    CHANGE_LABELS,
    BookingKey,
    Change,
    ChangeKind,
    apply_push,
    booking_key,
    change_label,
    created_travellers,
    diff_bookings,
    merge,
)
from openpiu.pnr.reconcile import Link, Reconciliation, reconcile

__all__ = [
    "CHANGE_LABELS",
    "BookingKey",
    "Change",
    "ChangeKind",
    "Link",
    "Reconciliation",
    "apply_push",
    "booking_key",
    "change_label",
    "created_travellers",
    "diff_bookings",
    "merge",
    "reconcile",
]
