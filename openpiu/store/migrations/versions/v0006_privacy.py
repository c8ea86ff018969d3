"""Data-protection lifecycle: retention holds, sealed values, re-personalisation requests, data-subject
requests; the ``authority`` staff role.

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-29

Adding a role widens the CHECK constraint of ``staff_user.role``. PostgreSQL swaps the constraint; SQLite
must rebuild the table, and dropping the old table there runs the ``ON DELETE CASCADE`` of sessions and
API tokens (SQLite performs an implicit DELETE, and foreign keys cannot be switched off inside the
migration's transaction): their rows are copied aside first and put back after the rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime(timezone=True)
TEXT = sa.Text()
OLD_ROLES = ("analyst", "supervisor", "dpo", "auditor", "admin", "liaison")
NEW_ROLES = (*OLD_ROLES, "authority")
CHILDREN = ("staff_session", "api_token")


def _set_roles(roles: tuple[str, ...]) -> None:
    listed = ", ".join(f"'{value}'" for value in roles)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_staff_user_staff_role"), "staff_user", type_="check")
        op.create_check_constraint(op.f("ck_staff_user_staff_role"), "staff_user", f"role IN ({listed})")
        return
    saved = {name: bind.execute(sa.text(f"SELECT * FROM {name}")).mappings().all() for name in CHILDREN}  # noqa: S608 - fixed table names
    with op.batch_alter_table("staff_user", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_staff_user_staff_role"), type_="check")
        batch.create_check_constraint(op.f("ck_staff_user_staff_role"), f"role IN ({listed})")
    for name, rows in saved.items():
        bind.execute(sa.text(f"DELETE FROM {name}"))  # noqa: S608 - fixed table names
        if rows:
            columns = list(rows[0].keys())
            statement = (
                f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"  # noqa: S608 - fixed table and column names
            )
            bind.execute(sa.text(statement), [dict(row) for row in rows])


def upgrade() -> None:
    _set_roles(NEW_ROLES)
    # Retention deletes booking versions and travellers: the rows that cascade from them need indexes.
    op.create_index("ix_booking_state_version_id", "booking_state", ["version_id"])
    op.create_index("ix_booking_state_body_version_id", "booking_state", ["body_version_id"])
    op.create_index("ix_reconciliation_traveller_id", "reconciliation", ["traveller_id"])
    op.create_table(
        "retention_hold",
        sa.Column("id", ID, nullable=False),
        sa.Column("target", TEXT, nullable=False),
        sa.Column("reason", TEXT, nullable=False),
        sa.Column("legal_basis", TEXT, nullable=False),
        sa.Column("created_by", TEXT, nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("review_date", sa.Date(), nullable=False),
        sa.Column("released_by", TEXT, nullable=True),
        sa.Column("released_at", UTC, nullable=True),
        sa.Column("release_reason", TEXT, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_hold")),
    )
    op.create_index("ix_retention_hold_target", "retention_hold", ["target"])
    op.create_table(
        "sealed_value",
        sa.Column("id", ID, nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", ID, nullable=False),
        sa.Column("sealed_at", UTC, nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sealed_value")),
        sa.UniqueConstraint("table_name", "row_id", name=op.f("uq_sealed_value_table_name_row_id")),
    )
    op.create_table(
        "unmask_request",
        sa.Column("id", ID, nullable=False),
        sa.Column("target", TEXT, nullable=False),
        sa.Column("requester", TEXT, nullable=False),
        sa.Column("case_ref", TEXT, nullable=False),
        sa.Column("offence_category", sa.String(64), nullable=False),
        sa.Column("purpose", TEXT, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("requested_at", UTC, nullable=False),
        sa.Column("decided_by", TEXT, nullable=True),
        sa.Column("decided_at", UTC, nullable=True),
        sa.Column("decision_reason", TEXT, nullable=True),
        sa.Column("access_until", UTC, nullable=True),
        sa.Column("reviewed_by", TEXT, nullable=True),
        sa.Column("reviewed_at", UTC, nullable=True),
        sa.Column("review_note", TEXT, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unmask_request")),
    )
    op.create_index("ix_unmask_request_state", "unmask_request", ["state"])
    op.create_table(
        "dpo_notification",
        sa.Column("id", ID, nullable=False),
        sa.Column("request_id", ID, nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("subject", TEXT, nullable=False),
        sa.Column("read_by", TEXT, nullable=True),
        sa.Column("read_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["unmask_request.id"],
            name=op.f("fk_dpo_notification_request_id_unmask_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dpo_notification")),
    )
    op.create_index("ix_dpo_notification_request_id", "dpo_notification", ["request_id"])
    op.create_table(
        "subject_request",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("subject_ref", TEXT, nullable=False),
        sa.Column("criteria", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.Column("received_by", TEXT, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("found", sa.Integer(), nullable=True),
        sa.Column("export_sha256", sa.String(64), nullable=True),
        sa.Column("answer", TEXT, nullable=True),
        sa.Column("answered_at", UTC, nullable=True),
        sa.Column("answered_by", TEXT, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_request")),
    )


def downgrade() -> None:
    op.drop_table("subject_request")
    op.drop_index("ix_dpo_notification_request_id", table_name="dpo_notification")
    op.drop_table("dpo_notification")
    op.drop_index("ix_unmask_request_state", table_name="unmask_request")
    op.drop_table("unmask_request")
    op.drop_table("sealed_value")
    op.drop_index("ix_retention_hold_target", table_name="retention_hold")
    op.drop_table("retention_hold")
    op.drop_index("ix_reconciliation_traveller_id", table_name="reconciliation")
    op.drop_index("ix_booking_state_body_version_id", table_name="booking_state")
    op.drop_index("ix_booking_state_version_id", table_name="booking_state")
    op.execute("DELETE FROM staff_user WHERE role = 'authority'")
    _set_roles(OLD_ROLES)
