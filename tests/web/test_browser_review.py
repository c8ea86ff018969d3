"""Browser test of the review workflow: an analyst confirms a hit, a supervisor approves its dissemination,
the DPO sees both in the access log. Screenshots of each page go to test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from openpiu.model import StaffRole
from web.conftest import PASSWORD, Web
from web.test_browser import ARTIFACTS, browser, server
from web.test_review_pages import rule_document, seed_hits

__all__ = ["browser", "server"]  # fixtures, imported to be used here

pytestmark = pytest.mark.browser


def log_in(page: Page, web: Web, server: str, username: str, secret: str, lands: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/login/totp")
    page.fill("#code", web.code(secret))
    page.click("form[action='/login/totp'] button[type=submit]")
    page.wait_for_url(f"**{lands}")


def test_hit_confirmed_dissemination_approved_and_audited(web: Web, server: str, browser: Browser) -> None:
    hit_id = seed_hits(web)["HOXHA"]
    secrets = {
        name: web.add_user(name, role)
        for name, role in (
            ("ana.analyst", StaffRole.ANALYST),
            ("sara.supervisor", StaffRole.SUPERVISOR),
            ("dora.dpo", StaffRole.DPO),
        )
    }
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        log_in(page, web, server, "ana.analyst", str(secrets["ana.analyst"]), "/flights")
        page.click("nav >> text=Hits")
        page.wait_for_url("**/hits")
        rows = page.locator("table.hits").first.locator("tbody tr")
        assert "HOXHA, ELIRA" in rows.nth(0).inner_text() and "KOVACEVIC, ANA" in rows.nth(1).inner_text()
        assert "2025-03-14 10:30 UTC+03" in rows.nth(0).inner_text()
        page.screenshot(path=str(ARTIFACTS / "10-hit-queue.png"), full_page=True)

        page.click(f"a[href='/hits/{hit_id}']")
        page.wait_for_url(f"**/hits/{hit_id}")
        assert "payment.cash eq true: payment.cash = true" in page.inner_text("ul.explanation")
        page.check("input[name=outcome][value=confirmed]")
        page.select_option("#reason", "pattern_corroborated")
        page.fill("#text", "Ticket bought in cash by a third party an hour before departure.")
        page.screenshot(path=str(ARTIFACTS / "11-hit-review.png"), full_page=True)
        page.click("text=Record decision")
        page.wait_for_selector("#authority")
        assert page.locator("h1").inner_text().endswith("confirmed")
        page.fill("#authority", "State Police, Organised Crime Unit")
        page.fill("#purpose", "case 2025/17: drug trafficking")
        page.click("text=Request dissemination")
        page.wait_for_selector("#dissemination-status")
        assert page.inner_text("#dissemination-status") == "requested"
        page.screenshot(path=str(ARTIFACTS / "12-dissemination-requested.png"), full_page=True)
        page.click("form[action='/logout'] button")
        page.wait_for_url("**/login")

        log_in(page, web, server, "sara.supervisor", str(secrets["sara.supervisor"]), "/flights")
        page.goto(f"{server}/hits")
        pending = page.locator("table.hits").nth(1)
        assert "HOXHA, ELIRA" in pending.inner_text()
        pending.locator(f"a[href='/hits/{hit_id}']").click()
        page.wait_for_url(f"**/hits/{hit_id}")
        page.fill("#approval-text", "Necessary and proportionate for the case.")
        page.click("text=Approve dissemination")
        page.wait_for_selector("#reference")
        assert page.inner_text("#dissemination-status") == "approved"
        page.screenshot(path=str(ARTIFACTS / "13-dissemination-approved.png"), full_page=True)

        page.goto(f"{server}/criteria/new")
        page.fill("#document", rule_document(when={"field": "traveller.religion", "op": "eq", "value": "X"}))
        page.click("text=Check and save as draft")
        assert "it can reveal religion" in page.inner_text("#rule-error")
        page.screenshot(path=str(ARTIFACTS / "14-criterion-refused.png"), full_page=True)
        page.click("form[action='/logout'] button")
        page.wait_for_url("**/login")

        log_in(page, web, server, "dora.dpo", str(secrets["dora.dpo"]), "/audit")
        log = page.inner_text("table.audit")
        decisions = [line for line in log.splitlines() if f"hit:{hit_id}" in line and "decide" in line]
        assert any("ana.analyst" in line for line in decisions)
        assert any("sara.supervisor" in line for line in decisions)
        assert "case 2025/17: drug trafficking" in log  # the dissemination request with its purpose
        page.screenshot(path=str(ARTIFACTS / "15-audit-review.png"), full_page=True)
    finally:
        context.close()
    # The refused criterion is answered 422 on purpose; anything else on the console is a fault.
    assert [e for e in errors if "status of 422" not in e] == []
    assert len(errors) == 1
