"""Storing parsed API (PAXLST) manifests: messages, their legs, travellers and documents.

No ORM unit of work: this is ingest's hot path. The travellers of a whole batch of files go in one
``executemany`` and their documents in another, straight to the driver, pre-encoded (``store.bulk``);
messages and legs, a few rows per file, through SQLAlchemy Core. Never commits: the caller owns the
transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select

from openpiu.model import (
    ApiManifest,
    DataState,
    RawSegment,
    TravelDocument,
    Traveller,
    normalise_document_number,
)
from openpiu.store.bulk import BulkInsert, Encoding
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


TRAVELLER_KEYS = (
    "api_message_id",
    "flight_id",
    "position",
    "role",
    "surname",
    "given_names",
    "in_transit",
    "sex",
    "date_of_birth",
    "nationality",
    "place_of_birth",
    "country_of_residence",
    "embarkation",
    "debarkation",
    "clearance",
    "address_street",
    "address_city",
    "address_region",
    "address_postcode",
    "address_country",
    "reservation_ref",
    "passenger_ref",
    "seat",
    "bag_count",
    "bag_weight",
    "bag_weight_unit",
    "bag_tags",
    "verified",
    "crew_function",
    "contacts",
    "extra",
    "received_at",
    "data_state",
)
DOCUMENT_KEYS = (
    "traveller_id",
    "position",
    "type",
    "number",
    "number_normalised",
    "issuing_country",
    "expiry_date",
    "issue_date",
    "place_of_issue",
    "extra",
    "received_at",
    "data_state",
)
_ACTIVE = DataState.ACTIVE.value
_INSERT_TRAVELLERS = BulkInsert(traveller, TRAVELLER_KEYS)
_INSERT_DOCUMENTS = BulkInsert(travel_document, DOCUMENT_KEYS)
_INSERT_MESSAGES = insert(api_message)
_MESSAGE_IDS = select(api_message.c.raw_message_id, api_message.c.position, api_message.c.id).where(
    api_message.c.raw_message_id.in_(bindparam("raw_ids", expanding=True))
)
_INSERT_LEGS = insert(api_message_leg)
# The new traveller ids by message and position: one indexed read instead of INSERT .. RETURNING, which
# SQLAlchemy can only match to their rows on SQLite by inserting one row per statement (several times
# slower).
_TRAVELLER_IDS = select(traveller.c.api_message_id, traveller.c.position, traveller.c.id).where(
    traveller.c.api_message_id.in_(bindparam("message_ids", expanding=True))
)


@dataclass(frozen=True, slots=True)
class ManifestsOf:
    """The manifests read from one raw message, with what their rows need from it.

    Attributes:
        manifests: the messages of the interchange, in order.
        raw_id: the raw message they were read from.
        received_at: receipt time of the raw message, copied onto every personal row (retention's T0).
    """

    manifests: Sequence[ApiManifest]
    raw_id: int
    received_at: datetime


def store_manifests(
    connection: Connection,
    manifests: Sequence[ApiManifest],
    *,
    raw_id: int,
    received_at: datetime,
    flights: FlightCache,
) -> StoredManifests:
    """Store every manifest read from raw message ``raw_id`` (see :func:`store_many_manifests`)."""
    return store_many_manifests(connection, [ManifestsOf(manifests, raw_id, received_at)], flights=flights)[0]


def store_many_manifests(
    connection: Connection, raws: Sequence[ManifestsOf], *, flights: FlightCache
) -> list[StoredManifests]:
    """Store the manifests of several raw messages; what was stored for each, in order.

    The messages of all of them go in one ``executemany`` (their ids read back in one indexed query),
    their legs in another, the travellers in a third, then their documents: a few statements per batch
    of files instead of a few per file. Flights are found or created first, in the order of the files.

    Args:
        raws: the manifests of each raw message.
        flights: flight ids already known in this ingest run.
    """
    encoding = Encoding.of(connection.dialect)
    # Per manifest: its source index, position, flight id and the flight of each leg.
    plans: list[tuple[int, int, ApiManifest, int | None, list[int | None]]] = []
    flight_ids: list[set[int]] = []
    for number, source in enumerate(raws):
        found: set[int] = set()
        for position, manifest in enumerate(source.manifests):
            leg_flights = [
                ensure_flight(connection, leg, received_at=source.received_at, cache=flights)
                for leg in manifest.legs
            ]
            found.update(f for f in leg_flights if f is not None)
            reporting = manifest.reporting_leg
            flight_id = leg_flights[manifest.legs.index(reporting)] if reporting is not None else None
            plans.append((number, position, manifest, flight_id, leg_flights))
        flight_ids.append(found)
    message_ids = _insert_messages(connection, raws, plans)
    results: list[StoredManifests] = []
    traveller_rows: list[tuple[Any, ...]] = []
    # (message id, travellers) of the manifests whose travellers carry documents.
    with_documents: list[tuple[int, Sequence[Traveller], Any]] = []
    counts = [[0, 0] for _ in raws]
    received = [encoding.instant(source.received_at) for source in raws]
    for (number, _, manifest, flight_id, _), message_id in zip(plans, message_ids, strict=True):
        if not manifest.travellers:
            continue
        traveller_rows += [
            _traveller_row(person, message_id, flight_id, index, received[number], encoding)
            for index, person in enumerate(manifest.travellers)
        ]
        counts[number][0] += len(manifest.travellers)
        count = sum(len(person.documents) for person in manifest.travellers)
        if count:
            with_documents.append((message_id, manifest.travellers, received[number]))
            counts[number][1] += count
    for source, (travellers, documents), found in zip(raws, counts, flight_ids, strict=True):
        results.append(
            StoredManifests(
                messages=len(source.manifests),
                travellers=travellers,
                documents=documents,
                flight_ids=frozenset(found),
            )
        )
    _INSERT_TRAVELLERS.execute(connection, traveller_rows)
    if with_documents:
        ids = {
            (message_id, position): traveller_id
            # fetched at once (.all()): iterating the result fetches row by row, in Python.
            for message_id, position, traveller_id in connection.execute(
                _TRAVELLER_IDS, {"message_ids": [message_id for message_id, _, _ in with_documents]}
            ).all()
        }
        _INSERT_DOCUMENTS.execute(
            connection,
            [
                _document_row(document, ids[message_id, position], index, received, encoding)
                for message_id, persons, received in with_documents
                for position, person in enumerate(persons)
                for index, document in enumerate(person.documents)
            ],
        )
    return results


def _insert_messages(
    connection: Connection,
    raws: Sequence[ManifestsOf],
    plans: Sequence[tuple[int, int, ApiManifest, int | None, list[int | None]]],
) -> list[int]:
    """Insert the message and leg rows of every planned manifest; the message ids, in plan order."""
    if not plans:
        return []
    connection.execute(
        _INSERT_MESSAGES,
        [
            _message_row(
                manifest,
                raw_id=raws[number].raw_id,
                position=position,
                flight_id=flight_id,
                received_at=raws[number].received_at,
            )
            for number, position, manifest, flight_id, _ in plans
        ],
    )
    # The new ids by raw message and position: one indexed read (see _TRAVELLER_IDS for why not RETURNING).
    by_place: dict[tuple[int, int], int] = {}
    for raw_id, position, message_id in connection.execute(
        _MESSAGE_IDS, {"raw_ids": sorted({raws[number].raw_id for number, *_ in plans})}
    ).all():
        if (raw_id, position) in by_place:
            # The intake claims each raw message once (record_outcome): its manifests are stored once.
            raise ValueError(f"manifests of raw message {raw_id} stored twice")
        by_place[raw_id, position] = message_id
    message_ids = [by_place[raws[number].raw_id, position] for number, position, *_ in plans]
    legs = [
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
        for (_, _, manifest, _, leg_flights), message_id in zip(plans, message_ids, strict=True)
        for index, (leg, leg_flight) in enumerate(zip(manifest.legs, leg_flights, strict=True))
    ]
    if legs:
        connection.execute(_INSERT_LEGS, legs)
    return message_ids


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
    person: Traveller,
    message_id: int,
    flight_id: int | None,
    position: int,
    received: Any,
    encoding: Encoding,
) -> tuple[Any, ...]:
    # In TRAVELLER_KEYS order. Absent parts are tested once each (one row per traveller: the hot path).
    address = person.address
    street = city = region = postcode = country = None
    if address is not None:
        street, city, region = address.street, address.city, address.region
        postcode, country = address.postcode, address.country
    baggage = person.baggage
    bag_count = bag_weight = bag_unit = bag_tags = None
    if baggage is not None:
        bag_count, bag_weight, bag_unit = baggage.count, baggage.weight, baggage.weight_unit
        bag_tags = encoding.json(list(baggage.tags)) if baggage.tags else None
    sex = person.sex
    return (
        message_id,
        flight_id,
        position,
        person.role.value,
        person.surname,
        person.given_names,
        encoding.flag(person.in_transit),
        None if sex is None else sex.value,
        encoding.day(person.date_of_birth),
        person.nationality,
        person.place_of_birth,
        person.country_of_residence,
        person.embarkation,
        person.debarkation,
        person.clearance,
        street,
        city,
        region,
        postcode,
        country,
        person.reservation_ref,
        person.passenger_ref,
        person.seat,
        bag_count,
        bag_weight,
        bag_unit,
        bag_tags,
        encoding.flag(person.verified),
        person.crew_function,
        encoding.json([{"kind": c.kind, "value": c.value} for c in person.contacts])
        if person.contacts
        else None,
        encoding.json(segments_json(person.extra)) if person.extra else None,
        received,
        _ACTIVE,
    )


def _document_row(
    document: TravelDocument, traveller_id: int, position: int, received: Any, encoding: Encoding
) -> tuple[Any, ...]:
    # In DOCUMENT_KEYS order.
    return (
        traveller_id,
        position,
        document.type,
        document.number,
        normalise_document_number(document.number),
        document.issuing_country,
        encoding.day(document.expiry_date),
        encoding.day(document.issue_date),
        document.place_of_issue,
        encoding.json(segments_json(document.extra)) if document.extra else None,
        received,
        _ACTIVE,
    )


def segments_json(segments: Sequence[RawSegment]) -> list[dict[str, Any]] | None:
    """Unmodelled segments as stored in JSON columns; None when there are none."""
    if not segments:
        return None
    return [{"position": s.position, "tag": s.tag, "text": s.text} for s in segments]
