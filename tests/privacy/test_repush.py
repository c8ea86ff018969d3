"""A booking pushed again after its earlier versions were masked: its state is active again, and the new
version is masked on its own schedule (time travel with the job's clock; SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from openpiu.ingest import Intake
from openpiu.model import DataState
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer
from openpiu.store.pnr_tables import BookingStateRow, BookingVersionRow
from privacy.traffic import PUSH, T0, load_traffic

MASKING = Policy(cjeu_mode=False)  # masked at 6 months (the non-CJEU reading), so the booking stays
SIX_MONTHS = add_months(T0, 6) + timedelta(days=1)
REPUSH_AT = SIX_MONTHS + timedelta(days=10)


def _run(engine: Engine, now: datetime) -> None:
    run_retention(engine, policy=MASKING, sealer=Sealer(bytes(range(32))), now=now)


def _states(engine: Engine) -> tuple[DataState, list[DataState]]:
    with Session(engine) as session:
        state = session.scalars(
            select(BookingStateRow).where(BookingStateRow.record_locator == "ABC123")
        ).one()
        versions = session.scalars(
            select(BookingVersionRow.data_state)
            .where(BookingVersionRow.record_locator == "ABC123")
            .order_by(BookingVersionRow.id)
        ).all()
        return state.data_state, list(versions)


def test_a_new_push_of_a_masked_booking_is_active_until_its_own_six_months(engine: Engine) -> None:
    load_traffic(engine)
    _run(engine, SIX_MONTHS)
    assert _states(engine) == (DataState.DEPERSONALISED, [DataState.DEPERSONALISED])
    # The carrier pushes the booking again (a new message, a later reference).
    Intake(engine, now=lambda: REPUSH_AT).receive(PUSH.replace(b"+1'", b"+2'"), source="again.edi")
    assert _states(engine) == (DataState.ACTIVE, [DataState.DEPERSONALISED, DataState.ACTIVE])
    _run(engine, REPUSH_AT + timedelta(days=30))  # the old version's limit is past, the new one's is not
    assert _states(engine) == (DataState.ACTIVE, [DataState.DEPERSONALISED, DataState.ACTIVE])
    _run(engine, add_months(REPUSH_AT, 6) + timedelta(days=1))
    assert _states(engine) == (DataState.DEPERSONALISED, [DataState.DEPERSONALISED, DataState.DEPERSONALISED])
