"""Manual API↔PNR links: who made a reconciliation line by hand, when, and why.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29

``openpiu pnr link`` lets an analyst or supervisor link an API traveller to a booked traveller that
reconciliation did not match (a name spelled very differently). Such a line carries ``decided_by`` (the
login name), ``decided_at`` and ``reason`` ("linked by USER: TEXT"); reconciliation keeps it on every
re-run and leaves the two travellers it joins out of its own matching. Lines computed by reconciliation
have the three columns NULL, which is what every line stored before this revision gets.

Downgrading drops the columns. Manual lines stay as plain "linked" lines, which revision 0012 reads as
it reads any link, until its next reconciliation of the flight replaces them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None

COLUMNS = ("decided_by", "decided_at", "reason")


def upgrade() -> None:
    with op.batch_alter_table("reconciliation") as batch:
        batch.add_column(sa.Column("decided_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reconciliation") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
