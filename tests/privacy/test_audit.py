"""The access log's hash chain: every kind of tampering is detected and the first bad event named."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from storage_fixtures import TestDatabase

from openpiu.privacy.audit import (
    GENESIS,
    AuditAction,
    AuditEntry,
    Outcome,
    canonical,
    record,
    verify,
)
from openpiu.store import session_factory

T0 = datetime(2025, 3, 14, 8, 0, tzinfo=UTC)


def _fill(engine: Engine, count: int = 5) -> None:
    with session_factory(engine)() as db:
        for i in range(count):
            record(
                db,
                AuditEntry(
                    action=AuditAction.CONSULT,
                    actor="ana",
                    actor_role="analyst",
                    object_refs=(f"traveller:{i + 1}",),
                    purpose="case 2025/17",
                    query_text='{"surname": "HOXHA"}' if i == 2 else None,
                    result_count=i,
                    client_address="127.0.0.1",
                    detail={"via": "session"},
                ),
                now=lambda i=i: T0 + timedelta(seconds=i, microseconds=123456),
            )
        db.commit()


def _verify(engine: Engine, anchor: tuple[int, str] | None = None):  # type: ignore[no-untyped-def]
    with session_factory(engine)() as db:
        return verify(db, anchor=anchor)


def _raw(database: TestDatabase, sql: str) -> None:
    """Tamper as someone with database access would (bypassing the trigger on PostgreSQL)."""
    with database.engine.begin() as connection:
        if database.backend == "postgresql":
            connection.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        connection.execute(text(sql))
        if database.backend == "postgresql":
            connection.execute(text("ALTER TABLE audit_event ENABLE TRIGGER USER"))


def test_an_untouched_chain_verifies(database: TestDatabase) -> None:
    _fill(database.engine)
    result = _verify(database.engine)
    assert (result.ok, result.checked, result.head_seq) == (True, 5, 5)
    with session_factory(database.engine)() as db:
        first = db.execute(text("SELECT prev_sha256 FROM audit_event WHERE seq = 1")).scalar_one()
    assert first == GENESIS


def test_concurrent_writers_each_extend_the_chain(database: TestDatabase) -> None:
    """Web requests log from several threads at once: none claims another's place in the chain."""
    writers, events = 6, 8
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(events):
                with session_factory(database.engine)() as db:
                    # A read first, as a page does before it logs what it showed.
                    db.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
                    entry = AuditEntry(
                        action=AuditAction.CONSULT, actor=f"user{n}", actor_role="analyst", result_count=i
                    )
                    record(db, entry)
                    db.commit()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    result = _verify(database.engine)
    assert (result.ok, result.checked, result.head_seq) == (True, writers * events, writers * events)


def test_an_empty_log_verifies(database: TestDatabase) -> None:
    result = _verify(database.engine)
    assert (result.ok, result.checked, result.head_seq) == (True, 0, None)


@pytest.mark.parametrize(
    ("tamper", "first_bad", "problem"),
    [
        ("UPDATE audit_event SET purpose = 'curiosity' WHERE seq = 3", 3, "altered"),
        ("UPDATE audit_event SET query_text = NULL WHERE seq = 3", 3, "altered"),
        (
            "UPDATE audit_event SET occurred_at = occurred_at WHERE seq = 2; "
            "UPDATE audit_event SET actor = 'someone' WHERE seq = 4",
            4,
            "altered",
        ),
        ("DELETE FROM audit_event WHERE seq = 2", 3, "missing"),
        ("DELETE FROM audit_event WHERE seq = 1", 2, "missing"),
    ],
    ids=["purpose", "query", "actor", "removed", "removed-first"],
)
def test_tampering_is_detected(database: TestDatabase, tamper: str, first_bad: int, problem: str) -> None:
    _fill(database.engine)
    for statement in tamper.split("; "):
        _raw(database, statement)
    result = _verify(database.engine)
    assert (result.ok, result.first_bad) == (False, first_bad)
    assert problem in (result.problem or "")


def test_an_inserted_event_is_detected(database: TestDatabase) -> None:
    _fill(database.engine)
    # Make room at seq 3 by moving 3..5 up, then insert a forged event with a self-consistent hash.
    for seq in (5, 4, 3):
        _raw(database, f"UPDATE audit_event SET seq = {seq + 1} WHERE seq = {seq}")  # noqa: S608 - int literals
    _raw(
        database,
        "INSERT INTO audit_event (seq, event_id, occurred_at, action, outcome, prev_sha256, sha256)"
        " SELECT 3, 'forged', occurred_at, 'consult', 'success', sha256, sha256"
        " FROM audit_event WHERE seq = 2",
    )
    result = _verify(database.engine)
    assert (result.ok, result.first_bad) == (False, 3)


def test_reordered_events_are_detected(database: TestDatabase) -> None:
    _fill(database.engine)
    _raw(database, "UPDATE audit_event SET seq = 100 WHERE seq = 2")
    _raw(database, "UPDATE audit_event SET seq = 2 WHERE seq = 4")
    _raw(database, "UPDATE audit_event SET seq = 4 WHERE seq = 100")
    result = _verify(database.engine)
    assert (result.ok, result.first_bad) == (False, 2)
    assert "does not follow" in (result.problem or "")


def test_truncation_is_detected_with_an_anchor(database: TestDatabase) -> None:
    _fill(database.engine)
    head = _verify(database.engine)
    assert head.head_seq is not None and head.head_sha256 is not None
    _raw(database, "DELETE FROM audit_event WHERE seq >= 4")
    assert _verify(database.engine).ok  # cutting the tail leaves a valid shorter chain...
    result = _verify(database.engine, anchor=(head.head_seq, head.head_sha256))
    assert (result.ok, result.first_bad) == (False, 5)  # ...which the noted head exposes
    assert "truncated" in (result.problem or "")


def test_events_hash_their_canonical_json() -> None:
    values = {"seq": 1, "occurred_at": T0, "object_refs": ["traveller:1"], "query_text": "Ђорђе"}
    body = canonical(values)
    assert body.startswith(b'{"action":null,') and b'"occurred_at":"2025-03-14T08:00:00.000000Z"' in body
    assert "Ђорђе".encode() in body  # UTF-8, not \\u escapes
    assert canonical(dict(reversed(list(values.items())))) == body


def test_denied_outcome_is_recorded(database: TestDatabase) -> None:
    with session_factory(database.engine)() as db:
        row = record(
            db, AuditEntry(action=AuditAction.CONSULT, actor="x", actor_role="admin", outcome=Outcome.DENIED)
        )
        db.commit()
        assert (row.seq, row.outcome) == (1, "denied")


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete(database: TestDatabase) -> None:
    if database.backend != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    _fill(database.engine, 2)
    for statement in (
        "UPDATE audit_event SET purpose = 'x' WHERE seq = 1",
        "DELETE FROM audit_event WHERE seq = 2",
        "TRUNCATE audit_event",
    ):
        with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as connection:
            connection.execute(text(statement))
    assert _verify(database.engine).checked == 2
