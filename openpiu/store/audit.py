"""The access log table: append-only, hash-chained events (see ``openpiu.privacy.audit``).

Columns follow the minimum log record of standards §5.5 (PNR Directive Art 13, LED Art 25). ``seq`` is
assigned by the writer (previous + 1), not by a database sequence, so that a gap always means a removed
event (PostgreSQL sequences leave gaps on rollback). On PostgreSQL a trigger refuses UPDATE and DELETE.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from openpiu.store.tables import Base, Id, Json


class AuditEventRow(Base):
    """One access-log event and the SHA-256 chaining it to the previous one."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    occurred_at: Mapped[datetime]
    actor: Mapped[str | None] = mapped_column(Text)
    actor_role: Mapped[str | None] = mapped_column(Text)
    actor_org: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str | None] = mapped_column(Text)
    case_ref: Mapped[str | None] = mapped_column(Text)
    object_refs: Mapped[list[str] | None] = mapped_column(Json)
    query_text: Mapped[str | None] = mapped_column(Text)
    # SHA-256 of ``query_salt`` + ``query_text``: chained in place of the text, so the text can be masked
    # (both set to NULL) when the data it may name are gone, without breaking the chain.
    query_sha256: Mapped[str | None] = mapped_column(String(64))
    query_salt: Mapped[str | None] = mapped_column(String(32))
    result_count: Mapped[int | None]
    recipient: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text)
    approval_ref: Mapped[str | None] = mapped_column(Text)
    client_address: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any] | None] = mapped_column(Json)
    prev_sha256: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
