"""``openpiu pnr show``, ``openpiu pnr reconcile`` and ``openpiu pnr link|unlink`` on a database filled by
``openpiu ingest``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from change_rows import EVERY_KIND, store_every_kind
from factories import paxlst
from privacy.traffic import add_people
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase
from typer.testing import CliRunner

from openpiu.cli import app, main
from openpiu.errors import NotFound
from openpiu.model import StaffRole
from openpiu.store.audit import AuditEventRow
from openpiu.store.pnr_tables import booking_change
from openpiu.store.tables import FlightRow, TravellerRow

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
    assert "1 traveller " in output and "traveller(s)" not in output
    assert "seat_changed" not in output
    assert "removed: health" in output
    assert "WCHR" not in output
    code, output = run(database, "pnr", "reconcile", "--links")
    assert code == 0
    assert "PETROVIC/ANA" in output and "document number" in output


def test_show_says_every_kind_of_change_from_the_stored_data(database: TestDatabase, tmp_path: Path) -> None:
    # The same facts as the traveller page (tests/web/test_pnr_pages.py), in English.
    first = tmp_path / "1.edi"
    first.write_text(PUSH.format(ref=1, function=22, extra="", seat="12A"))
    assert run(database, "ingest", str(first))[0] == 0
    with database.engine.begin() as connection:
        store_every_kind(connection, record_locator="CLI123")
    result = CliRunner().invoke(
        app, ["pnr", "show", "CLI123"], env={"OPENPIU_DATABASE_URL": database.url, "COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    for kind, (subject, before, after, words) in EVERY_KIND.items():
        facts = [f" {words['en'][0]} ", subject, before, "3 travellers" if kind == "created" else after]
        assert any(all(fact in line for fact in facts if fact) for line in lines), kind
    assert "traveller(s)" not in result.stdout
    # A row stored by an earlier version holds English text: shown as stored.
    with database.engine.begin() as connection:
        connection.execute(update(booking_change).values(after="1 traveller(s)"))
    assert "1 traveller(s)" in run(database, "pnr", "show", "CLI123")[1]


def test_show_unknown_locator(database: TestDatabase) -> None:
    if database.backend != "sqlite":
        # Open issue: on PostgreSQL this error path leaves a pooled psycopg connection to the garbage
        # collector (ResourceWarning at the end of the run); the command output itself is the same.
        pytest.skip("error path checked on SQLite only (see comment)")
    with pytest.raises(NotFound, match="no booking with record locator 'NOPE00'"):
        run(database, "pnr", "show", "NOPE00")


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str, *args: str) -> str:
    """``openpiu ARGS`` through ``main()`` (which turns errors into one line): exit code 2, stderr."""
    monkeypatch.setenv("OPENPIU_DATABASE_URL", url)
    monkeypatch.setattr(sys, "argv", ["openpiu", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    return capsys.readouterr().err


def test_link_and_unlink_by_hand(
    database: TestDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The booking was made as JOVANOVIC/MILICA; the passport says PETROVIC/ANA: no automatic link.
    push = tmp_path / "1.edi"
    booked = PUSH.format(ref=1, function=22, extra="", seat="12A").replace("PETROVIC", "JOVANOVIC")
    push.write_text(booked.replace("P00000000", "P99999999"))
    api = tmp_path / "api.edi"
    api.write_bytes(paxlst(flight="JU123", surnames=("PETROVIC",)))
    assert run(database, "ingest", str(push), str(api))[0] == 0
    assert run(database, "pnr", "reconcile")[0] == 0
    add_people(database.engine, ("ana", StaffRole.ANALYST), ("dora", StaffRole.DPO))
    with database.engine.connect() as connection:
        flight = str(connection.execute(select(FlightRow.id)).scalar_one())
        traveller = str(connection.execute(select(TravellerRow.id)).scalar_one())
    link = ["pnr", "link", "--flight", flight, "--traveller", traveller, "--booking", "JU/CLI123"]
    link += ["--name", "JOVANOVIC/ANA", "--reason", "same passport at check-in"]
    for user, words in (("dora", "dora is dpo, not analyst, supervisor"), ("nobody", "no enabled account")):
        err = _main(monkeypatch, capsys, database.url, *link, "--as", user)
        assert err.startswith(f"openpiu: error: linking travellers: {words}") and err.count("\n") == 1
    code, output = run(database, *link, "--as", "ana")
    assert code == 0 and f"traveller {traveller} linked to JU/CLI123 JOVANOVIC/ANA by ana" in output
    code, output = run(database, "pnr", "reconcile", "--links")
    assert code == 0 and "linked by ana (name mismatch)" in output and "PETROVIC/ANA" in output
    assert "api_only" not in output and "pnr_only" not in output
    unlink = ["pnr", "unlink", "--flight", flight, "--traveller", traveller, "--reason", "wrong person"]
    err = _main(monkeypatch, capsys, database.url, *unlink, "--as", "dora")
    assert err.startswith("openpiu: error: unlinking travellers: dora is dpo") and err.count("\n") == 1
    assert run(database, *unlink, "--as", "ana")[0] == 0
    code, output = run(database, "pnr", "reconcile", "--links")
    assert "linked by" not in output and "api_only" in output and "pnr_only" in output
    with Session(database.engine) as session:
        events = session.scalars(select(AuditEventRow).where(AuditEventRow.actor == "ana")).all()
    assert [(e.action, (e.detail or {}).get("operation"), e.actor_role) for e in events] == [
        ("decide", "link", "analyst"),
        ("decide", "unlink", "analyst"),
    ]
    assert f"traveller:{traveller}" in events[0].object_refs
    # The analyst's words are in the maskable text, not in the append-only detail.
    assert [json.loads(e.query_text or "{}") for e in events] == [
        {"reason": "same passport at check-in"},
        {"reason": "wrong person"},
    ]
    assert all("reason" not in (e.detail or {}) for e in events)
