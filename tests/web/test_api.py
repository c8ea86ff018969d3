"""The JSON API: Bearer tokens (hashed, revocable), answers, logging, and a fuzz run over /openapi.json."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpiu.model import StaffRole
from openpiu.privacy.audit import recent
from web.conftest import Web


def _token(web: Web, username: str, role: StaffRole, **kwargs: Any) -> tuple[int, str]:
    web.add_user(username, role)
    with web.session() as db:
        row, secret = web.logins.create_token(db, web.users.require(db, username), name="test", **kwargs)
        db.commit()
        return row.id, secret


def test_bearer_token_reads_the_api_and_is_logged_as_such(web: Web) -> None:
    _, secret = _token(web, "api.analyst", StaffRole.ANALYST)
    client = TestClient(web.app)
    headers = {"Authorization": f"Bearer {secret}"}
    board = client.get("/api/flights", params={"airport": "BEG", "day": "2025-03-14"}, headers=headers).json()
    arrival = board["arrivals"][0]
    flight = arrival["flight"]
    assert (flight["carrier"], flight["number"], arrival["passengers"]) == ("JU", "0456", 2)
    assert arrival["flight"]["arrival_zone"] == "Europe/Belgrade"
    assert arrival["flight"]["scheduled_arrival_utc"].startswith("2025-03-14T10:25:00")
    detail = client.get(f"/api/flights/{arrival['flight']['id']}", headers=headers).json()
    assert sorted(t["surname"] for t in detail["travellers"]) == ["HOXHA", "PETROVIC", "STOJANOVSKI"]
    traveller = client.get("/api/travellers/2", headers=headers).json()
    assert (traveller["surname"], traveller["documents"][0]["number"]) == ("HOXHA", "AB1234567")
    with web.session() as db:
        event = recent(db, limit=1)[0]
    assert (event.actor, event.object_refs, event.detail) == (
        "api.analyst",
        ["traveller:2"],
        {"via": "token"},
    )


def test_tokens_are_refused_when_unknown_revoked_expired_or_for_pages(web: Web) -> None:
    token_id, secret = _token(web, "api.analyst", StaffRole.ANALYST, valid_for=timedelta(days=1))
    client = TestClient(web.app)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/me", headers=headers).json()["username"] == "api.analyst"
    assert client.get("/api/me", headers={"Authorization": "Bearer opiu_forged"}).status_code == 401
    # Tokens open the API only, not the pages.
    assert client.get("/flights", headers=headers, follow_redirects=False).status_code == 303
    web.clock.advance(days=2)
    assert client.get("/api/me", headers=headers).status_code == 401
    web.clock.advance(days=-2)
    with web.session() as db:
        web.logins.revoke_token(db, web.users.require(db, "api.analyst"), token_id=token_id)
        db.commit()
    assert client.get("/api/me", headers=headers).status_code == 401


def test_tokens_are_stored_hashed(web: Web) -> None:
    _, secret = _token(web, "api.analyst", StaffRole.ANALYST)
    with web.session() as db:
        from openpiu.store.accounts import ApiTokenRow

        stored = [row.token_sha256 for row in db.query(ApiTokenRow).all()]
    assert secret not in stored and len(stored[0]) == 64


def test_token_roles_are_enforced(web: Web) -> None:
    _, secret = _token(web, "api.admin", StaffRole.ADMIN)
    client = TestClient(web.app)
    assert client.get("/api/travellers/1", headers={"Authorization": f"Bearer {secret}"}).status_code == 403
    assert client.get("/api/audit", headers={"Authorization": f"Bearer {secret}"}).status_code == 403


def test_audit_api_for_auditors(web: Web) -> None:
    _, analyst = _token(web, "api.analyst", StaffRole.ANALYST)
    _, auditor = _token(web, "api.auditor", StaffRole.AUDITOR)
    client = TestClient(web.app)
    client.get("/api/travellers/1", headers={"Authorization": f"Bearer {analyst}"})
    events = client.get("/api/audit", headers={"Authorization": f"Bearer {auditor}"}).json()
    assert events[0]["object_refs"] == ["traveller:1"] and events[0]["actor"] == "api.analyst"


def test_openapi_document_lists_the_api(web: Web) -> None:
    _, secret = _token(web, "api.analyst", StaffRole.ANALYST)
    document = TestClient(web.app).get("/openapi.json", headers={"Authorization": f"Bearer {secret}"})
    # /openapi.json is outside /api/: tokens do not open it, a browser session does.
    assert document.status_code == 401
    analyst = web.client_as(StaffRole.SUPERVISOR)
    paths = analyst.client.get("/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/me",
        "/api/flights",
        "/api/flights/{flight_id}",
        "/api/travellers/{traveller_id}",
        "/api/audit",
        "/api/hits",
        "/api/hits/{hit_id}",
        "/api/hits/{hit_id}/decision",
        "/api/criteria",
    }


# Values that stress parameters: huge and negative numbers, odd dates and text, injection-looking strings.
ODD_TEXT = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["BEG", "beg", "' OR 1=1 --", "%00", "9999-12-31", "0001-01-01", "-1", "1e309", "ЂЖЉ"]),
)
ODD_INT = st.one_of(st.integers(), st.sampled_from([0, -1, 2**63, 2**31 - 1, 10**30]))


def test_generated_requests_from_the_openapi_document_never_fail_with_500(web: Web) -> None:
    """Hypothesis run over every operation of /openapi.json (an equivalent of schemathesis, kept small)."""
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    dpo = web.client_as(StaffRole.DPO)
    document = supervisor.client.get("/openapi.json").json()
    operations = [
        (path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method == "get"
    ]
    client = TestClient(web.app, raise_server_exceptions=False)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        path, operation = data.draw(st.sampled_from(operations))
        url, params = path, {}
        for parameter in operation.get("parameters", []):
            kind = parameter["schema"].get("type") or "string"
            value = data.draw(ODD_INT if kind == "integer" else ODD_TEXT)
            if parameter["in"] == "path":
                url = url.replace("{" + parameter["name"] + "}", str(value))
            elif parameter.get("required") or data.draw(st.booleans()):
                params[parameter["name"]] = str(value)
        who = dpo if path == "/api/audit" else supervisor
        client.cookies = who.client.cookies
        response = client.get(url, params=params)
        assert response.status_code < 500, (url, params, response.status_code)

    run()
