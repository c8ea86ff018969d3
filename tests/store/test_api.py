from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from factories import WARNING, document, leg, manifest, people, traveller
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from openpiu.model import ApiManifest, DataState, Role, Sex, Traveller
from openpiu.store.api import ManifestsOf, StoredManifests, store_manifests, store_many_manifests
from openpiu.store.flights import FlightCache
from openpiu.store.raw import insert_raw
from openpiu.store.tables import (
    ApiMessageLegRow,
    ApiMessageRow,
    FlightRow,
    RawMessageRow,
    TravelDocumentRow,
    TravellerRow,
)
from openpiu.store.tables import api_message as api_message_table
from openpiu.store.tables import raw_message as raw_message_table
from openpiu.store.tables import travel_document as travel_document_table
from openpiu.store.tables import traveller as traveller_table

RECEIVED = datetime(2026, 3, 29, 7, 12, 30, tzinfo=UTC)


def store(
    engine: Engine,
    manifests: Sequence[ApiManifest],
    *,
    content: bytes = b"x",
    cache: FlightCache | None = None,
) -> StoredManifests:
    flights = cache if cache is not None else FlightCache()
    with engine.begin() as connection:
        raw_id = insert_raw(connection, data=content, source="test", received_at=RECEIVED)
        assert raw_id is not None
        stored = store_manifests(connection, manifests, raw_id=raw_id, received_at=RECEIVED, flights=flights)
    flights.commit()
    return stored


def test_every_traveller_and_document_field_is_stored(engine: Engine) -> None:
    stored = store(engine, [manifest()])
    assert (stored.messages, stored.travellers, stored.documents) == (1, 1, 1)
    with Session(engine) as session:
        person = session.scalars(select(TravellerRow)).one()
        doc = session.scalars(select(TravelDocumentRow)).one()
    assert (person.role, person.surname, person.given_names, person.in_transit) == (
        Role.PASSENGER,
        "PETROVIC",
        "MARKO JOVAN",
        False,
    )
    assert (person.sex, person.date_of_birth, person.nationality, person.place_of_birth) == (
        Sex.MALE,
        date(1985, 2, 12),
        "SRB",
        "NOVI SAD",
    )
    assert (person.country_of_residence, person.embarkation, person.debarkation, person.clearance) == (
        "SRB",
        "VIE",
        "BEG",
        "BEG",
    )
    assert (person.address_street, person.address_city, person.address_region, person.address_postcode) == (
        "KNEZ MIHAILOVA 1",
        "BEOGRAD",
        None,
        "11000",
    )
    assert (person.reservation_ref, person.passenger_ref, person.seat, person.verified) == (
        "ABC123",
        "P0001",
        "12A",
        True,
    )
    assert (person.bag_count, person.bag_weight, person.bag_weight_unit, person.bag_tags) == (
        2,
        31.5,
        "KGM",
        ["JU123456", "JU123457"],
    )
    assert person.contacts == [{"kind": "TE", "value": "+381601234567"}]
    assert person.extra == [{"position": 33, "tag": "FTX", "text": "FTX+AAH+++SYNTHETIC"}]
    assert person.crew_function is None
    assert (doc.traveller_id, doc.position, doc.type, doc.number, doc.number_normalised) == (
        person.id,
        0,
        "P",
        "SRB 12345<6",
        "SRB123456",
    )
    assert (doc.issuing_country, doc.expiry_date, doc.issue_date, doc.place_of_issue) == (
        "SRB",
        date(2031, 5, 1),
        date(2021, 5, 2),
        "BEOGRAD",
    )
    assert doc.extra == [{"position": 40, "tag": "DTM", "text": "DTM+182:210502"}]


def test_message_envelope_references_and_declared_counts_are_stored(engine: Engine) -> None:
    store(engine, [manifest(warnings=(WARNING,))])
    with Session(engine) as session:
        message = session.scalars(select(ApiMessageRow)).one()
        legs = session.scalars(select(ApiMessageLegRow)).all()
    assert (message.format, message.sender, message.recipient, message.prepared) == (
        "PAXLST D05B",
        "JUAPI",
        "RSPIU",
        datetime(2026, 3, 29, 8, 0),
    )
    assert (message.interchange_ref, message.message_ref, message.common_access_ref) == (
        "1001",
        "M1",
        "JU0123/260329/0930",
    )
    assert (message.sequence, message.final, message.document_type, message.function) == (
        1,
        True,
        "745",
        "CLOB",
    )
    assert (message.transaction_ref, message.transaction_revision) == ("T1", "1")
    assert (message.reporting_party, message.reporting_contacts) == (
        "OPS DESK",
        [{"kind": "TE", "value": "+381111234567"}],
    )
    assert (message.declared_passengers, message.declared_crew) == (1, 0)
    assert message.extra == [{"position": 3, "tag": "UNS", "text": "UNS+D"}]
    assert message.warnings == [{"segment": 7, "tag": "CNT", "message": "declared 3 passengers, found 1"}]
    assert [(lg.position, lg.carrier, lg.number, lg.departure_airport, lg.crosses_border) for lg in legs] == [
        (0, "JU", "0123", "VIE", True)
    ]


def test_every_personal_row_carries_receipt_time_and_active_state(engine: Engine) -> None:
    store(engine, [manifest(travellers=people(3))])
    with engine.connect() as connection:
        for table in (raw_message_table, api_message_table, traveller_table, travel_document_table):
            rows = connection.execute(select(table.c.received_at, table.c.data_state)).all()
            assert rows, table.name
            assert set(rows) == {(RECEIVED, DataState.ACTIVE)}, table.name


def test_messages_about_one_flight_land_on_one_flight(engine: Engine) -> None:
    cache = FlightCache()
    first = store(engine, [manifest(travellers=people(2))], content=b"part 1", cache=cache)
    # A later part, sent with the number unpadded: the same flight.
    second = store(
        engine,
        [manifest(legs=(leg(number="123"),), travellers=people(2, start=2), sequence=2)],
        content=b"part 2",
    )
    assert first.flight_ids == second.flight_ids
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(FlightRow)) == 1
        flight_id = session.scalars(select(FlightRow.id)).one()
        on_flight = session.scalars(
            select(TravellerRow.surname).where(TravellerRow.flight_id == flight_id)
        ).all()
    assert sorted(on_flight) == ["SYNTHETIC0", "SYNTHETIC1", "SYNTHETIC2", "SYNTHETIC3"]


def test_another_day_or_another_departure_airport_is_another_flight(engine: Engine) -> None:
    store(
        engine,
        [
            manifest(
                legs=(
                    leg(departure_airport="TGD", arrival_airport="BEG", crosses_border=False),
                    leg(
                        departure_airport="BEG",
                        arrival_airport="CDG",
                        scheduled_departure=datetime(2026, 3, 29, 13, 0),
                    ),
                )
            ),
            manifest(legs=(leg(scheduled_departure=datetime(2026, 3, 30, 9, 30)),)),
        ],
    )
    with Session(engine) as session:
        flights = session.execute(
            select(FlightRow.departure_airport, FlightRow.departure_date).order_by(FlightRow.id)
        ).all()
        filed_under = session.scalars(
            select(FlightRow.departure_airport).join(ApiMessageRow).order_by(ApiMessageRow.id)
        ).all()
    assert [tuple(f) for f in flights] == [
        ("TGD", date(2026, 3, 29)),
        ("BEG", date(2026, 3, 29)),
        ("VIE", date(2026, 3, 30)),
    ]
    # A progressive flight is filed under its border-crossing leg (LOC 125/87), not its first leg.
    assert filed_under == ["BEG", "VIE"]


def test_scheduled_times_are_kept_as_sent_and_converted_to_utc_with_the_airport_zone(engine: Engine) -> None:
    # 29 March 2026: clocks in Vienna and Belgrade went forward at 02:00 that morning (UTC+2 after).
    winter = leg(
        number="0456",
        scheduled_departure=datetime(2026, 1, 15, 9, 30),
        scheduled_arrival=datetime(2026, 1, 15, 11, 5),
    )
    store(engine, [manifest(), manifest(legs=(winter,))])
    with Session(engine) as session:
        rows = session.scalars(select(FlightRow).order_by(FlightRow.number)).all()
    assert [
        (f.scheduled_departure_local, f.scheduled_departure_utc, f.scheduled_arrival_utc) for f in rows
    ] == [
        (
            datetime(2026, 3, 29, 9, 30),
            datetime(2026, 3, 29, 7, 30, tzinfo=UTC),
            datetime(2026, 3, 29, 9, 5, tzinfo=UTC),
        ),
        (
            datetime(2026, 1, 15, 9, 30),
            datetime(2026, 1, 15, 8, 30, tzinfo=UTC),
            datetime(2026, 1, 15, 10, 5, tzinfo=UTC),
        ),
    ]


def test_unknown_airport_keeps_local_times_and_leaves_utc_empty(engine: Engine) -> None:
    store(engine, [manifest(legs=(leg(departure_airport="ZZZ"),))])
    with Session(engine) as session:
        row = session.scalars(select(FlightRow)).one()
    assert (row.departure_airport, row.scheduled_departure_local, row.scheduled_departure_utc) == (
        "ZZZ",
        datetime(2026, 3, 29, 9, 30),
        None,
    )
    assert row.scheduled_arrival_utc == datetime(2026, 3, 29, 9, 5, tzinfo=UTC)


def test_leg_without_departure_time_is_kept_but_names_no_flight(engine: Engine) -> None:
    stored = store(engine, [manifest(legs=(leg(scheduled_departure=None),))])
    assert stored.flight_ids == frozenset()
    with Session(engine) as session:
        message = session.scalars(select(ApiMessageRow)).one()
        kept = session.scalars(select(ApiMessageLegRow)).one()
        person = session.scalars(select(TravellerRow)).one()
    assert (message.flight_id, kept.flight_id, kept.carrier, kept.arrival_airport, person.flight_id) == (
        None,
        None,
        "JU",
        "BEG",
        None,
    )


def test_travellers_without_documents_and_crew_are_stored(engine: Engine) -> None:
    crew = traveller(
        role=Role.CREW, crew_function="CR1", documents=(), address=None, baggage=None, contacts=()
    )
    stored = store(engine, [manifest(travellers=(crew,))])
    assert (stored.travellers, stored.documents) == (1, 0)
    with Session(engine) as session:
        row = session.scalars(select(TravellerRow)).one()
    assert (row.role, row.crew_function, row.address_city, row.bag_count, row.contacts) == (
        Role.CREW,
        "CR1",
        None,
        None,
        None,
    )


def test_documents_follow_their_traveller_in_a_large_manifest(engine: Engine) -> None:
    many = people(250)
    two_docs = traveller(
        surname="TWODOCS", documents=(document(number="A1"), document(type="V", number="V9"))
    )
    store(engine, [manifest(travellers=(*many, two_docs))])
    with Session(engine) as session:
        pairs = session.execute(
            select(TravellerRow.surname, TravelDocumentRow.number, TravelDocumentRow.position)
            .join(TravelDocumentRow)
            .order_by(TravelDocumentRow.id)
        ).all()
    expected = [(f"SYNTHETIC{i}", f"P{i:08d}", 0) for i in range(250)] + [
        ("TWODOCS", "A1", 0),
        ("TWODOCS", "V9", 1),
    ]
    assert [tuple(p) for p in pairs] == expected


def test_deleting_a_raw_message_deletes_everything_read_from_it(engine: Engine) -> None:
    store(engine, [manifest(travellers=people(3))])
    with engine.begin() as connection:
        connection.execute(delete(raw_message_table))
    with Session(engine) as session:
        left = {
            row.__tablename__: session.scalar(select(func.count()).select_from(row))
            for row in (
                RawMessageRow,
                ApiMessageRow,
                ApiMessageLegRow,
                TravellerRow,
                TravelDocumentRow,
                FlightRow,
            )
        }
    # Flights hold no personal data and stay.
    assert left == {
        "raw_message": 0,
        "api_message": 0,
        "api_message_leg": 0,
        "traveller": 0,
        "travel_document": 0,
        "flight": 1,
    }


def test_documents_follow_their_traveller_across_the_raw_messages_of_a_batch(engine: Engine) -> None:
    received = [RECEIVED, datetime(2026, 3, 29, 8, 0, tzinfo=UTC)]
    flights = FlightCache()
    with engine.begin() as connection:
        raws = []
        for n, at in enumerate(received):
            raw_id = insert_raw(connection, data=b"%d" % n, source=f"f{n}", received_at=at)
            assert raw_id is not None
            # Raw 0: two messages (the second without documents); raw 1: one message.
            messages = (
                [manifest(travellers=people(2)), manifest(message_ref="M2", travellers=(crew(),))]
                if n == 0
                else [manifest(message_ref="M3", travellers=people(3, start=10))]
            )
            raws.append(ManifestsOf(messages, raw_id, at))
        stored = store_many_manifests(connection, raws, flights=flights)
    assert [(s.messages, s.travellers, s.documents) for s in stored] == [(2, 3, 2), (1, 3, 3)]
    with Session(engine) as session:
        rows = session.execute(
            select(TravellerRow.surname, TravelDocumentRow.number, TravelDocumentRow.received_at)
            .join(TravelDocumentRow)
            .order_by(TravelDocumentRow.id)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("SYNTHETIC0", "P00000000", received[0]),
        ("SYNTHETIC1", "P00000001", received[0]),
        ("SYNTHETIC10", "P00000010", received[1]),
        ("SYNTHETIC11", "P00000011", received[1]),
        ("SYNTHETIC12", "P00000012", received[1]),
    ]


def crew() -> Traveller:
    return traveller(role=Role.CREW, surname="CREW", documents=(), address=None, baggage=None, contacts=())
