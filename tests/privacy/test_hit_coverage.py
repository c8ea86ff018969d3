"""Open hits keep the data they rest on, whichever kind of hit (watchlist or criteria), and a subject's
access request lists the hits on their flights: both read the hits' ``flight:ID`` flight keys."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from storage_fixtures import hit_key

from openpiu.model import DataState
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer
from openpiu.privacy.subjects import Criteria
from openpiu.review import Detection, HitSource, Raised
from openpiu.store.hits import record_detections
from openpiu.store.pnr_tables import BookingVersionRow
from openpiu.store.review_tables import HitRow
from openpiu.store.subjects import find_held
from openpiu.store.tables import FlightRow, TravellerRow
from privacy.traffic import T0, load_traffic, screen_names

SEALER = Sealer(bytes(range(32)))
SIX_MONTHS = add_months(T0, 6) + timedelta(days=1)


def _rule_hit(engine: Engine, surname: str) -> int:
    """An open criteria hit on the API traveller ``surname``, as ``openpiu.ingest.assess`` records it."""
    with Session(engine) as session, session.begin():
        person = session.scalars(select(TravellerRow).where(TravellerRow.surname == surname)).one()
        traveller, flight = f"traveller:{person.id}", f"flight:{person.flight_id}"
        found = Detection(
            HitSource.RULE, "late-cash", "late-cash@1", traveller, flight, ("matched",), {"x": 1}, T0,
            T0 + timedelta(hours=3),
        )  # fmt: skip
        [(hit_id, _)] = record_detections(session, [found])
    return hit_id


def _bookings(engine: Engine) -> dict[str, DataState]:
    with Session(engine) as session:
        rows = session.execute(select(BookingVersionRow.record_locator, BookingVersionRow.data_state))
        return {locator: state for locator, state in rows}


def _travellers(engine: Engine, surname: str) -> int:
    with Session(engine) as session:
        query = select(func.count()).select_from(TravellerRow).where(TravellerRow.surname == surname)
        return int(session.scalar(query) or 0)


def test_an_open_criteria_hit_keeps_border_api_past_24_hours(engine: Engine) -> None:
    load_traffic(engine)
    _rule_hit(engine, "NIKOLIC")  # on JU0456, API only: border-purpose API, deleted at 24 h unless covered
    run_retention(engine, policy=Policy(), sealer=SEALER, now=T0 + timedelta(hours=25))
    assert _travellers(engine, "NIKOLIC") == 1


def test_an_open_watchlist_hit_keeps_its_flight_or_its_booking(engine: Engine) -> None:
    load_traffic(engine)
    # LUKA is on booking ABC123 only (no API record, no passport): his hit keeps that booking.
    assert screen_names(engine, "Luka Petrovic", at=T0 + timedelta(hours=2)) == [Raised.NEW]
    run_retention(engine, policy=Policy(cjeu_mode=True), sealer=SEALER, now=SIX_MONTHS)
    assert _bookings(engine) == {"ABC123": DataState.DEPERSONALISED}


def test_an_open_watchlist_hit_on_an_api_traveller_keeps_the_flight(engine: Engine) -> None:
    load_traffic(engine)
    # ANA KOVAC's hit (API) names her by passport, not by booking: the whole flight's data stay (masked).
    assert Raised.NEW in screen_names(engine, "Ana Kovac", at=T0 + timedelta(hours=2))
    run_retention(engine, policy=Policy(cjeu_mode=True), sealer=SEALER, now=SIX_MONTHS)
    assert _bookings(engine) == {"ABC123": DataState.DEPERSONALISED, "DEF456": DataState.DEPERSONALISED}


def test_subject_access_lists_the_hits_on_the_persons_flights(engine: Engine) -> None:
    load_traffic(engine)
    screen_names(engine, "Ana Petrovic", at=T0 + timedelta(hours=2))
    rule_hit = _rule_hit(engine, "PETROVIC")
    with Session(engine) as session:
        flight = session.scalars(select(FlightRow).where(FlightRow.number == "0123")).one()
        watchlist_hits = set(session.scalars(select(HitRow.id).where(HitRow.source == HitSource.WATCHLIST)))
    assert watchlist_hits
    with engine.connect() as connection:
        key = hit_key(connection)
        held = find_held(connection, criteria=Criteria("Petrović", "Ana"), pseudonym_key=key)
    hits = {h.row_id: h.values["flight_key"] for h in held if h.table == "hit"}
    assert hits == {i: f"flight:{flight.id}" for i in {rule_hit, *watchlist_hits}}
    # Each record of the person names its flight the same way, so the answer ties the hits to it.
    records = [h for h in held if h.table in ("traveller", "booking_version")]
    assert records and {h.values["flight_key"] for h in records} == {f"flight:{flight.id}"}
