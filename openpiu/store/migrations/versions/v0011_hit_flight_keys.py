"""Every hit names its flight ``flight:ID``: stored hits of the two older forms are rewritten.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29

Watchlist hits were recorded with ``JU0123/2026-11-29/BEG`` (carrier and number, local date, departure
airport), and some hits with ``JU0123/2026-11-29``; the review screens, the flights board, retention and
data-subject access read ``flight:ID`` (``openpiu.review.keys``). A hit whose flight row is found (carrier
and number, date, and the departure airport when the key has one; exactly one row) gets ``flight:ID``.
The others (the flight was never stored, or a key without airport names several legs) keep their key, and
their number is logged (``alembic.runtime.migration``); retention still reads such a key as every flight it
may name (``openpiu.store.coverage.hit_flight_ids``). Traveller keys and hit identities do not change.

Downgrade is a no-op that leaves ``flight:ID`` in place: the code before this revision already wrote it for
criteria hits and showed it on its screens.
"""

from __future__ import annotations

import logging
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

log = logging.getLogger("alembic.runtime.migration")

hit = sa.table("hit", sa.column("id", sa.Integer()), sa.column("flight_key", sa.Text()))
flight = sa.table(
    "flight",
    sa.column("id", sa.Integer()),
    sa.column("carrier", sa.Text()),
    sa.column("number", sa.Text()),
    sa.column("departure_date", sa.Date()),
    sa.column("departure_airport", sa.Text()),
)


def upgrade() -> None:
    moved, left = rewrite_flight_keys(op.get_bind())
    log.info("hit flight keys: %d rewritten to flight:ID", moved)
    if left:
        log.warning("hit flight keys: %d left as they were (no single stored flight matches them)", left)


def rewrite_flight_keys(connection: sa.Connection) -> tuple[int, int]:
    """Rewrite the hits' old flight keys whose flight is found; (rewritten, left unchanged)."""
    rows = connection.execute(
        sa.select(hit.c.id, hit.c.flight_key).where(sa.not_(hit.c.flight_key.startswith("flight:")))
    ).all()
    wanted: dict[int, tuple[str, date, str | None]] = {}
    for row in rows:
        parts = row.flight_key.strip().upper().split("/")
        if len(parts) not in (2, 3):
            continue
        try:
            day = date.fromisoformat(parts[1])
        except ValueError:
            continue
        wanted[row.id] = (parts[0], day, parts[2] if len(parts) == 3 else None)
    legs: dict[tuple[str, date], list[tuple[int, str]]] = {}
    days = sorted({day for _, day, _ in wanted.values()})
    for start in range(0, len(days), 500):
        for leg in connection.execute(
            sa.select(
                flight.c.id,
                flight.c.carrier,
                flight.c.number,
                flight.c.departure_date,
                flight.c.departure_airport,
            ).where(flight.c.departure_date.in_(days[start : start + 500]))
        ):
            designator = f"{leg.carrier}{leg.number}"
            legs.setdefault((designator, leg.departure_date), []).append((leg.id, leg.departure_airport))
    updates = []
    for hit_id, (designator, day, airport) in wanted.items():
        found = [i for i, leaves in legs.get((designator, day), []) if airport in (None, leaves)]
        if len(found) == 1:
            updates.append({"hit_id": hit_id, "new_key": f"flight:{found[0]}"})
    if updates:
        connection.execute(
            hit.update().where(hit.c.id == sa.bindparam("hit_id")).values(flight_key=sa.bindparam("new_key")),
            updates,
        )
    return len(updates), len(rows) - len(updates)


def downgrade() -> None:
    """Nothing to undo (see the module docstring)."""
