"""Reconciliation lines carry their booking's carrier; an index to find a booking's lines.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29

Before this revision reconciliation stored no carrier, so a line named its booking by record locator
alone, and two carriers may issue the same six-character locator. Reconciliation now stores the
booking's carrier (``booking_state.carrier``, the owner of the locator). The lines already stored get it
where it can be derived: the one carrier of the flight's current bookings with that locator. A line whose
flight has bookings of two carriers with that locator keeps none (as does a go-show's line, which has no
booking); ``openpiu pnr reconcile`` recomputes every line with its carrier.

The index serves the readers that look a booking's lines up by locator and carrier (retention masking
them, erasure, unmasking, the booking search).

Downgrading drops the index and keeps the carriers: revision 0011 reads a line as its booking's when
the carrier is the booking's or absent, so the stored carriers only make it more precise.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None

# One statement on both backends: the carrier when exactly one current booking of the line's flight
# has the line's locator (booking_state keys locators in upper case), else NULL (left as it was).
BACKFILL = """
UPDATE reconciliation SET carrier = (
    SELECT CASE WHEN COUNT(DISTINCT booking_state.carrier) = 1 THEN MIN(booking_state.carrier) END
    FROM booking_state
    WHERE booking_state.record_locator = UPPER(reconciliation.record_locator)
      AND booking_state.flight_id = reconciliation.flight_id
)
WHERE carrier IS NULL AND record_locator IS NOT NULL AND status IN ('linked', 'pnr_only')
"""


def upgrade() -> None:
    op.execute(sa.text(BACKFILL))
    op.create_index(
        "ix_reconciliation_record_locator_carrier", "reconciliation", ["record_locator", "carrier"]
    )


def downgrade() -> None:
    op.drop_index("ix_reconciliation_record_locator_carrier", table_name="reconciliation")
