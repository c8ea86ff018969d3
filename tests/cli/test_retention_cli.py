"""`openpiu retention run|policy|hold` end to end, on a back-dated database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from privacy.traffic import add_people, key_file, load_traffic, run_cli
from storage_fixtures import TestDatabase

from openpiu.errors import AccessDenied, ConfigError
from openpiu.model import StaffRole


def run(database: TestDatabase, *args: str, key: Path | None = None) -> str:
    return run_cli(database.url, *args, key=key)


def test_hold_then_run_at_six_months(database: TestDatabase, tmp_path: Path) -> None:
    load_traffic(database.engine)
    add_people(database.engine, ("dora", StaffRole.DPO), ("ana", StaffRole.ANALYST))
    with pytest.raises(AccessDenied, match="ana is analyst, not dpo, supervisor"):
        run(
            database,
            "retention",
            "hold",
            "add",
            "booking:JU/ABC123",
            "--reason",
            "r",
            "--legal-basis",
            "b",
            "--review-date",
            "2030-01-01",
            "--as",
            "ana",
        )
    out = run(
        database,
        "retention",
        "hold",
        "add",
        "booking:ju/abc123",
        "--reason",
        "courier pattern",
        "--legal-basis",
        "Law on the PIU Art 12",
        "--review-date",
        "2030-01-01",
        "--as",
        "dora",
    )
    assert "on booking:JU/ABC123 until review on 2030-01-01" in out
    assert "booking:JU/ABC123" in run(database, "retention", "hold", "list")
    with pytest.raises(ConfigError, match=r"missing\.key not found"):
        run(database, "retention", "run", "--now", "2026-10-01T00:00:00Z", key=tmp_path / "missing.key")
    key = key_file(tmp_path)
    out = run(database, "retention", "run", "--now", "2026-10-01T00:00:00Z", key=key)
    assert "pnr masked: 1" in out and "pnr deleted: 1" in out and "api_border deleted: 1" in out
    assert "nothing due" in run(database, "retention", "run", "--now", "2026-10-01T00:00:00Z", key=key)
    assert "cjeu_mode" in run(database, "retention", "policy")


def test_stats_command(database: TestDatabase) -> None:
    load_traffic(database.engine)
    out = run(database, "stats", "--period", "2026-Q1", "--format", "json")
    lines = {(s["metric"], s["dimension"]): s["value"] for s in json.loads(out)["statistics"]}
    assert lines[("pnr_bookings", None)] == 2 and lines[("flights", None)] == 2
    assert run(database, "stats", "--period", "2026-03").startswith("period,metric,dimension,value,meaning\n")
    with pytest.raises(ConfigError, match="period '2026-13'"):
        run(database, "stats", "--period", "2026-13")
