"""`openpiu audit export`: JSON lines a supervisory authority can verify offline; collection is logged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from privacy.traffic import BORDER_API, PUSH, add_people, run_cli
from storage_fixtures import TestDatabase

from openpiu.errors import AccessDenied
from openpiu.model import StaffRole
from openpiu.privacy.audit_export import verify_export


def run(database: TestDatabase, *args: str) -> str:
    return run_cli(database.url, *args)


def test_export_verifies_and_tampering_is_found(database: TestDatabase, tmp_path: Path) -> None:
    add_people(database.engine, ("dora", StaffRole.DPO), ("ana", StaffRole.ANALYST))
    (tmp_path / "push.edi").write_bytes(PUSH)
    (tmp_path / "api.edi").write_bytes(BORDER_API)
    run(database, "ingest", str(tmp_path / "push.edi"), str(tmp_path / "api.edi"))
    run(database, "pnr", "reconcile")
    today = datetime.now(UTC).date()
    out = tmp_path / "export.jsonl"
    with pytest.raises(AccessDenied, match="ana is analyst"):
        run(database, "audit", "export", "--from", str(today), "--to", str(today), "--as", "ana")
    run(
        database,
        "audit",
        "export",
        "--from",
        str(today),
        "--to",
        str(today),
        "--as",
        "dora",
        "--out",
        str(out),
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    events = [json.loads(line) for line in lines[1:]]
    assert header["log_verified"] is True and header["events"] == len(events) >= 2
    collect = next(e for e in events if e["action"] == "collect")
    assert collect["detail"]["counts"]["received"] == 2 and collect["detail"]["counts"]["bookings"] == 2
    assert "combine" in [e["action"] for e in events]
    text = out.read_text(encoding="utf-8")
    assert "PETROVIC" not in text and "NIKOLIC" not in text  # counts, not content
    assert verify_export(lines) == (len(events), None)
    altered = json.loads(lines[1])
    altered["result_count"] = 99
    assert (
        verify_export([lines[0], json.dumps(altered), *lines[2:]])[1] == f"event {altered['seq']} was altered"
    )
    assert "announces" in str(verify_export([lines[0], *lines[2:]])[1])  # an event cut out
    header["events"] -= 1
    assert "missing" in str(verify_export([json.dumps(header), *lines[2:]])[1])  # the first one cut
    assert "missing" in str(verify_export([json.dumps(header), *lines[1:-1]])[1])  # the last one cut
    # The export itself is logged; the following day holds nothing.
    tomorrow = str(today + timedelta(days=1))
    empty = run(database, "audit", "export", "--from", tomorrow, "--to", tomorrow, "--as", "dora")
    assert json.loads(empty.splitlines()[0])["events"] == 0
    last = run(database, "audit", "export", "--from", str(today), "--to", str(today), "--as", "dora")
    assert '"action": "export"' in last and '"recipient": "supervisory authority"' in last
