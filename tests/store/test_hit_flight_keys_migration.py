"""Migration 0011 gives stored hits of the two older flight-key forms the ``flight:ID`` every hit now has."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase

from openpiu.store import upgrade
from openpiu.store.review_tables import HitRow
from openpiu.store.schema import downgrade

AT = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
DAY = date(2026, 11, 29)


def _flight(database: TestDatabase, number: str, leaves: str) -> int:
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO flight (carrier, number, departure_date, departure_airport, first_received_at)"
                " VALUES ('JU', :number, :day, :leaves, :at)"
            ),
            {"number": number, "day": DAY, "leaves": leaves, "at": AT},
        )
        return int(
            connection.execute(
                text("SELECT id FROM flight WHERE number = :number AND departure_airport = :leaves"),
                {"number": number, "leaves": leaves},
            ).scalar_one()
        )


def _hit(database: TestDatabase, number: int, source: str, flight: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO hit (id, key, source, reference, reference_version, traveller_key, flight_key,"
                " explanation, fingerprint, first_seen, last_seen, state) VALUES (:id, :key, :source, 'l/E1',"
                " 'l v1', :traveller, :flight, '[]', 'f', :at, :at, 'new')"
            ),
            {"id": number, "key": f"{source}:l/E1:t{number}", "source": source, "traveller": f"t{number}",
             "flight": flight, "at": AT},
        )  # fmt: skip


def test_old_flight_keys_become_flight_ids(database: TestDatabase, caplog: pytest.LogCaptureFixture) -> None:
    downgrade(database.engine, to="0010")
    beg = _flight(database, "0123", "BEG")
    # JU0680 flies two legs under one number that day (BEG → TGD → CDG): without an airport, ambiguous.
    tgd = _flight(database, "0680", "TGD")
    _flight(database, "0680", "BEG")
    _hit(database, 1, "watchlist", "JU0123/2026-11-29/BEG")  # screening's old form
    _hit(database, 2, "rule", "JU0123/2026-11-29")  # coverage's old form
    _hit(database, 3, "watchlist", "JU0680/2026-11-29/TGD")
    _hit(database, 4, "rule", "JU0680/2026-11-29")  # two legs: left as it is
    _hit(database, 5, "watchlist", "JU0999/2026-11-29/BEG")  # no such flight stored: left as it is
    _hit(database, 6, "rule", f"flight:{beg}")
    with caplog.at_level(logging.INFO, logger="alembic.runtime.migration"):
        upgrade(database.engine)
    with Session(database.engine) as session:
        rows = {row.id: (row.flight_key, row.key) for row in session.scalars(select(HitRow))}
    assert {i: key for i, (key, _) in rows.items()} == {
        1: f"flight:{beg}",
        2: f"flight:{beg}",
        3: f"flight:{tgd}",
        4: "JU0680/2026-11-29",
        5: "JU0999/2026-11-29/BEG",
        6: f"flight:{beg}",
    }
    assert {i: key for i, (_, key) in rows.items()}[1] == "watchlist:l/E1:t1"  # identities unchanged
    assert "3 rewritten to flight:ID" in caplog.text and "2 left as they were" in caplog.text
    # Downgrading is a no-op for the keys, and upgrading again finds nothing more to do.
    downgrade(database.engine, to="0010")
    upgrade(database.engine)
    with Session(database.engine) as session:
        assert {row.id: row.flight_key for row in session.scalars(select(HitRow))}[1] == f"flight:{beg}"
