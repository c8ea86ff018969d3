"""The tables of PNR intake (issue 3): pushes, booking versions, their changes, current states, and the
API↔PNR reconciliation of each flight.

Layout::

    raw_message 1──* pnr_push 1──* booking_version 1──* booking_change
                        │ *                  ▲
                        └──1 flight          │ current / last with a body
                                  booking_state (one per carrier + record locator)
    flight 1──* reconciliation *──0..1 traveller (API)

Every push is kept (``booking_version`` rows point at the raw message they were read from; the raw copy
is the one the sensitive-data filter produced). A version's ``content`` is the booking as the JSON
contract gives it, for display; the model itself is re-read from the stored raw copy when a later push
must be compared with it. Personal rows carry ``received_at`` and ``data_state`` like the API tables.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Boolean, Float, ForeignKey, Index, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openpiu.model import DataState
from openpiu.store.tables import Base, Id, Json
from openpiu.store.types import enum_column


def _state() -> Mapped[DataState]:
    return mapped_column(
        enum_column(DataState, "data_state"), default=DataState.ACTIVE, server_default=DataState.ACTIVE.value
    )


class PnrPushRow(Base):
    """One PNRGOV message read from a raw message: the push of one flight."""

    __tablename__ = "pnr_push"
    __table_args__ = (
        Index("ix_pnr_push_raw_message_id", "raw_message_id"),
        Index("ix_pnr_push_flight_id", "flight_id"),
        Index("ix_pnr_push_data_state_received_at", "data_state", "received_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(ForeignKey("raw_message.id", ondelete="CASCADE"))
    # 0-based position of the message within its interchange.
    position: Mapped[int]
    flight_id: Mapped[int | None] = mapped_column(ForeignKey("flight.id"))
    format: Mapped[str] = mapped_column(Text)
    # "22" full push, "141" update push.
    function: Mapped[str] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(Text)
    message_ref: Mapped[str | None] = mapped_column(Text)
    declared_bookings: Mapped[int | None]
    bookings: Mapped[int]
    # Categories the filter removed before storage, with counts; never the content (Art 13(4)).
    removed_categories: Mapped[dict[str, Any] | None] = mapped_column(Json)
    warnings: Mapped[list[dict[str, Any]] | None] = mapped_column(Json)
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = _state()


class BookingVersionRow(Base):
    """A booking as one push sent it (every push is kept: Annex I item 19, historical changes)."""

    __tablename__ = "booking_version"
    __table_args__ = (
        Index("ix_booking_version_pnr_push_id", "pnr_push_id"),
        Index("ix_booking_version_carrier_record_locator", "carrier", "record_locator"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    pnr_push_id: Mapped[int] = mapped_column(ForeignKey("pnr_push.id", ondelete="CASCADE"))
    # 0-based position of the booking within its push.
    position: Mapped[int]
    carrier: Mapped[str] = mapped_column(Text)
    record_locator: Mapped[str] = mapped_column(Text)
    cancelled: Mapped[bool] = mapped_column(Boolean)
    travellers: Mapped[int]
    content: Mapped[dict[str, Any] | None] = mapped_column(Json)
    removed_categories: Mapped[list[str] | None] = mapped_column(Json)
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = _state()


class BookingChangeRow(Base):
    """One change between a booking version and the state before it (``openpiu.pnr.history``)."""

    __tablename__ = "booking_change"
    __table_args__ = (
        Index("ix_booking_change_booking_version_id", "booking_version_id"),
        Index("ix_booking_change_carrier_record_locator", "carrier", "record_locator"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    booking_version_id: Mapped[int] = mapped_column(ForeignKey("booking_version.id", ondelete="CASCADE"))
    carrier: Mapped[str] = mapped_column(Text)
    record_locator: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = _state()


class BookingStateRow(Base):
    """The current state of one booking (key: carrier + record locator).

    ``version_id`` is the latest version received; ``body_version_id`` the latest one with travellers or
    itinerary (a cancellation arrives without a body, and the state keeps who was booked).
    """

    __tablename__ = "booking_state"
    __table_args__ = (
        UniqueConstraint("carrier", "record_locator"),
        Index("ix_booking_state_flight_id", "flight_id"),
        Index("ix_booking_state_record_locator", "record_locator"),
        # Deleting a booking version (retention) cascades here: indexed, or every delete scans the table.
        Index("ix_booking_state_version_id", "version_id"),
        Index("ix_booking_state_body_version_id", "body_version_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    carrier: Mapped[str] = mapped_column(Text)
    record_locator: Mapped[str] = mapped_column(Text)
    version_id: Mapped[int] = mapped_column(ForeignKey("booking_version.id", ondelete="CASCADE"))
    body_version_id: Mapped[int] = mapped_column(ForeignKey("booking_version.id", ondelete="CASCADE"))
    # The pushed flight of the latest version.
    flight_id: Mapped[int | None] = mapped_column(ForeignKey("flight.id"))
    cancelled: Mapped[bool] = mapped_column(Boolean)
    versions: Mapped[int]
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = _state()


class ReconciliationRow(Base):
    """One line of a flight's API↔PNR reconciliation: a link, or a traveller in only one source.

    A line is computed by reconciliation, or a link an analyst made by hand (``decided_by`` set).
    """

    __tablename__ = "reconciliation"
    __table_args__ = (
        Index("ix_reconciliation_flight_id", "flight_id"),
        # Deleting a traveller (retention) cascades here.
        Index("ix_reconciliation_traveller_id", "traveller_id"),
        # A booking's lines (retention, erasure, unmasking, the booking search; migration 0012).
        Index("ix_reconciliation_record_locator_carrier", "record_locator", "carrier"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flight.id", ondelete="CASCADE"))
    # "linked", "api_only" (go-show or no PNR), "pnr_only" (no-show).
    status: Mapped[str] = mapped_column(Text)
    traveller_id: Mapped[int | None] = mapped_column(ForeignKey("traveller.id", ondelete="CASCADE"))
    # The booking's carrier (``booking_state.carrier``, the locator's owner: two carriers may issue the
    # same locator). None on a go-show's line (no booking) and on lines stored before migration 0012
    # whose carrier could not be derived.
    carrier: Mapped[str | None] = mapped_column(Text)
    record_locator: Mapped[str | None] = mapped_column(Text)
    api_name: Mapped[str | None] = mapped_column(Text)
    pnr_name: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[str] | None] = mapped_column(Json)
    name_mismatch: Mapped[bool] = mapped_column(Boolean)
    computed_at: Mapped[datetime]
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = _state()
    # A manual link (``openpiu pnr link``): the analyst who made it, when, and why ("linked by USER:
    # TEXT"); None on the lines reconciliation computes. A re-run keeps manual lines (migration 0013).
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)


pnr_push = cast(Table, PnrPushRow.__table__)
booking_version = cast(Table, BookingVersionRow.__table__)
booking_change = cast(Table, BookingChangeRow.__table__)
booking_state = cast(Table, BookingStateRow.__table__)
reconciliation = cast(Table, ReconciliationRow.__table__)
