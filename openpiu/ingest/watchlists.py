"""Importing a watchlist file into the store: read (``screening.importers``), register, replace atomically.

Used by ``openpiu watchlist import`` and the web import form. Rows the importer rejects are reported
with their row number and kept with the version; the rest of the file loads. A file from which nothing
could be read never replaces a list (a wrong format or a truncated download must not empty a list that
screening relies on). Nothing here commits: the caller commits the session after ``import_list``
returns, so the old entries stay in force until the whole new version is in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import PurePath

from sqlalchemy.orm import Session

from openpiu.errors import ScreeningError
from openpiu.model.watchlist import (
    DEFAULT_ALERT_THRESHOLD,
    Thresholds,
    Watchlist,
    WatchlistCategory,
    WatchlistEntry,
)
from openpiu.screening.importers import ImportIssue, WatchlistFormat, import_watchlist
from openpiu.store.watchlists import (
    ListVersion,
    StoredWatchlist,
    find_watchlist,
    replace_entries,
    save_watchlist,
)


@dataclass(frozen=True, slots=True)
class Registration:
    """What an import says about the list; ``None`` keeps what is registered (required for a new list).

    Attributes:
        owner: the authority that maintains the list.
        category: what the list holds.
        legal_basis: the act under which travellers are screened against it.
        threshold: the list's alert threshold (the default for a new list when None).
        published: the publisher's version or date of the file.
    """

    owner: str | None = None
    category: WatchlistCategory | None = None
    legal_basis: str | None = None
    threshold: float | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The list after the import, the version it created, and every row-level issue."""

    watchlist: StoredWatchlist
    version: ListVersion

    @property
    def issues(self) -> tuple[ImportIssue, ...]:
        return self.version.issues


def guess_format(source: str) -> WatchlistFormat:
    """The format a file name suggests: ``.csv`` CSV, ``.xml`` UN XML, anything else JSON lines."""
    suffix = PurePath(source).suffix.lower()
    return {".csv": WatchlistFormat.CSV, ".xml": WatchlistFormat.UN_XML}.get(suffix, WatchlistFormat.JSONL)


def _watchlist(name: str, current: StoredWatchlist | None, registration: Registration) -> Watchlist:
    if registration.threshold is not None and not 0.0 < registration.threshold <= 1.0:
        raise ScreeningError(f"list {name}: threshold {registration.threshold} is not in (0, 1]")
    if current is None:
        owner, category, basis = registration.owner, registration.category, registration.legal_basis
        if not owner or category is None or not basis:
            missing = [
                option
                for option, value in (("--owner", owner), ("--category", category), ("--legal-basis", basis))
                if not value
            ]
            raise ScreeningError(f"list {name} is new: give {', '.join(missing)} to register it")
        return Watchlist(
            name=name,
            owner=owner,
            category=category,
            legal_basis=basis,
            version=registration.published,
            thresholds=Thresholds(registration.threshold or DEFAULT_ALERT_THRESHOLD),
        )
    known = current.watchlist
    return replace(
        known,
        owner=registration.owner or known.owner,
        category=registration.category or known.category,
        legal_basis=registration.legal_basis or known.legal_basis,
        version=registration.published or known.version,
        thresholds=Thresholds(registration.threshold or known.thresholds.alert),
    )


def import_list(
    session: Session,
    data: bytes,
    *,
    name: str,
    fmt: WatchlistFormat,
    source: str,
    imported_by: str,
    now: datetime,
    registration: Registration | None = None,
) -> ImportReport:
    """Read ``data`` as a watchlist file and make it the current version of list ``name``.

    Raises ``ScreeningError`` (and changes nothing) when the list is new and not fully registered, or when
    no entry at all could be read from the file.
    """
    if not name.strip():
        raise ScreeningError("a list needs a name")
    current = find_watchlist(session, name=name)
    watchlist = _watchlist(name, current, registration or Registration())
    result = import_watchlist(data, fmt, name)
    if not result.entries:
        first = next(iter(result.issues), None)
        why = f": {first}" if first is not None else ": the file holds no entries"
        raise ScreeningError(f"{source}: nothing loaded as {fmt.value}{why}")
    stored = save_watchlist(session, watchlist, now=now)
    version = replace_entries(
        session,
        watchlist_id=stored.id,
        entries=result.entries,
        issues=result.issues,
        rows=result.rows,
        imported_by=imported_by,
        source=source,
        format=fmt.value,
        now=now,
    )
    return ImportReport(find_watchlist(session, name=name) or stored, version)


def store_list(
    session: Session,
    watchlist: Watchlist,
    entries: Sequence[WatchlistEntry],
    *,
    imported_by: str,
    source: str,
    now: datetime,
) -> ListVersion:
    """Register ``watchlist`` and make ``entries`` (already read, e.g. generated) its new version."""
    stored = save_watchlist(session, watchlist, now=now)
    return replace_entries(
        session,
        watchlist_id=stored.id,
        entries=entries,
        issues=(),
        rows=len(entries),
        imported_by=imported_by,
        source=source,
        format="model",
        now=now,
    )
