"""The flights board, flight detail (API manifest) and traveller detail pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from openpiu.accounts import Principal
from openpiu.model import DataState
from openpiu.privacy.audit import AuditAction
from openpiu.store import board as boards
from openpiu.store.hits import list_hits
from openpiu.store.queries import flight_messages
from openpiu.web.access import ANALYSTS
from openpiu.web.airportday import today_at
from openpiu.web.auditing import log_event
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.pushview import push_history
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/flights")
def flights_board(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    airport: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    day: date | None = None,
) -> Response:
    """Today's (or ``day``'s) departures and arrivals at one airport. No personal data: not logged."""
    known = boards.airports(db)
    code = (airport or (known[0] if known else "")).upper()
    now = web_context(request).clock()
    shown_day = day or today_at(code, now)
    board = boards.board(db, airport=code, day=shown_day) if code else None
    latest = boards.latest_day(db, airport=code) if code and board and not board.departures else None
    return render(
        request,
        "board.html",
        {"airports": known, "airport": code, "day": shown_day, "board": board, "latest": latest, "now": now},
    )


@router.get("/flights/{flight_id}")
def flight_detail(
    request: Request,
    flight_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    """The flight's API manifest (every traveller declared, from every message) and its PNR reconciliation."""
    manifest = boards.flight_manifest(db, flight_id=flight_id)
    messages = flight_messages(db, flight_id=flight_id)
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=(f"flight:{flight_id}",),
        result_count=len(manifest.travellers),
    )
    return render(
        request,
        "flight.html",
        {
            "flight": manifest.flight,
            "travellers": manifest.travellers,
            "reconciliation": manifest.reconciliation,
            "messages": messages,
            "now": web_context(request).clock(),
        },
    )


@router.get("/travellers/{traveller_id}")
def traveller_detail(
    request: Request,
    traveller_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    """A traveller's identity and documents as declared in one API message, and the linked booking."""
    detail = boards.traveller_detail(db, traveller_id=traveller_id)
    hits = list_hits(db, traveller_key=f"traveller:{traveller_id}")
    booking = boards.traveller_booking(db, traveller_id=traveller_id)
    # Logged and committed after every read, before the page is sent: the log's lock is held only briefly.
    log_event(
        request, db, action=AuditAction.CONSULT, actor=principal, object_refs=(f"traveller:{traveller_id}",)
    )
    # Push times are instants, shown at the flight's departure airport as the flight page does.
    airport = detail.flight.departure_airport if detail.flight is not None else None
    masked = booking is not None and (
        booking.masked or detail.traveller.data_state == DataState.DEPERSONALISED
    )
    history = (
        push_history(booking.history, record_locator=booking.record_locator, airport=airport, masked=masked)
        if booking is not None
        else []
    )
    return render(
        request,
        "traveller.html",
        {
            "traveller": detail.traveller,
            "flight": detail.flight,
            "documents": detail.documents,
            "hits": hits,
            "booking": booking,
            "masked": masked,
            "history": history,
            "airport": airport,
        },
    )
