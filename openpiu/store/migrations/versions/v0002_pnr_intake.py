"""PNR intake: pushes, booking versions and changes, current booking states, API-PNR reconciliation.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Written from ``openpiu/store/pnr_tables.py`` with the types spelled out, as in 0001.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime(timezone=True)
JSON = sa.JSON(none_as_null=True)
TEXT = sa.Text()

DATA_STATES = ("active", "depersonalised", "deleted")


def _personal(table: str) -> list[sa.schema.SchemaItem]:
    listed = ", ".join(f"'{value}'" for value in DATA_STATES)
    return [
        sa.Column("received_at", UTC, nullable=False),
        sa.Column("data_state", sa.String(32), server_default="active", nullable=False),
        sa.CheckConstraint(f"data_state IN ({listed})", name=op.f(f"ck_{table}_data_state")),
    ]


def upgrade() -> None:
    op.create_table(
        "pnr_push",
        sa.Column("id", ID, nullable=False),
        sa.Column("raw_message_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("flight_id", ID, nullable=True),
        sa.Column("format", TEXT, nullable=False),
        sa.Column("function", TEXT, nullable=False),
        sa.Column("sender", TEXT, nullable=True),
        sa.Column("message_ref", TEXT, nullable=True),
        sa.Column("declared_bookings", sa.Integer(), nullable=True),
        sa.Column("bookings", sa.Integer(), nullable=False),
        sa.Column("removed_categories", JSON, nullable=True),
        sa.Column("warnings", JSON, nullable=True),
        *_personal("pnr_push"),
        sa.ForeignKeyConstraint(
            ["raw_message_id"],
            ["raw_message.id"],
            name=op.f("fk_pnr_push_raw_message_id_raw_message"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["flight_id"], ["flight.id"], name=op.f("fk_pnr_push_flight_id_flight")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pnr_push")),
    )
    op.create_index("ix_pnr_push_raw_message_id", "pnr_push", ["raw_message_id"])
    op.create_index("ix_pnr_push_flight_id", "pnr_push", ["flight_id"])
    op.create_index("ix_pnr_push_data_state_received_at", "pnr_push", ["data_state", "received_at"])

    op.create_table(
        "booking_version",
        sa.Column("id", ID, nullable=False),
        sa.Column("pnr_push_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("carrier", TEXT, nullable=False),
        sa.Column("record_locator", TEXT, nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("travellers", sa.Integer(), nullable=False),
        sa.Column("content", JSON, nullable=True),
        sa.Column("removed_categories", JSON, nullable=True),
        *_personal("booking_version"),
        sa.ForeignKeyConstraint(
            ["pnr_push_id"],
            ["pnr_push.id"],
            name=op.f("fk_booking_version_pnr_push_id_pnr_push"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_version")),
    )
    op.create_index("ix_booking_version_pnr_push_id", "booking_version", ["pnr_push_id"])
    op.create_index(
        "ix_booking_version_carrier_record_locator", "booking_version", ["carrier", "record_locator"]
    )

    op.create_table(
        "booking_change",
        sa.Column("id", ID, nullable=False),
        sa.Column("booking_version_id", ID, nullable=False),
        sa.Column("carrier", TEXT, nullable=False),
        sa.Column("record_locator", TEXT, nullable=False),
        sa.Column("kind", TEXT, nullable=False),
        sa.Column("subject", TEXT, nullable=False),
        sa.Column("before", TEXT, nullable=True),
        sa.Column("after", TEXT, nullable=True),
        *_personal("booking_change"),
        sa.ForeignKeyConstraint(
            ["booking_version_id"],
            ["booking_version.id"],
            name=op.f("fk_booking_change_booking_version_id_booking_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_change")),
    )
    op.create_index("ix_booking_change_booking_version_id", "booking_change", ["booking_version_id"])
    op.create_index(
        "ix_booking_change_carrier_record_locator", "booking_change", ["carrier", "record_locator"]
    )

    op.create_table(
        "booking_state",
        sa.Column("id", ID, nullable=False),
        sa.Column("carrier", TEXT, nullable=False),
        sa.Column("record_locator", TEXT, nullable=False),
        sa.Column("version_id", ID, nullable=False),
        sa.Column("body_version_id", ID, nullable=False),
        sa.Column("flight_id", ID, nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        *_personal("booking_state"),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["booking_version.id"],
            name=op.f("fk_booking_state_version_id_booking_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["body_version_id"],
            ["booking_version.id"],
            name=op.f("fk_booking_state_body_version_id_booking_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["flight_id"], ["flight.id"], name=op.f("fk_booking_state_flight_id_flight")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_state")),
        sa.UniqueConstraint(
            "carrier", "record_locator", name=op.f("uq_booking_state_carrier_record_locator")
        ),
    )
    op.create_index("ix_booking_state_flight_id", "booking_state", ["flight_id"])
    op.create_index("ix_booking_state_record_locator", "booking_state", ["record_locator"])

    op.create_table(
        "reconciliation",
        sa.Column("id", ID, nullable=False),
        sa.Column("flight_id", ID, nullable=False),
        sa.Column("status", TEXT, nullable=False),
        sa.Column("traveller_id", ID, nullable=True),
        sa.Column("carrier", TEXT, nullable=True),
        sa.Column("record_locator", TEXT, nullable=True),
        sa.Column("api_name", TEXT, nullable=True),
        sa.Column("pnr_name", TEXT, nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("reasons", JSON, nullable=True),
        sa.Column("name_mismatch", sa.Boolean(), nullable=False),
        sa.Column("computed_at", UTC, nullable=False),
        *_personal("reconciliation"),
        sa.ForeignKeyConstraint(
            ["flight_id"], ["flight.id"], name=op.f("fk_reconciliation_flight_id_flight"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"],
            ["traveller.id"],
            name=op.f("fk_reconciliation_traveller_id_traveller"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reconciliation")),
    )
    op.create_index("ix_reconciliation_flight_id", "reconciliation", ["flight_id"])


def downgrade() -> None:
    for table in ("reconciliation", "booking_state", "booking_change", "booking_version", "pnr_push"):
        op.drop_table(table)
