"""Tables of the data-protection lifecycle (issue 7): holds, sealed values, re-personalisation requests.

Layout::

    retention_hold                      objective-link holds (who, why, legal basis, review date)
    sealed_value                        depersonalised values, encrypted (one per table row)
    unmask_request 1──* dpo_notification
    subject_request                     data-subject requests and their answers

``sealed_value`` holds only AES-GCM ciphertext; the key is outside the database
(``openpiu.privacy.sealing``). A deleted row's sealed value is deleted with it (by the retention job,
in the same transaction: no foreign key can point at rows of several tables).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openpiu.store.tables import Base, Id, Json


class RetentionHoldRow(Base):
    """An objective-link hold: data of one booking, flight or API traveller kept past 6 months (masked).

    ``target`` is ``booking:CARRIER/LOCATOR``, ``flight:CARRIERNUMBER/YYYY-MM-DD`` or ``traveller:ID``.
    """

    __tablename__ = "retention_hold"
    __table_args__ = (Index("ix_retention_hold_target", "target"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    target: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    review_date: Mapped[date] = mapped_column(Date)
    released_by: Mapped[str | None] = mapped_column(Text)
    released_at: Mapped[datetime | None]
    release_reason: Mapped[str | None] = mapped_column(Text)


class SealedValueRow(Base):
    """The identifying values a depersonalisation removed from one row, encrypted."""

    __tablename__ = "sealed_value"
    __table_args__ = (UniqueConstraint("table_name", "row_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(32))
    row_id: Mapped[int] = mapped_column(Id)
    sealed_at: Mapped[datetime]
    blob: Mapped[bytes] = mapped_column(LargeBinary)


class UnmaskRequestRow(Base):
    """A re-personalisation request and its whole course (``openpiu.privacy.repersonalisation``)."""

    __tablename__ = "unmask_request"
    __table_args__ = (Index("ix_unmask_request_state", "state"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    target: Mapped[str] = mapped_column(Text)
    requester: Mapped[str] = mapped_column(Text)
    case_ref: Mapped[str] = mapped_column(Text)
    offence_category: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    requested_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    access_until: Mapped[datetime | None]
    reviewed_by: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)


class DpoNotificationRow(Base):
    """A notice to the DPO (Art 12(3): the DPO is informed of every approved re-personalisation)."""

    __tablename__ = "dpo_notification"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("unmask_request.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    subject: Mapped[str] = mapped_column(Text)
    read_by: Mapped[str | None] = mapped_column(Text)
    read_at: Mapped[datetime | None]


class SubjectRequestRow(Base):
    """A data subject's request (access, rectification, erasure): what was asked, found and answered.

    ``criteria`` is how the subject identified themselves (it is their personal data, kept with the
    request as the record of what was searched for).
    """

    __tablename__ = "subject_request"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject_ref: Mapped[str] = mapped_column(Text)
    criteria: Mapped[dict[str, Any]] = mapped_column(Json)
    received_at: Mapped[datetime]
    received_by: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    found: Mapped[int | None]
    export_sha256: Mapped[str | None] = mapped_column(String(64))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[str | None] = mapped_column(Text)
    # An erasure request is carried out only after the DPO's decision (granted or refused, and why).
    decision: Mapped[str | None] = mapped_column(String(16))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    erased: Mapped[dict[str, Any] | None] = mapped_column(Json)


class DeploymentSecretRow(Base):
    """Before revision 0010, the hit-key secret itself; now empty once moved out to the pseudonym key
    file (``openpiu.store.pseudonyms.move_database_secret``)."""

    __tablename__ = "deployment_secret"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class KeyCheckRow(Base):
    """Which key a deployment's keyed values were made with: an HMAC of a fixed label under the key, which
    tells a wrong or a new key from the right one without revealing it (``openpiu.store.pseudonyms``)."""

    __tablename__ = "key_check"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    check_value: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class AuditCheckpointRow(Base):
    """Where the access log was cut: its events up to ``last_seq`` (5-year retention) were pruned.

    ``last_sha256`` is the hash of the last pruned event: the first kept event must chain onto it. The
    pruning itself is an event of the log (``detail`` repeats the pair), so a checkpoint moved by hand
    no longer matches it (``openpiu.privacy.audit.verify``).
    """

    __tablename__ = "audit_checkpoint"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Id, unique=True)
    last_sha256: Mapped[str] = mapped_column(String(64))
    pruned: Mapped[int]
    pruned_at: Mapped[datetime]
    pruned_by: Mapped[str] = mapped_column(Text)
