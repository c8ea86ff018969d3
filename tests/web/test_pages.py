"""The pages: what they show, what they log, and the security headers they carry."""

from __future__ import annotations

import json
import logging
import time

import pytest
from fastapi.testclient import TestClient

from openpiu.model import StaffRole
from openpiu.privacy.audit import recent, verify
from openpiu.web.security import CONTENT_SECURITY_POLICY
from web.conftest import Web


def _last_event(web: Web):  # type: ignore[no-untyped-def]
    with web.session() as db:
        return recent(db, limit=1)[0]


def test_board_shows_local_times_with_zone_counts_and_time_left(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    page = analyst.client.get("/flights?airport=BEG&day=2025-03-14").text
    # JU0456 IST 10:30 (UTC+03) -> BEG 11:25 CET: shown in Belgrade time, 08:00 UTC now = 09:00 CET.
    assert "2025-03-14 11:25 CET" in page
    assert "+2 h 25 min" in page  # until the 10:25 UTC arrival
    assert "Europe/Belgrade" in page
    departures, arrivals = page.split("<h2>Arrivals</h2>")
    assert "JU0123" in departures and "JU0456" in arrivals
    assert '<td class="num">2</td>\n      <td class="num">1</td>' in arrivals  # 2 passengers, 1 crew
    assert f'<a href="/flights/{web.flight_ids["JU0456"]}">JU0456</a>' in arrivals


def test_board_defaults_to_today_at_the_airport(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    page = analyst.client.get("/flights?airport=BEG").text
    assert 'value="2025-03-14"' in page and "JU0123" in page


def test_flight_detail_shows_the_manifest_and_is_logged(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    flight_id = web.flight_ids["JU0456"]
    page = analyst.client.get(f"/flights/{flight_id}").text
    assert "PETROVIC, MARKO JOVAN" in page and "HOXHA, ELIRA" in page and "STOJANOVSKI" in page
    assert "2025-03-14 10:30 UTC+03" in page  # Istanbul time for the departure
    event = _last_event(web)
    assert (event.actor, event.actor_role, event.action, event.object_refs, event.result_count) == (
        "user.analyst",
        "analyst",
        "consult",
        [f"flight:{flight_id}"],
        3,
    )
    assert event.client_address == "testclient"


def test_traveller_detail_shows_identity_and_documents_and_is_logged(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    page = analyst.client.get("/travellers/2").text
    assert "HOXHA, ELIRA" in page and "AB1234567" in page and "1992-07-30" in page
    assert _last_event(web).object_refs == ["traveller:2"]


def test_unknown_objects_give_a_plain_404(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    response = analyst.client.get("/travellers/999999")
    assert response.status_code == 404
    assert "no traveller" not in response.text and "Traceback" not in response.text


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"kind": "name", "surname": "hoxha"}, "HOXHA, ELIRA"),
        ({"kind": "name", "surname": "Petrovic", "given_names": "mar"}, "PETROVIC, MARKO JOVAN"),
        ({"kind": "document", "document": "ab 1234567"}, "HOXHA, ELIRA"),
        ({"kind": "flight", "carrier": "ju", "number": "456"}, "JU0456"),
    ],
)
def test_search_finds_and_logs_query_purpose_and_results(
    web: Web, form: dict[str, str], expected: str
) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    response = analyst.client.post(
        "/search", data={**form, "purpose": "case 2025/17", "csrf_token": analyst.csrf}
    )
    assert response.status_code == 200 and expected in response.text
    event = _last_event(web)
    query = json.loads(event.query_text)
    assert (event.purpose, query["kind"], event.result_count) == ("case 2025/17", form["kind"], 1)


def test_htmx_search_returns_only_the_results_fragment(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    response = analyst.client.post(
        "/search",
        data={"kind": "name", "surname": "HOXHA", "purpose": "case 1"},
        headers={"HX-Request": "true", "X-CSRF-Token": analyst.csrf},
    )
    assert "HOXHA, ELIRA" in response.text and "<html" not in response.text


def test_search_needs_a_purpose_and_is_never_a_get_with_terms(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    response = analyst.client.post(
        "/search", data={"kind": "name", "surname": "HOXHA", "csrf_token": analyst.csrf}
    )
    assert response.status_code == 422
    page = analyst.client.get("/search?surname=HOXHA").text
    assert "HOXHA" not in page  # the GET form ignores terms in the URL


def test_audit_page_shows_the_views_and_verifies_the_chain(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    analyst.client.get("/travellers/1")
    dpo = web.client_as(StaffRole.DPO)
    page = dpo.client.get("/audit").text
    assert "traveller:1" in page and "user.analyst" in page
    verified = dpo.client.post("/audit/verify", data={"csrf_token": dpo.csrf}).text
    assert "Chain intact" in verified
    with web.session() as db:
        assert verify(db).ok


def test_admin_creates_and_disables_users_without_seeing_data(web: Web) -> None:
    admin = web.client_as(StaffRole.ADMIN)
    created = admin.client.post(
        "/admin/users",
        data={
            "username": "new.analyst",
            "role": "analyst",
            "password": "a long enough secret 42",
            "csrf_token": admin.csrf,
        },
        follow_redirects=False,
    )
    assert created.status_code == 303
    weak = admin.client.post(
        "/admin/users",
        data={
            "username": "weak.one",
            "role": "analyst",
            "password": "password1234",
            "csrf_token": admin.csrf,
        },
    )
    assert weak.status_code == 422 and "too common" in weak.text
    with web.session() as db:
        user = web.users.require(db, "new.analyst")
    admin.client.post(f"/admin/users/{user.id}/disable", data={"csrf_token": admin.csrf})
    with web.session() as db:
        assert web.users.require(db, "new.analyst").disabled is True
    assert "new.analyst" in admin.client.get("/admin/users").text


def test_language_preference_translates_the_main_screens(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    for language, word in (("sq", "Fluturimet"), ("sr_Cyrl", "Летови"), ("mk", "Летови"), ("bs", "Odlasci")):
        analyst.client.post(
            "/preferences/language",
            data={"language": language, "next": "/flights", "csrf_token": analyst.csrf},
        )
        page = analyst.client.get("/flights?airport=BEG").text
        assert word in page, language
    assert 'lang="bs"' in page


def test_open_redirects_are_refused(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    response = analyst.client.post(
        "/preferences/language",
        data={"language": "en", "next": "//evil.example/", "csrf_token": analyst.csrf},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_security_headers_on_pages_and_errors(web: Web) -> None:
    client = TestClient(web.app)
    for response in (client.get("/login"), client.get("/nowhere"), client.get("/static/app.css")):
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert (
        "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY
    )
    assert client.get("/login").headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script_or_style(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    for url in ("/flights?airport=BEG", f"/flights/{web.flight_ids['JU0456']}", "/travellers/1", "/search"):
        page = analyst.client.get(url).text
        assert "<script>" not in page and "<style" not in page and " style=" not in page
        assert page.count("<script") == 1 and 'src="/static/htmx.min.js"' in page


def test_unexpected_errors_reveal_nothing_and_log_no_data(
    web: Web, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpiu.store import board

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("row HOXHA ELIRA AB1234567 could not be read")

    monkeypatch.setattr(board, "traveller_with_flight", broken)
    analyst = web.client_as(StaffRole.ANALYST)
    client = TestClient(web.app, raise_server_exceptions=False)
    client.cookies = analyst.client.cookies
    with caplog.at_level(logging.ERROR):
        response = client.get("/travellers/2")
    assert response.status_code == 500
    assert "HOXHA" not in response.text and "RuntimeError" not in response.text
    assert "HOXHA" not in caplog.text and "RuntimeError on GET /travellers/{traveller_id}" in caplog.text
    # The failed request left no transaction open: the next one writes its audit event at once.
    started = time.monotonic()
    assert client.get(f"/flights/{web.flight_ids['JU0456']}").status_code == 200
    assert time.monotonic() - started < 5


def test_health_answers_anonymously(web: Web) -> None:
    assert TestClient(web.app).get("/health").json() == {"status": "ok"}
