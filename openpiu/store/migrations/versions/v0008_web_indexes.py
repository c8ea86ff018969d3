"""Indexes for the analysts' screens on a large store: the board's arrivals and departures by airport, its
passenger and crew counts, and a traveller's hits.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29

Measured with ``python -m bench.web_latency`` (1,000,000 travellers): without them the arrivals half of
the board and the hits of a traveller page scan their whole table on every request, and the board's
counts read every traveller row of the day's flights. ``ix_traveller_flight_id_role`` replaces
``ix_traveller_flight_id`` (same leading column).
"""

from __future__ import annotations

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

INDEXES = (
    ("ix_flight_departure_airport_date", "flight", ["departure_airport", "departure_date"]),
    ("ix_flight_arrival_airport_time", "flight", ["arrival_airport", "scheduled_arrival_local"]),
    ("ix_hit_traveller_key", "hit", ["traveller_key"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_index("ix_traveller_flight_id_role", "traveller", ["flight_id", "role"])
    op.drop_index("ix_traveller_flight_id", table_name="traveller")


def downgrade() -> None:
    op.create_index("ix_traveller_flight_id", "traveller", ["flight_id"])
    op.drop_index("ix_traveller_flight_id_role", table_name="traveller")
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
