"""A granted erasure request deletes the person everywhere; a refused one deletes nothing (SQLite and
PostgreSQL, clear and masked data)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from storage_fixtures import hit_key

from openpiu.errors import AccessDenied, ConfigError
from openpiu.model import StaffRole
from openpiu.privacy import subject_requests
from openpiu.privacy.audit import AuditAction, AuditEntry, record, verify
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer
from openpiu.privacy.subjects import Criteria
from openpiu.store.accounts import UserRow
from openpiu.store.audit import AuditEventRow
from openpiu.store.privacy_tables import SealedValueRow, SubjectRequestRow
from openpiu.store.review_tables import HitRow
from openpiu.store.tables import Base
from privacy.traffic import T0, add_people, clear_values, load_traffic, screen_names

SEALER = Sealer(bytes(range(32)))
AT = T0 + timedelta(days=3)


def _everything(engine: Engine) -> str:
    """Every value of every table, the log and the opened sealed values included, as one text."""
    parts: list[str] = []
    with engine.connect() as connection:
        for name, table in Base.metadata.tables.items():
            if name == "watchlist_entry":  # the list's own entries are not data about travellers
                continue
            for row in connection.execute(select(table)):
                parts += [v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in row]
        for seal in connection.execute(select(SealedValueRow)):
            opened = SEALER.open_values(seal.blob, context=f"{seal.table_name}:{seal.row_id}")
            parts.append(json.dumps(opened, ensure_ascii=False))
    return " ".join(parts).upper()


def _request(engine: Engine, criteria: Criteria, *, grant: bool) -> SubjectRequestRow:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        dora = session.scalars(select(UserRow).where(UserRow.username == "dora")).one()
        opened = subject_requests.open_request(
            session, dora, kind="erasure", subject_ref="letter 2026/9", criteria=criteria, at=T0
        )
        key = hit_key(session.connection())
        assert subject_requests.search(session, dora, request_id=opened.id, sealer=SEALER, pseudonym_key=key)
        return subject_requests.decide_erasure(
            session,
            dora,
            request_id=opened.id,
            grant=grant,
            reason="Art 16 LED",
            sealer=SEALER,
            pseudonym_key=key,
            at=AT,
        )


def test_granted_erasure_leaves_nothing_of_the_person(engine: Engine) -> None:
    load_traffic(engine)
    screen_names(engine, "Marija Kovac", "Ana Petrovic", at=T0 + timedelta(hours=2))
    add_people(engine, ("dora", StaffRole.DPO))
    with Session(engine) as session, session.begin():  # an analyst searched for her last week
        entry = AuditEntry(
            AuditAction.CONSULT, "ana", "analyst", query_text='{"text": "kovac"}', result_count=2
        )
        record(session, entry, now=lambda: T0)
    before = _everything(engine)
    assert all(value in before for value in ("KOVAC", "MARIJA", "SMOKE@EXAMPLE.ORG", "P00000001"))
    done = _request(engine, Criteria(surname="Kovač"), grant=True)
    assert done.erased is not None and done.erased["traveller"] == 1 and done.erased["booking_version"] == 1
    assert done.erased["hit"] >= 1
    text = _everything(engine)
    assert not [value for value in ("KOVAC", "MARIJA", "SMOKE@EXAMPLE.ORG", "P00000001") if value in text]
    assert "PETROVIC" in text  # the other travellers stay
    with Session(engine) as session:
        assert verify(session).ok  # the masked search texts still verify
    with Session(engine) as session:
        hits = session.scalars(select(HitRow.explanation)).all()
        erasure = session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
    assert hits and not any("KOVAC" in " ".join(h).upper() for h in hits)
    assert erasure is not None and erasure.action == "erase" and erasure.detail is not None
    assert erasure.detail["counts"] == done.erased
    with Session(engine) as session, session.begin():
        dora = session.scalars(select(UserRow).where(UserRow.username == "dora")).one()
        with pytest.raises(ConfigError, match="erased"):
            subject_requests.search(
                session, dora, request_id=done.id, sealer=SEALER, pseudonym_key=hit_key(session.connection())
            )


def test_erasure_of_masked_data_keeps_the_co_traveller(engine: Engine) -> None:
    load_traffic(engine)
    run_retention(engine, policy=Policy(cjeu_mode=False), sealer=SEALER, now=add_months(T0, 6) + timedelta(1))
    add_people(engine, ("dora", StaffRole.DPO))
    assert clear_values(engine) == set()  # masked: only the sealed values hold the names
    assert "P00000000" in _everything(engine)
    _request(engine, Criteria(surname="Petrovic", given_names="Ana"), grant=True)
    text = _everything(engine)
    assert "P00000000" not in text and "PETROVIC/ANA" not in text
    assert "LUKA" in text  # Ana's son travels on the same booking: his data stay, sealed


def test_refused_erasure_deletes_nothing_and_only_the_dpo_decides(engine: Engine) -> None:
    load_traffic(engine)
    add_people(engine, ("dora", StaffRole.DPO), ("ana", StaffRole.ANALYST))
    before = _everything(engine)
    refused = _request(engine, Criteria(surname="Kovac"), grant=False)
    assert (refused.decision, refused.decision_reason, refused.erased) == ("refused", "Art 16 LED", None)
    assert "KOVAC" in _everything(engine) and len(_everything(engine)) > len(before) * 0.9
    with Session(engine) as session, session.begin():
        analyst = session.scalars(select(UserRow).where(UserRow.username == "ana")).one()
        with pytest.raises(AccessDenied):
            subject_requests.decide_erasure(
                session,
                analyst,
                request_id=refused.id,
                grant=True,
                reason="x",
                sealer=SEALER,
                pseudonym_key=bytes(32),
                at=AT,
            )
