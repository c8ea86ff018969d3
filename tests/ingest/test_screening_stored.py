"""Screening stored flights: PNR before check-in, then API; one hit per traveller x entry throughout."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from storage_fixtures import hit_key

from openpiu.ingest import collect_files, ingest_paths
from openpiu.ingest.screening import load_lists, pseudonym_scope, screen_stored
from openpiu.review import Raised
from openpiu.store.hits import list_hits
from openpiu.store.tables import FlightRow
from openpiu.synth import write_day
from openpiu.synth.demo_watchlist import load_demo_watchlist

DAY = date(2026, 11, 29)
T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
PIU = "SRB"


@pytest.fixture(scope="module")
def synthetic_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("day")
    write_day(folder, seed=5, scale=0.03, day=DAY, truth=True, pnr=True)
    return folder


def test_pnr_hits_carry_over_to_the_api_push(engine: Engine, synthetic_day: Path) -> None:
    assert ingest_paths(engine, collect_files([synthetic_day / "pnr"])).rejected == 0
    with Session(engine) as session:
        demo, _ = load_demo_watchlist(session, synthetic_day / "truth" / "day.json", seed=1, now=T0, size=300)
        lists = load_lists(session, pseudonym_key=hit_key(session.connection()))
        before = screen_stored(session, lists, day=DAY, piu_country=PIU, now=T0)
        session.commit()
    planted = {p.entry_id for p in demo.planted}
    assert before.api_travellers == 0 and before.pnr_travellers > 0
    found = {h.match.entry_id for h in before.hits if h.source == "pnr"}
    assert planted <= found
    assert all(h.action is Raised.NEW for h in before.hits)

    assert ingest_paths(engine, collect_files([synthetic_day / "api"])).rejected == 0
    with Session(engine) as session:
        after = screen_stored(session, lists, day=DAY, piu_country=PIU, now=T0 + timedelta(hours=20))
        session.commit()
        stored = list_hits(session)
        rows = {f"flight:{row.id}": row for row in session.scalars(select(FlightRow))}
    assert after.api_travellers > 0
    # The booking's passport number keys the PNR hit, so the API push refreshes it instead of adding one.
    assert {h.match.entry_id for h in after.hits if h.action is Raised.NEW} & planted == set()
    assert {h.match.entry_id for h in after.hits if h.action is Raised.REFRESHED} >= planted
    assert len(stored) == len({(h.hit.reference, h.hit.traveller_key) for h in stored})
    day = json.loads((synthetic_day / "truth" / "day.json").read_text(encoding="utf-8"))
    flights = {f["key"]: f for f in day["flights"]}
    for hit in (h.hit for h in stored if h.hit.reference.split("/")[1] in planted):
        flight = rows[hit.flight_key]  # hits name their flight ``flight:ID``, watchlist hits too
        assert flight.departure_date == DAY
        assert hit.traveller_key.startswith(pseudonym_scope(flight) + "/")
        assert any(
            (f["carrier"], f["number"], f["departure_airport"])
            == (flight.carrier, flight.number, flight.departure_airport)
            for f in flights.values()
        )
        assert hit.deadline is not None and hit.last_seen == T0 + timedelta(hours=20)


def test_only_the_chosen_flights_are_screened(engine: Engine, synthetic_day: Path) -> None:
    ingest_paths(engine, collect_files([synthetic_day / "api"]))
    with Session(engine) as session:
        load_demo_watchlist(session, synthetic_day / "truth" / "day.json", seed=1, now=T0, size=300)
        lists = load_lists(session, pseudonym_key=hit_key(session.connection()))
        everything = screen_stored(session, lists, piu_country=PIU, now=T0)
        flight = everything.hits[0].flight
        ids = list(session.scalars(select(FlightRow.id).order_by(FlightRow.id)))
        one = [screen_stored(session, lists, flight_ids=[i], piu_country=PIU, now=T0) for i in ids]
        elsewhere = screen_stored(session, lists, day=DAY + timedelta(days=3), piu_country=PIU, now=T0)
    assert sum(s.flights for s in one) == everything.flights == len(ids)
    assert sum(len(s.hits) for s in one) == len(everything.hits)
    assert any(h.flight == flight for s in one for h in s.hits)
    assert (elsewhere.flights, elsewhere.hits) == (0, ())


def test_hits_on_flights_into_the_piu_state_are_due_before_arrival(
    engine: Engine, synthetic_day: Path
) -> None:
    ingest_paths(engine, collect_files([synthetic_day / "api"]))
    with Session(engine) as session:
        load_demo_watchlist(session, synthetic_day / "truth" / "day.json", seed=1, now=T0, size=300)
        lists = load_lists(session, pseudonym_key=hit_key(session.connection()))
        screen_stored(session, lists, piu_country="SRB", now=T0)  # before any departure
        session.commit()
        flights = {f"flight:{f.id}": f for f in session.scalars(select(FlightRow))}
        stored = [h.hit for h in list_hits(session)]
    serbian = {"BEG", "INI", "KVO"}  # the synthetic network's airports in Serbia
    inbound = [h for h in stored if _inbound(flights[h.flight_key], serbian)]
    others = [h for h in stored if not _inbound(flights[h.flight_key], serbian)]
    assert inbound and others
    assert all(flights[h.flight_key].scheduled_arrival_utc is not None for h in inbound)
    assert all(h.deadline == flights[h.flight_key].scheduled_arrival_utc for h in inbound)
    assert all(h.deadline == flights[h.flight_key].scheduled_departure_utc for h in others)


def _inbound(flight: FlightRow, airports: set[str]) -> bool:
    return flight.arrival_airport in airports and flight.departure_airport not in airports
