"""`openpiu watchlist import|list|show` and `openpiu screen` end to end, on SQLite and PostgreSQL.

The screening test ingests a small synthetic day (API and PNR), stores the demo watchlist with some of
the day's passengers planted in it, screens, and checks that the hits are those passengers, that
re-running refreshes rather than repeats them, and that a dismissed hit stays silent.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase, hit_key, pseudonym_settings
from typer.testing import CliRunner

from openpiu.cli import app
from openpiu.errors import OpenPIUError
from openpiu.ingest import collect_files, ingest_paths
from openpiu.review import HitState
from openpiu.screening.documents import document_key
from openpiu.store import pseudonyms
from openpiu.store.hits import list_hits
from openpiu.synth import write_day
from openpiu.synth.demo_watchlist import load_demo_watchlist

DAY = date(2026, 11, 29)


def invoke(database: TestDatabase, *args: str) -> tuple[int, str, str]:
    env = {"OPENPIU_DATABASE_URL": database.url, "COLUMNS": "250"}
    key = pseudonym_settings(database.url).pseudonym_key_file
    if key is not None:  # PostgreSQL: the tests' fixed pseudonym key
        env["OPENPIU_PSEUDONYM_KEY_FILE"] = str(key)
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run(database: TestDatabase, *args: str) -> str:
    code, out, err = invoke(database, *args)
    assert code == 0, out + err
    return out


REGISTER = ("--owner", "MoI", "--category", "wanted_persons", "--legal-basis", "Law on Police Art 12")


def write_lines(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_import_reports_every_rejected_row_and_reimport_keeps_history(
    database: TestDatabase, tmp_path: Path
) -> None:
    first = write_lines(
        tmp_path / "wanted.jsonl",
        {"id": "W1", "names": ["Đorđe Vučić"], "date_of_birth": "1970-05-02", "nationality": "SRB"},
        {"id": "W2", "names": ["Xhevat Hoxha"]},
    )
    out = run(database, "watchlist", "import", str(first), "--list", "nat", *REGISTER, "--threshold", "0.9")
    assert "list nat version 1: 2 loaded, 0 rejected of 2 rows" in out
    second = tmp_path / "wanted-2.jsonl"
    second.write_text(
        '{"id": "W2", "names": ["Xhevat Hoxha"]}\nnot json\n{"id": "W3", "sex": "M"}\n'
        '{"id": "W4", "names": ["Blerta Krasniqi"], "date_of_birth": "1990-13"}\n'
        '{"id": "W5", "names": ["Ana Kos"]}\n',
        encoding="utf-8",
    )
    out = run(database, "watchlist", "import", str(second), "--list", "nat")
    assert "list nat version 2: 2 loaded, 3 rejected of 5 rows (1 added, 1 removed" in out
    assert "wanted-2.jsonl: row 2: rejected: not JSON" in out
    assert "wanted-2.jsonl: row 3: rejected: no name and no document" in out
    assert "wanted-2.jsonl: row 4: rejected: date_of_birth" in out
    listing = run(database, "watchlist", "list")
    assert re.search(
        r"│ nat\s+│ wanted_persons\s+│ MoI\s+│ Law on Police Art 12\s+│ 0.90\s+│ 2\s+│ 2\s+│", listing
    )
    shown = run(database, "watchlist", "show", "nat", "--search", "hodza")
    assert re.search(r"│ 2\s+│ .+│ cli\s+│ wanted-2.jsonl │ jsonl\s+│ 5\s+│ 2\s+│ 3\s+│ 1\s+│ 1 │", shown)
    assert re.search(r"│ 1\s+│ .+│ cli\s+│ wanted.jsonl\s+│ jsonl\s+│ 2\s+│ 2\s+│ 0\s+│ 2\s+│ 0 │", shown)
    assert "│ W2 │ Xhevat Hoxha │" in shown
    assert "W5" not in shown


def test_bad_input_is_one_line(database: TestDatabase, tmp_path: Path) -> None:
    good = write_lines(tmp_path / "a.jsonl", {"id": "W1", "names": ["Ana Kos"]})
    with pytest.raises(OpenPIUError, match="list fresh is new: give --owner, --category, --legal-basis"):
        invoke(database, "watchlist", "import", str(good), "--list", "fresh")
    code, _, err = invoke(database, "watchlist", "import", str(tmp_path / "missing.jsonl"), "--list", "x")
    assert (code, err) == (
        2,
        f"openpiu: error: {tmp_path / 'missing.jsonl'}: cannot read: No such file or directory\n",
    )
    with pytest.raises(OpenPIUError, match="no watchlist 'nope'"):
        invoke(database, "watchlist", "show", "nope")
    code, _, err = invoke(database, "screen")
    assert (code, err) == (
        2,
        "openpiu: error: no watchlist entries stored: import a list first (`openpiu watchlist import`)\n",
    )


def test_a_file_of_another_format_is_refused_in_one_line(database: TestDatabase, tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_text("this is not XML", encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own entry point, fixed arguments
        [sys.executable, "-m", "openpiu", "watchlist", "import", str(path), "--list", "un", *REGISTER],
        capture_output=True,
        text=True,
        env={**os.environ, "OPENPIU_DATABASE_URL": database.url},
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("openpiu: error: list.xml: nothing loaded as un-xml: row 1: rejected: ")
    assert result.stderr.count("\n") == 1


@pytest.fixture(scope="module")
def synthetic_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("day")
    write_day(folder, seed=11, scale=0.03, day=DAY, truth=True, pnr=True)
    return folder


def test_screen_records_hits_once_and_keeps_dismissed_ones_silent(
    database: TestDatabase, synthetic_day: Path
) -> None:
    summary = ingest_paths(database.engine, collect_files([synthetic_day / "api", synthetic_day / "pnr"]))
    assert summary.rejected == 0
    with Session(database.engine) as session:
        demo, _ = load_demo_watchlist(
            session, synthetic_day / "truth" / "day.json", seed=3, now=datetime.now(UTC), size=500
        )
        session.commit()
    assert len(demo.planted) == 20
    day = json.loads((synthetic_day / "truth" / "day.json").read_text(encoding="utf-8"))
    planted = {p.entry_id: day["people"][p.person_id] for p in demo.planted}

    out = run(database, "screen", "--date", DAY.isoformat())
    with Session(database.engine) as session:
        hits = list_hits(session)
        secret = hit_key(session.connection())
    on_planted = [h for h in hits if h.hit.reference.split("/")[1] in planted]
    # Every planted traveller is found, whatever way the list wrote them.
    assert {h.hit.reference.split("/")[1] for h in on_planted} == set(planted)
    for stored in on_planted:
        person = planted[stored.hit.reference.split("/")[1]]
        assert stored.hit.flight_key.startswith("flight:")
        assert stored.hit.explanation and stored.hit.score is not None and stored.hit.score >= 0.8
        # Keyed by the passport, pseudonymised: the number itself is not in the key.
        number = person["document"]["number"]
        assert stored.hit.traveller_key.endswith(f"/{pseudonyms.document_pseudonym(secret, number)}")
        assert document_key(number) not in stored.hit.key
    assert len({h.hit.key for h in hits}) == len(hits)
    assert f"{len(hits)} hits ({len(hits)} new, 0 refreshed" in out
    assert re.search(r"\d+ flights, \d+ API and [1-9]\d* PNR travellers screened against 500 entries", out)

    again = run(database, "screen")
    assert f"{len(hits)} hits (0 new, {len(hits)} refreshed, 0 reopened, 0 kept dismissed)" in again
    target = on_planted[0]
    run(
        database, "hits", "decide", str(target.id), "dismiss", "--as", "ana",
        "--reason", "different_person", "--text", "checked the passport",
    )  # fmt: skip
    third = run(database, "screen", "--date", DAY.isoformat())
    assert f"{len(hits) - 1} refreshed, 0 reopened, 1 kept dismissed" in third
    with Session(database.engine) as session:
        after = list_hits(session)
    assert len(after) == len(hits)
    assert [h.hit.state for h in after if h.id == target.id] == [HitState.DISMISSED]
    code, _, err = invoke(database, "screen", "--flight", "999999")
    assert (code, err) == (2, "openpiu: error: no flight 999999\n")
