"""Browser tests: Debian's Chromium driven by Playwright against a real uvicorn server on 127.0.0.1.

Skipped only when /usr/bin/chromium is absent (``apt-get install -y chromium``). Screenshots of each
main page go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page

from openpiu.model import StaffRole
from web.conftest import PASSWORD, START, Web
from web.pnrgov import ELIRA_JOINS, push, receive

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for the module: starting it is the slow part."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium): browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def server(web: Web) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(web.app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def test_analyst_logs_in_with_totp_browses_and_the_dpo_sees_it(
    web: Web, server: str, browser: Browser
) -> None:
    secret = web.add_user("ana.analyst", StaffRole.ANALYST)
    dpo_secret = web.add_user("dora.dpo", StaffRole.DPO)
    # A booking pushed twice: ELIRA joins it in the update, so her page shows its push history.
    receive(web.engine, push(), at=START, source="ju0456.pnr")
    receive(
        web.engine, push(ELIRA_JOINS, function="141", ref="2"), at=START + timedelta(hours=1), source="2.pnr"
    )
    assert secret is not None and dpo_secret is not None
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        # Any CSP violation or script error shows up on the console: there must be none.
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        page.goto(f"{server}/login")
        page.screenshot(path=str(ARTIFACTS / "01-login.png"))
        page.fill("#username", "ana.analyst")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/login/totp")
        page.fill("#code", web.code(secret))
        page.screenshot(path=str(ARTIFACTS / "02-totp.png"))
        page.click("form[action='/login/totp'] button[type=submit]")
        page.wait_for_url("**/flights")

        page.goto(f"{server}/flights?airport=BEG&day=2025-03-14")
        assert page.locator("h1").inner_text() == "Flights · BEG"
        assert "2025-03-14 11:25 CET" in page.inner_text("main")
        page.screenshot(path=str(ARTIFACTS / "03-flights-board.png"), full_page=True)

        page.click("text=JU0456")
        page.wait_for_url("**/flights/*")
        assert "HOXHA, ELIRA" in page.inner_text("main")
        page.screenshot(path=str(ARTIFACTS / "04-flight.png"), full_page=True)

        page.click("text=HOXHA, ELIRA")
        page.wait_for_url("**/travellers/*")
        main = page.inner_text("main")
        assert "AB1234567" in main
        # The push history in words and in Istanbul's time (the flight departs IST), the zone named.
        assert "traveller added: — → HOXHA/ELIRA" in main and "traveller_added" not in main
        assert "2025-03-14 12:00 UTC+03" in main and "Local time at IST (Europe/Istanbul)." in main
        page.screenshot(path=str(ARTIFACTS / "05-traveller.png"), full_page=True)

        page.goto(f"{server}/search")
        page.fill("#surname", "petrovic")
        page.fill("#purpose", "case 2025/17")
        page.click("form.search button[type=submit]")  # HTMX: results swapped in, page stays
        page.wait_for_selector("#results table")
        assert "PETROVIC, MARKO JOVAN" in page.inner_text("#results")
        assert page.url.endswith("/search")  # the name never went into a URL
        page.screenshot(path=str(ARTIFACTS / "06-search.png"), full_page=True)

        page.select_option("#language", "sr_Cyrl")
        page.click("form[action='/preferences/language'] button")
        page.goto(f"{server}/flights?airport=BEG&day=2025-03-14")
        assert "Одласци" in page.inner_text("main")
        page.screenshot(path=str(ARTIFACTS / "07-flights-board-sr-cyrl.png"), full_page=True)
        page.click("form[action='/logout'] button")
        page.wait_for_url("**/login")

        page.fill("#username", "dora.dpo")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/login/totp")
        page.fill("#code", web.code(dpo_secret))
        page.click("form[action='/login/totp'] button[type=submit]")
        page.wait_for_url("**/audit")
        log = page.inner_text("table.audit")
        flight = web.flight_ids["JU0456"]
        assert f"flight:{flight}" in log and "traveller:2" in log and "case 2025/17" in log
        assert "ana.analyst" in log and '"surname": "petrovic"' in log
        page.screenshot(path=str(ARTIFACTS / "08-audit-log.png"), full_page=True)
        page.click("text=Verify the chain")
        assert "Chain intact" in page.inner_text("main")
    finally:
        context.close()
    assert errors == []


def test_enrolment_page_shows_the_qr_code(web: Web, server: str, browser: Browser) -> None:
    web.add_user("new.analyst", StaffRole.ANALYST, enrolled=False)
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{server}/login")
        page.fill("#username", "new.analyst")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/login/enrol")
        box = page.locator(".qr svg").bounding_box()
        assert box is not None and box["width"] > 100
        page.screenshot(path=str(ARTIFACTS / "00-enrol.png"), full_page=True)
    finally:
        context.close()


def _login(page: Page, server: str, web: Web, username: str, secret: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/login/totp")
    page.fill("#code", web.code(secret))
    page.click("form[action='/login/totp'] button[type=submit]")


def test_authority_approves_and_the_dpo_pages_show_it(web: Web, server: str, browser: Browser) -> None:
    from openpiu.privacy import unmasking
    from openpiu.store.accounts import UserRow
    from openpiu.store.holds import add_hold

    judge_secret = web.add_user("judge.court", StaffRole.AUTHORITY)
    dpo_secret = web.add_user("dora.dpo", StaffRole.DPO)
    web.add_user("ana.analyst", StaffRole.ANALYST)
    assert judge_secret is not None and dpo_secret is not None
    with web.session() as db:
        analyst = db.query(UserRow).filter_by(username="ana.analyst").one()
        unmasking.submit(
            db,
            analyst,
            target="booking:JU/ABC123",
            case_ref="2025/17",
            offence_category="drug_trafficking",
            purpose="companions of a courier",
            at=START,
        )
        add_hold(
            db,
            target="booking:JU/ABC123",
            reason="courier pattern in case 2025/17",
            legal_basis="Law Art 12",
            review_date=START.date().replace(year=2026),
            by="dora.dpo",
            at=START,
        )
        db.commit()
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        _login(page, server, web, "judge.court", judge_secret)
        page.wait_for_url("**/authority")
        assert "companions of a courier" in page.inner_text("main")
        page.screenshot(path=str(ARTIFACTS / "20-authority.png"), full_page=True)
        page.fill("#reason-1", "reasonable grounds shown for case 2025/17")
        page.fill("#hours-1", "4")
        page.click("#request-1 button[value=approve]")
        page.wait_for_url("**/authority")
        assert "reasonable grounds shown" in page.inner_text("table.decided")
        page.click("form[action='/logout'] button")
        page.wait_for_url("**/login")

        _login(page, server, web, "dora.dpo", dpo_secret)
        page.wait_for_url("**/audit")
        page.click("text=Data protection")
        page.wait_for_url("**/dpo")
        main = page.inner_text("main")
        assert "re-personalisation 1 approved by judge.court for ana.analyst" in main
        assert "booking:JU/ABC123" in main and "under 24 hours" in main
        page.screenshot(path=str(ARTIFACTS / "21-dpo-dashboard.png"), full_page=True)
        page.fill("#note-1", "proportionate to case 2025/17")
        page.click("form[action='/dpo/requests/1/review'] button")
        page.wait_for_url("**/dpo")
        assert "No pending re-personalisations." in page.inner_text("main")
        page.click("text=Statistics")
        page.wait_for_url("**/statistics")
        page.fill("#period", "2025-Q1")
        page.click("form.filters button")
        page.wait_for_url("**/statistics?period=2025-Q1")
        assert page.locator("figure.chart svg rect").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "22-statistics.png"), full_page=True)
    finally:
        context.close()
    assert errors == []
