"""Time-travel tests of the retention job on each backend: nothing outlives its limit in any table."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from openpiu.model import DataState
from openpiu.privacy.audit import AuditAction, verify
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer, SealError
from openpiu.review import Detection, HitSource, HitState
from openpiu.settings import sqlite_url
from openpiu.store import create, upgrade
from openpiu.store.audit import AuditEventRow
from openpiu.store.holds import release_hold
from openpiu.store.pnr_tables import BookingVersionRow, PnrPushRow, ReconciliationRow
from openpiu.store.privacy_tables import SealedValueRow
from openpiu.store.retention import due_raw_ids
from openpiu.store.review_tables import HitRow
from openpiu.store.tables import ApiMessageRow, FlightRow, RawMessageRow, TravelDocumentRow, TravellerRow
from privacy.traffic import NAMES, T0, clear_values, dump, hold, load_traffic

KEY = bytes(range(32))
SIX_MONTHS = add_months(T0, 6) + timedelta(days=1)
FIVE_YEARS = add_months(T0, 60) + timedelta(days=1)


def run(engine: Engine, now: datetime, policy: Policy | None = None, **options: object):  # type: ignore[no-untyped-def]
    return run_retention(engine, policy=policy or Policy(), sealer=Sealer(KEY), now=now, **options)  # type: ignore[arg-type]


def count(engine: Engine, row: type, *where: object) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(row).where(*where)) or 0)  # type: ignore[arg-type]


def locators(engine: Engine) -> list[tuple[str, DataState]]:
    with Session(engine) as session:
        rows = session.execute(
            select(BookingVersionRow.record_locator, BookingVersionRow.data_state).order_by(
                BookingVersionRow.id
            )
        )
        return [(r[0], r[1]) for r in rows]


def test_nothing_due_before_24_hours(engine: Engine) -> None:
    load_traffic(engine)
    report = run(engine, T0 + timedelta(hours=23))
    assert report.lines() == ["nothing due"]
    assert count(engine, RawMessageRow) == 3 and count(engine, TravellerRow) == 3


def test_border_api_deleted_after_24_hours_law_enforcement_api_and_pnr_stay(engine: Engine) -> None:
    load_traffic(engine)
    report = run(engine, T0 + timedelta(hours=25))
    assert report.counts == {("api_border", "deleted"): 1, ("raw_message", "deleted"): 1}
    with Session(engine) as session:
        surnames = sorted(session.scalars(select(TravellerRow.surname)))
    assert surnames == ["KOVAC", "PETROVIC"]
    assert count(engine, RawMessageRow) == 2 and count(engine, ApiMessageRow) == 1
    assert count(engine, TravelDocumentRow) == 2
    assert "NIKOLIC" not in clear_values(engine)
    # API on a PNR flight waits for the 6-month step: later runs do not read it again.
    with engine.connect() as connection:
        assert (
            due_raw_ids(connection, policy=Policy(), now=T0 + timedelta(days=30), after_id=0, limit=10) == []
        )


def test_border_api_kept_while_a_hold_needs_it_then_deleted(engine: Engine) -> None:
    load_traffic(engine)
    with Session(engine) as session, session.begin():
        held = hold(session, "flight:JU0456/2026-03-29", review=date(2026, 4, 30))
    assert run(engine, T0 + timedelta(days=2)).lines() == ["nothing due"]
    with Session(engine) as session, session.begin():
        release_hold(session, hold_id=held, by="dora", at=T0 + timedelta(days=3), reason="case closed")
    assert run(engine, T0 + timedelta(days=3)).counts[("api_border", "deleted")] == 1
    assert "NIKOLIC" not in clear_values(engine)


def test_cjeu_mode_deletes_pnr_at_six_months_unless_held(engine: Engine) -> None:
    load_traffic(engine)
    with Session(engine) as session, session.begin():
        hold(session, "booking:JU/ABC123", review=date(2027, 3, 1))
    report = run(engine, SIX_MONTHS)
    assert report.counts[("pnr", "masked")] == 1 and report.counts[("pnr", "deleted")] == 1
    assert report.counts[("api_law_enforcement", "deleted")] == 2
    assert locators(engine) == [("ABC123", DataState.DEPERSONALISED)]
    # The push's bytes named the deleted booking too: erased, not sealed.
    with Session(engine) as session:
        (content, state) = session.execute(select(RawMessageRow.content, RawMessageRow.data_state)).one()
    assert (content, state) == (None, DataState.DEPERSONALISED)
    assert clear_values(engine) == set()
    # Derived rows: the deleted booking's line is gone, the held one's is masked.
    with Session(engine) as session:
        lines = session.execute(select(ReconciliationRow.record_locator, ReconciliationRow.data_state)).all()
    assert [tuple(line) for line in lines] == [("ABC123", DataState.DEPERSONALISED)]


def test_masked_values_open_only_with_the_key(engine: Engine) -> None:
    load_traffic(engine)
    report = run(engine, SIX_MONTHS, Policy(cjeu_mode=False))
    assert report.counts[("pnr", "masked")] == 2 and report.counts[("raw_message", "masked")] == 2
    assert clear_values(engine) == set()
    with Session(engine) as session:
        sealed = session.scalars(select(SealedValueRow)).all()
        version = session.scalars(
            select(BookingVersionRow).where(BookingVersionRow.record_locator == "ABC123")
        ).one()
    assert version.content is not None and "travellers" not in version.content
    assert version.content["itinerary"][0]["departure_airport"] == "VIE"  # the route stays for backtesting
    assert version.travellers == 0
    by_row = {(s.table_name, s.row_id): s.blob for s in sealed}
    opened = Sealer(KEY).open_values(
        by_row[("booking_version", version.id)], context=f"booking_version:{version.id}"
    )
    assert [t["surname"] for t in opened["content"]["travellers"]] == ["PETROVIC", "PETROVIC"]
    assert opened["travellers"] == 2
    blob = by_row[("booking_version", version.id)]
    with pytest.raises(SealError):
        Sealer(bytes(32)).open_values(blob, context=f"booking_version:{version.id}")
    with pytest.raises(SealError):  # bound to its row: a copy onto another row does not open
        Sealer(KEY).open_values(blob, context=f"booking_version:{version.id + 1}")
    assert not any(name.encode() in s.blob for s in sealed for name in NAMES)


def test_five_years_deletes_everything_held_or_not(engine: Engine) -> None:
    load_traffic(engine)
    with Session(engine) as session, session.begin():
        hold(session, "booking:JU/ABC123", review=date(2032, 1, 1))
    run(engine, SIX_MONTHS)
    report = run(engine, FIVE_YEARS)
    assert report.counts[("raw_message", "deleted")] == 1
    every = (RawMessageRow, ApiMessageRow, TravellerRow, TravelDocumentRow, PnrPushRow, BookingVersionRow)
    for row in (*every, ReconciliationRow):
        assert count(engine, row) == 0, row
    assert count(engine, SealedValueRow) == 0  # nothing outlives its row, not even encrypted


def test_lapsed_hold_review_lets_cjeu_deletion_happen(engine: Engine) -> None:
    load_traffic(engine)
    with Session(engine) as session, session.begin():
        hold(session, "booking:JU/ABC123", review=date(2026, 11, 1))
    run(engine, SIX_MONTHS)
    assert locators(engine) == [("ABC123", DataState.DEPERSONALISED)]
    report = run(engine, datetime(2026, 11, 2, tzinfo=T0.tzinfo))
    assert report.counts[("pnr", "deleted")] == 1
    assert count(engine, RawMessageRow) == 0 and count(engine, SealedValueRow) == 0


def _ju0123(session: Session) -> int:
    return session.scalars(select(FlightRow.id).where(FlightRow.number == "0123")).one()


def _hit(session: Session, state: HitState, reference: str, key: str) -> None:
    found = Detection(
        HitSource.RULE, reference, f"{reference}@1", key, f"flight:{_ju0123(session)}",
        ("matched",), {"x": 1}, T0, T0 + timedelta(hours=3),
    )  # fmt: skip
    from openpiu.store.hits import record_detections

    [(hit_id, _)] = record_detections(session, [found])
    row = session.get(HitRow, hit_id)
    assert row is not None
    row.state = state


def test_hits_follow_their_own_rule(engine: Engine) -> None:
    load_traffic(engine)
    with Session(engine) as session, session.begin():
        _hit(session, HitState.CONFIRMED, "r1", "pnr:JU/DEF456/1")
        _hit(session, HitState.DISMISSED, "r2", "pnr:JU/ABC123/1")
    # A confirmed hit keeps its booking (the hit needs it) in CJEU mode; the dismissed one does not.
    report = run(engine, SIX_MONTHS)
    assert locators(engine) == [("DEF456", DataState.DEPERSONALISED)]
    assert report.counts[("hit_confirmed", "masked")] == 1
    assert report.counts[("hit_dismissed", "deleted")] == 1  # its data (ABC123) are gone
    with Session(engine) as session:
        (kept,) = session.scalars(select(HitRow)).all()
    assert (kept.state, kept.data_state, kept.explanation) == (
        HitState.CONFIRMED,
        DataState.DEPERSONALISED,
        [],
    )
    run(engine, FIVE_YEARS)
    assert count(engine, HitRow) == 0


def test_evidence_in_the_log_counts_only(engine: Engine) -> None:
    load_traffic(engine)
    run(engine, SIX_MONTHS)
    with Session(engine) as session:
        events = session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq)).all()
        assert verify(session).ok
    erased = [e for e in events if e.action == AuditAction.ERASE]
    assert erased and erased[0].detail is not None
    assert erased[0].detail["counts"]["pnr"] == 2 and erased[0].actor == "retention"
    assert erased[0].legal_basis is not None and "2016/681" in erased[0].legal_basis
    text = " ".join(str(value) for e in events for value in vars(e).values()).upper()
    assert not any(name in text for name in NAMES)


class Crash(Exception):
    pass


def test_killed_run_resumes_to_the_same_end_state(engine: Engine, tmp_path: Path) -> None:
    reference = create(sqlite_url(tmp_path / "reference.db"))
    try:
        upgrade(reference)
        for target in (engine, reference):
            load_traffic(target)
            with Session(target) as session, session.begin():
                hold(session, "booking:JU/ABC123", review=date(2027, 3, 1))
        run(reference, SIX_MONTHS, batch_size=1)

        def crash(batches: int) -> None:
            if batches == 1:
                raise Crash()

        with pytest.raises(Crash):
            run(engine, SIX_MONTHS, batch_size=1, after_batch=crash)
        assert dump(engine) != dump(reference)  # stopped half-way
        run(engine, SIX_MONTHS, batch_size=1)
        assert dump(engine) == dump(reference)
        assert run(engine, SIX_MONTHS).lines() == ["nothing due"]  # idempotent
    finally:
        reference.dispose()


@pytest.mark.parametrize(
    "steps",
    [
        (timedelta(hours=25), timedelta(days=100), SIX_MONTHS - T0),
        (timedelta(days=1), SIX_MONTHS - T0, FIVE_YEARS - T0),
        (timedelta(days=200), timedelta(days=400), timedelta(days=800)),
    ],
)
def test_many_runs_end_where_one_run_does(
    engine: Engine, tmp_path: Path, steps: tuple[timedelta, ...]
) -> None:
    """Running often (as the scheduler does) or once at the end leaves the same data behind."""
    reference = create(sqlite_url(tmp_path / "reference.db"))
    try:
        upgrade(reference)
        for target in (engine, reference):
            load_traffic(target)
            with Session(target) as session, session.begin():
                hold(session, "booking:JU/ABC123", review=date(2027, 6, 1))
        for step in steps:
            run(engine, T0 + step)
        run(reference, T0 + steps[-1])
        assert dump(engine) == dump(reference)
    finally:
        reference.dispose()
