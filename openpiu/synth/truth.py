"""Ground truth as JSON-ready dicts: what ``openpiu parse --json`` must yield for each synthetic file,
plus what no message carries (original spellings, MRZ, bookings) for later checks and PNR generation.

Keys follow the parse contract of ``openpiu.formats.contract``; keys it does not have are truth-only
(``person_id``, ``original_surname``, ``original_given_names``, ``spelling`` and the ``synth`` section).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from openpiu.model import Role
from openpiu.synth.model import Boarding, Booking, Segment, SynthDay, SynthFlight, SynthMessage, SynthPerson

# Traveller keys present in the truth but not in the parse output.
TRUTH_ONLY = ("person_id", "original_surname", "original_given_names", "spelling")


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _traveller(boarding: Boarding, clearance: str | None) -> dict[str, Any]:
    person, document = boarding.person, boarding.person.document
    passenger = boarding.role is Role.PASSENGER
    return {
        "role": boarding.role.value,
        "surname": person.written_surname,
        "given_names": person.written_given_names,
        "date_of_birth": person.date_of_birth.isoformat(),
        "sex": person.sex.value,
        "nationality": person.nationality,
        "documents": [
            {
                "type": document.type,
                "number": document.number,
                "issuing_country": document.issuing_country,
                "expiry_date": document.expiry_date.isoformat(),
                "issue_date": None,
            }
        ],
        "in_transit": boarding.in_transit,
        "place_of_birth": person.place_of_birth,
        "country_of_residence": person.residence,
        "embarkation": boarding.embarkation,
        "debarkation": boarding.debarkation,
        "clearance": clearance if passenger else None,
        "reservation_ref": boarding.record_locator,
        "passenger_ref": boarding.passenger_ref,
        "seat": boarding.seat,
        "bags": boarding.bags,
        "bag_tags": list(boarding.bag_tags),
        "verified": boarding.verified,
        "crew_function": boarding.crew_function,
        "person_id": person.person_id,
        "original_surname": person.surname,
        "original_given_names": person.given_names,
        "spelling": person.spelling.value,
    }


def message_truth(message: SynthMessage, flight: SynthFlight, clearance: str) -> dict[str, Any]:
    """What parsing ``message``'s file must give (contract keys), plus the ``synth`` section."""
    manifest = message.manifest
    fmt = f"PAXLST {message.options.directory}"
    passengers = sum(1 for b in message.boardings if b.role is Role.PASSENGER)
    return {
        "kind": "api",
        "format": fmt,
        "sender": manifest.sender,
        "recipient": manifest.recipient,
        "flights": [
            {
                "carrier": flight.carrier,
                "number": flight.number,
                "departure_airport": flight.departure_airport,
                "arrival_airport": flight.arrival_airport,
                "scheduled_departure": flight.scheduled_departure.isoformat(),
                "scheduled_arrival": flight.scheduled_arrival.isoformat(),
                "crosses_border": True,
            }
        ],
        "travellers": [_traveller(b, clearance) for b in message.boardings],
        "messages": [
            {
                "format": fmt,
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
                "reporting_flight": f"{flight.carrier}{flight.number}",
                "declared_passengers": manifest.declared_passengers,
                "declared_crew": manifest.declared_crew,
                "passengers": passengers,
                "crew": len(message.boardings) - passengers,
            }
        ],
        "synth": {
            "file": message.file_name,
            "flight_key": message.flight_key,
            "quirks": list(message.quirks),
        },
    }


def _person(person: SynthPerson) -> dict[str, Any]:
    document = person.document
    return {
        "origin": person.origin.value,
        "sex": person.sex.value,
        "surname": person.surname,
        "given_names": person.given_names,
        "spelling": person.spelling.value,
        "written_surname": person.written_surname,
        "written_given_names": person.written_given_names,
        "date_of_birth": person.date_of_birth.isoformat(),
        "nationality": person.nationality,
        "residence": person.residence,
        "place_of_birth": person.place_of_birth,
        "document": {
            "type": document.type,
            "number": document.number,
            "issuing_country": document.issuing_country,
            "issue_date": document.issue_date.isoformat(),
            "expiry_date": document.expiry_date.isoformat(),
            "mrz": list(document.mrz),
        },
    }


def _booking(booking: Booking) -> dict[str, Any]:
    payment, agency = booking.payment, booking.agency
    return {
        "record_locator": booking.record_locator,
        "created": booking.created.isoformat(),
        "kind": booking.kind,
        "channel": booking.channel,
        "agency": None
        if agency is None
        else {
            "name": agency.name,
            "iata_number": agency.iata_number,
            "city": agency.city,
            "country": agency.country,
        },
        "payment": {
            "type": payment.type,
            "amount": payment.amount,
            "currency": payment.currency,
            "card_vendor": payment.card_vendor,
            "card_number_masked": payment.card_number_masked,
            "card_holder": payment.card_holder,
        },
        "contact_phone": booking.contact_phone,
        "contact_email": booking.contact_email,
        "person_ids": [p.person_id for p in booking.travellers],
        # One ticket per traveller (same order), each paid its fare by ``payment``.
        "tickets": [
            {"person_id": t.person_id, "number": t.number, "fare": t.fare, "infant": t.infant}
            for t in booking.tickets
        ],
        "no_show_ids": list(booking.no_show_ids),
        "go_show": booking.go_show,
        "ticketed": booking.ticketed.isoformat() if booking.ticketed else None,
        "first_itinerary": [_segment(s) for s in booking.first_itinerary],
        "itinerary": [_segment(s) for s in booking.itinerary],
    }


def _segment(segment: Segment) -> dict[str, Any]:
    return {
        "carrier": segment.carrier,
        "number": segment.number,
        "departure_airport": segment.departure_airport,
        "arrival_airport": segment.arrival_airport,
        "scheduled_departure": segment.scheduled_departure.isoformat(),
        "flight_key": segment.flight_key,
    }


def day_truth(day: SynthDay, files: dict[str, list[str]]) -> dict[str, Any]:
    """The day: flights (with their files), bookings and every person (original names, document, MRZ)."""
    return {
        "day": day.day.isoformat(),
        "seed": day.seed,
        "scale": day.scale,
        "flights": [
            {
                "key": f.key,
                "carrier": f.carrier,
                "number": f.number,
                "departure_airport": f.departure_airport,
                "arrival_airport": f.arrival_airport,
                "scheduled_departure": f.scheduled_departure.isoformat(),
                "scheduled_arrival": f.scheduled_arrival.isoformat(),
                "aircraft": f.aircraft,
                "seats": f.seats,
                "reporting_state": f.reporting_state,
                "passengers": [b.person.person_id for b in f.passengers],
                "crew": [b.person.person_id for b in f.crew],
                "files": files.get(f.key, []),
            }
            for f in day.flights
        ],
        "bookings": [_booking(b) for b in day.bookings],
        "people": {p.person_id: _person(p) for p in day.people},
    }
