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
    open_hits: int


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


class HitEventOut(BaseModel):
    at: datetime
    actor: str
    role: str
    action: str
    from_state: str | None
    to_state: str
    reason_code: str | None
    text: str


class DisseminationOut(BaseModel):
    authority: str
    purpose: str
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    sent_by: str | None
    sent_at: datetime | None


class HitOut(BaseModel):
    """A hit under review: why it was raised, about whom, by when, and what happened to it."""

    id: int
    source: str
    reference: str
    reference_version: str
    state: str
    flight_key: str
    traveller_key: str
    flight_id: int | None
    traveller_id: int | None
    traveller: str
    explanation: list[str]
    first_seen: datetime
    last_seen: datetime
    deadline: datetime | None
    # The airport whose local time the deadline is meant in, and its IANA zone.
    deadline_airport: str | None
    deadline_zone: str
    # "departure" or "arrival": the flight's scheduled time the deadline is; None when not known.
    deadline_before: str | None
    seconds_left: float | None
    score: float | None
    reviewer: str | None
    reason_code: str | None
    decision_text: str | None
    dissemination: DisseminationOut | None
    events: list[HitEventOut]


class DecisionIn(BaseModel):
    """A reviewer's decision: ``confirmed`` or ``dismissed``, a reason code that fits it, and a text."""

    outcome: str
    reason: str
    text: str


class CriterionOut(BaseModel):
    rule_id: str
    version: int
    label: str
    title: str
    state: str
    offence_category: str
    author: str
    approver: str | None
    review_by: date
    fires_today: bool
    today: str
    document: dict[str, object]
