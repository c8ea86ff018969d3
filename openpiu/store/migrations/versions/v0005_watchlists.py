"""Watchlists: registered lists, their import history, and the entries of each list's current version.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

Written from ``openpiu/store/watchlist_tables.py`` with the types spelled out, as in 0001. Enums are VARCHAR
with a CHECK named ``ck_<table>_<enum name>`` (the tables' naming convention).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime(timezone=True)
JSON = sa.JSON(none_as_null=True)
TEXT = sa.Text()

CATEGORIES = ("wanted_persons", "missing_persons", "stolen_lost_documents", "sanctions", "national_alerts")
KINDS = ("person", "organisation", "document")
SEXES = ("M", "F", "X", "U")
DATA_STATES = ("active", "depersonalised", "deleted")


def _check(table: str, column: str, name: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{name}"))


def upgrade() -> None:
    op.create_table(
        "watchlist",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", TEXT, nullable=False),
        sa.Column("owner", TEXT, nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("legal_basis", TEXT, nullable=False),
        sa.Column("published", TEXT, nullable=True),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        _check("watchlist", "category", "watchlist_category", CATEGORIES),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist")),
        sa.UniqueConstraint("name", name=op.f("uq_watchlist_name")),
    )
    op.create_table(
        "watchlist_version",
        sa.Column("id", ID, nullable=False),
        sa.Column("watchlist_id", ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("imported_at", UTC, nullable=False),
        sa.Column("imported_by", TEXT, nullable=False),
        sa.Column("source", TEXT, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("published", TEXT, nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("loaded", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("issues", JSON, nullable=False),
        sa.Column("entry_ids", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlist.id"],
            name=op.f("fk_watchlist_version_watchlist_id_watchlist"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_version")),
        sa.UniqueConstraint(
            "watchlist_id", "version", name=op.f("uq_watchlist_version_watchlist_id_version")
        ),
    )
    op.create_table(
        "watchlist_entry",
        sa.Column("id", ID, nullable=False),
        sa.Column("watchlist_id", ID, nullable=False),
        sa.Column("entry_id", TEXT, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("primary_name", TEXT, nullable=False),
        sa.Column("surname", TEXT, nullable=True),
        sa.Column("given_names", TEXT, nullable=True),
        sa.Column("names", JSON, nullable=False),
        sa.Column("dates_of_birth", JSON, nullable=False),
        sa.Column("nationalities", JSON, nullable=False),
        sa.Column("sex", sa.String(32), nullable=True),
        sa.Column("documents", JSON, nullable=False),
        sa.Column("reference", TEXT, nullable=True),
        sa.Column("remarks", JSON, nullable=False),
        sa.Column("search_keys", TEXT, nullable=False),
        sa.Column("document_keys", TEXT, nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.Column("data_state", sa.String(32), server_default="active", nullable=False),
        _check("watchlist_entry", "kind", "entry_kind", KINDS),
        _check("watchlist_entry", "sex", "sex", SEXES),
        _check("watchlist_entry", "data_state", "data_state", DATA_STATES),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlist.id"],
            name=op.f("fk_watchlist_entry_watchlist_id_watchlist"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_entry")),
        sa.UniqueConstraint(
            "watchlist_id", "entry_id", name=op.f("uq_watchlist_entry_watchlist_id_entry_id")
        ),
    )
    op.create_index(
        "ix_watchlist_entry_data_state_received_at", "watchlist_entry", ["data_state", "received_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_watchlist_entry_data_state_received_at", table_name="watchlist_entry")
    op.drop_table("watchlist_entry")
    op.drop_table("watchlist_version")
    op.drop_table("watchlist")
