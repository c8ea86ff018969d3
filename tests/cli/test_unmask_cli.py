"""`openpiu unmask` end to end on masked data: only an approved request opens them, for its requester."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from privacy.traffic import T0, add_people, key_file, load_traffic, run_cli
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase

from openpiu.errors import AccessDenied
from openpiu.model import StaffRole
from openpiu.privacy.audit import AuditAction, verify
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer
from openpiu.store.audit import AuditEventRow
from openpiu.store.privacy_tables import UnmaskRequestRow
from openpiu.store.tables import TravellerRow

KEY = bytes(range(32))


def run(database: TestDatabase, key: Path, *args: str) -> str:
    return run_cli(database.url, *args, key=key)


def test_request_approve_show_review(database: TestDatabase, tmp_path: Path) -> None:
    key = key_file(tmp_path)
    load_traffic(database.engine)
    with database.engine.begin() as connection:  # the manifest names Ana's booking (RFF+AVF)
        connection.execute(
            update(TravellerRow).where(TravellerRow.surname == "PETROVIC").values(reservation_ref="ABC123")
        )
    run_retention(database.engine, policy=Policy(cjeu_mode=False), sealer=Sealer(KEY), now=add_months(T0, 7))
    add_people(
        database.engine,
        ("ana", StaffRole.ANALYST),
        ("boris", StaffRole.ANALYST),
        ("judge", StaffRole.AUTHORITY),
        ("dora", StaffRole.DPO),
        ("sam", StaffRole.SUPERVISOR),
    )
    out = run(
        database,
        key,
        "unmask",
        "request",
        "booking:JU/ABC123",
        "--case-ref",
        "2026/17",
        "--offence",
        "drug_trafficking",
        "--purpose",
        "companions of a courier",
        "--as",
        "ana",
    )
    assert "request 1 recorded" in out
    with pytest.raises(AccessDenied, match="not approved"):
        run(database, key, "unmask", "show", "1", "--as", "ana")
    with pytest.raises(AccessDenied, match="ana is analyst, not authority"):
        run(database, key, "unmask", "approve", "1", "--reason", "self", "--as", "ana")
    with pytest.raises(AccessDenied, match="sam is supervisor, not authority"):
        run(database, key, "unmask", "approve", "1", "--reason", "PIU approves itself", "--as", "sam")
    out = run(
        database, key, "unmask", "approve", "1", "--reason", "grounds shown", "--hours", "2", "--as", "judge"
    )
    assert "approved" in out and "access until" in out
    assert "DPO notice: re-personalisation 1 approved by judge for ana" in run(
        database, key, "unmask", "list", "--as", "dora"
    )
    shown = run(database, key, "unmask", "show", "1", "--as", "ana")
    assert "PETROVIC" in shown and "booking_version" in shown
    documents = [line for line in shown.splitlines() if line.startswith("travel_document ")]
    assert "\ntraveller " in shown and len(documents) == 1 and "P00000000" in documents[0]  # its API data too
    with pytest.raises(AccessDenied, match="approved for ana only"):
        run(database, key, "unmask", "show", "1", "--as", "boris")
    # Expired: the approval stops working (moved back in time in the database, as if 3 hours had passed).
    with Session(database.engine) as session, session.begin():
        row = session.scalars(select(UnmaskRequestRow)).one()
        assert row.access_until is not None
        row.access_until = datetime.now(row.access_until.tzinfo) - timedelta(minutes=1)
    with pytest.raises(AccessDenied, match="expired"):
        run(database, key, "unmask", "show", "1", "--as", "ana")
    out = run(
        database, key, "unmask", "review", "1", "--note", "proportionate, within the case", "--as", "dora"
    )
    assert "reviewed by dora" in out
    assert "DPO notice" not in run(database, key, "unmask", "list", "--as", "dora")
    with Session(database.engine) as session:
        events = session.scalars(select(AuditEventRow).where(AuditEventRow.approval_ref == "unmask:1")).all()
        assert verify(session).ok
    steps = [(e.action, (e.detail or {}).get("step"), e.outcome, e.actor) for e in events]
    assert steps == [
        ("alter", "request", "success", "ana"),
        ("alter", "access", "denied", "ana"),
        ("alter", "approve", "success", "judge"),
        (AuditAction.UNMASK.value, "access", "success", "ana"),
        ("alter", "access", "denied", "boris"),
        ("alter", "access", "denied", "ana"),
        ("alter", "review", "success", "dora"),
    ]
    assert all(e.case_ref == "2026/17" and e.legal_basis for e in events)
