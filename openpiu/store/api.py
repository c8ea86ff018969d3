"""Storing parsed API (PAXLST) manifests: messages, their legs, travellers and documents.

Bulk SQLAlchemy Core inserts (one ``executemany`` per table and manifest), no ORM unit of work: this is
ingest's hot path. Never commits: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from openpiu.model import (
    ApiManifest,
    DataState,
    RawSegment,
    TravelDocument,
    Traveller,
    normalise_document_number,
)
from openpiu.store.flights import FlightCache, ensure_flight
from openpiu.store.raw import warnings_json
from openpiu.store.tables import api_message, api_message_leg, travel_document, traveller


@dataclass(frozen=True, slots=True)
class StoredManifests:
    """What storing the manifests of one raw message created."""

    messages: int
    travellers: int
    documents: int
    flight_ids: frozenset[int]


def store_manifests(
    connection: Connection,
    manifests: Sequence[ApiManifest],
    *,
    raw_id: int,
    received_at: datetime,
    flights: FlightCache,
) -> StoredManifests:
    """Store every manifest read from raw message ``raw_id``.

    Args:
        manifests: the messages of the interchange, in order.
        raw_id: the raw message they were read from.
        received_at: receipt time of the raw message, copied onto every personal row (retention's T0).
        flights: flight ids already known in this ingest run.
    """
    travellers = documents = 0
    flight_ids: set[int] = set()
    for position, manifest in enumerate(manifests):
        leg_flights = [
            ensure_flight(connection, leg, received_at=received_at, cache=flights) for leg in manifest.legs
        ]
        flight_ids.update(f for f in leg_flights if f is not None)
        reporting = manifest.reporting_leg
        flight_id = leg_flights[manifest.legs.index(reporting)] if reporting is not None else None
        message_id: int = connection.execute(
            insert(api_message).returning(api_message.c.id),
            _message_row(
                manifest, raw_id=raw_id, position=position, flight_id=flight_id, received_at=received_at
            ),
        ).scalar_one()
        if manifest.legs:
            connection.execute(
                insert(api_message_leg),
                [
                    {
                        "api_message_id": message_id,
                        "position": index,
                        "flight_id": leg_flight,
                        "carrier": leg.carrier,
                        "number": leg.number,
                        "departure_airport": leg.departure_airport,
                        "arrival_airport": leg.arrival_airport,
                        "scheduled_departure_local": leg.scheduled_departure,
                        "scheduled_arrival_local": leg.scheduled_arrival,
                        "crosses_border": leg.crosses_border,
                    }
                    for index, (leg, leg_flight) in enumerate(zip(manifest.legs, leg_flights, strict=True))
                ],
            )
        if not manifest.travellers:
            continue
        rows = [
            _traveller_row(
                person, message_id=message_id, flight_id=flight_id, position=index, received_at=received_at
            )
            for index, person in enumerate(manifest.travellers)
        ]
        travellers += len(rows)
        connection.execute(insert(traveller), rows)
        if not any(person.documents for person in manifest.travellers):
            continue
        # The new ids, by position: one indexed read instead of INSERT .. RETURNING, which SQLAlchemy can
        # only match to their rows on SQLite by inserting one row per statement (several times slower).
        ids: dict[int, int] = {
            position: traveller_id
            for position, traveller_id in connection.execute(
                select(traveller.c.position, traveller.c.id).where(traveller.c.api_message_id == message_id)
            )
        }
        document_rows = [
            _document_row(document, traveller_id=ids[position], position=index, received_at=received_at)
            for position, person in enumerate(manifest.travellers)
            for index, document in enumerate(person.documents)
        ]
        documents += len(document_rows)
        connection.execute(insert(travel_document), document_rows)
    return StoredManifests(
        messages=len(manifests), travellers=travellers, documents=documents, flight_ids=frozenset(flight_ids)
    )


def _message_row(
    manifest: ApiManifest, *, raw_id: int, position: int, flight_id: int | None, received_at: datetime
) -> dict[str, Any]:
    return {
        "raw_message_id": raw_id,
        "position": position,
        "flight_id": flight_id,
        "format": manifest.format,
        "sender": manifest.sender,
        "recipient": manifest.recipient,
        "prepared": manifest.prepared,
        "interchange_ref": manifest.interchange_ref,
        "message_ref": manifest.message_ref,
        "common_access_ref": manifest.common_access_ref,
        "sequence": manifest.sequence,
        "final": manifest.final,
        "document_type": manifest.document_type,
        "function": manifest.function,
        "transaction_ref": manifest.transaction_ref,
        "transaction_revision": manifest.transaction_revision,
        "reporting_party": manifest.reporting_party,
        "reporting_contacts": [{"kind": c.kind, "value": c.value} for c in manifest.reporting_contacts]
        or None,
        "declared_passengers": manifest.declared_passengers,
        "declared_crew": manifest.declared_crew,
        "extra": segments_json(manifest.extra),
        "warnings": warnings_json(manifest.warnings),
        "received_at": received_at,
        "data_state": DataState.ACTIVE,
    }


def _traveller_row(
    person: Traveller, *, message_id: int, flight_id: int | None, position: int, received_at: datetime
) -> dict[str, Any]:
    address = person.address
    baggage = person.baggage
    return {
        "api_message_id": message_id,
        "flight_id": flight_id,
        "position": position,
        "role": person.role,
        "surname": person.surname,
        "given_names": person.given_names,
        "in_transit": person.in_transit,
        "sex": person.sex,
        "date_of_birth": person.date_of_birth,
        "nationality": person.nationality,
        "place_of_birth": person.place_of_birth,
        "country_of_residence": person.country_of_residence,
        "embarkation": person.embarkation,
        "debarkation": person.debarkation,
        "clearance": person.clearance,
        "address_street": address.street if address else None,
        "address_city": address.city if address else None,
        "address_region": address.region if address else None,
        "address_postcode": address.postcode if address else None,
        "address_country": address.country if address else None,
        "reservation_ref": person.reservation_ref,
        "passenger_ref": person.passenger_ref,
        "seat": person.seat,
        "bag_count": baggage.count if baggage else None,
        "bag_weight": baggage.weight if baggage else None,
        "bag_weight_unit": baggage.weight_unit if baggage else None,
        "bag_tags": list(baggage.tags) if baggage and baggage.tags else None,
        "verified": person.verified,
        "crew_function": person.crew_function,
        "contacts": [{"kind": c.kind, "value": c.value} for c in person.contacts] or None,
        "extra": segments_json(person.extra),
        "received_at": received_at,
        "data_state": DataState.ACTIVE,
    }


def _document_row(
    document: TravelDocument, *, traveller_id: int, position: int, received_at: datetime
) -> dict[str, Any]:
    return {
        "traveller_id": traveller_id,
        "position": position,
        "type": document.type,
        "number": document.number,
        "number_normalised": normalise_document_number(document.number),
        "issuing_country": document.issuing_country,
        "expiry_date": document.expiry_date,
        "issue_date": document.issue_date,
        "place_of_issue": document.place_of_issue,
        "extra": segments_json(document.extra),
        "received_at": received_at,
        "data_state": DataState.ACTIVE,
    }


def segments_json(segments: Sequence[RawSegment]) -> list[dict[str, Any]] | None:
    """Unmodelled segments as stored in JSON columns; None when there are none."""
    if not segments:
        return None
    return [{"position": s.position, "tag": s.tag, "text": s.text} for s in segments]
