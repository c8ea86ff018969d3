"""Tables of the watchlists screening compares travellers with (PNR Directive Art 6(3)(a)).

Layout::

    watchlist 1──* watchlist_version     (every import: number, when, by whom, counts, the entry ids held)
              1──* watchlist_entry       (the entries of the current version only)

A list is registered with its owner, category and legal basis (CJEU C-817/19: databases used for
screening are known and lawful) and its alert threshold. Re-importing a list replaces its entries in the
caller's transaction and adds a ``watchlist_version`` row, so what a list held at any time (and hence why
a hit was or was not raised) stays answerable after the entries themselves are gone.

Entries hold personal data (persons sought, missing, under sanctions): ``received_at`` (the import that
brought them) and ``data_state``, like every personal row. Names, dates of birth and documents are JSON
documents as published; ``search_keys`` and ``document_keys`` hold the screening normaliser's keys so that
an analyst's entry search is Balkan-aware (``Đorđe`` finds ``DJORDJE`` and ``Ђорђе``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openpiu.model import DataState, Sex
from openpiu.model.watchlist import EntryKind, WatchlistCategory
from openpiu.store.tables import Base, Id, Json
from openpiu.store.types import enum_column


class WatchlistRow(Base):
    """A registered list: who owns it, what it holds, under which legal basis, how strict its threshold."""

    __tablename__ = "watchlist"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    owner: Mapped[str] = mapped_column(Text)
    category: Mapped[WatchlistCategory] = mapped_column(enum_column(WatchlistCategory, "watchlist_category"))
    legal_basis: Mapped[str] = mapped_column(Text)
    # The publisher's version or generation date of the file last imported, when known.
    published: Mapped[str | None] = mapped_column(Text)
    threshold: Mapped[float] = mapped_column(Float)
    # Number of the current import (0: registered, nothing imported yet).
    version: Mapped[int] = mapped_column(Integer, default=0)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class WatchlistVersionRow(Base):
    """One import of a list: what it loaded and rejected, and the ids of the entries it held."""

    __tablename__ = "watchlist_version"
    __table_args__ = (UniqueConstraint("watchlist_id", "version"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    published: Mapped[str | None] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer)
    loaded: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    removed: Mapped[int] = mapped_column(Integer)
    # Every row-level issue: {"row", "message", "rejected"} (nothing is skipped silently).
    issues: Mapped[list[dict[str, Any]]] = mapped_column(Json)
    entry_ids: Mapped[list[str]] = mapped_column(Json)


class WatchlistEntryRow(Base):
    """One entry of the current version of a list (``openpiu.model.WatchlistEntry``)."""

    __tablename__ = "watchlist_entry"
    __table_args__ = (
        UniqueConstraint("watchlist_id", "entry_id"),
        Index("ix_watchlist_entry_data_state_received_at", "data_state", "received_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlist.id", ondelete="CASCADE"))
    # The publisher's id, unique within the list.
    entry_id: Mapped[str] = mapped_column(Text)
    kind: Mapped[EntryKind] = mapped_column(enum_column(EntryKind, "entry_kind"))
    primary_name: Mapped[str] = mapped_column(Text)
    surname: Mapped[str | None] = mapped_column(Text)
    given_names: Mapped[str | None] = mapped_column(Text)
    # [{"full", "quality", "surname", "given_names", "original_script"}], primary first.
    names: Mapped[list[dict[str, Any]]] = mapped_column(Json)
    # [{"year", "month", "day", "to_year", "approximate"}]: the precision is what is filled in.
    dates_of_birth: Mapped[list[dict[str, Any]]] = mapped_column(Json)
    nationalities: Mapped[list[str]] = mapped_column(Json)
    sex: Mapped[Sex | None] = mapped_column(enum_column(Sex, "sex"))
    # [{"number", "type", "issuing_country"}] as published.
    documents: Mapped[list[dict[str, Any]]] = mapped_column(Json)
    reference: Mapped[str | None] = mapped_column(Text)
    remarks: Mapped[list[str]] = mapped_column(Json)
    # " KEY KEY ... ": the skeletons of every romanisation of every name token (entry search).
    search_keys: Mapped[str] = mapped_column(Text)
    # " KEY ... ": the comparison keys of the documents (entry search by number).
    document_keys: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    data_state: Mapped[DataState] = mapped_column(
        enum_column(DataState, "data_state"), default=DataState.ACTIVE, server_default=DataState.ACTIVE.value
    )
