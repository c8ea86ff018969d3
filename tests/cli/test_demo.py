"""``openpiu demo`` end to end, in a temporary folder, through the installed entry point."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def test_demo_exits_zero_and_reports_the_travellers_it_generated(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = subprocess.run(  # noqa: S603 - this interpreter, our module, arguments the test made
        [
            sys.executable,
            "-m",
            "openpiu",
            "demo",
            "--dir",
            str(folder),
            "--scale",
            "0.02",
            "--date",
            "2026-03-14",
            "--no-serve",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    generated = re.search(r"generated ([\d,]+) flights, ([\d,]+) passengers and ([\d,]+) crew", result.stdout)
    assert generated, result.stdout
    flights, passengers, crew = (int(g.replace(",", "")) for g in generated.groups())
    assert passengers > 0 and crew > 0
    stored = re.search(r"│ API travellers\s+│\s+([\d,]+) │", result.stdout)
    assert stored, result.stdout
    assert int(stored.group(1).replace(",", "")) == passengers + crew
    pushes = re.search(r"and ([\d,]+) PNR pushes carrying ([\d,]+) bookings", result.stdout)
    assert pushes, result.stdout
    # The changes between pushes are counted in words (openpiu.pnr.CHANGE_LABELS), not as stored codes.
    assert "booking created " in result.stdout and "_changed" not in result.stdout
    removed = re.search(r"sensitive elements removed before storage: ([\d,]+)", result.stdout)
    raised = re.search(r"assessed; ([\d,]+) rule hits raised for review", result.stdout)
    assert removed and raised, result.stdout
    with sqlite3.connect(folder / "openpiu.db") as db:
        # The retention stage adds back-dated days: count the demonstrated day's rows only.
        day = "2026-03-14"
        (count,) = db.execute(
            "select count(*) from traveller join flight on flight.id = traveller.flight_id"
            " where flight.departure_date = ?",
            (day,),
        ).fetchone()
        (flight_count,) = db.execute(
            "select count(*) from flight where departure_date = ?", (day,)
        ).fetchone()
        (versions,) = db.execute(
            "select count(*) from booking_version where received_at > datetime('now', '-1 day')"
        ).fetchone()
        (old_flights, old_travellers) = db.execute(
            "select count(distinct flight.id), count(traveller.id) from flight"
            " left join traveller on traveller.flight_id = flight.id"
            " where flight.departure_date < date('now', '-5 years')"
        ).fetchone()
        (linked,) = db.execute("select count(*) from reconciliation where status = 'linked'").fetchone()
        (hits,) = db.execute("select count(*) from hit where source = 'rule' and state = 'new'").fetchone()
        (active,) = db.execute("select count(*) from rule_version where state = 'active'").fetchone()
        explanation = db.execute("select explanation from hit where source = 'rule' limit 1").fetchone()
        (planted_found,) = db.execute("select count(*) from hit where source = 'watchlist'").fetchone()
    assert count == passengers + crew
    assert flight_count == flights
    assert versions == int(pushes.group(2).replace(",", ""))
    assert linked > 0 and active >= 4
    assert hits == int(raised.group(1).replace(",", "")) and hits > 0
    assert explanation is not None and " = " in explanation[0]
    assert int(removed.group(1).replace(",", "")) > 0
    watchlist = re.search(
        r"([\d,]+) watchlist hits raised for review \((\d+) of the (\d+) planted found\)", result.stdout
    )
    assert watchlist, result.stdout
    assert int(watchlist.group(1).replace(",", "")) == planted_found > 0
    assert watchlist.group(2) == watchlist.group(3), "every traveller planted in the demo watchlist is found"
    retention = re.search(r"the job masked ([\d,]+) and deleted ([\d,]+) records", result.stdout)
    assert retention, result.stdout
    assert int(retention.group(1).replace(",", "")) > 0 and int(retention.group(2).replace(",", "")) > 0
    # The back-dated day 61 months old was ingested, and nothing personal of it outlived the run.
    assert old_flights > 0 and old_travellers == 0
    assert "Traceback" not in result.stderr


def test_demo_refuses_a_bad_date_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(  # noqa: S603 - this interpreter, our module, arguments the test made
        [sys.executable, "-m", "openpiu", "demo", "--dir", str(tmp_path), "--date", "14.03.2026"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "openpiu: error: --date must be YYYY-MM-DD, got '14.03.2026'"
    ]


def test_stages_slot_in_by_name() -> None:
    from openpiu.demo import default_stages, insert_stage

    def watchlists(run: object) -> None:
        return None

    stages = insert_stage(default_stages(), ("watchlists", watchlists), after="reconcile")
    names = [name for name, _ in stages]
    assert names == ["generate", "ingest", "reconcile", "watchlists", "screening", "criteria", "retention"]
    with pytest.raises(ValueError, match="no demo stage 'nothing'"):
        insert_stage(stages, ("retention", watchlists), after="nothing")


def test_example_criteria_are_dated_the_day_the_demo_runs(tmp_path: Path) -> None:
    from datetime import UTC, date, datetime

    from sqlalchemy.orm import Session

    from openpiu.demo import run_demo
    from openpiu.store import create
    from openpiu.store.rules import load_rule_versions

    # A demo run on any day activates criteria in force that day, due for review six months later.
    report = run_demo(
        tmp_path / "d",
        seed=3,
        scale=0.005,
        day=date(2027, 6, 1),
        now=lambda: datetime(2027, 6, 1, 9, 0, tzinfo=UTC),
    )
    assert report.assessment is not None and len(report.criteria) == 5
    assert report.notes == []
    engine = create(report.database_url)
    try:
        with Session(engine) as session:
            versions = load_rule_versions(session)
    finally:
        engine.dispose()
    assert {(v.rule.valid_from, v.rule.review_by) for v in versions} == {
        (date(2027, 6, 1), date(2027, 11, 30))
    }
    assert [name for name, _ in report.timings] == [
        "generate",
        "ingest",
        "reconcile",
        "screening",
        "criteria",
        "retention",
    ]
