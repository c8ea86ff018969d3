"""Watchlist pages per role: lists, detail with version history, Balkan-aware entry search, import form."""

from __future__ import annotations

import json

import pytest

from openpiu.model import StaffRole
from openpiu.privacy.audit import recent
from openpiu.store.watchlists import list_versions, list_watchlists, load_entries
from web.conftest import AuthedClient, Web


def _lines(*records: object) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


FIRST = _lines(
    {"id": "W1", "names": ["Đorđe Vučić", "Ђорђе Вучић"], "date_of_birth": "1970-05", "nationality": "SRB"},
    {
        "id": "W2",
        "names": ["Xhevat Hoxha"],
        "documents": [{"number": "AB 1234567", "issuing_country": "ALB"}],
    },
)
REGISTRATION = {
    "name": "nat-wanted",
    "category": "wanted_persons",
    "owner": "Ministry of Interior",
    "legal_basis": "Law on Police Art 12",
    "threshold": "0.85",
}


def _upload(  # type: ignore[no-untyped-def]  # a TestClient response
    client: AuthedClient,
    data: bytes,
    *,
    filename: str = "wanted.jsonl",
    csrf: bool = True,
    follow: bool = True,
    **form: str,
):
    fields = {**REGISTRATION, **form}
    if csrf:
        fields["csrf_token"] = client.csrf
    return client.client.post(
        "/watchlists/import", data=fields, files={"file": (filename, data)}, follow_redirects=follow
    )


def _list_id(web: Web) -> int:
    with web.session() as db:
        return list_watchlists(db)[0].id


def test_supervisor_imports_and_the_import_is_logged(web: Web) -> None:
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    response = _upload(supervisor, FIRST, follow=False)
    with web.session() as db:
        event = recent(db, limit=1)[0]
        stored = list_watchlists(db)[0]
    # Post/redirect/get: the list's page announces the import; reloading it imports nothing again.
    assert (response.status_code, response.headers["location"]) == (
        303,
        f"/watchlists/{stored.id}?imported=1",
    )
    page = supervisor.client.get(response.headers["location"])
    assert "Version 1 imported: 2 loaded, 0 rejected." in page.text
    assert "Law on Police Art 12" in page.text and "wanted persons" in page.text
    assert "imported" not in supervisor.client.get(f"/watchlists/{stored.id}").text.split("<h2>")[0]
    assert (event.actor, event.action, event.object_refs, event.result_count) == (
        "user.supervisor",
        "collect",
        [f"watchlist:{stored.id}"],
        2,
    )
    assert event.detail == {"via": "session", "version": 1, "file": "wanted.jsonl", "rejected": 0}
    assert (stored.entries, stored.watchlist.thresholds.alert) == (2, 0.85)


def test_reimport_shows_rejected_rows_and_history(web: Web) -> None:
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    _upload(supervisor, FIRST)
    second = b'{"id": "W2", "names": ["Xhevat Hoxha"]}\n{"id": "W3"}\n{"id": "W4", "names": ["Ana Kos"]}\n'
    page = _upload(supervisor, second, filename="wanted-2.jsonl", category="", owner="", legal_basis="")
    assert "Version 2 imported: 2 loaded, 1 rejected." in page.text
    assert "row 2: rejected: no name and no document: nothing to screen" in page.text
    with web.session() as db:
        versions = list_versions(db, watchlist_id=_list_id(web))
        ids = sorted(e.id for e in load_entries(db))
    assert [(v.version, v.imported_by, v.added, v.removed) for v in versions] == [
        (2, "user.supervisor", 1, 1),
        (1, "user.supervisor", 2, 0),
    ]
    assert ids == ["W2", "W4"]


def test_a_bad_file_changes_nothing_and_says_why(web: Web) -> None:
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    _upload(supervisor, FIRST)
    page = _upload(supervisor, b"<not>xml</not>", filename="list.csv", format="jsonl")
    assert page.status_code == 422
    assert "list.csv: nothing loaded as jsonl: row 1: rejected: not JSON" in page.text
    with web.session() as db:
        assert sorted(e.id for e in load_entries(db)) == ["W1", "W2"]
    fresh = _upload(supervisor, FIRST, filename="x.jsonl", name="other", owner="")
    assert fresh.status_code == 422 and "list other is new: give --owner to register it" in fresh.text


def test_import_needs_the_csrf_token(web: Web) -> None:
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    assert _upload(supervisor, FIRST, csrf=False).status_code == 403
    with web.session() as db:
        assert list_watchlists(db) == []


@pytest.mark.parametrize(
    ("text", "shown", "hidden"),
    [
        ("Djordje Vucic", "Đorđe Vučić", "Xhevat Hoxha"),
        ("ђорђе", "Đorđe Vučić", "Xhevat Hoxha"),
        ("Dzevat Hodza", "Xhevat Hoxha", "Vučić"),
        ("ab1234567", "Xhevat Hoxha", "Vučić"),
    ],
)
def test_analyst_searches_entries_in_any_spelling_and_the_search_is_logged(
    web: Web, text: str, shown: str, hidden: str
) -> None:
    _upload(web.client_as(StaffRole.SUPERVISOR), FIRST)
    analyst = web.client_as(StaffRole.ANALYST)
    list_id = _list_id(web)
    listing = analyst.client.get("/watchlists").text
    assert "nat-wanted" in listing and "Import a list" not in listing
    detail = analyst.client.get(f"/watchlists/{list_id}").text
    assert "wanted.jsonl" in detail and "Vučić" not in detail  # history, no entries until searched
    form = {"csrf_token": analyst.csrf, "text": text, "purpose": "case 2026/117"}
    page = analyst.client.post(f"/watchlists/{list_id}/search", data=form)
    assert page.status_code == 200
    assert shown in page.text and hidden not in page.text
    with web.session() as db:
        search, view = recent(db, limit=2)
    assert (search.actor, search.action, search.purpose, search.result_count) == (
        "user.analyst",
        "consult",
        "case 2026/117",
        1,
    )
    assert json.loads(search.query_text) == {"watchlist": list_id, "text": text}
    assert search.object_refs[0] == f"watchlist:{list_id}"
    assert search.object_refs[1].startswith("watchlist_entry:")
    assert (view.action, view.object_refs) == ("consult", [f"watchlist:{list_id}"])
    partial = analyst.client.post(f"/watchlists/{list_id}/search", data=form, headers={"HX-Request": "true"})
    assert shown in partial.text and "<html" not in partial.text


def test_search_needs_a_purpose(web: Web) -> None:
    _upload(web.client_as(StaffRole.SUPERVISOR), FIRST)
    analyst = web.client_as(StaffRole.ANALYST)
    page = analyst.client.post(
        f"/watchlists/{_list_id(web)}/search", data={"csrf_token": analyst.csrf, "text": "Hoxha"}
    )
    assert page.status_code == 422 and "Hoxha" not in page.text


@pytest.mark.parametrize("role", [StaffRole.DPO, StaffRole.AUDITOR, StaffRole.ADMIN, StaffRole.LIAISON])
def test_roles_without_personal_data_see_no_watchlist(web: Web, role: StaffRole) -> None:
    _upload(web.client_as(StaffRole.SUPERVISOR), FIRST)
    client = web.client_as(role)
    list_id = _list_id(web)
    assert client.client.get("/watchlists").status_code == 403
    assert client.client.get(f"/watchlists/{list_id}").status_code == 403
    search = {"csrf_token": client.csrf, "text": "Hoxha", "purpose": "curiosity"}
    assert client.client.post(f"/watchlists/{list_id}/search", data=search).status_code == 403
    assert "Watchlists" not in client.client.get("/").text


def test_analysts_cannot_import(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    assert analyst.client.get("/watchlists/import").status_code == 403
    assert _upload(analyst, FIRST).status_code == 403
    assert "Watchlists" in analyst.client.get("/").text


def test_unknown_list_is_not_found(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    assert analyst.client.get("/watchlists/999").status_code == 404
