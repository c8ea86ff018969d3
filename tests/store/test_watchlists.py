"""Watchlists in the database: registration, atomic re-import with version history, entry search.

On SQLite and PostgreSQL (``storage_fixtures``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from openpiu.errors import ScreeningError
from openpiu.ingest.watchlists import Registration, guess_format, import_list
from openpiu.model import Sex
from openpiu.model.watchlist import DateAccuracy, WatchlistCategory
from openpiu.screening.importers import WatchlistFormat, read_jsonl
from openpiu.store.watchlist_tables import WatchlistEntryRow
from openpiu.store.watchlists import (
    find_watchlist,
    list_versions,
    list_watchlists,
    load_entries,
    search_entries,
)

T0 = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)
REGISTRATION = Registration(
    owner="Ministry of Interior",
    category=WatchlistCategory.WANTED_PERSONS,
    legal_basis="Law on Police Art 12",
    threshold=0.85,
)


def lines(*records: object) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


VUCIC = {
    "id": "W1",
    "names": ["Đorđe Vučić", "Ђорђе Вучић"],
    "surname": "Vučić",
    "given_names": "Đorđe",
    "date_of_birth": "1970-05",
    "nationality": "SRB",
    "sex": "M",
    "documents": [{"number": "P 1234567", "type": "P", "issuing_country": "SRB"}],
}
HOXHA = {"id": "W2", "names": ["Xhevat Hoxha"], "date_of_birth": "1981-02-03", "nationality": "ALB"}
KRASNIQI = {"id": "W3", "names": ["Blerta Krasniqi"], "sex": "F"}


def _import(engine: Engine, data: bytes, *, at: datetime = T0, name: str = "nat-wanted") -> None:
    with Session(engine) as session, session.begin():
        import_list(
            session,
            data,
            name=name,
            fmt=WatchlistFormat.JSONL,
            source="wanted.jsonl",
            imported_by="ana",
            now=at,
            registration=REGISTRATION,
        )


def test_entries_round_trip_with_every_field(engine: Engine) -> None:
    _import(engine, lines(VUCIC, HOXHA))
    with Session(engine) as session:
        entries = {e.id: e for e in load_entries(session)}
        stored = find_watchlist(session, name="nat-wanted")
    expected = read_jsonl(lines(VUCIC, HOXHA), "nat-wanted").entries
    assert [entries[e.id] for e in expected] == list(expected)
    vucic = entries["W1"]
    assert vucic.dates_of_birth[0].accuracy is DateAccuracy.MONTH
    assert (vucic.sex, vucic.nationalities, vucic.documents[0].number) == (Sex.MALE, ("SRB",), "P 1234567")
    assert [n.full for n in vucic.names] == ["Đorđe Vučić", "Ђорђе Вучић"]
    assert stored is not None
    assert (stored.version, stored.entries, stored.watchlist.thresholds.alert) == (1, 2, 0.85)
    assert stored.watchlist.category is WatchlistCategory.WANTED_PERSONS


def test_reimport_replaces_entries_and_keeps_the_history(engine: Engine) -> None:
    _import(engine, lines(VUCIC, HOXHA))
    later = T0 + timedelta(days=1)
    _import(engine, lines(HOXHA, KRASNIQI, {"id": "bad"}), at=later)
    with Session(engine) as session:
        ids = sorted(e.id for e in load_entries(session))
        [stored] = list_watchlists(session)
        second, first = list_versions(session, watchlist_id=stored.id)
        received = set(session.scalars(select(WatchlistEntryRow.received_at)))
    assert ids == ["W2", "W3"]
    assert received == {later}
    assert (first.version, first.entry_ids, first.loaded, first.added, first.removed) == (
        1,
        ("W1", "W2"),
        2,
        2,
        0,
    )
    assert (second.version, second.entry_ids, second.added, second.removed) == (2, ("W2", "W3"), 1, 1)
    assert (second.rows, second.loaded, second.rejected, second.imported_at) == (3, 2, 1, later)
    assert [(i.row, i.rejected) for i in second.issues] == [(3, True)]
    assert "no name and no document" in second.issues[0].message


def test_a_failed_reimport_leaves_the_previous_version_in_force(engine: Engine) -> None:
    _import(engine, lines(VUCIC, HOXHA))
    with Session(engine) as session, pytest.raises(RuntimeError), session.begin():
        import_list(
            session,
            lines(KRASNIQI),
            name="nat-wanted",
            fmt=WatchlistFormat.JSONL,
            source="new.jsonl",
            imported_by="ana",
            now=T0 + timedelta(days=1),
        )
        # The new entries are in this transaction; a failure before the commit must undo all of it.
        assert sorted(e.id for e in load_entries(session)) == ["W3"]
        raise RuntimeError("power cut")
    with Session(engine) as session:
        assert sorted(e.id for e in load_entries(session)) == ["W1", "W2"]
        [stored] = list_watchlists(session)
        assert stored.version == 1
        assert len(list_versions(session, watchlist_id=stored.id)) == 1


def test_a_file_with_nothing_readable_does_not_empty_the_list(engine: Engine) -> None:
    _import(engine, lines(VUCIC))
    with Session(engine) as session, pytest.raises(ScreeningError, match=r"wanted.jsonl: nothing loaded"):
        import_list(
            session,
            b"<xml>not lines</xml>\n",
            name="nat-wanted",
            fmt=WatchlistFormat.JSONL,
            source="wanted.jsonl",
            imported_by="ana",
            now=T0,
        )
    with Session(engine) as session:
        assert [e.id for e in load_entries(session)] == ["W1"]


def test_a_new_list_must_be_registered(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(ScreeningError) as caught:
        import_list(
            session,
            lines(VUCIC),
            name="new",
            fmt=WatchlistFormat.JSONL,
            source="x",
            imported_by="ana",
            now=T0,
            registration=Registration(owner="MoI"),
        )
    assert str(caught.value) == "list new is new: give --category, --legal-basis to register it"
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(WatchlistEntryRow)) == 0


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Djordje Vucic", ["W1"]),
        ("ĐORĐE", ["W1"]),
        ("Ђорђе", ["W1"]),
        ("vuc", ["W1"]),
        ("Dzevat Hodza", ["W2"]),
        ("Hoxha", ["W2"]),
        ("p1234567", ["W1"]),
        ("Marko", []),
        ("", []),
    ],
)
def test_entry_search_is_balkan_aware(engine: Engine, text: str, found: list[str]) -> None:
    _import(engine, lines(VUCIC, HOXHA, KRASNIQI))
    with Session(engine) as session:
        [stored] = list_watchlists(session)
        rows = search_entries(session, watchlist_id=stored.id, text=text)
    assert [r.entry_id for r in rows] == found


def test_lists_are_kept_apart(engine: Engine) -> None:
    _import(engine, lines(VUCIC))
    _import(engine, lines(VUCIC, HOXHA), name="interpol")
    with Session(engine) as session:
        by_list = sorted((e.list_name, e.id) for e in load_entries(session))
        ids = {s.watchlist.name: s.id for s in list_watchlists(session)}
        only = load_entries(session, watchlist_ids=[ids["nat-wanted"]])
    assert by_list == [("interpol", "W1"), ("interpol", "W2"), ("nat-wanted", "W1")]
    assert [(e.list_name, e.id) for e in only] == [("nat-wanted", "W1")]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.csv", "csv"), ("UN.XML", "un-xml"), ("x.jsonl", "jsonl"), ("ftm.json", "jsonl"), ("noext", "jsonl")],
)
def test_format_from_the_file_name(name: str, fmt: str) -> None:
    assert guess_format(name).value == fmt
