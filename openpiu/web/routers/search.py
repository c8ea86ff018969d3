"""Search by name, document number, flight or record locator: by POST, so no search term ends up in a URL.

Every search is logged with its query text, its purpose (required) and the records it returned.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from openpiu.accounts import Principal
from openpiu.privacy.audit import AuditAction
from openpiu.store import board as boards
from openpiu.web.access import ANALYSTS
from openpiu.web.auditing import log_event
from openpiu.web.context import get_db
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)
LIMIT = 200


class SearchKind(StrEnum):
    NAME = "name"
    DOCUMENT = "document"
    FLIGHT = "flight"
    RECORD_LOCATOR = "record_locator"


@router.get("/search")
def search_form(request: Request, principal: Annotated[Principal, Depends(ANALYSTS)]) -> Response:
    return render(request, "search.html", {"results": None, "form": {}, "error": None})


@router.post("/search")
def search(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    kind: Annotated[SearchKind, Form()],
    purpose: Annotated[str, Form(min_length=3, max_length=500)],
    surname: Annotated[str, Form(max_length=100)] = "",
    given_names: Annotated[str, Form(max_length=100)] = "",
    document: Annotated[str, Form(max_length=40)] = "",
    carrier: Annotated[str, Form(max_length=3)] = "",
    number: Annotated[str, Form(max_length=5)] = "",
    record_locator: Annotated[str, Form(max_length=12)] = "",
    day: Annotated[date | None, Form()] = None,
) -> Response:
    form: dict[str, Any] = {
        "kind": kind.value,
        "purpose": purpose,
        "surname": surname,
        "given_names": given_names,
        "document": document,
        "carrier": carrier,
        "number": number,
        "record_locator": record_locator,
        "day": day.isoformat() if day else "",
    }
    template = "_results.html" if request.headers.get("hx-request") else "search.html"
    query: dict[str, str] = {"kind": kind.value}
    travellers: list[Any] = []
    flights: list[Any] = []
    bookings: list[boards.FoundBooking] = []
    if kind is SearchKind.NAME and surname.strip():
        query |= {"surname": surname.strip(), "given_names": given_names.strip()}
        travellers = boards.search_by_name(db, surname=surname, given_names=given_names, limit=LIMIT)
    elif kind is SearchKind.DOCUMENT and document.strip():
        query |= {"document": document.strip()}
        travellers = boards.search_by_document(db, number=document, limit=LIMIT)
    elif kind is SearchKind.FLIGHT and carrier.strip() and number.strip():
        query |= {"carrier": carrier.strip(), "number": number.strip(), "day": form["day"]}
        flights = list(boards.search_flights(db, carrier=carrier, number=number, day=day, limit=LIMIT))
    elif kind is SearchKind.RECORD_LOCATOR and record_locator.strip():
        query |= {"record_locator": record_locator.strip(), "carrier": carrier.strip()}
        bookings = boards.search_by_record_locator(
            db, record_locator=record_locator, carrier=carrier, limit=LIMIT
        )
    else:
        return render(
            request,
            template,
            {"results": None, "form": form, "error": "Fill in the search fields."},
            status=422,
        )
    refs = [f"traveller:{t.id}" for t, _ in travellers] + [f"flight:{f.id}" for f in flights]
    refs += [f"booking:{b.carrier}/{b.record_locator}" for b in bookings]
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=refs,
        purpose=purpose.strip(),
        query_text=json.dumps(query, ensure_ascii=False, sort_keys=True),
        result_count=len(refs),
    )
    results = {"travellers": travellers, "flights": flights, "bookings": bookings, "limit": LIMIT}
    return render(request, template, {"results": results, "form": form, "error": None})
