"""The demo's back-dated run on synthetic traffic: no row in any table outlives its limit."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select

from openpiu.model import DataState
from openpiu.privacy.demo import backdate_and_run, load_backdated
from openpiu.privacy.retention import add_months
from openpiu.settings import sqlite_url
from openpiu.store import create, upgrade
from openpiu.store.tables import Base

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def overdue(engine: Engine, now: datetime) -> dict[str, tuple[int, int]]:
    """Per personal table: rows past 5 years, and rows past 6 months still active (both must be 0)."""
    found: dict[str, tuple[int, int]] = {}
    with engine.connect() as connection:
        for name, table in Base.metadata.tables.items():
            if "received_at" not in table.c or "data_state" not in table.c:
                continue
            old = connection.execute(
                select(func.count()).where(table.c.received_at <= add_months(now, -60))
            ).scalar_one()
            active = connection.execute(
                select(func.count()).where(
                    table.c.received_at <= add_months(now, -6), table.c.data_state == DataState.ACTIVE
                )
            ).scalar_one()
            found[name] = (old, active)
    return found


def test_backdated_demo_masks_and_deletes(tmp_path: Path) -> None:
    engine = create(sqlite_url(tmp_path / "demo.db"))
    try:
        upgrade(engine)
        result = backdate_and_run(engine, now=NOW, folder=tmp_path)
        assert result.ingested["61 months"] > 0 and result.held == 3
        assert result.masked > 0 and result.deleted > result.masked
        assert (tmp_path / "demo.db.repersonalisation.key").exists()
        after = overdue(engine, NOW)
        assert set(after) >= {"raw_message", "api_message", "traveller", "booking_version", "reconciliation"}
        assert all(counts == (0, 0) for counts in after.values()), after
    finally:
        engine.dispose()


def test_the_invariant_sees_overdue_rows_before_the_run(tmp_path: Path) -> None:
    engine = create(sqlite_url(tmp_path / "demo.db"))
    try:
        upgrade(engine)
        load_backdated(engine, now=NOW, folder=tmp_path)
        before = overdue(engine, NOW)
        assert (
            before["raw_message"][0] > 0 and before["booking_version"][1] > 0 and before["traveller"][1] > 0
        )
    finally:
        engine.dispose()
