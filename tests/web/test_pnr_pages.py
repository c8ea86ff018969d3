"""The PNR side of the analysts' pages: the flight's API<->PNR reconciliation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from openpiu.ingest import Intake
from openpiu.ingest.reconcile import reconcile_all
from openpiu.model import DataState, StaffRole
from openpiu.privacy.audit import recent
from openpiu.store.pnr_tables import BookingStateRow, ReconciliationRow
from web.conftest import START, AuthedClient, Web

LEVEL0 = "ORG+JU:IST'TVL+140325:1030+IST+BEG+JU+0456'EQN+1'"
# One booking on JU0456: MARKO travels (the API declares him), LUKA does not (no-show); HOXHA, in the API
# only, is a go-show.
BOOKING = (
    "SRC'RCI+JU:ABC123::010325:0900'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "TIF+PETROVIC+MARKO JOVAN MR:A:1'"
    "SSR+DOCS:HK:1:JU:::::/P/SRB/012345678/SRB/12FEB85/M/01MAY31/PETROVIC/MARKO JOVAN+::1'"
    "TIF+PETROVIC+LUKA MSTR:C:2'"
    "TVL+140325:1030:140325:1125+IST+BEG+JU+0456:Y'RPI+2+HK'"
)


def push(body: str = BOOKING, *, function: str = "22", ref: str = "1") -> bytes:
    inner = f"MSG+:{function}'{LEVEL0}{body}"
    count = inner.count("'") + 2
    return (
        f"UNA:+.?*'UNB+IATA:1+JU+RSPIU+250313:0930+{ref}'UNH+{ref}+PNRGOV:13:1:IA'{inner}"
        f"UNT+{count}+{ref}'UNZ+1+{ref}'"
    ).encode("ascii")


@pytest.fixture
def pnr_web(web: Web) -> Web:
    ticks = iter(range(1000))
    intake = Intake(web.engine, now=lambda: START + timedelta(minutes=next(ticks)))
    intake.receive(push(), source="ju0456.pnr")
    assert intake.summary().rejected == 0
    reconcile_all(web.engine, now=lambda: START)
    return web


def _lines(page: str) -> str:
    return page.split("PNR reconciliation", 1)[1]


def test_flight_page_shows_the_reconciliation_per_traveller(pnr_web: Web) -> None:
    analyst = pnr_web.client_as(StaffRole.ANALYST)
    flight_id = pnr_web.flight_ids["JU0456"]
    section = _lines(analyst.client.get(f"/flights/{flight_id}").text)
    with pnr_web.session() as db:
        rows = {r.status: r for r in db.scalars(select(ReconciliationRow))}
    assert set(rows) >= {"linked", "api_only", "pnr_only"}
    linked = rows["linked"]
    assert f'<a href="/travellers/{linked.traveller_id}">PETROVIC/MARKO JOVAN</a>' in section
    assert "PNR only (no-show)" in section and "PETROVIC/LUKA" in section
    assert "API only (go-show)" in section and "HOXHA/ELIRA" in section
    # The booking's lines name its carrier with the locator (two carriers may issue the same locator).
    assert section.count("<td>JU ABC123</td>") == 2
    assert "names differ" not in section
    with pnr_web.session() as db:
        event = recent(db, limit=1)[0]
    assert (event.action, event.object_refs) == ("consult", [f"flight:{flight_id}"])


def test_name_mismatches_are_flagged_and_masked_lines_stay_masked(pnr_web: Web) -> None:
    with pnr_web.session() as db:
        db.execute(
            update(ReconciliationRow).where(ReconciliationRow.status == "linked").values(name_mismatch=True)
        )
        db.execute(
            update(ReconciliationRow)
            .where(ReconciliationRow.status == "pnr_only")
            .values(data_state=DataState.DEPERSONALISED)
        )
        db.commit()
    analyst = pnr_web.client_as(StaffRole.SUPERVISOR)
    section = _lines(analyst.client.get(f"/flights/{pnr_web.flight_ids['JU0456']}").text)
    assert section.count("names differ") == 1
    assert "PETROVIC/LUKA" not in section and "masked (PNR Directive Art 12(2))" in section


def test_a_flight_without_pnr_says_so(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    section = _lines(analyst.client.get(f"/flights/{web.flight_ids['JU0123']}").text)
    assert "No PNR data reconciled for this flight." in section


def _booking(page: str) -> str:
    return page.split("<h2>Booking</h2>", 1)[1]


def test_traveller_page_shows_the_booking_history_and_co_travellers(pnr_web: Web) -> None:
    # An update push: LUKA leaves the booking, ELIRA (the API's go-show so far) joins it.
    update_push = push(
        BOOKING.replace(
            "TIF+PETROVIC+LUKA MSTR:C:2'",
            "TIF+HOXHA+ELIRA MS:A:3'"
            "SSR+DOCS:HK:1:JU:::::/P/ALB/AB1234567/ALB/30JUL92/F/01MAY31/HOXHA/ELIRA+::3'",
        ),
        function="141",
        ref="2",
    )
    intake = Intake(pnr_web.engine, now=lambda: START + timedelta(hours=1))
    intake.receive(update_push, source="ju0456-2.pnr")
    reconcile_all(pnr_web.engine, now=lambda: START + timedelta(hours=1))
    with pnr_web.session() as db:
        rows = db.scalars(select(ReconciliationRow).where(ReconciliationRow.status == "linked")).all()
    ids = {r.api_name: r.traveller_id for r in rows}
    assert set(ids) == {"PETROVIC/MARKO JOVAN", "HOXHA/ELIRA"}, [
        (r.status, r.api_name, r.pnr_name) for r in rows
    ]
    marko, elira = ids["PETROVIC/MARKO JOVAN"], ids["HOXHA/ELIRA"]
    analyst = pnr_web.client_as(StaffRole.ANALYST)
    section = _booking(analyst.client.get(f"/travellers/{marko}").text)
    assert "ABC123" in section
    assert f'<a href="/travellers/{elira}">HOXHA/ELIRA</a>' in section
    assert "<td>created " in section and "traveller_added HOXHA/ELIRA" in section
    assert "traveller_removed PETROVIC/LUKA" in section
    with pnr_web.session() as db:
        event = recent(db, limit=1)[0]
    assert event.object_refs == [f"traveller:{marko}"]


def test_traveller_booking_masked_and_absent(pnr_web: Web) -> None:
    analyst = pnr_web.client_as(StaffRole.ANALYST)
    with pnr_web.session() as db:
        rows = {r.status: r for r in db.scalars(select(ReconciliationRow))}
        go_show = rows["api_only"].traveller_id
        marko = rows["linked"].traveller_id
    assert "No booking linked to this traveller." in analyst.client.get(f"/travellers/{go_show}").text
    with pnr_web.session() as db:
        db.execute(update(BookingStateRow).values(data_state=DataState.DEPERSONALISED))
        db.commit()
    section = _booking(analyst.client.get(f"/travellers/{marko}").text)
    assert "ABC123" in section and "PETROVIC/LUKA" not in section
    assert "masked (PNR Directive Art 12(2))" in section


def _by_locator(analyst: AuthedClient, carrier: str):  # type: ignore[no-untyped-def]  # the test client's response
    form = {
        "kind": "record_locator",
        "record_locator": "abc123",
        "carrier": carrier,
        "purpose": "case 2025/17",
    }
    return analyst.client.post("/search", data={**form, "csrf_token": analyst.csrf})


@pytest.mark.parametrize("carrier", ["", "ju"])
def test_search_by_record_locator_lists_the_booking_and_is_logged(pnr_web: Web, carrier: str) -> None:
    analyst = pnr_web.client_as(StaffRole.ANALYST)
    response = _by_locator(analyst, carrier)
    assert response.status_code == 200
    with pnr_web.session() as db:
        marko = db.scalars(
            select(ReconciliationRow.traveller_id).where(ReconciliationRow.status == "linked")
        ).one()
    page = response.text
    assert "1 booking" in page and "JU ABC123" in page
    assert f'<a href="/flights/{pnr_web.flight_ids["JU0456"]}">JU0456 · 2025-03-14</a>' in page
    assert f'<a href="/travellers/{marko}">PETROVIC/MARKO JOVAN</a>; PETROVIC/LUKA' in page
    with pnr_web.session() as db:
        event = recent(db, limit=1)[0]
    assert (event.purpose, event.object_refs) == ("case 2025/17", ["booking:JU/ABC123"])
    # No term in the URL, and another carrier or locator finds nothing.
    assert "abc123" not in str(response.url).lower()
    other = _by_locator(analyst, "OS").text
    assert "JU ABC123" not in other and "0 travellers" in other
