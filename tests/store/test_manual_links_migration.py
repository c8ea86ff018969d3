"""Migration 0013 adds who made a reconciliation line by hand, when and why; down and up again.

On SQLite and PostgreSQL (``storage_fixtures``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from factories import paxlst
from sqlalchemy import Engine, inspect, select
from storage_fixtures import TestDatabase

from openpiu.ingest import Intake
from openpiu.ingest.reconcile import link_manually, reconcile_all
from openpiu.store import upgrade
from openpiu.store.pnr import reconciliation_rows
from openpiu.store.pnr_tables import reconciliation
from openpiu.store.schema import downgrade
from openpiu.store.tables import FlightRow, TravellerRow

LEG = "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'"
AT = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
PUSH = (
    "UNA:+.?*'UNB+IATA:1+JU+RSPIU+260328:0930+1'UNH+1+PNRGOV:13:1:IA'MSG+:22'"
    "ORG+JU:VIE'TVL+290326:0930+VIE+BEG+JU+123'EQN+1'"
    f"SRC'RCI+JU:QWE456::010326:0900'TIF+JOVANOVIC+MILICA MRS:A:1'{LEG}UNT+9+1'UNZ+1+1'"
).encode("ascii")
MANUAL = ("decided_by", "decided_at", "reason")


def _columns(engine: Engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("reconciliation")}


def _lines(engine: Engine) -> list[tuple[str, str | None, str | None]]:
    # The columns every revision has (the model's would ask for 0013's at 0012).
    query = select(reconciliation.c.status, reconciliation.c.api_name, reconciliation.c.pnr_name)
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(query.order_by(reconciliation.c.id))]


def test_manual_link_columns_down_and_up(database: TestDatabase) -> None:
    engine = database.engine
    intake = Intake(engine, now=lambda: AT)
    intake.receive(PUSH, source="pnr.edi")
    intake.receive(paxlst(flight="JU123", surnames=("PETROVIC",)), source="api.edi")
    assert intake.summary().rejected == 0
    assert set(MANUAL) <= _columns(engine)
    with engine.begin() as connection:
        flight_id = connection.execute(select(FlightRow.id)).scalar_one()
        traveller_id = connection.execute(select(TravellerRow.id)).scalar_one()
        link_manually(
            connection,
            flight_id=flight_id,
            traveller_id=traveller_id,
            carrier="JU",
            record_locator="QWE456",
            name="JOVANOVIC/MILICA",
            user="ana",
            reason="same person",
            now=AT,
        )
    linked = [("linked", "PETROVIC/ANA", "JOVANOVIC/MILICA")]
    assert _lines(engine) == linked
    downgrade(engine, to="0012")
    assert not set(MANUAL) & _columns(engine)
    # Revision 0012 reads the manual line as any link.
    assert _lines(engine) == linked
    upgrade(engine)
    assert set(MANUAL) <= _columns(engine)
    with engine.connect() as connection:
        (row,) = reconciliation_rows(connection)
    # The attribution went with the columns: the line is now one reconciliation replaces.
    assert (row["decided_by"], row["decided_at"], row["reason"]) == (None, None, None)
    reconcile_all(engine, now=lambda: AT)
    assert sorted(_lines(engine)) == [
        ("api_only", "PETROVIC/ANA", None),
        ("pnr_only", None, "JOVANOVIC/MILICA"),
    ]
