"""Hit queue, review, gated dissemination and criteria pages, called as each role over HTTP."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from openpiu.model import StaffRole
from openpiu.privacy.audit import recent
from openpiu.review import Detection, HitSource, HitState
from openpiu.screening.rules.examples import EXAMPLES
from openpiu.store.hits import get_hit, record_detections
from openpiu.store.tables import FlightRow, TravellerRow
from openpiu.web.routers.hits import QUEUE_PAGE
from web.conftest import START, Web


def seed_hits(web: Web) -> dict[str, int]:
    """One rule hit per flight: HOXHA on JU0456 (IST 10:30 local) and KOVACEVIC on JU0123 (BEG 14:00)."""
    ids = {}
    with web.session() as db:
        for number, surname in (("0123", "KOVACEVIC"), ("0456", "HOXHA")):
            flight = db.query(FlightRow).filter_by(number=number).one()
            traveller = db.query(TravellerRow).filter_by(surname=surname).one()
            found = Detection(
                HitSource.RULE,
                "late-cash-one-way",
                "late-cash-one-way@1",
                f"traveller:{traveller.id}",
                f"flight:{flight.id}",
                ("One-way, cash, short notice", "payment.cash eq true: payment.cash = true"),
                {"payment.cash": True},
                START,
                flight.scheduled_departure_utc,
            )
            [(hit_id, _)] = record_detections(db, [found])
            ids[surname] = hit_id
        db.commit()
    return ids


def test_queue_is_ordered_by_time_left_in_airport_local_time(web: Web) -> None:
    ids = seed_hits(web)
    analyst = web.client_as(StaffRole.ANALYST)
    page = analyst.client.get("/hits").text
    # JU0456 leaves Istanbul at 10:30 local (UTC+03), 07:30 UTC: before JU0123 (Belgrade 14:00 CET).
    assert page.index(f'href="/hits/{ids["HOXHA"]}"') < page.index(f'href="/hits/{ids["KOVACEVIC"]}"')
    assert "2025-03-14 10:30 UTC+03" in page and "2025-03-14 14:00 CET" in page
    assert "HOXHA, ELIRA" in page and "One-way, cash, short notice" in page
    detail = analyst.client.get(f"/hits/{ids['HOXHA']}").text
    assert "payment.cash eq true: payment.cash = true" in detail
    with web.session() as db:
        events = recent(db, limit=2)
    assert events[0].object_refs == [f"hit:{ids['HOXHA']}"] and events[0].action == "consult"
    assert set(events[1].object_refs) == {f"hit:{i}" for i in ids.values()}
    # The traveller's page lists their hits with the explanation.
    traveller = re.search(r'href="/travellers/(\d+)">HOXHA, ELIRA', detail)
    assert traveller is not None
    page = analyst.client.get(f"/travellers/{traveller.group(1)}").text
    assert f'href="/hits/{ids["HOXHA"]}"' in page and "One-way, cash, short notice; payment.cash" in page
    assert web.client_as(StaffRole.DPO).client.get("/hits").status_code == 403


def test_review_and_dissemination_need_a_person_each_step_and_a_second_supervisor(web: Web) -> None:
    hit_id = seed_hits(web)["HOXHA"]
    analyst = web.client_as(StaffRole.ANALYST)
    decision = {"outcome": "confirmed", "reason": "pattern_corroborated", "text": "ticket paid by organiser"}
    # No CSRF token: refused.
    assert analyst.client.post(f"/hits/{hit_id}/decision", data=decision).status_code == 403
    wrong = {**decision, "reason": "not_relevant", "csrf_token": analyst.csrf}
    refused = analyst.client.post(f"/hits/{hit_id}/decision", data=wrong)
    assert refused.status_code == 422 and "does not fit confirmed" in refused.text
    done = analyst.client.post(
        f"/hits/{hit_id}/decision", data={**decision, "csrf_token": analyst.csrf}, follow_redirects=False
    )
    assert done.status_code == 303
    # Sending before any approval is refused; only a supervisor may approve.
    early = analyst.client.post(
        f"/hits/{hit_id}/dissemination/sent", data={"reference": "MSG-1", "csrf_token": analyst.csrf}
    )
    assert early.status_code == 422 and "dissemination must be approved" in early.text
    asked = analyst.client.post(
        f"/hits/{hit_id}/dissemination",
        data={"authority": "Police Directorate", "purpose": "case 12/2025", "csrf_token": analyst.csrf},
        follow_redirects=False,
    )
    assert asked.status_code == 303
    approval = {"decision": "approve", "text": "proportionate", "csrf_token": analyst.csrf}
    assert analyst.client.post(f"/hits/{hit_id}/dissemination/approval", data=approval).status_code == 403
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    approved = supervisor.client.post(
        f"/hits/{hit_id}/dissemination/approval",
        data={**approval, "csrf_token": supervisor.csrf},
        follow_redirects=False,
    )
    assert approved.status_code == 303
    sent = analyst.client.post(
        f"/hits/{hit_id}/dissemination/sent",
        data={"reference": "MSG-1", "csrf_token": analyst.csrf},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    with web.session() as db:
        hit = get_hit(db, hit_id).hit
        events = recent(db, limit=30)
    assert hit.state is HitState.CONFIRMED and hit.dissemination is not None
    assert (hit.dissemination.requested_by, hit.dissemination.decided_by, hit.dissemination.sent_by) == (
        "user.analyst",
        "user.supervisor",
        "user.analyst",
    )
    assert [e.action for e in hit.events] == [
        "raise",
        "start_review",
        "decide",
        "request_dissemination",
        "approve_dissemination",
        "disseminate",
    ]
    logged = [(e.actor, e.action, e.outcome) for e in events if e.object_refs == [f"hit:{hit_id}"]]
    assert ("user.supervisor", "decide", "success") in logged
    assert ("user.analyst", "disclose", "success") in logged
    assert ("user.analyst", "decide", "failure") in logged  # the refused steps are logged too
    assert any(e.recipient == "Police Directorate" for e in events)


def test_a_supervisor_who_reviewed_cannot_approve_the_dissemination(web: Web) -> None:
    hit_id = seed_hits(web)["HOXHA"]
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    csrf = supervisor.csrf
    for url, data in (
        (f"/hits/{hit_id}/decision", {"outcome": "confirmed", "reason": "same_person", "text": "documents"}),
        (f"/hits/{hit_id}/dissemination", {"authority": "Customs", "purpose": "seizure"}),
    ):
        assert (
            supervisor.client.post(url, data={**data, "csrf_token": csrf}, follow_redirects=False).status_code
            == 303
        )
    refused = supervisor.client.post(
        f"/hits/{hit_id}/dissemination/approval",
        data={"decision": "approve", "text": "ok", "csrf_token": csrf},
    )
    assert refused.status_code == 422 and "another supervisor must approve" in refused.text


def rule_document(**changes: object) -> str:
    document = {**EXAMPLES[0], "id": "albanian-passport", "title": "Albanian nationals"}
    document["when"] = {"field": "traveller.nationality", "op": "eq", "value": "ALB"}
    document.update(changes)
    return json.dumps(document)


def test_criteria_editor_validation_backtest_and_four_eyes(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    sensitive = rule_document(when={"field": "traveller.religion", "op": "eq", "value": "X"})
    refused = analyst.client.post("/criteria", data={"document": sensitive, "csrf_token": analyst.csrf})
    assert refused.status_code == 422
    assert re.search(
        r"field &#39;traveller.religion&#39; may not be used: it can reveal religion", refused.text
    )
    broken = analyst.client.post("/criteria", data={"document": "{", "csrf_token": analyst.csrf})
    assert broken.status_code == 422 and "not valid JSON" in broken.text
    saved = analyst.client.post(
        "/criteria", data={"document": rule_document(), "csrf_token": analyst.csrf}, follow_redirects=False
    )
    assert (saved.status_code, saved.headers["location"]) == (303, "/criteria/albanian-passport/1")
    tested = analyst.client.post("/criteria/albanian-passport/1/backtest", data={"csrf_token": analyst.csrf})
    # The stored history: three passengers on 14 March 2025, HOXHA is Albanian.
    assert "1 of 3 travellers flagged over 1 days" in tested.text
    assert "IST-BEG 1" in tested.text
    assert (
        analyst.client.post(
            "/criteria/albanian-passport/1/approve", data={"csrf_token": analyst.csrf}
        ).status_code
        == 403
    )
    # A supervisor who wrote a version cannot approve it.
    author = web.client_as(StaffRole.SUPERVISOR, username="supervisor.author")
    author.client.post("/criteria", data={"document": rule_document(), "csrf_token": author.csrf})
    own = author.client.post("/criteria/albanian-passport/2/approve", data={"csrf_token": author.csrf})
    assert own.status_code == 422 and "cannot approve it (four eyes)" in own.text
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    for step in ("approve", "activate"):
        done = supervisor.client.post(
            f"/criteria/albanian-passport/1/{step}",
            data={"csrf_token": supervisor.csrf},
            follow_redirects=False,
        )
        assert done.status_code == 303, step
    listing = analyst.client.get("/criteria").text
    assert "albanian-passport@1" in listing and "user.supervisor" in listing
    api = analyst.client.get("/api/criteria").json()
    assert [(c["label"], c["state"]) for c in api] == [
        ("albanian-passport@1", "active"),
        ("albanian-passport@2", "draft"),
    ]


def test_hits_api_with_a_token(web: Web) -> None:
    ids = seed_hits(web)
    web.add_user("api.analyst", StaffRole.ANALYST)
    with web.session() as db:
        _, secret = web.logins.create_token(db, web.users.require(db, "api.analyst"), name="t")
        db.commit()
    client = TestClient(web.app)
    headers = {"Authorization": f"Bearer {secret}"}
    queue = client.get("/api/hits", headers=headers).json()
    assert [h["id"] for h in queue] == [ids["HOXHA"], ids["KOVACEVIC"]]
    assert queue[0]["deadline_zone"] == "Europe/Istanbul" and queue[0]["traveller"] == "HOXHA, ELIRA"
    assert queue[0]["seconds_left"] == -1800.0  # departed 07:30 UTC, the clock says 08:00
    bad = client.post(
        f"/api/hits/{ids['HOXHA']}/decision",
        json={"outcome": "dismissed", "reason": "same_person", "text": "x"},
        headers=headers,
    )
    assert bad.status_code == 422 and "does not fit dismissed" in bad.json()["detail"]
    good = client.post(
        f"/api/hits/{ids['HOXHA']}/decision",
        json={"outcome": "dismissed", "reason": "different_person", "text": "other date of birth"},
        headers=headers,
    )
    assert good.status_code == 200 and good.json()["state"] == "dismissed"
    assert [h["id"] for h in client.get("/api/hits", headers=headers).json()] == [ids["KOVACEVIC"]]
    # The board counts the hits still to review: KOVACEVIC leaves Belgrade, HOXHA's hit is decided.
    board = client.get("/api/flights", params={"airport": "BEG", "day": "2025-03-14"}, headers=headers).json()
    assert [f["open_hits"] for f in board["departures"]] == [1]
    assert [f["open_hits"] for f in board["arrivals"]] == [0]


def test_the_queue_comes_a_page_at_a_time(web: Web) -> None:
    """Past ``QUEUE_PAGE`` open hits the queue pages (page and API alike); the pages do not overlap."""
    seed_hits(web)
    with web.session() as db:
        flight = db.query(FlightRow).filter_by(number="0123").one()
        extra = [
            Detection(
                HitSource.RULE,
                "late-cash-one-way",
                "late-cash-one-way@1",
                f"{flight.carrier}{flight.number}/pnr:ABC{n:03d}",
                f"flight:{flight.id}",
                ("One-way, cash, short notice",),
                {"n": n},
                START,
                flight.scheduled_departure_utc,
            )
            for n in range(QUEUE_PAGE + 3)
        ]
        record_detections(db, extra)
        db.commit()
    total = QUEUE_PAGE + 5
    analyst = web.client_as(StaffRole.ANALYST)
    first, second = (analyst.client.get("/hits", params={"page": n}).text for n in (1, 2))
    assert f"Hits 1\u2013{QUEUE_PAGE} of {total}" in first and 'href="/hits?page=2">Next page' in first
    assert f"Hits {QUEUE_PAGE + 1}\u2013{total} of {total}" in second and "Next page" not in second
    assert 'href="/hits?page=1">Previous page' in second
    shown = [set(re.findall(r'<td><a href="/hits/(\d+)">', page)) for page in (first, second)]
    assert [len(ids) for ids in shown] == [QUEUE_PAGE, 5] and not shown[0] & shown[1]
    web.add_user("api.pager", StaffRole.ANALYST)
    with web.session() as db:
        _, secret = web.logins.create_token(db, web.users.require(db, "api.pager"), name="t")
        db.commit()
    client = TestClient(web.app)
    headers = {"Authorization": f"Bearer {secret}"}
    pages = [client.get("/api/hits", params={"page": n}, headers=headers).json() for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [QUEUE_PAGE, 5, 0]
    assert {str(h["id"]) for h in pages[0]} == shown[0] and {str(h["id"]) for h in pages[1]} == shown[1]
    assert client.get("/api/hits", params={"page": 0}, headers=headers).status_code == 422
