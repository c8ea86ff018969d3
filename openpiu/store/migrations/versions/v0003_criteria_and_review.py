"""Criteria and hit review: rule versions and their lifecycle events, hits, hit events, disseminations.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

Written from ``openpiu/store/review_tables.py`` with the types spelled out, as in 0001. Enums are VARCHAR
with a CHECK named ``ck_<table>_<enum name>`` (the tables' naming convention).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime(timezone=True)
JSON = sa.JSON(none_as_null=True)
TEXT = sa.Text()

RULE_STATES = ("draft", "approved", "active", "retired")
HIT_SOURCES = ("watchlist", "rule")
HIT_STATES = ("new", "in_review", "confirmed", "dismissed")
REASONS = (
    "same_person",
    "pattern_corroborated",
    "other_relevant",
    "different_person",
    "data_error",
    "explained_by_context",
    "not_relevant",
    "other_false_positive",
)
ROLES = ("system", "analyst", "supervisor")
DISSEMINATION = ("requested", "approved", "refused", "sent")
DATA_STATES = ("active", "depersonalised", "deleted")


def _enum(
    table: str, column: str, name: str, values: tuple[str, ...], *, nullable: bool = False
) -> list[sa.schema.SchemaItem]:
    listed = ", ".join(f"'{value}'" for value in values)
    return [
        sa.Column(column, sa.String(32), nullable=nullable),
        sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{name}")),
    ]


def upgrade() -> None:
    op.create_table(
        "rule_version",
        sa.Column("id", ID, nullable=False),
        sa.Column("rule_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", JSON, nullable=False),
        sa.Column("title", TEXT, nullable=False),
        sa.Column("offence_category", sa.String(64), nullable=False),
        *_enum("rule_version", "state", "rule_state", RULE_STATES),
        sa.Column("author", TEXT, nullable=False),
        sa.Column("approver", TEXT, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("review_by", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_version")),
        sa.UniqueConstraint("rule_id", "version", name=op.f("uq_rule_version_rule_id_version")),
    )
    op.create_table(
        "rule_event",
        sa.Column("id", ID, nullable=False),
        sa.Column("rule_version_id", ID, nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("actor", TEXT, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        *_enum("rule_event", "from_state", "rule_event_from", RULE_STATES, nullable=True),
        *_enum("rule_event", "to_state", "rule_event_to", RULE_STATES),
        sa.Column("note", TEXT, nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_version_id"],
            ["rule_version.id"],
            name=op.f("fk_rule_event_rule_version_id_rule_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_event")),
    )
    op.create_index(op.f("ix_rule_event_rule_version_id"), "rule_event", ["rule_version_id"])
    op.create_table(
        "hit",
        sa.Column("id", ID, nullable=False),
        sa.Column("key", TEXT, nullable=False),
        *_enum("hit", "source", "hit_source", HIT_SOURCES),
        sa.Column("reference", TEXT, nullable=False),
        sa.Column("reference_version", TEXT, nullable=False),
        sa.Column("traveller_key", TEXT, nullable=False),
        sa.Column("flight_key", TEXT, nullable=False),
        sa.Column("explanation", JSON, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("first_seen", UTC, nullable=False),
        sa.Column("last_seen", UTC, nullable=False),
        sa.Column("deadline", UTC, nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        *_enum("hit", "state", "hit_state", HIT_STATES),
        sa.Column("reviewer", TEXT, nullable=True),
        *_enum("hit", "reason_code", "hit_reason", REASONS, nullable=True),
        sa.Column("decision_text", TEXT, nullable=True),
        sa.Column("data_state", sa.String(32), server_default="active", nullable=False),
        sa.CheckConstraint(
            "data_state IN ({})".format(", ".join(f"'{v}'" for v in DATA_STATES)),
            name=op.f("ck_hit_data_state"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit")),
        sa.UniqueConstraint("key", name=op.f("uq_hit_key")),
    )
    op.create_index(op.f("ix_hit_flight_key"), "hit", ["flight_key"])
    op.create_index(op.f("ix_hit_state"), "hit", ["state"])
    op.create_table(
        "hit_event",
        sa.Column("id", ID, nullable=False),
        sa.Column("hit_id", ID, nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("actor", TEXT, nullable=False),
        *_enum("hit_event", "role", "review_role", ROLES),
        sa.Column("action", sa.String(32), nullable=False),
        *_enum("hit_event", "from_state", "hit_event_from", HIT_STATES, nullable=True),
        *_enum("hit_event", "to_state", "hit_event_to", HIT_STATES),
        sa.Column("reason_code", sa.String(32), nullable=True),
        sa.Column("text", TEXT, nullable=False),
        sa.ForeignKeyConstraint(
            ["hit_id"], ["hit.id"], name=op.f("fk_hit_event_hit_id_hit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit_event")),
    )
    op.create_index(op.f("ix_hit_event_hit_id"), "hit_event", ["hit_id"])
    op.create_table(
        "hit_dissemination",
        sa.Column("id", ID, nullable=False),
        sa.Column("hit_id", ID, nullable=False),
        sa.Column("authority", TEXT, nullable=False),
        sa.Column("purpose", TEXT, nullable=False),
        *_enum("hit_dissemination", "status", "dissemination_status", DISSEMINATION),
        sa.Column("requested_by", TEXT, nullable=False),
        sa.Column("requested_at", UTC, nullable=False),
        sa.Column("decided_by", TEXT, nullable=True),
        sa.Column("decided_at", UTC, nullable=True),
        sa.Column("sent_by", TEXT, nullable=True),
        sa.Column("sent_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["hit_id"], ["hit.id"], name=op.f("fk_hit_dissemination_hit_id_hit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit_dissemination")),
        sa.UniqueConstraint("hit_id", name=op.f("uq_hit_dissemination_hit_id")),
    )


def downgrade() -> None:
    op.drop_table("hit_dissemination")
    op.drop_index(op.f("ix_hit_event_hit_id"), table_name="hit_event")
    op.drop_table("hit_event")
    op.drop_index(op.f("ix_hit_state"), table_name="hit")
    op.drop_index(op.f("ix_hit_flight_key"), table_name="hit")
    op.drop_table("hit")
    op.drop_index(op.f("ix_rule_event_rule_version_id"), table_name="rule_event")
    op.drop_table("rule_event")
    op.drop_table("rule_version")
