"""Browser test of the watchlist pages: a supervisor uploads a list and searches it, with no script errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from openpiu.model import StaffRole
from web.conftest import PASSWORD, Web
from web.test_browser import ARTIFACTS, browser, server

__all__ = ["browser", "server"]  # the fixtures, shared with the main browser test

pytestmark = pytest.mark.browser


def test_supervisor_imports_a_list_and_searches_it(
    web: Web, server: str, browser: Browser, tmp_path: Path
) -> None:
    secret = web.add_user("sava.supervisor", StaffRole.SUPERVISOR)
    assert secret is not None
    upload = tmp_path / "wanted.jsonl"
    records = [
        {
            "id": "W1",
            "names": ["Đorđe Vučić", "Ђорђе Вучић"],
            "date_of_birth": "1970-05",
            "nationality": "SRB",
        },
        {"id": "W2", "names": ["Xhevat Hoxha"], "sex": "M"},
        {"id": "W3"},
    ]
    upload.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/login")
        page.fill("#username", "sava.supervisor")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/login/totp")
        page.fill("#code", web.code(secret))
        page.click("form[action='/login/totp'] button[type=submit]")
        page.wait_for_url("**/flights")

        page.click("nav >> text=Watchlists")
        page.wait_for_url("**/watchlists")
        page.click("text=Import a list")
        page.wait_for_url("**/watchlists/import")
        page.set_input_files("#file", str(upload))
        page.fill("#name", "nat-wanted")
        page.select_option("#category", "wanted_persons")
        page.fill("#owner", "Ministry of Interior")
        page.fill("#legal_basis", "Law on Police Art 12")
        page.screenshot(path=str(ARTIFACTS / "09-watchlist-import.png"), full_page=True)
        page.click("form.search button[type=submit]")
        page.wait_for_url(re.compile(r".*/watchlists/\d+\?imported=1$"))  # post/redirect/get
        page.wait_for_selector("text=Version 1 imported: 2 loaded, 1 rejected.")
        assert "row 3: rejected: no name and no document" in page.inner_text("main")

        page.fill("#text", "djordje vucic")
        page.fill("#purpose", "case 2026/117")
        page.click("form.search button[type=submit]")  # HTMX: entries swapped in, page stays
        page.wait_for_selector("#entries table")
        assert "Ђорђе Вучић" in page.inner_text("#entries")
        assert "Hoxha" not in page.inner_text("#entries")
        assert page.url.endswith("?imported=1")  # the searched name never went into a URL
        page.screenshot(path=str(ARTIFACTS / "10-watchlist.png"), full_page=True)
    finally:
        context.close()
    assert errors == []
