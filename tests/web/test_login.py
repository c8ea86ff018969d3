"""Login with password and TOTP, enrolment, lockout with back-off, CSRF, logout, session cookies."""

from __future__ import annotations

import hashlib
import re

from fastapi.testclient import TestClient
from sqlalchemy import text

from openpiu.accounts.totp import accepted_step, code_at
from openpiu.model import StaffRole
from openpiu.privacy.audit import recent
from openpiu.web.access import SESSION_COOKIE
from web.conftest import PASSWORD, Web

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def _csrf(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def _password_step(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    page = client.get("/login")
    assert page.status_code == 200
    client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": _csrf(page.text)},
        follow_redirects=False,
    )
    return client


def test_login_with_password_and_totp_code(web: Web) -> None:
    secret = web.add_user("ana", StaffRole.ANALYST)
    assert secret is not None
    client = TestClient(web.app)
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": "ana", "password": PASSWORD, "csrf_token": _csrf(page.text)},
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (303, "/login/totp")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    half = client.cookies[SESSION_COOKIE]
    # Half-way: the data pages still send back to the login.
    assert client.get("/flights", follow_redirects=False).headers["location"] == "/login"
    totp_page = client.get("/login/totp")
    response = client.post(
        "/login/totp",
        data={"code": web.code(secret), "csrf_token": _csrf(totp_page.text)},
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (303, "/")
    # A new session id after the second factor (no session fixation).
    assert client.cookies[SESSION_COOKIE] != half
    assert client.get("/flights").status_code == 200
    with web.session() as db:
        steps = [e.detail["step"] for e in reversed(recent(db, limit=10)) if e.action == "authenticate"]
    assert steps == ["password", "totp"]


def test_first_login_enrols_an_authenticator_with_a_qr_code(web: Web) -> None:
    web.add_user("new.user", StaffRole.ANALYST, enrolled=False)
    client = _password_step(TestClient(web.app), "new.user")
    page = client.get("/login/enrol")
    assert page.status_code == 200
    assert "<svg" in page.text and "style=" not in page.text and "<script>" not in page.text
    with web.session() as db:
        secret = web.users.totp_secret(web.users.require(db, "new.user"))
    assert secret is not None
    response = client.post(
        "/login/enrol",
        data={"code": code_at(secret, web.clock()), "csrf_token": _csrf(page.text)},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"
    with web.session() as db:
        assert web.users.require(db, "new.user").totp_confirmed is True


def test_wrong_password_is_refused_with_one_message_for_every_cause(web: Web) -> None:
    web.add_user("ana", StaffRole.ANALYST)
    client = TestClient(web.app)
    texts = []
    for username, password in (("ana", "wrong password 123"), ("nobody", PASSWORD)):
        page = client.get("/login")
        response = client.post(
            "/login", data={"username": username, "password": password, "csrf_token": _csrf(page.text)}
        )
        assert response.status_code == 401
        texts.append(re.search(r'role="alert">([^<]+)<', response.text).group(1))  # type: ignore[union-attr]
    assert texts[0] == texts[1]
    assert SESSION_COOKIE not in client.cookies


def test_lockout_backs_off_and_refuses_even_the_right_password(web: Web) -> None:
    secret = web.add_user("ana", StaffRole.ANALYST)
    assert secret is not None
    client = TestClient(web.app)
    for _ in range(5):
        _password_step(client, "ana", "wrong password 123")
    with web.session() as db:
        user = web.users.require(db, "ana")
        first_lock = user.locked_until
    assert first_lock is not None and (first_lock - web.clock()).total_seconds() == 30
    _password_step(client, "ana")  # right password, but locked
    assert SESSION_COOKIE not in client.cookies
    web.clock.advance(seconds=31)
    _password_step(client, "ana", "wrong password 123")  # sixth failure: 60 s
    with web.session() as db:
        lock = web.users.require(db, "ana").locked_until
    assert lock is not None and (lock - web.clock()).total_seconds() == 60
    web.clock.advance(seconds=61)
    _password_step(client, "ana")
    assert SESSION_COOKIE in client.cookies


def test_wrong_totp_codes_count_towards_the_lockout(web: Web) -> None:
    secret = web.add_user("ana", StaffRole.ANALYST)
    assert secret is not None
    client = _password_step(TestClient(web.app), "ana")
    page = client.get("/login/totp")
    for _ in range(5):
        response = client.post("/login/totp", data={"code": "000000", "csrf_token": _csrf(page.text)})
        assert response.status_code == 401
    right = client.post("/login/totp", data={"code": web.code(secret), "csrf_token": _csrf(page.text)})
    assert right.status_code == 401  # locked now
    with web.session() as db:
        assert web.users.require(db, "ana").failed_attempts == 5


def test_a_totp_code_works_only_once(web: Web) -> None:
    secret = web.add_user("ana", StaffRole.ANALYST)
    assert secret is not None
    client = _password_step(TestClient(web.app), "ana")
    page = client.get("/login/totp")
    code = web.code(secret)
    ok = client.post(
        "/login/totp", data={"code": code, "csrf_token": _csrf(page.text)}, follow_redirects=False
    )
    assert ok.status_code == 303
    again = _password_step(TestClient(web.app), "ana")
    page = again.get("/login/totp")
    replayed = again.post("/login/totp", data={"code": code, "csrf_token": _csrf(page.text)})
    assert replayed.status_code == 401
    step = accepted_step(secret, code, now=web.clock(), last_step=None)
    assert step is not None and accepted_step(secret, code, now=web.clock(), last_step=step) is None


def test_state_changing_requests_without_the_csrf_token_are_refused(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    form = {"kind": "name", "surname": "HOXHA", "purpose": "csrf test"}
    assert analyst.client.post("/search", data=form).status_code == 403
    assert analyst.client.post("/search", data={**form, "csrf_token": "0" * 64}).status_code == 403
    assert analyst.client.post("/search", data={**form, "csrf_token": analyst.csrf}).status_code == 200
    # HTMX sends the token as a header.
    assert (
        analyst.client.post("/search", data=form, headers={"X-CSRF-Token": analyst.csrf}).status_code == 200
    )
    # Login itself needs the pre-login token.
    fresh = TestClient(web.app)
    assert fresh.post("/login", data={"username": "x", "password": "y" * 12}).status_code == 403


def test_logout_ends_the_session(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    token = analyst.client.cookies[SESSION_COOKIE]
    response = analyst.client.post("/logout", data={"csrf_token": analyst.csrf}, follow_redirects=False)
    assert response.headers["location"] == "/login"
    replay = TestClient(web.app)
    replay.cookies.set(SESSION_COOKIE, token)
    assert replay.get("/flights", follow_redirects=False).status_code == 303


def test_log_out_everywhere_ends_every_session_of_the_user(web: Web) -> None:
    first = web.client_as(StaffRole.ANALYST, username="ana")
    with web.session() as db:
        second_token = web.logins.open(db, web.users.require(db, "ana"), second_factor=True)
        db.commit()
    second = TestClient(web.app)
    second.cookies.set(SESSION_COOKIE, second_token)
    assert second.get("/flights").status_code == 200
    first.client.post("/logout/everywhere", data={"csrf_token": first.csrf})
    assert second.get("/flights", follow_redirects=False).status_code == 303
    assert first.client.get("/flights", follow_redirects=False).status_code == 303


def test_idle_sessions_expire(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    web.clock.advance(minutes=29)
    assert analyst.client.get("/flights").status_code == 200
    web.clock.advance(minutes=31)
    assert analyst.client.get("/flights", follow_redirects=False).status_code == 303


def test_disabled_users_lose_their_sessions(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST, username="ana")
    with web.session() as db:
        web.users.disable(db, web.users.require(db, "ana"))
        db.commit()
    assert analyst.client.get("/flights", follow_redirects=False).status_code == 303


def test_cookies_are_secure_behind_https(web: Web) -> None:
    web.add_user("ana", StaffRole.ANALYST)
    client = TestClient(web.app, base_url="https://testserver")
    page = client.get("/login")
    assert "Secure" in page.headers["set-cookie"]
    response = client.post(
        "/login",
        data={"username": "ana", "password": PASSWORD, "csrf_token": _csrf(page.text)},
        follow_redirects=False,
    )
    assert "Secure" in response.headers["set-cookie"]


def test_session_ids_are_stored_hashed(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    token = analyst.client.cookies[SESSION_COOKIE]
    with web.session() as db:
        digests = db.execute(text("SELECT token_sha256 FROM staff_session")).scalars().all()
    assert digests == [hashlib.sha256(token.encode()).hexdigest()]
