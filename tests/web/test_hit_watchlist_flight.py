"""A watchlist hit found by screening stored data names its flight as every hit does (``flight:ID``): its
page links the flight, its deadline is in the airport's local time, and the flights board counts it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from storage_fixtures import hit_key

from openpiu.ingest.screening import load_lists, screen_stored
from openpiu.ingest.watchlists import store_list
from openpiu.model import StaffRole
from openpiu.model.watchlist import EntryName, NameQuality, Watchlist, WatchlistCategory, WatchlistEntry
from openpiu.settings import DEFAULT_PIU_COUNTRY
from openpiu.store import board as boards
from openpiu.store.review_tables import HitRow
from web.conftest import START, Web


def _screen(web: Web) -> int:
    """KOVACEVIC ANA (on JU0123 Belgrade → Vienna, outbound) on a list; the id of her hit."""
    with web.session() as db:
        store_list(
            db,
            Watchlist("wanted", "Police", WatchlistCategory.WANTED_PERSONS, "Law on Police Art 1"),
            [
                WatchlistEntry(
                    id="E1", list_name="wanted", names=(EntryName("Ana Kovacevic", NameQuality.PRIMARY),)
                )
            ],
            imported_by="lena",
            source="test",
            now=START,
        )
        lists = load_lists(db, pseudonym_key=hit_key(db.connection()))
        summary = screen_stored(db, lists, piu_country=DEFAULT_PIU_COUNTRY, now=START)
        db.commit()
    [found] = summary.hits
    return found.hit_id


def test_a_watchlist_hit_links_its_flight_and_shows_its_deadline_there(web: Web) -> None:
    hit_id = _screen(web)
    flight_id = web.flight_ids["JU0123"]
    with web.session() as db:
        assert db.scalars(select(HitRow.flight_key).where(HitRow.id == hit_id)).one() == f"flight:{flight_id}"
    analyst = web.client_as(StaffRole.ANALYST)
    page = analyst.client.get(f"/hits/{hit_id}").text
    assert f'href="/flights/{flight_id}"' in page
    # JU0123 leaves Belgrade at 14:00 local (CET), 13:00 UTC: shown in Belgrade's time, before departure.
    assert "2025-03-14 14:00 CET" in page and "before departure" in page
    queue = analyst.client.get("/hits").text
    row = queue[queue.index(f'href="/hits/{hit_id}"') :]
    row = row[: row.index("</tr>")]
    assert f'href="/flights/{flight_id}"' in row and "before departure" in row
    with web.session() as db:
        departures = boards.board(db, airport="BEG", day=date(2025, 3, 14)).departures
    assert {(b.flight.id, b.open_hits) for b in departures} == {(flight_id, 1)}
