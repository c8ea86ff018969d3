"""The tables of OpenPIU's store (typed SQLAlchemy 2 declarative mapping).

Layout::

    raw_message 1──* api_message *──1 flight   (the reporting leg: the flight the manifest is filed under)
                          │ 1
                          ├──* api_message_leg *──1 flight (every leg the message lists)
                          └──* traveller 1──* travel_document

Every table that holds personal data (``raw_message``, ``api_message``, ``traveller``,
``travel_document``) carries ``received_at`` (when the PIU received the message: the T0 of the retention
clocks of PNR Directive Art 12 and API Directive 2004/82/EC Art 6) and ``data_state`` (active,
depersonalised, deleted), so retention jobs can act on each row without a schema change. The two are
indexed together on ``raw_message`` and ``api_message``; retention reaches travellers and documents
through their message (``traveller.api_message_id``, ``travel_document.traveller_id`` are indexed),
which spares the per-traveller hot path of ingest two index updates.
Child rows are deleted with their parent (``ON DELETE CASCADE``): deleting a raw message deletes
everything read from it. ``flight`` holds no personal data.

Values sent by carriers are TEXT, not VARCHAR(n): a length limit would reject a whole message over one
odd field, and PostgreSQL stores both alike.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from openpiu.model import DataState, ParseOutcome, Role, Sex
from openpiu.store.types import UTCDateTime, enum_column

# Deterministic constraint names, so that later migrations (and SQLite batch migrations) can name them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT on PostgreSQL; on SQLite only INTEGER PRIMARY KEY is the auto-incrementing rowid.
Id = BigInteger().with_variant(Integer(), "sqlite")
# JSON documents (warnings, segments OpenPIU does not model); SQL NULL rather than JSON null when absent.
Json = JSON(none_as_null=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), int: Integer()}


def _state() -> Mapped[DataState]:
    return mapped_column(
        enum_column(DataState, "data_state"), default=DataState.ACTIVE, server_default=DataState.ACTIVE.value
    )


class RawMessageRow(Base):
    """A message exactly as received, stored before any parsing (raw first), with its parse outcome.

    ``content`` is nullable only so that a retention job may erase the bytes while keeping the SHA-256
    (which then still recognises a resend); ingest always stores it.
    """

    __tablename__ = "raw_message"
    __table_args__ = (
        Index("ix_raw_message_outcome", "outcome"),
        Index("ix_raw_message_data_state_received_at", "data_state", "received_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    received_at: Mapped[datetime]
    # Where the bytes came from: a file path, a queue subject, a partner channel.
    source: Mapped[str] = mapped_column(Text)
    size: Mapped[int]
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    # "api" or "pnr"; NULL until parsed (or when rejected before the kind could be told).
    kind: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(Text)
    # NULL: stored but not processed yet (e.g. the process stopped between storing and parsing).
    outcome: Mapped[ParseOutcome | None] = mapped_column(enum_column(ParseOutcome, "parse_outcome"))
    reason: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[dict[str, Any]] | None] = mapped_column(Json)
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    processed_at: Mapped[datetime | None]
    data_state: Mapped[DataState] = _state()


class FlightRow(Base):
    """One flight leg on one day, whatever number of messages speak of it.

    Keyed on operating carrier + normalised number + local departure date + departure airport (standards
    §2.5, with the airport so the legs of a progressive flight that keep one number stay apart). Times are
    stored as sent (local, naive) and as UTC instants computed with the airport's IANA zone; the UTC
    instants are NULL when the airport is not in the airport table.
    """

    __tablename__ = "flight"
    __table_args__ = (
        UniqueConstraint("carrier", "number", "departure_date", "departure_airport"),
        Index("ix_flight_departure_date", "departure_date"),
        # The flights board: one airport's departures on a day, its arrivals between two local times.
        Index("ix_flight_departure_airport_date", "departure_airport", "departure_date"),
        Index("ix_flight_arrival_airport_time", "arrival_airport", "scheduled_arrival_local"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    carrier: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(Text)
    departure_date: Mapped[date] = mapped_column(Date)
    departure_airport: Mapped[str] = mapped_column(Text)
    arrival_airport: Mapped[str | None] = mapped_column(Text)
    scheduled_departure_local: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    scheduled_arrival_local: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    scheduled_departure_utc: Mapped[datetime | None]
    scheduled_arrival_utc: Mapped[datetime | None]
    first_received_at: Mapped[datetime]


class ApiMessageRow(Base):
    """One PAXLST message (UNH..UNT) read from a raw message: envelope, references and declared totals.

    ``flight_id`` is the reporting leg (the leg into or out of the reporting state), NULL when that leg
    lacks the departure airport or date that key a flight. The reporting party (``NAD+MS``) is a person,
    hence ``received_at``/``data_state``.
    """

    __tablename__ = "api_message"
    __table_args__ = (
        Index("ix_api_message_raw_message_id", "raw_message_id"),
        Index("ix_api_message_flight_id", "flight_id"),
        Index("ix_api_message_data_state_received_at", "data_state", "received_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    raw_message_id: Mapped[int] = mapped_column(ForeignKey("raw_message.id", ondelete="CASCADE"))
    # 0-based position of the message within its interchange.
    position: Mapped[int]
    flight_id: Mapped[int | None] = mapped_column(ForeignKey("flight.id"))
    format: Mapped[str] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(Text)
    # UNB preparation time as sent (the sender's clock, zone unknown).
    prepared: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    interchange_ref: Mapped[str | None] = mapped_column(Text)
    message_ref: Mapped[str | None] = mapped_column(Text)
    common_access_ref: Mapped[str | None] = mapped_column(Text)
    sequence: Mapped[int | None]
    final: Mapped[bool | None]
    document_type: Mapped[str | None] = mapped_column(Text)
    function: Mapped[str | None] = mapped_column(Text)
    transaction_ref: Mapped[str | None] = mapped_column(Text)
    transaction_revision: Mapped[str | None] = mapped_column(Text)
    reporting_party: Mapped[str | None] = mapped_column(Text)
    reporting_contacts: Mapped[list[dict[str, Any]] | None] = mapped_column(Json)
    declared_passengers: Mapped[int | None]
    declared_crew: Mapped[int | None]
    extra: Mapped[list[dict[str, Any]] | None] = mapped_column(Json)
    warnings: Mapped[list[dict[str, Any]] | None] = mapped_column(Json)
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = _state()


class ApiMessageLegRow(Base):
    """A flight leg listed by a message, in message order (progressive flights list several)."""

    __tablename__ = "api_message_leg"
    __table_args__ = (Index("ix_api_message_leg_flight_id", "flight_id"),)

    api_message_id: Mapped[int] = mapped_column(
        ForeignKey("api_message.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    # NULL when the leg lacks the airport or date that key a flight; the sent values are kept below.
    flight_id: Mapped[int | None] = mapped_column(ForeignKey("flight.id"))
    carrier: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(Text)
    departure_airport: Mapped[str | None] = mapped_column(Text)
    arrival_airport: Mapped[str | None] = mapped_column(Text)
    scheduled_departure_local: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    scheduled_arrival_local: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    crosses_border: Mapped[bool | None]


class TravellerRow(Base):
    """A passenger or crew member as declared in one message (every field of ``model.Traveller``).

    ``flight_id`` repeats the message's reporting flight so "who was on this flight" is one indexed lookup.
    """

    __tablename__ = "traveller"
    __table_args__ = (
        Index("ix_traveller_api_message_id", "api_message_id"),
        # With the role: the board counts passengers and crew per flight from the index alone.
        Index("ix_traveller_flight_id_role", "flight_id", "role"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    api_message_id: Mapped[int] = mapped_column(ForeignKey("api_message.id", ondelete="CASCADE"))
    flight_id: Mapped[int | None] = mapped_column(ForeignKey("flight.id"))
    # 0-based position in the message.
    position: Mapped[int]
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    surname: Mapped[str] = mapped_column(Text)
    given_names: Mapped[str] = mapped_column(Text)
    in_transit: Mapped[bool] = mapped_column(Boolean)
    sex: Mapped[Sex | None] = mapped_column(enum_column(Sex, "sex"))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    nationality: Mapped[str | None] = mapped_column(Text)
    place_of_birth: Mapped[str | None] = mapped_column(Text)
    country_of_residence: Mapped[str | None] = mapped_column(Text)
    embarkation: Mapped[str | None] = mapped_column(Text)
    debarkation: Mapped[str | None] = mapped_column(Text)
    clearance: Mapped[str | None] = mapped_column(Text)
    address_street: Mapped[str | None] = mapped_column(Text)
    address_city: Mapped[str | None] = mapped_column(Text)
    address_region: Mapped[str | None] = mapped_column(Text)
    address_postcode: Mapped[str | None] = mapped_column(Text)
    address_country: Mapped[str | None] = mapped_column(Text)
    # PNR record locator (RFF+AVF): the API<->PNR join key.
    reservation_ref: Mapped[str | None] = mapped_column(Text)
    passenger_ref: Mapped[str | None] = mapped_column(Text)
    seat: Mapped[str | None] = mapped_column(Text)
    bag_count: Mapped[int | None]
    bag_weight: Mapped[float | None] = mapped_column(Float)
    bag_weight_unit: Mapped[str | None] = mapped_column(Text)
    bag_tags: Mapped[list[str] | None] = mapped_column(Json)
    verified: Mapped[bool | None]
    crew_function: Mapped[str | None] = mapped_column(Text)
    contacts: Mapped[list[dict[str, Any]] | None] = mapped_column(Json)
    extra: Mapped[list[dict[str, Any]] | None] = mapped_column(Json)
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = _state()


class TravelDocumentRow(Base):
    """A travel document of a traveller; ``number_normalised`` is what searches and screening compare."""

    __tablename__ = "travel_document"
    __table_args__ = (
        Index("ix_travel_document_traveller_id", "traveller_id"),
        Index("ix_travel_document_number_normalised", "number_normalised"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("traveller.id", ondelete="CASCADE"))
    # 0-based; the first document is the one travelled on.
    position: Mapped[int] = mapped_column(SmallInteger)
    type: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str] = mapped_column(Text)
    number_normalised: Mapped[str] = mapped_column(Text)
    issuing_country: Mapped[str | None] = mapped_column(Text)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    issue_date: Mapped[date | None] = mapped_column(Date)
    place_of_issue: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[list[dict[str, Any]] | None] = mapped_column(Json)
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = _state()


# The Core tables, for the bulk inserts of ingest (declarative types them as the wider FromClause).
raw_message = cast(Table, RawMessageRow.__table__)
flight = cast(Table, FlightRow.__table__)
api_message = cast(Table, ApiMessageRow.__table__)
api_message_leg = cast(Table, ApiMessageLegRow.__table__)
traveller = cast(Table, TravellerRow.__table__)
travel_document = cast(Table, TravelDocumentRow.__table__)

# The PNR tables (issue 3) live in their own module; importing it registers them on ``Base.metadata``.
from openpiu.store import pnr_tables as _pnr_tables  # noqa: E402, F401 - registration, after Base exists

# Data-protection lifecycle tables (issue 7), same pattern.
from openpiu.store import privacy_tables as _privacy_tables  # noqa: E402, F401 - registration, after Base exists

# Criteria and hit review tables (issue 5), same pattern.
from openpiu.store import review_tables as _review_tables  # noqa: E402, F401 - registration, after Base exists

# Watchlists (issue 4), same pattern.
from openpiu.store import watchlist_tables as _watchlist_tables  # noqa: E402, F401 - registration, after Base exists
