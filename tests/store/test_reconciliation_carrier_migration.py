"""Migration 0012 gives reconciliation lines stored without a carrier their booking's, where one can tell.

On SQLite and PostgreSQL (``storage_fixtures``). Lines are made by the current code, then stripped of
their carrier at revision 0009, as that revision's reconciliation stored them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from factories import paxlst
from sqlalchemy import Engine, inspect, select, update
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase

from openpiu.ingest import Intake
from openpiu.ingest.reconcile import reconcile_all
from openpiu.store import upgrade
from openpiu.store.board import traveller_booking
from openpiu.store.pnr_tables import reconciliation
from openpiu.store.schema import downgrade
from openpiu.store.tables import TravellerRow

LEVEL0 = "ORG+JU:VIE'TVL+290326:0930+VIE+BEG+JU+123'EQN+1'"
LEG = "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'"
AT = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
INDEX = "ix_reconciliation_record_locator_carrier"


def booking(carrier: str, locator: str, surname: str, passport: str) -> str:
    return (
        f"SRC'RCI+{carrier}:{locator}::010326:0900'TIF+{surname}+ANA MRS:A:1'"
        f"SSR+DOCS:HK:1:JU:::::/P/SRB/{passport}/SRB/12FEB85/F/01MAY31/{surname}/ANA+::1'{LEG}"
    )


def push(*bookings: str) -> bytes:
    inner = f"MSG+:22'{LEVEL0}{''.join(bookings)}"
    count = inner.count("'") + 2
    return (
        f"UNA:+.?*'UNB+IATA:1+JU+RSPIU+260328:0930+1'UNH+1+PNRGOV:13:1:IA'{inner}UNT+{count}+1'UNZ+1+1'"
    ).encode("ascii")


def _lines(engine: Engine) -> dict[str | None, tuple[str, str | None, str | None]]:
    # The columns of revision 0011 too (the model's later ones are not there when downgraded).
    columns = (reconciliation.c.api_name, reconciliation.c.status, reconciliation.c.carrier)
    with engine.connect() as connection:
        return {
            name: (status, carrier, locator)
            for name, status, carrier, locator in connection.execute(
                select(*columns, reconciliation.c.record_locator)
            )
        }


def _indexes(engine: Engine) -> set[str | None]:
    return {i["name"] for i in inspect(engine).get_indexes("reconciliation")}


def test_carriers_derived_where_one_booking_has_the_locator(database: TestDatabase) -> None:
    engine = database.engine
    intake = Intake(engine, now=lambda: AT)
    # ABC123 issued by JU and by OS on the same flight; XYZ789 by JU alone; NOVAK/ANA flies without one.
    intake.receive(
        push(
            booking("JU", "ABC123", "PETROVIC", "P00000000"),
            booking("OS", "ABC123", "KOVAC", "P00000001"),
            booking("JU", "XYZ789", "HOXHA", "P00000002"),
        ),
        source="pnr.edi",
    )
    intake.receive(paxlst(flight="JU123", surnames=("PETROVIC", "KOVAC", "HOXHA", "NOVAK")), source="api.edi")
    reconcile_all(engine, now=lambda: AT)
    current = _lines(engine)
    assert current == {
        "PETROVIC/ANA": ("linked", "JU", "ABC123"),
        "KOVAC/ANA": ("linked", "OS", "ABC123"),
        "HOXHA/ANA": ("linked", "JU", "XYZ789"),
        "NOVAK/ANA": ("api_only", None, None),
    }
    assert INDEX in _indexes(engine)

    downgrade(engine, to="0011")
    assert INDEX not in _indexes(engine)
    assert _lines(engine) == current  # revision 0009 reads the carriers as they are
    with engine.begin() as connection:
        connection.execute(update(reconciliation).values(carrier=None))
    upgrade(engine)
    assert INDEX in _indexes(engine)
    assert _lines(engine) == {
        "PETROVIC/ANA": ("linked", None, "ABC123"),  # two carriers' ABC123 on the flight: cannot tell
        "KOVAC/ANA": ("linked", None, "ABC123"),
        "HOXHA/ANA": ("linked", "JU", "XYZ789"),
        "NOVAK/ANA": ("api_only", None, None),
    }
    with Session(engine) as session:
        ids = {row.surname: row.id for row in session.scalars(select(TravellerRow))}
        hoxha = traveller_booking(session, traveller_id=ids["HOXHA"])
        # A line without a carrier whose locator two bookings of the flight share names neither.
        assert traveller_booking(session, traveller_id=ids["KOVAC"]) is None
    assert hoxha is not None and (hoxha.carrier, hoxha.record_locator) == ("JU", "XYZ789")
