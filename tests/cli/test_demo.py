"""``openpiu demo`` end to end, in a temporary folder, through the installed entry point."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path


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
    stored = re.search(r"│ travellers\s+│\s+([\d,]+) │", result.stdout)
    assert stored, result.stdout
    assert int(stored.group(1).replace(",", "")) == passengers + crew
    with sqlite3.connect(folder / "openpiu.db") as db:
        (count,) = db.execute("select count(*) from traveller").fetchone()
        (flight_count,) = db.execute("select count(*) from flight").fetchone()
    assert count == passengers + crew
    assert flight_count == flights
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
