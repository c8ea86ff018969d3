"""Pydantic models of the JSON API (the HTTP boundary only; the domain uses dataclasses and rows)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict


class FlightOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    carrier: str
    number: str
    departure_date: date
    departure_airport: str
    arrival_airport: str | None
    scheduled_departure_local: datetime | None
    scheduled_arrival_local: datetime | None
    scheduled_departure_utc: datetime | None
    scheduled_arrival_utc: datetime | None
    # IANA zones of the two airports, so a client can show local times with their zone.
    departure_zone: str
    arrival_zone: str


class BoardFlightOut(BaseModel):
    flight: FlightOut
    passengers: int
    crew: int


class BoardOut(BaseModel):
    airport: str
    day: date
    departures: list[BoardFlightOut]
    arrivals: list[BoardFlightOut]


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    type: str | None
    number: str
    issuing_country: str | None
    expiry_date: date | None
    issue_date: date | None


class TravellerSummaryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    role: str
    surname: str
    given_names: str
    sex: str | None
    date_of_birth: date | None
    nationality: str | None
    in_transit: bool
    seat: str | None
    reservation_ref: str | None


class TravellerOut(TravellerSummaryOut):
    flight_id: int | None
    place_of_birth: str | None
    country_of_residence: str | None
    embarkation: str | None
    debarkation: str | None
    verified: bool | None
    documents: list[DocumentOut]


class FlightDetailOut(BaseModel):
    flight: FlightOut
    travellers: list[TravellerSummaryOut]


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    event_id: str
    occurred_at: datetime
    actor: str | None
    actor_role: str | None
    action: str
    purpose: str | None
    object_refs: list[str] | None
    query_text: str | None
    result_count: int | None
    client_address: str | None
    outcome: str
    sha256: str


class MeOut(BaseModel):
    username: str
    role: str
    language: str
