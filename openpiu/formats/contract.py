"""The ``openpiu parse --json`` contract: the normalised content of a file as plain JSON types.

Other tools rely on these keys (issue 2, item 7); extra keys may be added, the required ones never change:

- ``kind`` (``"api"``), ``format`` (``"PAXLST D05B"``), ``sender``, ``recipient``;
- ``flights``: ``carrier``, ``number``, ``departure_airport``, ``arrival_airport``, ``scheduled_departure``,
  ``scheduled_arrival`` (ISO 8601 local times, as sent, no offset);
- ``travellers``: ``role`` (``"passenger"``/``"crew"``), ``surname``, ``given_names``, ``date_of_birth``,
  ``sex``, ``nationality``, ``documents`` (``type``, ``number``, ``issuing_country``, ``expiry_date``);
- ``warnings``: ``segment``, ``tag``, ``message``.

A file with several messages gives one document: travellers concatenated, identical flights once, all
warnings. Per-message meta is under the extra key ``messages``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from openpiu.formats import ParsedFile
from openpiu.model import ApiManifest, FlightLeg, TravelDocument, Traveller


def to_contract(parsed: ParsedFile) -> dict[str, Any]:
    """The JSON-ready dict of ``parsed`` (only str, int, bool, None, lists and dicts)."""
    first = parsed.manifests[0] if parsed.manifests else None
    flights: list[dict[str, Any]] = []
    for manifest in parsed.manifests:
        for leg in manifest.legs:
            flight = _flight(leg)
            if flight not in flights:
                flights.append(flight)
    return {
        "kind": parsed.kind,
        "format": parsed.format,
        "sender": first.sender if first else None,
        "recipient": first.recipient if first else None,
        "flights": flights,
        "travellers": [_traveller(t) for m in parsed.manifests for t in m.travellers],
        "warnings": [{"segment": w.segment, "tag": w.tag, "message": w.message} for w in parsed.warnings],
        "messages": [_message(m) for m in parsed.manifests],
    }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _flight(leg: FlightLeg) -> dict[str, Any]:
    return {
        "carrier": leg.carrier,
        "number": leg.number,
        "departure_airport": leg.departure_airport,
        "arrival_airport": leg.arrival_airport,
        "scheduled_departure": _iso(leg.scheduled_departure),
        "scheduled_arrival": _iso(leg.scheduled_arrival),
        "crosses_border": leg.crosses_border,
    }


def _document(document: TravelDocument) -> dict[str, Any]:
    return {
        "type": document.type,
        "number": document.number,
        "issuing_country": document.issuing_country,
        "expiry_date": _iso(document.expiry_date),
        "issue_date": _iso(document.issue_date),
    }


def _traveller(traveller: Traveller) -> dict[str, Any]:
    baggage = traveller.baggage
    return {
        "role": traveller.role.value,
        "surname": traveller.surname,
        "given_names": traveller.given_names,
        "date_of_birth": _iso(traveller.date_of_birth),
        "sex": traveller.sex.value if traveller.sex else None,
        "nationality": traveller.nationality,
        "documents": [_document(d) for d in traveller.documents],
        "in_transit": traveller.in_transit,
        "place_of_birth": traveller.place_of_birth,
        "country_of_residence": traveller.country_of_residence,
        "embarkation": traveller.embarkation,
        "debarkation": traveller.debarkation,
        "clearance": traveller.clearance,
        "reservation_ref": traveller.reservation_ref,
        "passenger_ref": traveller.passenger_ref,
        "seat": traveller.seat,
        "bags": baggage.count if baggage else None,
        "bag_tags": list(baggage.tags) if baggage else [],
        "verified": traveller.verified,
        "crew_function": traveller.crew_function,
    }


def _message(manifest: ApiManifest) -> dict[str, Any]:
    reporting = manifest.reporting_leg
    return {
        "format": manifest.format,
        "message_ref": manifest.message_ref,
        "interchange_ref": manifest.interchange_ref,
        "prepared": _iso(manifest.prepared),
        "common_access_ref": manifest.common_access_ref,
        "sequence": manifest.sequence,
        "final": manifest.final,
        "document_type": manifest.document_type,
        "function": manifest.function,
        "transaction_ref": manifest.transaction_ref,
        "transaction_revision": manifest.transaction_revision,
        "reporting_party": manifest.reporting_party,
        "reporting_flight": reporting.designator if reporting else None,
        "declared_passengers": manifest.declared_passengers,
        "declared_crew": manifest.declared_crew,
        "passengers": len(manifest.passengers),
        "crew": len(manifest.crew),
    }
