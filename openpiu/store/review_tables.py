"""Tables of pre-determined criteria (every rule version and its lifecycle events) and of hits under review.

Layout::

    rule_version 1──* rule_event           (draft, approve, activate, retire: who, when, why)
    hit 1──* hit_event                     (raise, review, decide, dissemination steps: who, role, when, why)
        1──0..1 hit_dissemination          (the current transfer request and its second-person approval)

Rule versions are never updated in their content: ``document`` is written once; only ``state`` and
``approver`` change, and each change adds a ``rule_event``. A hit is one row per traveller x entry (or
rule) across pushes (``key``); events are append-only. A hit holds personal data (the traveller key and
the explanation), so it carries ``data_state`` for the retention engine (PNR Directive Art 12: a
confirmed hit is kept while needed, a dismissed one only to prevent repeats while its data exist).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column

from openpiu.model import DataState
from openpiu.review.hit import DisseminationStatus, HitSource, HitState, ReasonCode, ReviewRole
from openpiu.screening.rules.lifecycle import RuleState
from openpiu.store.tables import Base, Id, Json
from openpiu.store.types import enum_column


class RuleVersionRow(Base):
    """One version of a criterion: its document as written, its lifecycle state and people."""

    __tablename__ = "rule_version"
    __table_args__ = (UniqueConstraint("rule_id", "version"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(Json)
    title: Mapped[str] = mapped_column(Text)
    offence_category: Mapped[str] = mapped_column(String(64))
    state: Mapped[RuleState] = mapped_column(enum_column(RuleState, "rule_state"))
    author: Mapped[str] = mapped_column(Text)
    approver: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    review_by: Mapped[date] = mapped_column(Date)


class RuleEventRow(Base):
    """One lifecycle transition of a rule version."""

    __tablename__ = "rule_event"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    rule_version_id: Mapped[int] = mapped_column(
        ForeignKey("rule_version.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[RuleState | None] = mapped_column(enum_column(RuleState, "rule_event_from"))
    to_state: Mapped[RuleState] = mapped_column(enum_column(RuleState, "rule_event_to"))
    note: Mapped[str] = mapped_column(Text, default="")


class HitRow(Base):
    """A watchlist or rule hit under review (``openpiu.review.Hit``)."""

    __tablename__ = "hit"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    key: Mapped[str] = mapped_column(Text, unique=True)
    source: Mapped[HitSource] = mapped_column(enum_column(HitSource, "hit_source"))
    reference: Mapped[str] = mapped_column(Text)
    reference_version: Mapped[str] = mapped_column(Text)
    # Indexed: a traveller's page lists the traveller's hits.
    traveller_key: Mapped[str] = mapped_column(Text, index=True)
    flight_key: Mapped[str] = mapped_column(Text, index=True)
    explanation: Mapped[list[str]] = mapped_column(Json)
    fingerprint: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    deadline: Mapped[datetime | None]
    score: Mapped[float | None] = mapped_column(Float)
    state: Mapped[HitState] = mapped_column(enum_column(HitState, "hit_state"), index=True)
    reviewer: Mapped[str | None] = mapped_column(Text)
    reason_code: Mapped[ReasonCode | None] = mapped_column(enum_column(ReasonCode, "hit_reason"))
    decision_text: Mapped[str | None] = mapped_column(Text)
    data_state: Mapped[DataState] = mapped_column(
        enum_column(DataState, "data_state"), default=DataState.ACTIVE, server_default=DataState.ACTIVE.value
    )


# The hit queue's order (``store.hits.urgent_hits``: deadline, none last; score, none as 0, highest first;
# first seen; id) over open hits only: the queue's page is read off the index instead of sorting them all.
OPEN_QUEUE_INDEX = Index(
    "ix_hit_open_queue",
    HitRow.deadline.is_(None),
    HitRow.deadline,
    func.coalesce(HitRow.score, 0.0).desc(),
    HitRow.first_seen,
    HitRow.id,
    postgresql_where=text("state IN ('new', 'in_review')"),
    sqlite_where=text("state IN ('new', 'in_review')"),
)


class HitEventRow(Base):
    """One step in a hit's life: who (and in which role), when, what, from which state to which, why."""

    __tablename__ = "hit_event"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    hit_id: Mapped[int] = mapped_column(ForeignKey("hit.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(Text)
    role: Mapped[ReviewRole] = mapped_column(enum_column(ReviewRole, "review_role"))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[HitState | None] = mapped_column(enum_column(HitState, "hit_event_from"))
    to_state: Mapped[HitState] = mapped_column(enum_column(HitState, "hit_event_to"))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")


class HitDisseminationRow(Base):
    """The current dissemination of a confirmed hit to a competent authority (PNR Directive Art 6(6))."""

    __tablename__ = "hit_dissemination"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    hit_id: Mapped[int] = mapped_column(ForeignKey("hit.id", ondelete="CASCADE"), unique=True)
    authority: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(Text)
    status: Mapped[DisseminationStatus] = mapped_column(
        enum_column(DisseminationStatus, "dissemination_status")
    )
    requested_by: Mapped[str] = mapped_column(Text)
    requested_at: Mapped[datetime]
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    sent_by: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
