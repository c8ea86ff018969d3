"""The pseudonym key leaves the database: a check value of the key instead of the key.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29

The hit-key secret (``deployment_secret``) must be kept apart from the pseudonymised data (GDPR Art 4(5)):
whoever holds a database backup must not be able to test a guessed passport number against a hit key.
It now lives in the pseudonym key file (``OPENPIU_PSEUDONYM_KEY_FILE``). This revision only adds
``key_check``; an existing secret is moved to the file, and its row deleted, by ``openpiu db upgrade``
right after the schema (or at the first use of the key), which know where the file is. The migration
cannot: it has no settings. Until then every use of the key moves it first, so no run ever makes a new
key while the old one is still in the table (a new key would raise every dismissed hit again).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "key_check",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("check_value", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_key_check")),
    )


def downgrade() -> None:
    op.drop_table("key_check")
