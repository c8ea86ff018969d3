"""Privacy fixes: the deployment's pseudonymisation secret, maskable search texts in the access log, and
checkpoints of the log's own 5-year retention; the DPO's decision on an erasure request.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29

On PostgreSQL the append-only trigger of ``audit_event`` now lets through exactly two changes: masking a
search text (``query_text`` and ``query_salt`` set to NULL, every other column unchanged, the chained
``query_sha256`` kept) and deleting events that a recorded ``audit_checkpoint`` covers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from openpiu.store import pseudonyms

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = sa.DateTime(timezone=True)
JSON = sa.JSON(none_as_null=True)

GUARDED_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.query_text IS NULL AND NEW.query_salt IS NULL
       AND OLD.query_sha256 IS NOT NULL
       AND (to_jsonb(NEW) - 'query_text' - 'query_salt') = (to_jsonb(OLD) - 'query_text' - 'query_salt') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_checkpoint WHERE last_seq >= OLD.seq) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END;
$$
"""

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END;
$$
"""


def upgrade() -> None:
    op.create_table(
        "deployment_secret",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_deployment_secret")),
    )
    op.create_table(
        "audit_checkpoint",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("last_seq", ID, nullable=False),
        sa.Column("last_sha256", sa.String(64), nullable=False),
        sa.Column("pruned", sa.Integer(), nullable=False),
        sa.Column("pruned_at", UTC, nullable=False),
        sa.Column("pruned_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoint")),
        sa.UniqueConstraint("last_seq", name=op.f("uq_audit_checkpoint_last_seq")),
    )
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("query_sha256", sa.String(64), nullable=True))
        batch.add_column(sa.Column("query_salt", sa.String(32), nullable=True))
    with op.batch_alter_table("subject_request") as batch:
        batch.add_column(sa.Column("decision", sa.String(16), nullable=True))
        batch.add_column(sa.Column("decision_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("decided_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("decided_at", UTC, nullable=True))
        batch.add_column(sa.Column("erased", JSON, nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(GUARDED_FUNCTION)
    _pseudonymise_hit_keys(op.get_bind())


def _new_key(key: str, secret: bytes) -> str | None:
    """The pseudonymised form of a watchlist hit's traveller key written before this revision, if it is one.

    Old keys: ``FLIGHT/DATE/AIRPORT/doc:NUMBER``, ``.../name:SURNAME/GIVEN/BORN`` (``-`` for no date) and
    ``.../pnr:LOCATOR:SURNAME/GIVEN``; names already in their MRZ form.
    """
    parts = key.split("/", 3)
    if len(parts) != 4:
        return None
    flight, rest = "/".join(parts[:3]), parts[3]
    kind, _, value = rest.partition(":")
    if kind == "doc" and value:
        named = pseudonyms.document_pseudonym(secret, value)
        return f"{flight}/{named}" if named else None
    if kind == "name" and value.count("/") == 2:
        surname, given, born = value.split("/")
        return f"{flight}/{pseudonyms.name_pseudonym(secret, surname, given, None if born == '-' else born)}"
    if kind == "pnr" and ":" in value:
        locator, _, name = value.partition(":")
        surname, _, given = name.partition("/")
        return f"{flight}/pnr/{locator}/{pseudonyms.pseudonym(secret, 'pnr', locator, surname, given)}"
    return None


def _pseudonymise_hit_keys(connection: sa.Connection) -> None:
    """Watchlist hits recorded before this revision get the keys screening now gives (same secret)."""
    rows = connection.execute(
        sa.text("SELECT id, key, traveller_key FROM hit WHERE source = 'watchlist'")
    ).all()
    if not rows:
        return
    secret = pseudonyms.database_secret(connection)
    for row in rows:
        new = _new_key(row.traveller_key, secret)
        if new is None or new == row.traveller_key or not row.key.endswith(row.traveller_key):
            continue
        connection.execute(
            sa.text("UPDATE hit SET key = :key, traveller_key = :traveller_key WHERE id = :id"),
            {"key": row.key[: -len(row.traveller_key)] + new, "traveller_key": new, "id": row.id},
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY_FUNCTION)
    with op.batch_alter_table("subject_request") as batch:
        for column in ("erased", "decided_at", "decided_by", "decision_reason", "decision"):
            batch.drop_column(column)
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("query_salt")
        batch.drop_column("query_sha256")
    op.drop_table("audit_checkpoint")
    op.drop_table("deployment_secret")
