"""Art 20 statistics on known synthetic traffic: every figure checked against what was loaded."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openpiu.errors import ConfigError
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy
from openpiu.privacy.sealing import Sealer
from openpiu.privacy.statistics import parse_period
from openpiu.review import Detection, HitSource, HitState
from openpiu.store.hits import record_detections
from openpiu.store.review_tables import HitRow
from openpiu.store.statistics import compute
from privacy.traffic import NAMES, T0, load_traffic


def test_periods() -> None:
    q1 = parse_period("2026-q1")
    assert (q1.label, q1.start, q1.end) == (
        "2026-Q1",
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 4, 1, tzinfo=UTC),
    )
    assert parse_period("2026-12").end == datetime(2027, 1, 1, tzinfo=UTC)
    assert parse_period("2026-11-29").end == datetime(2026, 11, 30, tzinfo=UTC)
    assert parse_period("2026").end == datetime(2027, 1, 1, tzinfo=UTC)
    with pytest.raises(ConfigError, match="expected 2026, 2026-Q1"):
        parse_period("2026-Q5")


def test_known_answers(engine: Engine) -> None:
    load_traffic(engine)
    with Session(engine) as session, session.begin():
        for reference, key, state in (
            ("r1", "JU0123/2026-03-29/ABC123/1", HitState.CONFIRMED),
            ("r2", "JU0123/2026-03-29/DEF456/1", HitState.DISMISSED),
            ("w1", "JU0123/2026-03-29/ABC123/1", HitState.CONFIRMED),
        ):
            source = HitSource.WATCHLIST if reference.startswith("w") else HitSource.RULE
            found = Detection(
                source,
                reference,
                f"{reference}@1",
                key,
                "JU0123/2026-03-29",
                ("m",),
                {"x": 1},
                T0,
                T0 + timedelta(hours=3),
            )
            [(hit_id, _)] = record_detections(session, [found])
            row = session.get(HitRow, hit_id)
            assert row is not None
            row.state = state
    with engine.connect() as connection:
        stats = compute(connection, period=parse_period("2026-Q1"))
        assert compute(connection, period=parse_period("2026-Q2")).value("pnr_bookings") == 0
    assert stats.value("pnr_bookings") == 2 and stats.value("pnr_travellers") == 3
    assert stats.value("api_travellers") == 3 and stats.value("flights") == 2
    assert stats.by_dimension("hits") == {"rule/confirmed": 1, "rule/dismissed": 1, "watchlist/confirmed": 1}
    assert stats.value("travellers_identified") == 1  # two confirmed hits, one traveller
    today = datetime.now(UTC)
    run_retention(engine, policy=Policy(), sealer=Sealer(bytes(32)), now=T0 + timedelta(days=2))
    with engine.connect() as connection:
        done = compute(connection, period=parse_period(today.strftime("%Y-%m-%d")))
    assert done.by_dimension("deleted") == {"api_border": 1, "raw_message": 1}
    text = stats.to_csv() + stats.to_json()
    assert not any(name in text for name in NAMES)
    assert "2026-Q1,pnr_travellers,,3," in stats.to_csv()
    assert json.loads(stats.to_json())["period"] == "2026-Q1"
