"""``openpiu pnr show`` and ``openpiu pnr reconcile`` on a database filled by ``openpiu ingest``."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import paxlst
from storage_fixtures import TestDatabase
from typer.testing import CliRunner

from openpiu.cli import app
from openpiu.errors import NotFound

PUSH = (
    "UNA:+.?*'UNB+IATA:1+JU+RSPIU+260328:0930+{ref}'UNH+1+PNRGOV:13:1:IA'MSG+:{function}'"
    "TVL+290326:0930+VIE+BEG+JU+123'EQN+1'SRC'RCI+JU:CLI123::010326:0900'ORG+JU:VIE++++A'"
    "TIF+PETROVIC+ANA MRS:A:1'SSR+DOCS:HK:1:JU:::::/P/SRB/P00000000/SRB/12FEB85/F/01MAY31/PETROVIC/ANA+::1'"
    "{extra}TVL+290326:0930+VIE+BEG+JU+123:Y'RPI+1+HK'SSR+SEAT:HK:1:JU:::VIE:BEG+{seat}::1'UNT+14+1'UNZ+1+{ref}'"
)


def run(database: TestDatabase, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"OPENPIU_DATABASE_URL": database.url, "COLUMNS": "200"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def test_show_and_reconcile(database: TestDatabase, tmp_path: Path) -> None:
    first = tmp_path / "1.edi"
    first.write_text(PUSH.format(ref=1, function=22, extra="SSR+WCHR:HK:1:JU+::1'", seat="12A"))
    second = tmp_path / "2.edi"
    second.write_text(PUSH.format(ref=2, function=141, extra="SSR+OTHS:HK:1:JU'", seat="14C"))
    api = tmp_path / "api.edi"
    api.write_bytes(paxlst(flight="JU123", surnames=("PETROVIC",)))
    code, output = run(database, "ingest", str(first), str(second), str(api))
    assert code == 0 and "PNR changes: seat changed" in output and "seat_changed" not in output
    code, output = run(database, "pnr", "show", "cli123")
    assert code == 0
    assert "Booking JU CLI123: active, 2 push(es)" in output
    assert "seat changed" in output and "12A" in output and "14C" in output
    assert "booking created" in output and "received (UTC)" in output
    assert "seat_changed" not in output
    assert "removed: health" in output
    assert "WCHR" not in output
    code, output = run(database, "pnr", "reconcile", "--links")
    assert code == 0
    assert "PETROVIC/ANA" in output and "document number" in output


def test_show_unknown_locator(database: TestDatabase) -> None:
    if database.backend != "sqlite":
        # Open issue: on PostgreSQL this error path leaves a pooled psycopg connection to the garbage
        # collector (ResourceWarning at the end of the run); the command output itself is the same.
        pytest.skip("error path checked on SQLite only (see comment)")
    with pytest.raises(NotFound, match="no booking with record locator 'NOPE00'"):
        run(database, "pnr", "show", "NOPE00")
