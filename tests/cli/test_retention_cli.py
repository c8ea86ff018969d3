"""`openpiu retention run|policy|hold` end to end, on a back-dated database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from privacy.traffic import load_traffic
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase
from typer.testing import CliRunner

from openpiu.accounts import Users
from openpiu.cli import app
from openpiu.errors import AccessDenied, ConfigError
from openpiu.model import StaffRole

PASSWORD = "correct horse battery staple 42"


def run(database: TestDatabase, *args: str, env: dict[str, str] | None = None) -> str:
    environment = {"OPENPIU_DATABASE_URL": database.url, "COLUMNS": "200", **(env or {})}
    result = CliRunner().invoke(app, list(args), env=environment)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def add_users(database: TestDatabase, *people: tuple[str, StaffRole]) -> None:
    with Session(database.engine) as session, session.begin():
        for name, role in people:
            Users().add(session, username=name, role=role, password=PASSWORD)


def test_hold_then_run_at_six_months(database: TestDatabase, tmp_path: Path) -> None:
    load_traffic(database.engine)
    add_users(database, ("dora", StaffRole.DPO), ("ana", StaffRole.ANALYST))
    env = {"OPENPIU_REPERSONALISATION_KEY_FILE": str(tmp_path / "missing.key")}
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
        run(database, "retention", "run", "--now", "2026-10-01T00:00:00Z", env=env)
    key_env = {"OPENPIU_REPERSONALISATION_KEY_FILE": str(tmp_path / "key")}
    (tmp_path / "key").write_text("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n")
    out = run(database, "retention", "run", "--now", "2026-10-01T00:00:00Z", env=key_env)
    assert "pnr masked: 1" in out and "pnr deleted: 1" in out and "api_border deleted: 1" in out
    assert "nothing due" in run(database, "retention", "run", "--now", "2026-10-01T00:00:00Z", env=key_env)
    assert "cjeu_mode" in run(database, "retention", "policy")


def test_stats_command(database: TestDatabase) -> None:
    load_traffic(database.engine)
    out = run(database, "stats", "--period", "2026-Q1", "--format", "json")
    lines = {(s["metric"], s["dimension"]): s["value"] for s in json.loads(out)["statistics"]}
    assert lines[("pnr_bookings", None)] == 2 and lines[("flights", None)] == 2
    assert run(database, "stats", "--period", "2026-03").startswith("period,metric,dimension,value,meaning\n")
    with pytest.raises(ConfigError, match="period '2026-13'"):
        run(database, "stats", "--period", "2026-13")
