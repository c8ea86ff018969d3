"""Small read functions over the store, for the CLI, the demo, the web app and tests.

Keyword-only arguments after the session; they never commit (the caller owns the transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from openpiu.model import ParseOutcome, normalise_document_number, normalise_flight_number
from openpiu.store.tables import (
    ApiMessageRow,
    Base,
    FlightRow,
    RawMessageRow,
    TravelDocumentRow,
    TravellerRow,
)


def get_flight(
    session: Session, *, carrier: str, number: str, departure_date: date, departure_airport: str
) -> FlightRow | None:
    """The flight with this key (the number is normalised: ``26`` finds ``0026``)."""
    return session.scalars(
        select(FlightRow).where(
            FlightRow.carrier == carrier.strip().upper(),
            FlightRow.number == normalise_flight_number(number),
            FlightRow.departure_date == departure_date,
            FlightRow.departure_airport == departure_airport.strip().upper(),
        )
    ).one_or_none()


def find_flights(session: Session, *, carrier: str, number: str, departure_date: date) -> Sequence[FlightRow]:
    """Every leg flown under this carrier, number and local departure date, by departure time."""
    return session.scalars(
        select(FlightRow)
        .where(
            FlightRow.carrier == carrier.strip().upper(),
            FlightRow.number == normalise_flight_number(number),
            FlightRow.departure_date == departure_date,
        )
        .order_by(FlightRow.scheduled_departure_local, FlightRow.id)
    ).all()


def flight_travellers(session: Session, *, flight_id: int) -> Sequence[TravellerRow]:
    """Every traveller declared on a flight, from every message about it, in arrival order."""
    return session.scalars(
        select(TravellerRow)
        .where(TravellerRow.flight_id == flight_id)
        .order_by(TravellerRow.api_message_id, TravellerRow.position)
    ).all()


def flight_messages(session: Session, *, flight_id: int) -> Sequence[ApiMessageRow]:
    """The API messages filed under a flight, in arrival order."""
    return session.scalars(
        select(ApiMessageRow).where(ApiMessageRow.flight_id == flight_id).order_by(ApiMessageRow.id)
    ).all()


def traveller_documents(session: Session, *, traveller_id: int) -> Sequence[TravelDocumentRow]:
    """The documents of a traveller, the one travelled on first."""
    return session.scalars(
        select(TravelDocumentRow)
        .where(TravelDocumentRow.traveller_id == traveller_id)
        .order_by(TravelDocumentRow.position)
    ).all()


def find_documents(session: Session, *, number: str) -> Sequence[TravelDocumentRow]:
    """Documents with this number, compared normalised (spaces, ``<`` and separators ignored)."""
    return session.scalars(
        select(TravelDocumentRow)
        .where(TravelDocumentRow.number_normalised == normalise_document_number(number))
        .order_by(TravelDocumentRow.id)
    ).all()


def get_raw_message(session: Session, *, sha256: str) -> RawMessageRow | None:
    """The raw message with this SHA-256 (hex), if stored."""
    return session.scalars(select(RawMessageRow).where(RawMessageRow.sha256 == sha256.lower())).one_or_none()


def rejected_messages(session: Session) -> Sequence[RawMessageRow]:
    """Messages whose parsing was rejected, oldest first, with their reasons."""
    return session.scalars(
        select(RawMessageRow).where(RawMessageRow.outcome == ParseOutcome.REJECTED).order_by(RawMessageRow.id)
    ).all()


@dataclass(frozen=True, slots=True)
class StoreCounts:
    """How much the store holds (for summaries; no personal data)."""

    raw_messages: int
    rejected: int
    api_messages: int
    flights: int
    travellers: int
    documents: int


def counts(session: Session) -> StoreCounts:
    """Row counts of the main tables."""

    def count(entity: type[Base]) -> int:
        return session.scalar(select(func.count()).select_from(entity)) or 0

    return StoreCounts(
        raw_messages=count(RawMessageRow),
        rejected=session.scalar(
            select(func.count())
            .select_from(RawMessageRow)
            .where(RawMessageRow.outcome == ParseOutcome.REJECTED)
        )
        or 0,
        api_messages=count(ApiMessageRow),
        flights=count(FlightRow),
        travellers=count(TravellerRow),
        documents=count(TravelDocumentRow),
    )
