"""Migration 0007 gives watchlist hits recorded before it the pseudonymised keys screening now gives."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase

from openpiu.ingest.screening import traveller_key
from openpiu.model import Role, TravelDocument, Traveller
from openpiu.store import pseudonyms, upgrade
from openpiu.store.review_tables import HitRow
from openpiu.store.schema import downgrade

FLIGHT = "JU0123/2026-11-29/BEG"
AT = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _hit(database: TestDatabase, number: int, source: str, traveller: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO hit (id, key, source, reference, reference_version, traveller_key, flight_key,"
                " explanation, fingerprint, first_seen, last_seen, state) VALUES (:id, :key, :source, 'l/E1',"
                " 'l v1', :traveller, :flight, '[]', 'f', :at, :at, 'new')"
            ),
            {"id": number, "key": f"{source}:l/E1:{traveller}", "source": source, "traveller": traveller,
             "flight": FLIGHT, "at": AT},
        )  # fmt: skip


def test_old_watchlist_hit_keys_are_pseudonymised(database: TestDatabase, tmp_path: Path) -> None:
    downgrade(database.engine, to="0006")
    _hit(database, 1, "watchlist", f"{FLIGHT}/doc:P1234567")
    _hit(database, 2, "watchlist", f"{FLIGHT}/name:PETROVIC/ANA MARIJA/1985-02-12")
    _hit(database, 3, "watchlist", f"{FLIGHT}/pnr:ABC123:KOVAC/MARIJA")
    _hit(database, 4, "rule", "traveller:12")
    upgrade(database.engine)
    with Session(database.engine) as session:
        # The secret 0007 made in the database moves to the key file on first use (revision 0010).
        secret = pseudonyms.pseudonym_key(session.connection(), path=tmp_path / "pseudonym.key", create=False)
        rows = {row.id: (row.key, row.traveller_key) for row in session.scalars(select(HitRow))}
    ana = Traveller(Role.PASSENGER, "Petrović", "Ana Marija", date_of_birth=date(1985, 2, 12))
    with_passport = Traveller(Role.PASSENGER, "X", "Y", documents=(TravelDocument("P", "P1234567"),))
    expected = {
        1: traveller_key(FLIGHT, with_passport, secret),
        2: traveller_key(FLIGHT, ana, secret),
        4: "traveller:12",
    }
    for number, key in expected.items():
        assert rows[number][1] == key and rows[number][0].endswith(key)
    assert rows[3][1].startswith(f"{FLIGHT}/pnr/ABC123/") and "KOVAC" not in rows[3][0]
    assert not [k for k, _ in rows.values() if "P1234567" in k or "PETROVIC" in k]
