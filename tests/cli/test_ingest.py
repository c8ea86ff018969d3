from __future__ import annotations

import sys
from pathlib import Path

import pytest
from factories import paxlst
from sqlalchemy import text
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase
from typer.testing import CliRunner

from openpiu.cli import app, main
from openpiu.store import SchemaState, schema_state
from openpiu.store.queries import counts
from openpiu.store.schema import head


def run(database: TestDatabase, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"OPENPIU_DATABASE_URL": database.url})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def openpiu(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str, url: str
) -> tuple[int, str]:
    """``openpiu ARGS`` through ``main()``, the script's entry point (which turns errors into one line)."""
    monkeypatch.setenv("OPENPIU_DATABASE_URL", url)
    monkeypatch.setattr(sys, "argv", ["openpiu", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), capsys.readouterr().err


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "day1").mkdir(parents=True)
    (folder / "day1" / "part1.edi").write_bytes(paxlst(ref="1", surnames=("PETROVIC", "HOXHA")))
    (folder / "day1" / "part2.edi").write_bytes(paxlst(ref="2", surnames=("BEGIC",)))
    (folder / "junk.txt").write_bytes(b"not a message")
    return folder


def summary_rows(output: str) -> dict[str, str]:
    """The label → value rows of the summary table."""
    rows: dict[str, str] = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip("│┃| \t").split("│")]
        if len(cells) == 2 and cells[1].replace(",", "").isdigit():
            rows[cells[0]] = cells[1]
    return rows


def test_ingest_creates_the_schema_stores_and_summarises(empty_database: TestDatabase, inbox: Path) -> None:
    code, output = run(empty_database, "ingest", str(inbox))
    assert code == 0
    assert summary_rows(output) == {
        "received": "3",
        "duplicates": "0",
        "parsed": "2",
        "with warnings": "0",
        "rejected": "1",
        "travellers": "3",
        "flights": "1",
    }
    junk = inbox / "junk.txt"
    assert f"rejected: {junk}: not EDIFACT" in output
    assert schema_state(empty_database.engine) is SchemaState.CURRENT
    with Session(empty_database.engine) as session:
        stored = counts(session)
    assert (stored.raw_messages, stored.rejected, stored.travellers, stored.flights) == (3, 1, 3, 1)


def test_ingesting_again_counts_duplicates_and_retry_reparses_rejected(
    empty_database: TestDatabase, inbox: Path
) -> None:
    run(empty_database, "ingest", str(inbox))
    code, output = run(empty_database, "ingest", str(inbox), "--retry-rejected")
    assert code == 0
    assert "Messages ingested" in output and "Messages retried" in output
    ingested, retried = output.split("Messages retried")
    assert summary_rows(ingested)["duplicates"] == "3"
    assert (summary_rows(retried)["received"], summary_rows(retried)["rejected"]) == ("1", "1")


def test_db_upgrade_then_status(empty_database: TestDatabase) -> None:
    assert run(empty_database, "db", "status")[0] == 1
    code, output = run(empty_database, "db", "upgrade")
    assert (code, f"schema upgraded from nothing to {head()}" in output) == (0, True)
    code, output = run(empty_database, "db", "status")
    assert (code, f"current (at {head()}" in output) == (0, True)


def test_ingest_without_paths_is_a_usage_error(empty_database: TestDatabase) -> None:
    assert run(empty_database, "ingest")[0] == 2


def test_missing_path_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, err = openpiu(
        monkeypatch, capsys, "ingest", str(tmp_path / "nowhere"), url=f"sqlite:///{tmp_path / 'x.db'}"
    )
    assert (code, err) == (2, f"openpiu: error: no such file or folder: {tmp_path / 'nowhere'}\n")
    assert not (tmp_path / "x.db").exists()


def test_bad_database_url_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], inbox: Path
) -> None:
    code, err = openpiu(
        monkeypatch, capsys, "ingest", str(inbox), url="postgresql+psycopg://piu:s3cret@127.0.0.1:1/piu"
    )
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith(
        "openpiu: error: reading the schema version failed on postgresql+psycopg://piu:***@"
    )
    assert "s3cret" not in err


def test_a_database_of_unknown_schema_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], database: TestDatabase, inbox: Path
) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'newer'"))
    code, err = openpiu(monkeypatch, capsys, "ingest", str(inbox), url=database.url)
    assert code == 2
    assert err.startswith("openpiu: error: database ") and "unknown schema" in err
