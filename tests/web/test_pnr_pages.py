"""The PNR side of the analysts' pages: the flight's API<->PNR reconciliation, the traveller's booking with
its push history (labelled, in local time, masked when depersonalised), search by record locator."""

from __future__ import annotations

from datetime import timedelta

import pytest
from change_rows import EVERY_KIND, store_every_kind
from sqlalchemy import select, update

from openpiu.ingest.reconcile import link_manually
from openpiu.model import DataState, StaffRole
from openpiu.pnr import ChangeKind
from openpiu.privacy.audit import recent
from openpiu.store.pnr_tables import BookingChangeRow, BookingStateRow, ReconciliationRow
from web.conftest import START, AuthedClient, Web
from web.pnrgov import BOOKING, ELIRA_JOINS, push, receive


@pytest.fixture
def pnr_web(web: Web) -> Web:
    receive(web.engine, push(), at=START, source="ju0456.pnr")
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


def test_a_manual_link_says_who_made_it(pnr_web: Web) -> None:
    flight_id = pnr_web.flight_ids["JU0456"]
    with pnr_web.session() as db:
        (go_show,) = db.scalars(
            select(ReconciliationRow.traveller_id).where(ReconciliationRow.status == "api_only")
        )
        assert go_show is not None
        link_manually(
            db.connection(),
            flight_id=flight_id,
            traveller_id=go_show,
            carrier="JU",
            record_locator="ABC123",
            name="PETROVIC/LUKA",
            user="ana",
            reason="same person",
            now=START,
        )
        db.commit()
    analyst = pnr_web.client_as(StaffRole.ANALYST)
    section = _lines(analyst.client.get(f"/flights/{flight_id}").text)
    assert section.count("linked by ana") == 1
    assert "API only (go-show)" not in section and "PNR only (no-show)" not in section
    analyst.client.post(
        "/preferences/language", data={"language": "mk", "next": "/flights", "csrf_token": analyst.csrf}
    )
    section = analyst.client.get(f"/flights/{flight_id}").text
    assert "рачна врска: ana" in section and "linked by" not in section


def test_a_flight_without_pnr_says_so(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    section = _lines(analyst.client.get(f"/flights/{web.flight_ids['JU0123']}").text)
    assert "No PNR data reconciled for this flight." in section


def _booking(page: str) -> str:
    return page.split("<h2>Booking</h2>", 1)[1]


def test_traveller_page_shows_the_booking_history_and_co_travellers(pnr_web: Web) -> None:
    # An update push: LUKA leaves the booking, ELIRA (the API's go-show so far) joins it.
    update_push = push(ELIRA_JOINS, function="141", ref="2")
    receive(pnr_web.engine, update_push, at=START + timedelta(hours=1), source="ju0456-2.pnr")
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
    # Words, not codes; the values before and after; times at the departure airport (IST, UTC+03).
    assert "booking created: — → 2 travellers" in section
    assert "traveller added: — → HOXHA/ELIRA" in section
    assert "traveller removed: PETROVIC/LUKA → —" in section
    assert "traveller_added" not in section and "_changed" not in section
    assert "<td>2025-03-14 12:00 UTC+03</td>" in section  # the update push, received 09:00 UTC
    assert "<td>2025-03-14 11:0" in section and "08:0" not in section  # the first push, 08:0x UTC
    assert "2025-03-01 12:00 UTC+03" in section  # created (RCI, UTC) 09:00 UTC
    assert "Local time at IST (Europe/Istanbul)." in section
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


@pytest.fixture
def changed_web(pnr_web: Web) -> Web:
    """An update push an hour later: LUKA's surname corrected, MARKO's passport and seat changed."""
    body = BOOKING.replace("TIF+PETROVIC+LUKA MSTR:C:2'", "TIF+PETROVSKI+LUKA MSTR:C:2'").replace(
        "/P/SRB/012345678/SRB/", "/P/SRB/087654321/SRB/"
    )
    update_push = push(body, function="141", ref="2")
    receive(pnr_web.engine, update_push, at=START + timedelta(hours=1), source="ju0456-2.pnr")
    return pnr_web


def _marko(web: Web) -> int:
    with web.session() as db:
        ids = db.scalars(
            select(ReconciliationRow.traveller_id).where(
                ReconciliationRow.status == "linked", ReconciliationRow.api_name == "PETROVIC/MARKO JOVAN"
            )
        ).all()
    assert len(ids) == 1 and ids[0] is not None
    return ids[0]


# What the update push changed, as the page writes it; every value here is personal data but the labels.
CHANGED = (
    "name changed: PETROVIC/LUKA → PETROVSKI/LUKA",
    "travel document changed PETROVIC/MARKO JOVAN: 012345678 → 087654321",
)


def test_push_history_says_what_changed_before_and_after(changed_web: Web) -> None:
    analyst = changed_web.client_as(StaffRole.ANALYST)
    section = _booking(analyst.client.get(f"/travellers/{_marko(changed_web)}").text)
    for change in CHANGED:
        assert change in section
    assert "<td>update</td>" in section and "<td>2025-03-14 12:00 UTC+03</td>" in section


def test_push_history_in_the_analysts_language(changed_web: Web) -> None:
    analyst = changed_web.client_as(StaffRole.ANALYST)
    analyst.client.post(
        "/preferences/language", data={"language": "mk", "next": "/flights", "csrf_token": analyst.csrf}
    )
    page = analyst.client.get(f"/travellers/{_marko(changed_web)}").text
    changed = "името е променето: PETROVIC/LUKA → PETROVSKI/LUKA"  # noqa: RUF001 - Macedonian is meant
    assert "Историја на испраќања" in page and changed in page
    assert "Локално време на IST (Europe/Istanbul)." in page
    assert "name changed" not in page and "name_changed" not in page


@pytest.mark.parametrize("masked_row", ["booking_state", "booking_change"])
def test_push_history_details_are_masked_when_depersonalised(changed_web: Web, masked_row: str) -> None:
    # Either the booking's current state or the stored change rows themselves depersonalised.
    table = BookingStateRow if masked_row == "booking_state" else BookingChangeRow
    with changed_web.session() as db:
        db.execute(update(table).values(data_state=DataState.DEPERSONALISED))
        db.commit()
    analyst = changed_web.client_as(StaffRole.SUPERVISOR)
    booking = _booking(analyst.client.get(f"/travellers/{_marko(changed_web)}").text)
    # Co-travellers are masked with the booking (tested above), not by the change rows: read the history.
    section = booking if masked_row == "booking_state" else booking.split("Push history", 1)[1]
    assert "name changed" in section and "travel document changed" in section and "booking created" in section
    for personal in ("PETROVSKI", "LUKA", "012345678", "087654321", "MARKO", " → ", "2 travellers"):
        assert personal not in section, personal
    assert "<td>2025-03-14 12:00 UTC+03</td>" in section


@pytest.mark.parametrize("masked_row", ["booking_state", "booking_change"])
def test_every_kind_of_change_is_masked_when_depersonalised(pnr_web: Web, masked_row: str) -> None:
    _store_every_kind(pnr_web)
    table = BookingStateRow if masked_row == "booking_state" else BookingChangeRow
    with pnr_web.session() as db:
        db.execute(update(table).values(data_state=DataState.DEPERSONALISED))
        db.commit()
    analyst = pnr_web.client_as(StaffRole.ANALYST)
    section = _booking(analyst.client.get(f"/travellers/{_marko(pnr_web)}").text).split("Push history", 1)[1]
    for kind, (_, _, _, words) in EVERY_KIND.items():
        assert f'<span class="change">{words["en"][0]}</span>' in section, kind
    values = {v for subject, before, after, _ in EVERY_KIND.values() for v in (subject, before, after) if v}
    for personal in (*(v for v in values if len(v) >= 5), "3 travellers", " → "):
        assert personal not in section, personal


def _store_every_kind(web: Web) -> None:
    with web.engine.begin() as connection:
        store_every_kind(connection, record_locator="ABC123")


@pytest.mark.parametrize("language", ["en", "sq"])
def test_every_kind_of_change_is_said_in_the_analysts_language(pnr_web: Web, language: str) -> None:
    # Every kind is here (a new one needs its line); the page says each from the stored data alone.
    assert set(EVERY_KIND) == set(ChangeKind)
    _store_every_kind(pnr_web)
    analyst = pnr_web.client_as(StaffRole.ANALYST)
    analyst.client.post(
        "/preferences/language", data={"language": language, "next": "/flights", "csrf_token": analyst.csrf}
    )
    section = _booking(analyst.client.get(f"/travellers/{_marko(pnr_web)}").text)
    for kind, (_, _, _, words) in EVERY_KIND.items():
        label, rest = words[language]
        assert f'<span class="change">{label}{rest}</span>' in section, kind
    assert "traveller(s)" not in section and "_changed" not in section


def test_a_booking_created_stored_as_english_text_still_shows(pnr_web: Web) -> None:
    # Rows stored before the count was kept as a number hold English text: shown as stored, not lost.
    with pnr_web.session() as db:
        db.execute(update(BookingChangeRow).values(after="2 traveller(s)"))
        db.commit()
    analyst = pnr_web.client_as(StaffRole.ANALYST)
    section = _booking(analyst.client.get(f"/travellers/{_marko(pnr_web)}").text)
    assert '<span class="change">booking created: — → 2 traveller(s)</span>' in section


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
