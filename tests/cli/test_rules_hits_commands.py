"""`openpiu rules` and `openpiu hits` end to end on a database: lifecycle, four eyes, backtest, review."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import paxlst
from ingest.test_pnr_ingest import FIRST, SECOND
from sqlalchemy import select
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase
from typer.testing import CliRunner

from openpiu.cli import app
from openpiu.errors import OpenPIUError
from openpiu.ingest import Intake
from openpiu.ingest.reconcile import reconcile_all
from openpiu.review import Detection, HitSource
from openpiu.screening.rules.examples import EXAMPLES
from openpiu.store.hits import record_detections
from openpiu.store.tables import FlightRow


def run(database: TestDatabase, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"OPENPIU_DATABASE_URL": database.url, "COLUMNS": "200"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stdout
    return result.stdout


def test_rule_lifecycle_and_backtest(database: TestDatabase, tmp_path: Path) -> None:
    path = tmp_path / "rule.json"
    path.write_text(json.dumps(EXAMPLES[0]))
    assert "late-cash-one-way@1: draft by ana" in run(database, "rules", "add", str(path), "--as", "ana")
    with pytest.raises(OpenPIUError, match="ana wrote this version and cannot approve it"):
        run(database, "rules", "approve", "late-cash-one-way", "--as", "ana")
    assert "late-cash-one-way@1: approved" in run(
        database, "rules", "approve", "late-cash-one-way", "--as", "boris"
    )
    assert "late-cash-one-way@1: active" in run(
        database, "rules", "activate", "late-cash-one-way", "--as", "boris"
    )
    run(database, "rules", "add", str(path), "--as", "vesna")
    run(database, "rules", "approve", "late-cash-one-way", "--as", "ana")
    out = run(database, "rules", "activate", "late-cash-one-way", "--as", "ana")
    assert "late-cash-one-way@2: active" in out and "late-cash-one-way@1: retired" in out
    listing = run(database, "rules", "list")
    assert "late-cash-one-way@1" in listing and "late-cash-one-way@2 is active" in listing
    history = tmp_path / "history.jsonl"
    match = {
        "itinerary.one_way": True,
        "payment.cash": True,
        "booking.hours_to_departure": 5,
        "traveller.bags": 0,
    }
    lines = [
        {"key": "a", "day": "2026-05-01", "route": "TIA-IST", "facts": match, "outcome": "confirmed"},
        {"key": "b", "day": "2026-05-01", "route": "TIA-IST", "facts": match, "outcome": "dismissed"},
        {"key": "c", "day": "2026-05-02", "route": "BEG-VIE", "facts": {**match, "payment.cash": False}},
    ]
    history.write_text("\n".join(json.dumps(line) for line in lines))
    out = run(database, "rules", "test", "late-cash-one-way", "--history", str(history))
    assert "2 of 3 travellers flagged over 2 days" in out and "precision 0.50" in out


def test_hit_review_and_gated_dissemination(database: TestDatabase) -> None:
    now = datetime.now(UTC)
    found = Detection(
        HitSource.RULE, "late-cash-one-way", "late-cash-one-way@1", "T1", "JU0680/2026-11-29",
        ("payment.cash eq true: payment.cash = true",), {"payment.cash": True}, now, now + timedelta(hours=3),
    )  # fmt: skip
    with Session(database.engine) as session, session.begin():
        [(hit_id, _)] = record_detections(session, [found])
    assert "late-cash-one-way@1" in run(database, "hits", "list")
    run(
        database,
        "hits",
        "decide",
        str(hit_id),
        "confirm",
        "--as",
        "ana",
        "--reason",
        "pattern_corroborated",
        "--text",
        "ok",
    )
    assert "late-cash-one-way@1" not in run(database, "hits", "list")
    request = ("hits", "disseminate", str(hit_id))
    run(database, *request, "request", "--as", "ana", "--authority", "Police", "--purpose", "case 1")
    with pytest.raises(OpenPIUError, match="dissemination must be approved, it is requested"):
        run(database, *request, "sent", "--as", "ana", "--reference", "X")
    with pytest.raises(OpenPIUError, match="another supervisor must approve"):
        run(database, *request, "approve", "--as", "ana", "--role", "supervisor", "--text", "ok")
    run(database, *request, "approve", "--as", "vesna", "--role", "supervisor", "--text", "proportionate")
    assert "dissemination sent" in run(database, *request, "sent", "--as", "ana", "--reference", "SIENA-1")
    shown = run(database, "hits", "show", str(hit_id))
    for action in (
        "raise",
        "start_review",
        "decide",
        "request_dissemination",
        "approve_dissemination",
        "disseminate",
    ):
        assert action in shown


def test_backtest_over_the_stored_history(database: TestDatabase, tmp_path: Path) -> None:
    intake = Intake(database.engine)
    for data, source in ((FIRST, "first.edi"), (SECOND, "second.edi"), (paxlst(), "api.edi")):
        intake.receive(data, source=source)
    reconcile_all(database.engine)
    path = tmp_path / "cash.json"
    document = {**EXAMPLES[0], "id": "cash", "when": {"field": "payment.cash", "op": "eq", "value": True}}
    path.write_text(json.dumps(document))
    out = run(database, "rules", "test", str(path))
    # ANA (API, linked to the booking) and MARKO (PNR only) paid in cash on the second push.
    assert "cash: 2 of 2 travellers flagged over 1 days" in out
    assert "│ 2026-03-29 │ 2       │ 0         │ VIE-BEG 2" in out
    assert "0 of 0 travellers" in run(database, "rules", "test", str(path), "--from", "2026-04-01")
    with pytest.raises(OpenPIUError, match="--to must be YYYY-MM-DD, got 'soon'"):
        run(database, "rules", "test", str(path), "--to", "soon")


def test_hits_list_finds_a_flight_as_people_write_it(database: TestDatabase) -> None:
    intake = Intake(database.engine)
    intake.receive(paxlst(), source="ju123.edi")  # JU0123 VIE → BEG on 2026-03-29
    intake.receive(paxlst(ref="2", flight="JU456", origin="BEG", destination="VIE"), source="ju456.edi")
    now = datetime.now(UTC)
    with Session(database.engine) as session, session.begin():
        ids = {number: i for number, i in session.execute(select(FlightRow.number, FlightRow.id))}
        found = [
            Detection(
                HitSource.RULE,
                rule,
                f"{rule}@1",
                "traveller:1",
                f"flight:{ids[number]}",
                ("matched",),
                {"x": 1},
                now,
                now + timedelta(hours=3),
            )
            for rule, number in (("on-123", "0123"), ("on-456", "0456"))
        ]
        record_detections(session, found)
    ju123 = ids["0123"]
    for flight in ("JU0123/2026-03-29", "ju123/2026-03-29/VIE", str(ju123), f"flight:{ju123}"):
        out = run(database, "hits", "list", "--flight", flight)
        assert "on-123@1" in out and "on-456@1" not in out, flight
        assert f"JU0123/2026-03-29 (flight:{ju123})" in out
    # No stored flight by that name (JU0123 leaves VIE, JU0999 does not fly): one line, no traceback.
    for flight in ("JU0123/2026-03-29/BEG", "JU0999/2026-03-29", "999"):
        result = CliRunner().invoke(
            app, ["hits", "list", "--flight", flight], env={"OPENPIU_DATABASE_URL": database.url}
        )
        assert result.exit_code == 2 and f"openpiu: error: no flight {flight}\n" == result.output
