"""The analysts' web application and JSON API (FastAPI, Jinja2 + HTMX, vendored assets).

``create_app(settings)`` builds it; ``openpiu serve`` runs it with uvicorn.
"""

from openpiu.web.app import create_app

__all__ = ["create_app"]
