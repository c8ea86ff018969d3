"""Security headers on every response, and error pages that reveal nothing.

No personal data reaches the server log: requests are logged by route template (``/travellers/{id}``
shows only an opaque id anyway), and an unexpected error is logged with its type and route only, never
its message (a database error message can quote the values of a row).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import JSONResponse, RedirectResponse, Response

from openpiu.errors import AccessDenied, NotFound
from openpiu.web.access import CsrfRefused, Forbidden, NotAuthenticated
from openpiu.web.rendering import render

log = logging.getLogger("openpiu.web")

# No inline script or style anywhere: scripts and styles come from /static only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            # Pages hold personal data: never cached by the browser or a proxy.
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, title: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": title}, status_code=status)
    return render(request, "error.html", {"status": status, "title": title}, status=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def _not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"detail": "Not authenticated"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(Forbidden)
    @app.exception_handler(AccessDenied)
    async def _forbidden(request: Request, exc: Exception) -> Response:
        return _error(request, 403, "Forbidden")

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, exc: CsrfRefused) -> Response:
        return _error(request, 403, "Forbidden")

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, "Not found")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed", 403: "Forbidden"}
        return _error(request, exc.status_code, titles.get(exc.status_code, "Error"))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        # Field locations only: the rejected input itself may be personal data.
        if _wants_json(request):
            fields = [".".join(str(part) for part in error.get("loc", ())) for error in exc.errors()]
            return JSONResponse({"detail": "Invalid request", "fields": fields}, status_code=422)
        return _error(request, 422, "Invalid request")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        route = request.scope.get("route")
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method, getattr(route, "path", "?"))
        return _error(request, 500, "Something went wrong")
