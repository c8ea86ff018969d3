"""The retention scheduler of `openpiu serve`: runs at start, then every interval, survives failures."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from openpiu.privacy.job import RetentionReport
from openpiu.privacy.retention import Policy
from openpiu.privacy.schedule import RetentionScheduler
from openpiu.privacy.sealing import Sealer
from openpiu.store.tables import TravellerRow
from privacy.traffic import T0, load_traffic


def test_scheduler_runs_retention_and_keeps_going_after_a_failure(engine: Engine) -> None:
    load_traffic(engine)
    ticks = iter([None, T0 + timedelta(hours=25)])
    reports: list[RetentionReport] = []
    ran = threading.Event()

    def clock():  # type: ignore[no-untyped-def]
        value = next(ticks, T0 + timedelta(hours=25))
        if value is None:
            raise RuntimeError("clock unavailable")  # the first run fails
        return value

    def on_run(report: RetentionReport) -> None:
        reports.append(report)
        ran.set()

    scheduler = RetentionScheduler(
        engine,
        policy=Policy(),
        sealer=Sealer(bytes(32)),
        interval=timedelta(seconds=0.05),
        clock=clock,
        on_run=on_run,
    )
    scheduler.start()
    try:
        assert ran.wait(30)
    finally:
        scheduler.stop()
    assert reports[0].counts[("api_border", "deleted")] == 1
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(TravellerRow)).scalar_one() == 2


def test_serve_needs_a_key_unless_retention_is_off(engine: Engine) -> None:
    from openpiu.cli.serve import retention_scheduler
    from openpiu.errors import ConfigError
    from openpiu.settings import load

    no_key = load({"OPENPIU_DATABASE_URL": "postgresql+psycopg://piu@db/piu"})
    with pytest.raises(ConfigError, match="OPENPIU_RETENTION_INTERVAL_MINUTES=0 to serve without retention"):
        retention_scheduler(no_key, engine)
    off = load(
        {"OPENPIU_DATABASE_URL": "postgresql+psycopg://piu@db/piu", "OPENPIU_RETENTION_INTERVAL_MINUTES": "0"}
    )
    assert retention_scheduler(off, engine) is None
    with pytest.raises(ConfigError, match="whole number of minutes"):
        load({"OPENPIU_RETENTION_INTERVAL_MINUTES": "hourly"})
