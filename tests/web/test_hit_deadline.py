"""The hit queue and hit page say which time of the flight a deadline is: before departure or arrival."""

from __future__ import annotations

from fastapi.testclient import TestClient

from openpiu.model import StaffRole
from openpiu.review import Detection, HitSource
from openpiu.store.hits import record_detections
from openpiu.store.tables import FlightRow, TravellerRow
from web.conftest import START, Web


def seed(web: Web) -> dict[str, int]:
    """HOXHA on JU0456 Istanbul → Belgrade (inbound: due at arrival), KOVACEVIC on JU0123 to Vienna."""
    ids = {}
    with web.session() as db:
        for number, surname, inbound in (("0123", "KOVACEVIC", False), ("0456", "HOXHA", True)):
            flight = db.query(FlightRow).filter_by(number=number).one()
            traveller = db.query(TravellerRow).filter_by(surname=surname).one()
            found = Detection(
                HitSource.RULE,
                "late-cash-one-way",
                "late-cash-one-way@1",
                f"traveller:{traveller.id}",
                f"flight:{flight.id}",
                ("One-way, cash, short notice",),
                {"payment.cash": True},
                START,
                flight.scheduled_arrival_utc if inbound else flight.scheduled_departure_utc,
            )
            [(hit_id, _)] = record_detections(db, [found])
            ids[surname] = hit_id
        db.commit()
    return ids


def _deadline_cell(page: str, hit_id: int) -> str:
    row = page[page.index(f'href="/hits/{hit_id}"') :]
    return row[: row.index("</tr>")]


def test_the_deadline_says_before_arrival_for_an_inbound_flight(web: Web) -> None:
    ids = seed(web)
    analyst = web.client_as(StaffRole.ANALYST)
    page = analyst.client.get("/hits").text
    # JU0456 lands in Belgrade at 11:25 local (CET): the deadline is shown there, before arrival.
    inbound = _deadline_cell(page, ids["HOXHA"])
    assert (
        "2025-03-14 11:25 CET" in inbound
        and "before arrival" in inbound
        and "before departure" not in inbound
    )
    outbound = _deadline_cell(page, ids["KOVACEVIC"])
    assert (
        "2025-03-14 14:00 CET" in outbound
        and "before departure" in outbound
        and "before arrival" not in outbound
    )
    assert "before arrival" in analyst.client.get(f"/hits/{ids['HOXHA']}").text
    assert "before departure" in analyst.client.get(f"/hits/{ids['KOVACEVIC']}").text
    analyst.client.post(
        "/preferences/language", data={"language": "sr_Latn", "next": "/hits", "csrf_token": analyst.csrf}
    )
    assert "pre dolaska" in analyst.client.get(f"/hits/{ids['HOXHA']}").text


def test_the_api_says_which_time_the_deadline_is(web: Web) -> None:
    ids = seed(web)
    web.add_user("api.analyst", StaffRole.ANALYST)
    with web.session() as db:
        _, secret = web.logins.create_token(db, web.users.require(db, "api.analyst"), name="t")
        db.commit()
    queue = TestClient(web.app).get("/api/hits", headers={"Authorization": f"Bearer {secret}"}).json()
    found = {h["id"]: (h["deadline_before"], h["deadline_zone"]) for h in queue}
    assert found == {
        ids["HOXHA"]: ("arrival", "Europe/Belgrade"),
        ids["KOVACEVIC"]: ("departure", "Europe/Belgrade"),
    }
