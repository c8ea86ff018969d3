"""Small factories for watchlist entries and traveller queries."""

from __future__ import annotations

from datetime import date

from openpiu.model.match import TravellerQuery
from openpiu.model.travel import TravelDocument
from openpiu.model.values import Sex
from openpiu.model.watchlist import EntryName, NameQuality, PartialDate, WatchlistEntry


def entry(
    *names: str,
    id: str = "E1",
    list_name: str = "test",
    born: str | None = None,
    nationality: str | None = None,
    sex: Sex | None = None,
    documents: tuple[str, ...] = (),
    weak: bool = False,
) -> WatchlistEntry:
    quality = NameQuality.LOW if weak else NameQuality.GOOD
    return WatchlistEntry(
        id=id,
        list_name=list_name,
        names=tuple(EntryName(n, NameQuality.PRIMARY if i == 0 else quality) for i, n in enumerate(names)),
        dates_of_birth=(PartialDate.parse(born),) if born else (),
        nationalities=(nationality,) if nationality else (),
        sex=sex,
        documents=tuple(TravelDocument("P", d) for d in documents),
    )


def traveller(
    surname: str,
    given: str = "",
    *,
    id: str = "T1",
    born: str | None = None,
    nationality: str | None = None,
    sex: Sex | None = None,
    documents: tuple[str, ...] = (),
) -> TravellerQuery:
    return TravellerQuery(
        id=id,
        surname=surname,
        given_names=given,
        date_of_birth=date.fromisoformat(born) if born else None,
        nationality=nationality,
        sex=sex,
        documents=tuple(TravelDocument("P", d) for d in documents),
    )
