"""Health check, the OpenAPI document, the home redirect and the language preference."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.openapi.utils import get_openapi
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse

from openpiu.accounts import Principal
from openpiu.store.accounts import UserRow
from openpiu.web.access import EVERY_ROLE, PUBLIC, may_use
from openpiu.web.context import get_db
from openpiu.web.i18n import supported
from openpiu.web.rendering import NAVIGATION

router = APIRouter()


@router.get("/health", dependencies=[Depends(PUBLIC)], include_in_schema=False)
def health() -> dict[str, str]:
    """Liveness: answers without touching the database or telling anything about the data."""
    return {"status": "ok"}


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, principal: Annotated[Principal, Depends(EVERY_ROLE)]) -> dict[str, Any]:
    app = request.app
    if app.openapi_schema is None:
        app.openapi_schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
    schema: dict[str, Any] = app.openapi_schema
    return schema


@router.get("/", include_in_schema=False)
def home(request: Request, principal: Annotated[Principal, Depends(EVERY_ROLE)]) -> RedirectResponse:
    """The first screen the user's role may open."""
    for entry in NAVIGATION:
        if may_use(request.app, entry.route, principal.role):
            return RedirectResponse(request.url_for(entry.route).path, status_code=303)
    return RedirectResponse("/preferences", status_code=303)


@router.get("/preferences", include_in_schema=False)
def preferences(request: Request, principal: Annotated[Principal, Depends(EVERY_ROLE)]) -> Any:
    from openpiu.web.rendering import render

    return render(request, "preferences.html")


@router.post("/preferences/language", include_in_schema=False)
def set_language(
    principal: Annotated[Principal, Depends(EVERY_ROLE)],
    db: Annotated[Session, Depends(get_db)],
    language: Annotated[str, Form()],
    next_path: Annotated[str, Form(alias="next")] = "/",
) -> RedirectResponse:
    """Store the user's interface language, then go back to the page the menu was on."""
    user = db.get(UserRow, principal.user_id)
    if user is not None and supported(language):
        user.language = language
        db.commit()
    # Only a local path: never an open redirect.
    target = next_path if next_path.startswith("/") and not next_path.startswith("//") else "/"
    return RedirectResponse(target, status_code=303)
