"""The FastAPI application factory.

``create_app`` wires the database, the account services and the routers, then checks that every route
declares who may use it (:func:`openpiu.web.access.check_routes`). There is no Swagger UI (it would
load scripts from a CDN); the OpenAPI document is served at ``/openapi.json`` to logged-in users.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from openpiu import __version__
from openpiu.accounts import Sessions, Users
from openpiu.accounts.sealing import NO_KEY, box_for
from openpiu.accounts.users import utc_now
from openpiu.errors import ConfigError
from openpiu.privacy.job import load_policy
from openpiu.settings import Settings
from openpiu.store import create, session_factory
from openpiu.web.access import STATIC_PATH, check_routes
from openpiu.web.context import WebContext
from openpiu.web.routers import (
    admin,
    api,
    api_review,
    audit_pages,
    auth,
    criteria,
    dpo,
    flights,
    hits,
    search,
    service,
    subjects,
    unmask,
    watchlists,
)
from openpiu.web.security import SecurityHeaders, install_error_handlers

STATIC = Path(__file__).resolve().parent / "static"


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    users: Users | None = None,
    logins: Sessions | None = None,
    clock: Callable[[], datetime] = utc_now,
    https: bool | None = None,
) -> FastAPI:
    """The web application over the database of ``settings`` (or ``engine`` when given).

    Args:
        users: account service (tests pass one with a cheap password hasher and a fixed clock); by
            default one sealing TOTP secrets with ``settings.secret_key``, which must then be set.
        logins: session and token service.
        clock: the current UTC time (board countdowns, session expiry, audit timestamps).
        https: served over HTTPS (Secure cookies); defaults to ``settings.web_https``.
    """
    box = box_for(settings.secret_key)
    if users is None and box is None:
        raise ConfigError(NO_KEY)
    engine = engine or create(settings.database_url, echo=settings.sql_echo)
    app = FastAPI(
        title="OpenPIU",
        version=__version__,
        description="Passenger Information Unit: flights, travellers and the access log.",
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.web = WebContext(
        engine=engine,
        sessions=session_factory(engine),
        users=users or Users(clock=clock, box=box),
        logins=logins or Sessions(clock=clock),
        clock=clock,
        https=settings.web_https if https is None else https,
        trust_proxy=settings.web_trust_proxy,
    )
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app)
    app.state.settings = settings
    app.state.retention_policy = load_policy(settings)
    routers = (
        service,
        auth,
        flights,
        hits,
        criteria,
        search,
        watchlists,
        unmask,
        audit_pages,
        dpo,
        subjects,
        admin,
        api,
        api_review,
    )
    for module in routers:
        app.include_router(module.router)
    app.mount(STATIC_PATH, StaticFiles(directory=STATIC), name="static")
    check_routes(app)
    return app
