"""Watchlist pages: the registered lists, a list's import history and entry search, the import form.

Analysts and supervisors read lists and search entries; only supervisors import (a new version replaces
what every analyst screens against). Entries are personal data: a list's page, every entry search (by
POST, so no name ends up in a URL; with its purpose) and every import are written to the access log.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from sqlalchemy.orm import Session
from starlette.responses import RedirectResponse, Response

from openpiu.accounts import Principal
from openpiu.errors import ScreeningError
from openpiu.ingest.watchlists import Registration, guess_format, import_list
from openpiu.model import StaffRole
from openpiu.model.watchlist import PartialDate, WatchlistCategory
from openpiu.privacy.audit import AuditAction
from openpiu.screening.importers import WatchlistFormat
from openpiu.store.watchlist_tables import WatchlistEntryRow
from openpiu.store.watchlists import (
    ListVersion,
    get_watchlist,
    list_versions,
    list_watchlists,
    search_entries,
)
from openpiu.web.access import ANALYSTS, allow
from openpiu.web.auditing import log_event
from openpiu.web.context import ObjectId, get_db, web_context
from openpiu.web.rendering import render

router = APIRouter(include_in_schema=False)
SUPERVISORS = allow(StaffRole.SUPERVISOR)
LIMIT = 100
# The words shown for list categories and alias qualities (translated: see ``web.i18n.PYTHON_MESSAGES``).
LABELS = {
    "wanted_persons": "wanted persons",
    "missing_persons": "missing persons",
    "stolen_lost_documents": "stolen or lost documents",
    "sanctions": "sanctions",
    "national_alerts": "national alerts",
    "good": "good alias",
    "low": "weak alias",
}
# Largest file the form accepts; bigger lists are imported with `openpiu watchlist import`.
MAX_UPLOAD = 64 * 1024 * 1024


def born(dates: list[dict[str, Any]]) -> str:
    """Stored dates of birth as the analyst reads them (``1970-05``, ``~1961``, ``1963..1968``)."""
    return ", ".join(str(PartialDate(**d)) for d in dates)


@router.get("/watchlists")
def watchlists_page(
    request: Request,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    """Every registered list: category, owner, legal basis, threshold, version, entries. No entries shown."""
    return render(request, "watchlists.html", {"lists": list_watchlists(db), "labels": LABELS})


@router.get("/watchlists/import")
def import_form(request: Request, principal: Annotated[Principal, Depends(SUPERVISORS)]) -> Response:
    return render(request, "watchlist_import.html", _form_context({}, None))


def _form_context(form: dict[str, Any], error: str | None) -> dict[str, Any]:
    return {
        "form": form,
        "error": error,
        "categories": list(WatchlistCategory),
        "formats": list(WatchlistFormat),
        "labels": LABELS,
    }


@router.post("/watchlists/import")
async def import_upload(
    request: Request,
    principal: Annotated[Principal, Depends(SUPERVISORS)],
    db: Annotated[Session, Depends(get_db)],
    file: Annotated[UploadFile, File()],
    name: Annotated[str, Form(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")],
    format: Annotated[str, Form(max_length=10)] = "",
    category: Annotated[str, Form(max_length=40)] = "",
    owner: Annotated[str, Form(max_length=200)] = "",
    legal_basis: Annotated[str, Form(max_length=500)] = "",
    threshold: Annotated[float | None, Form(gt=0.0, le=1.0)] = None,
    published: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Import an uploaded file as the new version of a list (registering the list when it is new)."""
    form = {
        "name": name,
        "format": format,
        "category": category,
        "owner": owner,
        "legal_basis": legal_basis,
        "threshold": "" if threshold is None else str(threshold),
        "published": published,
    }
    source = file.filename or "upload"
    try:
        fmt = WatchlistFormat(format) if format else guess_format(source)
        kind = WatchlistCategory(category) if category else None
    except ValueError:
        return render(request, "watchlist_import.html", _form_context(form, "Invalid request"), status=422)
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        error = "The file is too large for the form: import it with the command line."
        return render(request, "watchlist_import.html", _form_context(form, error), status=413)
    registration = Registration(owner or None, kind, legal_basis or None, threshold, published or None)
    try:
        report = import_list(
            db,
            data,
            name=name,
            fmt=fmt,
            source=source,
            imported_by=principal.username,
            now=web_context(request).clock(),
            registration=registration,
        )
    except ScreeningError as exc:
        db.rollback()
        return render(request, "watchlist_import.html", _form_context(form, str(exc)), status=422)
    # One transaction: the new version and the access-log event are committed together.
    log_event(
        request,
        db,
        action=AuditAction.COLLECT,
        actor=principal,
        object_refs=(f"watchlist:{report.watchlist.id}",),
        result_count=report.version.loaded,
        detail={
            "via": principal.via,
            "version": report.version.version,
            "file": source,
            "rejected": report.version.rejected,
        },
    )
    # Post/redirect/get: reloading the page shows the list again instead of importing the file twice.
    return RedirectResponse(f"/watchlists/{report.watchlist.id}?imported=1", status_code=303)


@router.get("/watchlists/{watchlist_id}")
def watchlist_detail(
    request: Request,
    watchlist_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    imported: bool = False,
) -> Response:
    """A list's registration, its import history (with each version's issues) and the entry search.

    ``imported`` (set by the import form's redirect) announces the current version's outcome.
    """
    stored = get_watchlist(db, watchlist_id=watchlist_id)  # NotFound before anything is logged
    log_event(
        request, db, action=AuditAction.CONSULT, actor=principal, object_refs=(f"watchlist:{watchlist_id}",)
    )
    versions = list_versions(db, watchlist_id=watchlist_id)
    latest = versions[0] if imported and versions and versions[0].version == stored.version else None
    return _detail(request, db, watchlist_id, imported=latest)


def _detail(
    request: Request,
    db: Session,
    watchlist_id: int,
    *,
    imported: ListVersion | None = None,
    results: list[WatchlistEntryRow] | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    stored = get_watchlist(db, watchlist_id=watchlist_id)
    context = {
        "stored": stored,
        "versions": list_versions(db, watchlist_id=watchlist_id),
        "imported": imported,
        "results": results,
        "form": form or {},
        "limit": LIMIT,
        "born": born,
        "labels": LABELS,
    }
    return render(request, "watchlist.html", context, status=status)


@router.post("/watchlists/{watchlist_id}/search")
def watchlist_search(
    request: Request,
    watchlist_id: ObjectId,
    principal: Annotated[Principal, Depends(ANALYSTS)],
    db: Annotated[Session, Depends(get_db)],
    text: Annotated[str, Form(min_length=1, max_length=200)],
    purpose: Annotated[str, Form(min_length=3, max_length=500)],
) -> Response:
    """Entries whose names match ``text`` in any spelling or script, or whose document number is ``text``."""
    get_watchlist(db, watchlist_id=watchlist_id)
    rows = search_entries(db, watchlist_id=watchlist_id, text=text, limit=LIMIT)
    log_event(
        request,
        db,
        action=AuditAction.CONSULT,
        actor=principal,
        object_refs=[f"watchlist:{watchlist_id}"] + [f"watchlist_entry:{row.id}" for row in rows],
        purpose=purpose.strip(),
        query_text=json.dumps({"watchlist": watchlist_id, "text": text.strip()}, ensure_ascii=False),
        result_count=len(rows),
    )
    form = {"text": text, "purpose": purpose}
    if request.headers.get("hx-request"):
        context = {"results": rows, "limit": LIMIT, "born": born, "labels": LABELS}
        return render(request, "_watchlist_entries.html", context)
    return _detail(request, db, watchlist_id, results=rows, form=form)
