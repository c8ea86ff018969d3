"""`openpiu subject`: an access request finds everything held, clear or masked, and is answered."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from privacy.traffic import PASSWORD, T0, key_file, load_traffic, run_cli
from sqlalchemy import select
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase

from openpiu.accounts import Users
from openpiu.errors import AccessDenied, ConfigError
from openpiu.model import StaffRole
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer
from openpiu.review import Detection, HitSource
from openpiu.review.keys import flight_key
from openpiu.store.hits import record_detections
from openpiu.store.tables import FlightRow

KEY = bytes(range(32))


def run(database: TestDatabase, key: Path, *args: str) -> str:
    return run_cli(database.url, *args, key=key)


def test_access_request_found_exported_and_answered(database: TestDatabase, tmp_path: Path) -> None:
    key = key_file(tmp_path)
    load_traffic(database.engine)
    with Session(database.engine) as session, session.begin():
        for name, role in (("dora", StaffRole.DPO), ("ana", StaffRole.ANALYST)):
            Users().add(session, username=name, role=role, password=PASSWORD)
        # A criteria hit on booking ABC123's first traveller, keyed as assessment keys it.
        on = session.scalars(select(FlightRow.id).where(FlightRow.departure_airport == "VIE")).one()
        found = Detection(
            HitSource.RULE,
            "r1",
            "r1@1",
            "pnr:JU/ABC123/1",
            flight_key(on),
            ("matched",),
            {"x": 1},
            T0,
            T0 + timedelta(hours=3),
        )
        record_detections(session, [found])
    with pytest.raises(AccessDenied, match="ana is analyst, not dpo"):
        run(
            database,
            key,
            "subject",
            "open",
            "--kind",
            "access",
            "--reference",
            "letter 44",
            "--surname",
            "x",
            "--as",
            "ana",
        )
    with pytest.raises(ConfigError, match="access, rectification or erasure"):
        run(
            database,
            key,
            "subject",
            "open",
            "--kind",
            "forget",
            "--reference",
            "letter 44",
            "--surname",
            "x",
            "--as",
            "dora",
        )
    out = run(
        database,
        key,
        "subject",
        "open",
        "--kind",
        "access",
        "--reference",
        "letter 2026/44",
        "--surname",
        "Petrović",
        "--given-names",
        "Ana",
        "--born",
        "1985-02-12",
        "--as",
        "dora",
    )
    assert "data-subject request 1 (access) recorded" in out
    clear = run(database, key, "subject", "find", "1", "--as", "dora")
    assert clear.splitlines() == ["booking_version (active): 1", "hit (active): 1", "traveller (active): 1"]
    run_retention(database.engine, policy=Policy(cjeu_mode=False), sealer=Sealer(KEY), now=add_months(T0, 7))
    masked = run(database, key, "subject", "find", "1", "--as", "dora")
    assert masked.splitlines() == [
        "booking_version (depersonalised): 1",
        "hit (depersonalised): 1",
        "traveller (depersonalised): 1",
    ]
    run(database, key, "subject", "export", "1", "--out", str(tmp_path / "answer.json"), "--as", "dora")
    document = json.loads((tmp_path / "answer.json").read_text(encoding="utf-8"))
    by_table = {item["table"]: item for item in document["held"]}
    assert by_table["traveller"]["values"]["surname"] == "PETROVIC"
    booking = by_table["booking_version"]["values"]["content"]
    assert [t["given_names"] for t in booking["travellers"]] == ["ANA"] and booking["other_travellers"] == 1
    assert "KOVAC" not in json.dumps(document) and "LUKA" not in json.dumps(document)  # other people
    assert "answered" in run(
        database, key, "subject", "answer", "1", "--text", "export sent by post", "--as", "dora"
    )
    with pytest.raises(ConfigError, match="was answered on"):
        run(database, key, "subject", "answer", "1", "--text", "again", "--as", "dora")
    listing = run(database, key, "subject", "list", "--as", "dora")
    assert "access" in listing and "answered" in listing and "found 3" in listing
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    stats = run(database, key, "stats", "--period", today)
    assert (
        f"{today},subject_requests,access,1," in stats and f"{today},subject_requests_answered,,1," in stats
    )


def test_erasure_granted_on_the_command_line(database: TestDatabase, tmp_path: Path) -> None:
    key = key_file(tmp_path)
    load_traffic(database.engine)
    with Session(database.engine) as session, session.begin():
        Users().add(session, username="dora", role=StaffRole.DPO, password=PASSWORD)
    opened = ("subject", "open", "--kind", "erasure", "--reference", "letter 45", "--surname", "Nikolić")
    assert "recorded" in run(database, key, *opened, "--as", "dora")
    out = run(database, key, "subject", "erase", "1", "--grant", "--reason", "LED Art 16", "--as", "dora")
    assert out.strip() == "erasure request 1 carried out (api_message: 1, raw_message: 1, traveller: 1)"
    with pytest.raises(ConfigError, match="already granted"):
        run(database, key, "subject", "erase", "1", "--refuse", "--reason", "x", "--as", "dora")
