"""Server-side HTML: Jinja2 templates rendered in the user's language, with navigation by role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.responses import HTMLResponse

from openpiu.accounts import Principal
from openpiu.web.access import app_routes, csrf_token, may_use
from openpiu.web.i18n import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, translations
from openpiu.web.timefmt import local_time, until, zone_name

TEMPLATES = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))


def route_paths(app: FastAPI) -> dict[str, str]:
    """Each named route's path template (``/hits/{hit_id}``), read once per app."""
    table: dict[str, str] | None = getattr(app.state, "route_paths", None)
    if table is None:
        table = {r.name: r.path_format for r in app_routes(app) if isinstance(r, APIRoute)}
        app.state.route_paths = table
    return table


@pass_context
def id_path(context: Context, name: str, **ids: int) -> str:
    """The path of route ``name`` with its integer ids filled in (``/hits/42``).

    Starlette's ``url_for`` tries every route in turn, about 0.1 ms a call on the shared VM: the 150
    links of a page of the hit queue cost more than its queries.
    """
    request: Request = context["request"]
    return route_paths(request.app)[name].format(**{key: int(value) for key, value in ids.items()})


templates.env.globals.update(local_time=local_time, until=until, zone_name=zone_name, id_path=id_path)


@dataclass(frozen=True, slots=True)
class NavEntry:
    route: str  # route name
    label: str  # message id, translated in the template


# Navigation in menu order; an entry shows only to roles its route admits (see openpiu.web.access).
NAVIGATION = (
    NavEntry("flights_board", "Flights"),
    NavEntry("hit_queue", "Hits"),
    NavEntry("criteria_list", "Criteria"),
    NavEntry("search_form", "Search"),
    NavEntry("watchlists_page", "Watchlists"),
    NavEntry("unmask_page", "Re-personalisation"),
    NavEntry("audit_page", "Audit log"),
    NavEntry("dpo_dashboard", "Data protection"),
    NavEntry("statistics_page", "Statistics"),
    NavEntry("authority_page", "Re-personalisation requests"),
    NavEntry("users_page", "Users and roles"),
)


def language_of(request: Request) -> str:
    principal: Principal | None = getattr(request.state, "principal", None)
    return principal.language if principal is not None else DEFAULT_LANGUAGE


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200
) -> HTMLResponse:
    """Render template ``name`` with the common context (user, navigation, CSRF token, gettext)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    language = language_of(request)
    catalogue = translations(language)
    nav = (
        [entry for entry in NAVIGATION if may_use(request.app, entry.route, principal.role)]
        if principal is not None and principal.second_factor
        else []
    )
    values: dict[str, Any] = {
        "principal": principal,
        "nav": nav,
        "csrf": csrf_token(request),
        "language": language,
        "html_lang": HTML_LANG.get(language, "en"),
        "languages": LANGUAGES,
        "_": catalogue.gettext,
        "ngettext": catalogue.ngettext,
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, values, status_code=status)
