"""What every request handler needs: the database, the account services, and how the app is served."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Path, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from openpiu.accounts import Sessions, Users

# Ids in URLs: opaque positive integers within the databases' BIGINT range (larger ones are a 422, not a 500).
ObjectId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@dataclass(frozen=True)
class WebContext:
    """Held in ``app.state.web``; built once by :func:`openpiu.web.create_app`."""

    engine: Engine
    sessions: sessionmaker[Session]
    users: Users
    logins: Sessions
    clock: Callable[[], datetime]
    # Served over HTTPS (the --https flag or OPENPIU_WEB_HTTPS): cookies get the Secure flag.
    https: bool
    # Trust X-Forwarded-Proto / X-Forwarded-For from a reverse proxy.
    trust_proxy: bool


def web_context(request: Request) -> WebContext:
    context: WebContext = request.app.state.web
    return context


def get_db(request: Request) -> Iterator[Session]:
    """A database session for one request; rolled back unless the handler committed."""
    session = web_context(request).sessions()
    try:
        yield session
    finally:
        session.close()


def client_address(request: Request) -> str | None:
    """The client's address (the proxy's view of it when the proxy is trusted)."""
    if web_context(request).trust_proxy:
        forwarded = request.headers.get("x-forwarded-for", "")
        first = forwarded.split(",")[0].strip()
        if first:
            return first
    return request.client.host if request.client else None


def is_https(request: Request) -> bool:
    context = web_context(request)
    if context.https or request.url.scheme == "https":
        return True
    return context.trust_proxy and request.headers.get("x-forwarded-proto", "").lower() == "https"
