"""The JSON API under /api/ (session cookie or personal Bearer token); documented at /openapi.json."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from openpiu.accounts import Principal
from openpiu.privacy.audit import AuditAction, recent
from openpiu.store import board as boards
from openpiu.store.tables import FlightRow
from openpiu.web.access import ANALYSTS, AUDITORS, EVERY_ROLE
from openpiu.web.airportday import today_at
from openpiu.web.auditing import log_event
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.schemas import (
    AuditEventOut,
    BoardFlightOut,
    BoardOut,
    DocumentOut,
    FlightDetailOut,
    FlightOut,
    MeOut,
    TravellerOut,
    TravellerSummaryOut,
)
from openpiu.web.timefmt import zone_name

# Full paths rather than a router prefix: see openpiu.web.access.app_routes.
router = APIRouter(tags=["api"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such object"}}


def flight_out(flight: FlightRow) -> FlightOut:
    return FlightOut.model_validate(
        {
            **{name: getattr(flight, name) for name in FlightOut.model_fields if hasattr(flight, name)},
            "departure_zone": zone_name(flight.departure_airport),
            "arrival_zone": zone_name(flight.arrival_airport),
        }
    )


@router.get("/api/me")
def me(principal: Annotated[Principal, Depends(EVERY_ROLE)]) -> MeOut:
    """Who the token or session belongs to."""
    return MeOut(username=principal.username, role=principal.role.value, language=principal.language)


@router.get("/api/flights")
def flights(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    airport: Annotated[str, Query(pattern=r"^[A-Za-z]{3}$")],
    day: date | None = None,
) -> BoardOut:
    """Departures and arrivals at ``airport`` on its local ``day`` (today by default), with counts."""
    shown = day or today_at(airport, web_context(request).clock())
    board = boards.board(db, airport=airport, day=shown)
    return BoardOut(
        airport=board.airport,
        day=board.day,
        departures=[
            BoardFlightOut(
                flight=flight_out(b.flight), passengers=b.passengers, crew=b.crew, open_hits=b.open_hits
            )
            for b in board.departures
        ],
        arrivals=[
            BoardFlightOut(
                flight=flight_out(b.flight), passengers=b.passengers, crew=b.crew, open_hits=b.open_hits
            )
            for b in board.arrivals
        ],
    )


@router.get("/api/flights/{flight_id}", responses=NOT_FOUND)
def flight(
    request: Request,
    flight_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> FlightDetailOut:
    """A flight and its API manifest (logged as a consultation)."""
    manifest = boards.flight_manifest(db, flight_id=flight_id)
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=(f"flight:{flight_id}",),
        result_count=len(manifest.travellers),
    )
    return FlightDetailOut(
        flight=flight_out(manifest.flight),
        travellers=[TravellerSummaryOut.model_validate(t) for t in manifest.travellers],
    )


@router.get("/api/travellers/{traveller_id}", responses=NOT_FOUND)
def traveller(
    request: Request,
    traveller_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> TravellerOut:
    """A traveller with their documents (logged as a consultation)."""
    detail = boards.traveller_detail(db, traveller_id=traveller_id)
    row = detail.traveller
    log_event(
        request, db, action=AuditAction.CONSULT, actor=principal, object_refs=(f"traveller:{traveller_id}",)
    )
    summary = TravellerSummaryOut.model_validate(row).model_dump()
    return TravellerOut(
        **summary,
        flight_id=row.flight_id,
        place_of_birth=row.place_of_birth,
        country_of_residence=row.country_of_residence,
        embarkation=row.embarkation,
        debarkation=row.debarkation,
        verified=row.verified,
        documents=[DocumentOut.model_validate(d) for d in detail.documents],
    )


@router.get("/api/audit")
def audit(
    request: Request,
    principal: Annotated[Principal, Depends(AUDITORS)],
    db: Annotated[Session, Depends(get_db)],
    before: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditEventOut]:
    """Access-log events, newest first (reading them is logged too)."""
    events = recent(db, limit=limit, before_seq=before)
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=("audit_log",),
        result_count=len(events),
    )
    return [AuditEventOut.model_validate(e) for e in events]
