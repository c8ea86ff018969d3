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

PNRGOV files (issue 3, item 7) give ``kind`` ``"pnr"``, ``format`` (``"PNRGOV 13.1"``), ``sender``,
``recipient``, ``flights`` (the pushed flights), ``bookings`` and ``warnings``. Each booking has
``record_locator``, ``created``, ``travellers`` (the API traveller keys plus ``booking_ref``),
``itinerary`` (the flight keys plus booking class, status, code-share and check-ins), ``payment``,
``contacts`` and ``removed_categories``, and extra keys.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from openpiu.formats import ParsedFile
from openpiu.model import (
    Address,
    Agency,
    ApiManifest,
    Booking,
    CheckIn,
    FlightLeg,
    ItineraryLeg,
    Payment,
    PnrPush,
    PnrTraveller,
    TravelDocument,
    Traveller,
)


def to_contract(parsed: ParsedFile) -> dict[str, Any]:
    """The JSON-ready dict of ``parsed`` (only str, int, bool, None, lists and dicts)."""
    if parsed.kind == "pnr":
        return _pnr_contract(parsed)
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


def _pnr_contract(parsed: ParsedFile) -> dict[str, Any]:
    first = parsed.pushes[0] if parsed.pushes else None
    flights: list[dict[str, Any]] = []
    for push in parsed.pushes:
        if push.flight is not None:
            flight = _flight(push.flight)
            if flight not in flights:
                flights.append(flight)
    return {
        "kind": parsed.kind,
        "format": parsed.format,
        "sender": first.sender if first else None,
        "recipient": first.recipient if first else None,
        "flights": flights,
        "bookings": [_booking(b) for p in parsed.pushes for b in p.bookings],
        "warnings": [{"segment": w.segment, "tag": w.tag, "message": w.message} for w in parsed.warnings],
        "messages": [_push(p) for p in parsed.pushes],
    }


def _push(push: PnrPush) -> dict[str, Any]:
    return {
        "format": push.format,
        "function": push.function.value,
        "message_ref": push.message_ref,
        "interchange_ref": push.interchange_ref,
        "prepared": _iso(push.prepared),
        "common_access_ref": push.common_access_ref,
        "sequence": push.sequence,
        "final": push.final,
        "originator": _agency(push.originator),
        "pushed_flight": push.flight.designator if push.flight else None,
        "declared_bookings": push.declared_bookings,
        "bookings": len(push.bookings),
    }


def _address(address: Address | None) -> dict[str, Any] | None:
    if address is None:
        return None
    return {
        "street": address.street,
        "city": address.city,
        "region": address.region,
        "postcode": address.postcode,
        "country": address.country,
    }


def _agency(agency: Agency | None) -> dict[str, Any] | None:
    if agency is None:
        return None
    return {
        "system": agency.system,
        "location": agency.location,
        "iata_number": agency.iata_number,
        "office": agency.office,
        "originator_type": agency.originator_type,
        "country": agency.country,
        "agent": agency.agent,
    }


def _payment(payment: Payment) -> dict[str, Any]:
    return {
        "type": payment.type,
        "amount": payment.amount,
        "vendor": payment.vendor,
        "account": payment.account,
        "expiry": payment.expiry,
        "payer": payment.payer,
        "billing_address": _address(payment.billing_address),
    }


def _pnr_traveller(traveller: PnrTraveller) -> dict[str, Any]:
    document = _traveller(traveller.person)
    document.update(
        {
            "booking_ref": traveller.person.reservation_ref,
            "traveller_ref": traveller.ref,
            "type": traveller.type,
            "title": traveller.title,
            "address": _address(traveller.person.address),
            "contacts": [{"kind": c.kind, "value": c.value} for c in traveller.person.contacts],
            "frequent_flyer": [
                {"carrier": f.carrier, "number": f.number, "tier": f.tier} for f in traveller.frequent_flyer
            ],
            "tickets": [
                {"number": t.number, "issued": _iso(t.issued), "total": t.total} for t in traveller.tickets
            ],
            "special_services": [s.code for s in traveller.special_services],
        }
    )
    return document


def _checkin(checkin: CheckIn) -> dict[str, Any]:
    bags = checkin.baggage
    return {
        "time": _iso(checkin.time),
        "traveller_ref": checkin.traveller_ref,
        "surname": checkin.surname,
        "given_names": checkin.given_names,
        "sequence": checkin.sequence,
        "seat": checkin.seat,
        "bags": bags.count if bags else None,
        "bag_tags": list(bags.tags) if bags else [],
    }


def _leg(leg: ItineraryLeg) -> dict[str, Any]:
    document = _flight(leg.leg)
    document.update(
        {
            "booking_class": leg.booking_class,
            "status": leg.status,
            "operating_carrier": leg.operating_carrier,
            "operating_number": leg.operating_number,
            "equipment": leg.equipment,
            "checkins": [_checkin(c) for c in leg.checkins],
        }
    )
    return document


def booking_contract(booking: Booking) -> dict[str, Any]:
    """One booking as the JSON contract writes it (the store keeps this as a version's content)."""
    return _booking(booking)


def _booking(booking: Booking) -> dict[str, Any]:
    return {
        "record_locator": booking.record_locator,
        "carrier": booking.carrier,
        "created": _iso(booking.created),
        "last_modified": _iso(booking.last_modified),
        "cancelled": booking.cancelled,
        "originator": _agency(booking.originator),
        "group_name": booking.group_name,
        "locators": [{"carrier": r.carrier, "locator": r.locator} for r in booking.locators],
        "travellers": [_pnr_traveller(t) for t in booking.travellers],
        "itinerary": [_leg(leg) for leg in booking.itinerary],
        "payment": [_payment(p) for p in booking.payments],
        "contacts": [{"kind": c.kind, "value": c.value} for c in booking.contacts],
        "addresses": [_address(a) for a in booking.addresses],
        "splits": [r.locator for s in booking.splits for r in s.locators],
        "history": len(booking.history) + len(booking.history_text),
        "removed_categories": list(booking.removed_categories),
    }
