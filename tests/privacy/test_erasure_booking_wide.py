"""Erasure reaches the fields a carrier fills for the whole booking (contacts, addresses, payer, card,
group name, check-ins), not only the person's traveller entry: all of them when the person was the
booking's only traveller, those identifying the person when others remain."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from storage_fixtures import hit_key

from openpiu.ingest import Intake
from openpiu.model import StaffRole
from openpiu.privacy import subject_requests
from openpiu.privacy.audit import verify
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer
from openpiu.privacy.subjects import Criteria
from openpiu.store.accounts import UserRow
from openpiu.store.audit import AuditEventRow
from openpiu.store.privacy_tables import SubjectRequestRow
from privacy.test_erasure import _everything
from privacy.traffic import T0, _pnr, add_people

SEALER = Sealer(bytes(range(32)))

# JU0123 VIE-BEG: GHI789 is HORVAT's alone (her contact, address, card and name as payer); JKL012 is
# shared by BABIC and MARIC, with BABIC's e-mail, BABIC paying by card, MARIC's telephone.
FIRST = _pnr(
    "SRC'RCI+JU:GHI789::010326:0900'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "ADD++700:ILICA 1:ZAGREB::10000:HR'"
    "TIF+HORVAT+IVA MS:A:1'SSR+CTCE:HK:1:JU:::::IVA.HORVAT//MAIL.TEST'"
    "TKT+1150000000003:T:1'FOP+CC::99.00:VI:XXXXXXXXXXXX3333:0828'IFT+4:43+IVA HORVAT'"
    "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'RPI+1+HK'"
    "SRC'RCI+JU:JKL012::020326:1000'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "TIF+BABIC+TOMO MR:A:1'SSR+CTCE:HK:1:JU:::::TOMO.BABIC//MAIL.TEST'"
    "TKT+1150000000004:T:1'FOP+CC::150.00:VI:XXXXXXXXXXXX4444:0828'IFT+4:43+TOMO BABIC'"
    "TIF+MARIC+NINA MS:A:2'SSR+CTCM:HK:1:JU:::::381601234567'"
    "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'RPI+2+HK'",
    ref="21",
)
# The next push: GHI789 comes back cancelled without a body (its contact and card still sent).
SECOND = _pnr(
    "SRC'RCI+JU:GHI789::010326:0900'ORG'ADD++700:ILICA 1:ZAGREB::10000:HR'"
    "SRC'RCI+JU:JKL012::020326:1000'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "TIF+BABIC+TOMO MR:A:1'SSR+CTCE:HK:1:JU:::::TOMO.BABIC//MAIL.TEST'"
    "TKT+1150000000004:T:1'FOP+CC::150.00:VI:XXXXXXXXXXXX4444:0828'IFT+4:43+TOMO BABIC'"
    "TIF+MARIC+NINA MS:A:2'SSR+CTCM:HK:1:JU:::::381601234567'"
    "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'RPI+2+HK'",
    ref="22",
)
HORVAT = ("HORVAT", "IVA.HORVAT", "ILICA", "XXXXXXXXXXXX3333", "1150000000003")
BABIC = ("BABIC", "TOMO.BABIC", "XXXXXXXXXXXX4444", "1150000000004")
MARIC = ("MARIC", "NINA", "381601234567")


def _load(engine: Engine) -> None:
    ticks = iter(range(100))
    intake = Intake(engine, now=lambda: T0 + timedelta(minutes=next(ticks)))
    intake.receive(FIRST, source="first.edi")
    intake.receive(SECOND, source="second.edi")
    add_people(engine, ("dora", StaffRole.DPO))


def _erase(engine: Engine, criteria: Criteria) -> SubjectRequestRow:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        dora = session.scalars(select(UserRow).where(UserRow.username == "dora")).one()
        opened = subject_requests.open_request(
            session, dora, kind="erasure", subject_ref="letter 2026/10", criteria=criteria, at=T0
        )
        return subject_requests.decide_erasure(
            session,
            dora,
            request_id=opened.id,
            grant=True,
            reason="Art 16 LED",
            sealer=SEALER,
            pseudonym_key=hit_key(session.connection()),
            at=T0,
        )


def _found(engine: Engine, values: tuple[str, ...]) -> list[str]:
    text = _everything(engine)
    return [value for value in values if value.upper() in text]


def test_the_only_traveller_takes_the_booking_wide_fields_with_her(engine: Engine) -> None:
    _load(engine)
    assert _found(engine, HORVAT) == list(HORVAT)
    done = _erase(engine, Criteria(surname="Horvat", given_names="Iva"))
    assert _found(engine, HORVAT) == []
    assert _found(engine, BABIC + MARIC) == list(BABIC + MARIC)  # the other booking is untouched
    assert done.erased is not None and done.erased["booking_version"] >= 1


def test_a_shared_booking_loses_what_identifies_the_person_and_keeps_the_others(engine: Engine) -> None:
    _load(engine)
    done = _erase(engine, Criteria(surname="Babic", given_names="Tomo"))
    assert _found(engine, BABIC) == []
    assert _found(engine, MARIC) == list(MARIC)
    assert done.erased is not None
    assert done.erased["booking contact"] >= 2 and done.erased["payment holder"] >= 2
    with Session(engine) as session:
        event = session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq.desc())).first()
        assert verify(session).ok
    assert event is not None and event.detail is not None and event.detail["counts"] == done.erased
    assert "BABIC" not in str(event.detail).upper() and "4444" not in str(event.detail)


def test_masked_shared_booking_loses_the_persons_payment_in_its_sealed_copy(engine: Engine) -> None:
    _load(engine)
    run_retention(engine, policy=Policy(cjeu_mode=False), sealer=SEALER, now=add_months(T0, 6) + timedelta(1))
    assert _found(engine, BABIC) == list(BABIC)  # sealed, opened by _everything
    _erase(engine, Criteria(surname="Babic", given_names="Tomo"))
    assert _found(engine, BABIC) == []
    assert _found(engine, MARIC) == list(MARIC)
