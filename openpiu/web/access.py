"""Who may use which route: every route declares it, and an app with an undeclared route does not start.

A route declares its audience with exactly one guard dependency:

* ``allow(role, ...)``: a fully logged-in user (password and TOTP, or an API token on ``/api/``) with one
  of the roles; everyone else is refused (anonymous: login page or 401; other roles: 403, logged).
* ``SECOND_FACTOR``: a user half-way through login (password given, TOTP code not yet).
* ``PUBLIC``: anyone; only the login pages and the health check (``PUBLIC_PATHS``).

:func:`check_routes` runs when the app is built and refuses a route without a guard or a public route
outside ``PUBLIC_PATHS``, so forgetting a declaration fails loudly. The role matrix is in docs/roles.md,
which the tests read and compare with the routes.

State-changing requests (POST, ...) authenticated by cookie must carry the CSRF token (form field
``csrf_token`` or header ``X-CSRF-Token``); it is derived from the session id, so no state is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from typing import Annotated

import fastapi.routing
from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute, Mount

from openpiu.accounts import Principal
from openpiu.errors import ConfigError
from openpiu.model import StaffRole
from openpiu.privacy.audit import AuditAction, AuditEntry, Outcome, record
from openpiu.web.context import client_address, get_db, web_context

SESSION_COOKIE = "openpiu_session"
PRELOGIN_COOKIE = "openpiu_prelogin"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The only routes anyone may use without logging in (static assets are a mount, listed in STATIC_PATH).
PUBLIC_PATHS = frozenset({"/login", "/health"})
STATIC_PATH = "/static"


class NotAuthenticated(Exception):
    """No (valid) login: pages redirect to the login form, the API answers 401."""


class Forbidden(Exception):
    """Logged in, but the role may not use this route (403)."""


class CsrfRefused(Exception):
    """A state-changing request without the right CSRF token (403)."""


def csrf_token(request: Request) -> str:
    """The CSRF token for this browser: derived from its session id, or its pre-login cookie."""
    base = request.cookies.get(SESSION_COOKIE) or request.cookies.get(PRELOGIN_COOKIE)
    if not base:
        base = getattr(request.state, "prelogin", None) or ""
    return hashlib.sha256(f"csrf:{base}".encode()).hexdigest() if base else ""


def new_prelogin() -> str:
    return secrets.token_urlsafe(24)


async def _check_csrf(request: Request) -> None:
    expected = csrf_token(request)
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not expected or not given or not hmac.compare_digest(expected, given):
        raise CsrfRefused()


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def authenticate(request: Request, db: Session) -> Principal | None:
    """The principal of the request: a Bearer token on /api/, otherwise the session cookie."""
    context = web_context(request)
    if request.url.path.startswith("/api/") and request.headers.get("authorization"):
        principal = context.logins.resolve_token(db, _bearer(request))
        if principal is None:
            raise NotAuthenticated()
    else:
        principal = context.logins.resolve(db, request.cookies.get(SESSION_COOKIE))
    db.commit()  # last-seen times, expired sessions removed
    request.state.principal = principal
    return principal


def _log_refusal(request: Request, db: Session, principal: Principal) -> None:
    """Log (and commit) a logged-in user's request for a route their role may not use."""
    route = request.scope.get("route")
    record(
        db,
        AuditEntry(
            action=AuditAction.CONSULT,
            actor=principal.username,
            actor_role=principal.role.value,
            object_refs=(f"route:{request.method} {getattr(route, 'path', '?')}",),
            outcome=Outcome.DENIED,
            client_address=client_address(request),
        ),
        now=web_context(request).clock,
    )
    db.commit()


class Guard:
    """Base of the route declarations; ``roles`` is empty for the public and second-factor guards."""

    kind = "roles"
    roles: frozenset[StaffRole] = frozenset()

    def describe(self) -> str:
        return ", ".join(sorted(self.roles))


class RoleGuard(Guard):
    def __init__(self, roles: Iterable[StaffRole]) -> None:
        self.roles = frozenset(roles)
        if not self.roles:
            raise ConfigError("a route must allow at least one role (or be declared public)")

    async def __call__(self, request: Request, db: Annotated[Session, Depends(get_db)]) -> Principal:
        # The lookup is blocking database work: in the thread pool, not on the event loop every
        # concurrent request shares.
        principal = await run_in_threadpool(authenticate, request, db)
        if principal is None or not principal.second_factor:
            raise NotAuthenticated()
        if principal.role not in self.roles:
            await run_in_threadpool(_log_refusal, request, db, principal)
            raise Forbidden()
        if request.method not in SAFE_METHODS and principal.via == "session":
            await _check_csrf(request)
        return principal


class SecondFactorGuard(Guard):
    kind = "second-factor"

    def describe(self) -> str:
        return "second-factor"

    async def __call__(self, request: Request, db: Annotated[Session, Depends(get_db)]) -> Principal:
        principal = await run_in_threadpool(authenticate, request, db)
        if principal is None or principal.via != "session":
            raise NotAuthenticated()
        if request.method not in SAFE_METHODS:
            await _check_csrf(request)
        return principal


class PublicGuard(Guard):
    kind = "public"

    def describe(self) -> str:
        return "public"

    async def __call__(self, request: Request) -> None:
        if request.method not in SAFE_METHODS:
            await _check_csrf(request)


def allow(*roles: StaffRole) -> RoleGuard:
    """The guard of a route open to ``roles`` (see the module docstring)."""
    return RoleGuard(roles)


PUBLIC = PublicGuard()
SECOND_FACTOR = SecondFactorGuard()
EVERY_ROLE = allow(*StaffRole)


def app_routes(app: FastAPI) -> list[BaseRoute]:
    """Every route of ``app``, flattened.

    Recent FastAPI versions include routers lazily (``app.routes`` then holds one entry per included
    router) and offer ``iter_route_contexts`` to walk them; older ones list every route directly.
    Routers here use no prefix, so a route's own path is its full path.
    """
    walk = getattr(fastapi.routing, "iter_route_contexts", None)
    if walk is None:
        return list(app.routes)
    return [context.original_route for context in walk(app.routes)]


def route_guard(route: APIRoute) -> Guard | None:
    """The guard a route declared, None when it declared none."""
    found: list[Guard] = []
    for dependency in route.dependant.dependencies:
        call: object = dependency.call
        if isinstance(call, Guard):
            found.append(call)
    if len(found) > 1:
        raise ConfigError(f"route {route.path} declares {len(found)} guards; declare exactly one")
    return found[0] if found else None


def check_routes(app: FastAPI) -> None:
    """Refuse to build an app with a route that does not declare who may use it."""
    for route in app_routes(app):
        if isinstance(route, APIRoute):
            guard = route_guard(route)
            if guard is None:
                raise ConfigError(
                    f"route {sorted(route.methods or ())} {route.path} declares no access guard"
                )
            if guard.kind == "public" and route.path not in PUBLIC_PATHS:
                raise ConfigError(f"route {route.path} is public but not in PUBLIC_PATHS")
        elif isinstance(route, Mount) and route.path == STATIC_PATH:
            continue
        else:
            raise ConfigError(f"route {getattr(route, 'path', route)!r} is not an access-checked route")


def may_use(app: FastAPI, name: str, role: StaffRole) -> bool:
    """Whether ``role`` may use the route called ``name`` (to show only usable navigation entries)."""
    for route in app_routes(app):
        if isinstance(route, APIRoute) and route.name == name:
            guard = route_guard(route)
            return guard is not None and role in guard.roles
    return False


# The audiences of today's screens (docs/roles.md is the matrix; the tests compare the two).
ANALYSTS = allow(StaffRole.ANALYST, StaffRole.SUPERVISOR)
SUPERVISORS = allow(StaffRole.SUPERVISOR)
AUDITORS = allow(StaffRole.DPO, StaffRole.AUDITOR)
ADMINS = allow(StaffRole.ADMIN)
