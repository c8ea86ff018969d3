"""Store and load watchlists: registration, atomic re-import with version history, entries, entry search.

``replace_entries`` swaps a list's entries for a newly imported set inside the caller's transaction:
either the whole new version is there after the commit, or (on any failure and rollback) the previous
one still is. Every import adds a ``watchlist_version`` row with its counts, issues and the entry ids it
held. Functions never commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from openpiu.errors import NotFound
from openpiu.model import DataState, TravelDocument
from openpiu.model.watchlist import (
    EntryName,
    NameQuality,
    PartialDate,
    Thresholds,
    Watchlist,
    WatchlistEntry,
)
from openpiu.screening.documents import document_key
from openpiu.screening.importers import ImportIssue
from openpiu.screening.names import entry_keys, query_keys
from openpiu.store.watchlist_tables import WatchlistEntryRow, WatchlistRow, WatchlistVersionRow

# Rows per INSERT statement when loading entries (bounded memory for million-entry lists).
BATCH = 5_000


@dataclass(frozen=True, slots=True)
class StoredWatchlist:
    """A registered list with its database id, current import number and entry count."""

    id: int
    watchlist: Watchlist
    version: int
    entries: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One import of a list (``watchlist_version``)."""

    version: int
    imported_at: datetime
    imported_by: str
    source: str
    format: str
    published: str | None
    rows: int
    loaded: int
    rejected: int
    added: int
    removed: int
    issues: tuple[ImportIssue, ...]
    entry_ids: tuple[str, ...]


def _stored(row: WatchlistRow) -> StoredWatchlist:
    return StoredWatchlist(
        id=row.id,
        watchlist=Watchlist(
            name=row.name,
            owner=row.owner,
            category=row.category,
            legal_basis=row.legal_basis,
            version=row.published,
            thresholds=Thresholds(alert=row.threshold),
        ),
        version=row.version,
        entries=row.entries,
        updated_at=row.updated_at,
    )


def save_watchlist(session: Session, watchlist: Watchlist, *, now: datetime) -> StoredWatchlist:
    """Register ``watchlist`` by name, or update the registration of the list of that name."""
    row = session.scalars(select(WatchlistRow).where(WatchlistRow.name == watchlist.name)).one_or_none()
    if row is None:
        row = WatchlistRow(name=watchlist.name, version=0, entries=0, created_at=now)
        session.add(row)
    row.owner = watchlist.owner
    row.category = watchlist.category
    row.legal_basis = watchlist.legal_basis
    row.published = watchlist.version
    row.threshold = watchlist.thresholds.alert
    row.updated_at = now
    session.flush()
    return _stored(row)


def find_watchlist(session: Session, *, name: str) -> StoredWatchlist | None:
    """The list registered as ``name``, if any."""
    row = session.scalars(select(WatchlistRow).where(WatchlistRow.name == name)).one_or_none()
    return None if row is None else _stored(row)


def get_watchlist(session: Session, *, watchlist_id: int) -> StoredWatchlist:
    """The list with database id ``watchlist_id``; ``NotFound`` when absent."""
    row = session.get(WatchlistRow, watchlist_id)
    if row is None:
        raise NotFound(f"no watchlist {watchlist_id}")
    return _stored(row)


def list_watchlists(session: Session) -> list[StoredWatchlist]:
    """Every registered list, by name."""
    return [_stored(row) for row in session.scalars(select(WatchlistRow).order_by(WatchlistRow.name))]


def replace_entries(
    session: Session,
    *,
    watchlist_id: int,
    entries: Sequence[WatchlistEntry],
    issues: Sequence[ImportIssue],
    rows: int,
    imported_by: str,
    source: str,
    format: str,
    now: datetime,
) -> ListVersion:
    """Make ``entries`` the list's current version and record the import in its history.

    Args:
        watchlist_id: the registered list (``save_watchlist``).
        entries: the entries read from the file (ids unique within it).
        issues: every row-level issue the importer reported (kept with the version).
        rows: rows (lines, records) the file had.
        imported_by: who imported (login name, or the command line user).
        source: where the file came from (its name).
        format: the file format (``jsonl``, ``csv``, ``un-xml``, ``ftm``).
        now: the import time; ``received_at`` of every entry.
    """
    row = session.get(WatchlistRow, watchlist_id)
    if row is None:
        raise NotFound(f"no watchlist {watchlist_id}")
    previous = set(
        session.scalars(
            select(WatchlistEntryRow.entry_id).where(WatchlistEntryRow.watchlist_id == watchlist_id)
        )
    )
    session.execute(delete(WatchlistEntryRow).where(WatchlistEntryRow.watchlist_id == watchlist_id))
    values = [_entry_values(entry, watchlist_id=watchlist_id, received_at=now) for entry in entries]
    for start in range(0, len(values), BATCH):
        session.execute(insert(WatchlistEntryRow), values[start : start + BATCH])
    ids = [entry.id for entry in entries]
    current = set(ids)
    row.version += 1
    row.entries = len(ids)
    row.updated_at = now
    version = WatchlistVersionRow(
        watchlist_id=watchlist_id,
        version=row.version,
        imported_at=now,
        imported_by=imported_by,
        source=source,
        format=format,
        published=row.published,
        rows=rows,
        loaded=len(ids),
        rejected=sum(1 for issue in issues if issue.rejected),
        added=len(current - previous),
        removed=len(previous - current),
        issues=[{"row": i.row, "message": i.message, "rejected": i.rejected} for i in issues],
        entry_ids=ids,
    )
    session.add(version)
    session.flush()
    return _version(version)


def list_versions(session: Session, *, watchlist_id: int) -> list[ListVersion]:
    """The list's imports, newest first."""
    query = (
        select(WatchlistVersionRow)
        .where(WatchlistVersionRow.watchlist_id == watchlist_id)
        .order_by(WatchlistVersionRow.version.desc())
    )
    return [_version(row) for row in session.scalars(query)]


def _version(row: WatchlistVersionRow) -> ListVersion:
    return ListVersion(
        version=row.version,
        imported_at=row.imported_at,
        imported_by=row.imported_by,
        source=row.source,
        format=row.format,
        published=row.published,
        rows=row.rows,
        loaded=row.loaded,
        rejected=row.rejected,
        added=row.added,
        removed=row.removed,
        issues=tuple(ImportIssue(i["row"], i["message"], i["rejected"]) for i in row.issues),
        entry_ids=tuple(row.entry_ids),
    )


def load_entries(session: Session, *, watchlist_ids: Iterable[int] | None = None) -> list[WatchlistEntry]:
    """The active entries of the given lists (all lists when None), as screening takes them."""
    query = (
        select(WatchlistEntryRow, WatchlistRow.name)
        .join(WatchlistRow, WatchlistRow.id == WatchlistEntryRow.watchlist_id)
        .where(WatchlistEntryRow.data_state == DataState.ACTIVE)
        .order_by(WatchlistEntryRow.id)
    )
    if watchlist_ids is not None:
        query = query.where(WatchlistEntryRow.watchlist_id.in_(list(watchlist_ids)))
    return [entry_of(row, list_name) for row, list_name in session.execute(query)]


def search_entries(
    session: Session, *, watchlist_id: int, text: str, limit: int = 100
) -> list[WatchlistEntryRow]:
    """Entries of a list whose names hold every token of ``text``, or whose document number is ``text``.

    Names are compared on the screening normaliser's keys, each token as a prefix: ``Djordje`` finds
    ``Đorđe`` and ``Ђорђе``, ``Hodza`` finds ``Hoxha``.
    """
    keys = query_keys(text)
    conditions = []
    if keys:
        conditions.append(and_(*(WatchlistEntryRow.search_keys.contains(f" {key}") for key in keys)))
    number = document_key(text)
    if number:
        conditions.append(WatchlistEntryRow.document_keys.contains(f" {number} "))
    if not conditions:
        return []
    query = (
        select(WatchlistEntryRow)
        .where(
            WatchlistEntryRow.watchlist_id == watchlist_id,
            WatchlistEntryRow.data_state == DataState.ACTIVE,
            or_(*conditions),
        )
        .order_by(WatchlistEntryRow.primary_name, WatchlistEntryRow.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def _entry_values(entry: WatchlistEntry, *, watchlist_id: int, received_at: datetime) -> dict[str, Any]:
    primary = entry.names[0] if entry.names else None
    keys = {key for name in entry.names for token in entry_keys(name.full) for key in token}
    numbers = {key for key in (document_key(d.number) for d in entry.documents) if key}
    return {
        "watchlist_id": watchlist_id,
        "entry_id": entry.id,
        "kind": entry.kind,
        "primary_name": entry.primary_name,
        "surname": primary.surname if primary else None,
        "given_names": primary.given_names if primary else None,
        "names": [
            {
                "full": n.full,
                "quality": n.quality.value,
                "surname": n.surname,
                "given_names": n.given_names,
                "original_script": n.original_script,
            }
            for n in entry.names
        ],
        "dates_of_birth": [
            {
                "year": d.year,
                "month": d.month,
                "day": d.day,
                "to_year": d.to_year,
                "approximate": d.approximate,
            }
            for d in entry.dates_of_birth
        ],
        "nationalities": list(entry.nationalities),
        "sex": entry.sex,
        "documents": [
            {"number": d.number, "type": d.type, "issuing_country": d.issuing_country}
            for d in entry.documents
        ],
        "reference": entry.reference,
        "remarks": list(entry.remarks),
        "search_keys": f" {' '.join(sorted(keys))} ",
        "document_keys": f" {' '.join(sorted(numbers))} ",
        "received_at": received_at,
        "data_state": DataState.ACTIVE,
    }


def entry_of(row: WatchlistEntryRow, list_name: str) -> WatchlistEntry:
    """The model entry of a stored row (``list_name``: the name of the row's list)."""
    return WatchlistEntry(
        id=row.entry_id,
        list_name=list_name,
        kind=row.kind,
        names=tuple(
            EntryName(
                n["full"],
                NameQuality(n["quality"]),
                surname=n["surname"],
                given_names=n["given_names"],
                original_script=n["original_script"],
            )
            for n in row.names
        ),
        dates_of_birth=tuple(
            PartialDate(d["year"], d["month"], d["day"], d["to_year"], d["approximate"])
            for d in row.dates_of_birth
        ),
        nationalities=tuple(row.nationalities),
        sex=row.sex,
        documents=tuple(TravelDocument(d["type"], d["number"], d["issuing_country"]) for d in row.documents),
        reference=row.reference,
        remarks=tuple(row.remarks),
    )
