"""The route matrix of docs/roles.md, checked against the app's declarations and by calling every route.

A route added without a row in docs/roles.md fails ``test_every_route_has_a_row_and_matches_it``; a row
whose route disappeared fails it too. Each role then calls each route: allowed roles get through the
guard (any answer but 401/403), the others get 403, anonymous callers get the login page or 401.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from openpiu.model import StaffRole
from openpiu.privacy.audit import recent
from openpiu.web.access import PUBLIC_PATHS, app_routes, check_routes, route_guard
from web.conftest import Web

ROLES_DOC = Path(__file__).resolve().parents[2] / "docs" / "roles.md"
ROW = re.compile(r"^\|\s*`(GET|POST|PUT|PATCH|DELETE) (/[^`]*)`\s*\|(.*)\|\s*$")
ROLE_ORDER = [
    StaffRole(name) for name in ("analyst", "supervisor", "dpo", "auditor", "admin", "liaison", "authority")
]


def matrix() -> dict[tuple[str, str], str | frozenset[StaffRole]]:
    """``(method, path) -> allowed roles`` or ``"public"`` / ``"second factor"``, read from docs/roles.md."""
    rows: dict[tuple[str, str], str | frozenset[StaffRole]] = {}
    for line in ROLES_DOC.read_text(encoding="utf-8").splitlines():
        found = ROW.match(line)
        if not found:
            continue
        method, path, rest = found.groups()
        cells = [cell.strip() for cell in rest.split("|")]
        if len(cells) == 1:
            rows[(method, path)] = cells[0]
        else:
            assert len(cells) == len(ROLE_ORDER), line
            rows[(method, path)] = frozenset(r for r, cell in zip(ROLE_ORDER, cells, strict=True) if cell)
    return rows


def declared(web: Web) -> dict[tuple[str, str], str | frozenset[StaffRole]]:
    out: dict[tuple[str, str], str | frozenset[StaffRole]] = {}
    for route in app_routes(web.app):
        if not isinstance(route, APIRoute):
            continue
        guard = route_guard(route)
        assert guard is not None, route.path
        for method in route.methods:
            out[(method, route.path)] = (
                guard.roles
                if guard.kind == "roles"
                else {"public": "public", "second-factor": "second factor"}[guard.kind]
            )
    return out


def test_every_route_has_a_row_and_matches_it(web: Web) -> None:
    assert declared(web) == matrix()


def test_public_routes_are_the_short_list(web: Web) -> None:
    public = {path for (_, path), who in declared(web).items() if who == "public"}
    assert public == set(PUBLIC_PATHS) == {"/login", "/health"}


def test_an_undeclared_route_stops_the_app(web: Web) -> None:
    @web.app.get("/undeclared")
    def undeclared() -> dict[str, str]:
        return {}

    with pytest.raises(Exception, match="declares no access guard"):
        check_routes(web.app)


def _concrete(path: str, web: Web) -> str:
    return (
        path.replace("{flight_id}", str(web.flight_ids["JU0456"]))
        .replace("{traveller_id}", "1")
        .replace("{user_id}", "1")
        .replace("{watchlist_id}", "1")
        .replace("{hit_id}", "1")
        .replace("{rule_id}", "no-such-rule")
        .replace("{version}", "1")
    )


# Form bodies that pass validation, so that an allowed call reaches the handler.
FORMS = {
    "/search": {"kind": "name", "surname": "HOXHA", "purpose": "route matrix test"},
    "/preferences/language": {"language": "en", "next": "/"},
    "/admin/users": {"username": "created.by.test", "role": "analyst", "password": "a long enough secret 42"},
    "/admin/users/{user_id}/reset": {"password": "another long secret 42"},
    "/watchlists/{watchlist_id}/search": {"text": "HOXHA", "purpose": "route matrix test"},
    "/hits/{hit_id}/decision": {"outcome": "dismissed", "reason": "not_relevant", "text": "route matrix"},
    "/hits/{hit_id}/dissemination/approval": {"decision": "approve", "text": "route matrix"},
    "/criteria": {"document": "{}"},
}

ROLE_ROUTES = [key for key, who in matrix().items() if isinstance(who, frozenset)]


@pytest.mark.parametrize("role", ROLE_ORDER, ids=[r.value for r in ROLE_ORDER])
def test_each_role_reaches_exactly_its_routes(web: Web, role: StaffRole) -> None:
    web.add_user("someone.else", StaffRole.ANALYST)  # user 1: the target of the admin routes
    client = web.client_as(role)
    outcomes = {}
    for method, path in ROLE_ROUTES:
        allowed = matrix()[(method, path)]
        assert isinstance(allowed, frozenset)
        url = _concrete(path, web)
        if method == "GET":
            response = client.client.get(url, follow_redirects=False)
        else:
            data = {"csrf_token": client.csrf, **FORMS.get(path, {})}
            if path == "/logout/everywhere":
                continue  # ends the session the rest of this test uses: covered in test_login
            response = client.client.post(url, data=data, follow_redirects=False)
        outcomes[(method, path)] = response.status_code
        if role in allowed:
            assert response.status_code not in (401, 403), (method, path, response.status_code)
        else:
            assert response.status_code == 403, (method, path, response.status_code)
    assert outcomes  # every role called every route


def test_refusals_are_logged(web: Web) -> None:
    client = web.client_as(StaffRole.ADMIN)
    assert client.client.get(f"/flights/{web.flight_ids['JU0456']}").status_code == 403
    with web.session() as db:
        event = recent(db, limit=1)[0]
    assert (event.actor, event.outcome, event.object_refs) == (
        "user.admin",
        "denied",
        ["route:GET /flights/{flight_id}"],
    )


@pytest.mark.parametrize(("method", "path"), sorted(matrix()), ids=lambda value: str(value))
def test_anonymous_is_refused_everywhere_but_public_routes(web: Web, method: str, path: str) -> None:
    client = TestClient(web.app)
    url = _concrete(path, web)
    response = client.request(method, url, follow_redirects=False, data=FORMS.get(path))
    who = matrix()[(method, path)]
    if who == "public":
        # GETs answer; the login POST without the pre-login CSRF token is refused.
        assert response.status_code == (200 if method == "GET" else 403)
    elif path.startswith("/api/") or path == "/openapi.json":
        assert response.status_code == 401
    else:
        assert (response.status_code, response.headers.get("location")) == (303, "/login")
