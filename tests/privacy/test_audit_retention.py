"""The access log's own retention: search texts masked at 6 months, events pruned after 5 years behind a
checkpoint; the chain still verifies and still catches tampering (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase

from openpiu.privacy.audit import AuditAction, AuditEntry, record, verify
from openpiu.privacy.audit_export import export_lines, verify_export
from openpiu.privacy.audit_retention import mask_search_texts, prune_log
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer
from openpiu.store.audit import AuditEventRow

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SEARCH = '{"surname": "PETROVIC", "born": "1985-02-12"}'


def _log(database: TestDatabase, *days: int) -> None:
    """One search per day offset from T0 (each naming PETROVIC), and a view in between."""
    with Session(database.engine) as db, db.begin():
        for day in days:
            at = T0 + timedelta(days=day)
            for query in (SEARCH, None):
                record(
                    db,
                    AuditEntry(
                        AuditAction.CONSULT, "ana", "analyst", purpose="case 2026/3", query_text=query
                    ),
                    now=lambda at=at: at,
                )


def _verify(database: TestDatabase):  # type: ignore[no-untyped-def]
    with Session(database.engine) as db:
        return verify(db)


def _raw(database: TestDatabase, sql: str) -> None:
    """Tamper as someone with database access would (bypassing the trigger on PostgreSQL)."""
    with database.engine.begin() as connection:
        if database.backend == "postgresql":
            connection.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        connection.execute(text(sql))
        if database.backend == "postgresql":
            connection.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))


def _texts(database: TestDatabase) -> list[str | None]:
    with Session(database.engine) as db:
        return list(db.scalars(select(AuditEventRow.query_text).order_by(AuditEventRow.seq)))


def test_search_texts_are_masked_with_the_data_and_the_chain_still_verifies(database: TestDatabase) -> None:
    _log(database, 0, 200)
    # The retention job at 6 months and a day after the first search: that text goes, the later stays.
    run_retention(
        database.engine, policy=Policy(), sealer=Sealer(bytes(32)), now=add_months(T0, 6) + timedelta(1)
    )
    assert _texts(database)[:4] == [None, None, SEARCH, None]
    result = _verify(database)
    assert result.ok and result.checked == 5  # the four events, and the masking's own evidence
    with Session(database.engine) as db:
        masking = db.scalars(select(AuditEventRow).where(AuditEventRow.seq == 5)).one()
        assert masking.detail is not None and masking.detail["counts"] == {"access_log_search_text": 1}
        lines = list(export_lines(db, start=T0, end=T0 + timedelta(days=400)))
    assert verify_export(lines) == (5, None)
    assert "PETROVIC" not in "".join(lines[:3]) and "PETROVIC" in lines[3]


@pytest.mark.parametrize(
    "tamper",
    [
        """UPDATE audit_event SET query_text = '{"surname": "KOVAC", "born": "1985-02-12"}' WHERE seq = 1""",
        "UPDATE audit_event SET query_text = NULL WHERE seq = 1",
        "UPDATE audit_event SET query_salt = NULL, query_text = NULL, query_sha256 = NULL WHERE seq = 1",
    ],
    ids=["text", "text-only-removed", "digest-removed"],
)
def test_a_changed_search_text_is_detected(database: TestDatabase, tamper: str) -> None:
    _log(database, 0)
    _raw(database, tamper)
    result = _verify(database)
    assert (result.ok, result.first_bad) == (False, 1)


def test_the_database_lets_through_only_a_real_masking(database: TestDatabase) -> None:
    if database.backend != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    _log(database, 0)
    with database.engine.connect() as connection:
        for sql in (
            "UPDATE audit_event SET query_text = NULL, query_salt = NULL, purpose = 'x' WHERE seq = 1",
            "UPDATE audit_event SET query_text = 'other' WHERE seq = 1",
            "DELETE FROM audit_event WHERE seq = 1",
        ):
            with pytest.raises(DBAPIError, match="append-only"), connection.begin():
                connection.execute(text(sql))
    with Session(database.engine) as db, db.begin():
        assert mask_search_texts(db, before=T0 + timedelta(days=1)) == 1
    assert _verify(database).ok


def test_events_past_five_years_are_pruned_behind_a_checkpoint(database: TestDatabase) -> None:
    _log(database, 0, 30, 400, 1800)  # events 1-2, 3-4, 5-6, 7-8
    now = add_months(T0, 60) + timedelta(days=31)
    with Session(database.engine) as db, db.begin():
        pruned = prune_log(db, now=now, by="retention")
    assert pruned is not None and (pruned.last_seq, pruned.events) == (4, 4)
    result = _verify(database)
    assert (result.ok, result.checked, result.head_seq) == (True, 5, 9)  # events 5-8 and the pruning
    with Session(database.engine) as db, db.begin():
        assert prune_log(db, now=now, by="retention") is None  # nothing older left
        lines = list(export_lines(db, start=T0, end=now + timedelta(days=1)))
    assert verify_export(lines) == (5, None)
    # A further event continues the chain from the head, not from the checkpoint.
    _log(database, 1900)
    assert _verify(database).ok


def test_pruning_everything_keeps_the_chain_going(database: TestDatabase) -> None:
    _log(database, 0)
    with Session(database.engine) as db, db.begin():
        prune_log(db, now=add_months(T0, 61), by="retention")
        # The pruning event itself was just written: the log is events 3.. from the checkpoint at 2.
    assert (_verify(database).ok, _verify(database).head_seq) == (True, 3)


@pytest.mark.parametrize(
    ("tamper", "first_bad"),
    [
        ("DELETE FROM audit_event WHERE seq = 5", 6),  # a kept event removed
        ("DELETE FROM audit_checkpoint", 5),  # the checkpoint removed: events 1-4 are missing
        (  # the checkpoint moved on by one event, which is then removed
            "UPDATE audit_checkpoint SET last_seq = 5, last_sha256 = "
            "(SELECT sha256 FROM audit_event WHERE seq = 5); DELETE FROM audit_event WHERE seq = 5",
            5,
        ),
        ("UPDATE audit_event SET detail = NULL WHERE seq = 9", 9),  # the pruning's own record altered
    ],
    ids=["kept-event", "checkpoint-removed", "checkpoint-moved", "pruning-record"],
)
def test_tampering_after_pruning_is_detected(database: TestDatabase, tamper: str, first_bad: int) -> None:
    _log(database, 0, 30, 400, 1800)
    with Session(database.engine) as db, db.begin():
        prune_log(db, now=add_months(T0, 60) + timedelta(days=31), by="retention")
    for statement in tamper.split("; "):
        _raw(database, statement)
    result = _verify(database)
    assert (result.ok, result.first_bad) == (False, first_bad), result.problem
