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
    removed = re.search(r"sensitive elements removed before storage: ([\d,]+)", result.stdout)
    raised = re.search(r"assessed; ([\d,]+) rule hits raised for review", result.stdout)
    assert removed and raised, result.stdout
    with sqlite3.connect(folder / "openpiu.db") as db:
        (count,) = db.execute("select count(*) from traveller").fetchone()
        (flight_count,) = db.execute("select count(*) from flight").fetchone()
        (versions,) = db.execute("select count(*) from booking_version").fetchone()
        (linked,) = db.execute("select count(*) from reconciliation where status = 'linked'").fetchone()
        (hits,) = db.execute("select count(*) from hit where source = 'rule' and state = 'new'").fetchone()
        (active,) = db.execute("select count(*) from rule_version where state = 'active'").fetchone()
        explanation = db.execute("select explanation from hit order by id limit 1").fetchone()
    assert count == passengers + crew
    assert flight_count == flights
    assert versions == int(pushes.group(2).replace(",", ""))
    assert linked > 0 and active >= 4
    assert hits == int(raised.group(1).replace(",", "")) and hits > 0
    assert explanation is not None and " = " in explanation[0]
    assert int(removed.group(1).replace(",", "")) > 0
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
    assert [name for name, _ in stages] == ["generate", "ingest", "reconcile", "watchlists", "criteria"]
    with pytest.raises(ValueError, match="no demo stage 'nothing'"):
        insert_stage(stages, ("retention", watchlists), after="nothing")


def test_criteria_past_their_review_date_are_reported_not_fatal(tmp_path: Path) -> None:
    from datetime import UTC, date, datetime

    from openpiu.demo import run_demo

    # The example criteria are to be reviewed by 31 May 2027: a demo run after that says so and goes on.
    report = run_demo(
        tmp_path / "d",
        seed=3,
        scale=0.005,
        day=date(2027, 6, 1),
        now=lambda: datetime(2027, 6, 1, 9, 0, tzinfo=UTC),
    )
    assert report.assessment is None and report.criteria == []
    assert report.notes == [
        "example criteria not activated: rule late-cash-one-way@1: review date 2027-05-31 has passed; "
        "write a reviewed version"
    ]
    assert [name for name, _ in report.timings] == ["generate", "ingest", "reconcile", "criteria"]
