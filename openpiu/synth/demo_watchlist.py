"""The demo's watchlist: a few thousand synthetic entries, about twenty of which are travellers of the day.

Built from the day's ground truth (``truth/day.json`` of ``write_day(..., truth=True)``): some passengers
are "planted" on the list the way a real list would carry them, not as their passport reads: in national
script with diacritics (``Đorđević`` for ``DJORDJEVIC``), in Cyrillic, with surname and given names in
the other order, Đ as DJ or diacritics dropped, with a date of birth one day off or only its year, under an
alias, or with the passport number written with spaces. The rest is non-matching filler
(``synth.watchlist.synthetic_entries``). Every name is synthetic.

``demo_watchlist`` is pure; ``load_demo_watchlist`` stores the list (the I/O edge, like ``files.py``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from openpiu.ingest.watchlists import store_list
from openpiu.model import Sex, TravelDocument
from openpiu.model.watchlist import (
    EntryName,
    NameQuality,
    PartialDate,
    Thresholds,
    Watchlist,
    WatchlistCategory,
    WatchlistEntry,
)
from openpiu.screening.translit import is_cyrillic
from openpiu.store.watchlists import ListVersion
from openpiu.synth.watchlist import ascii_spelling, cyrillic, synthetic_entries

DEMO_LIST = Watchlist(
    name="demo-wanted",
    owner="Synthetic national police (demo)",
    category=WatchlistCategory.WANTED_PERSONS,
    legal_basis="Demo only: synthetic data, no legal effect",
    version="synthetic",
    thresholds=Thresholds(),
)


@dataclass(frozen=True, slots=True)
class Planted:
    """A traveller of the day put on the list: which person, as which entry, written how."""

    person_id: str
    entry_id: str
    how: str


@dataclass(frozen=True, slots=True)
class DemoWatchlist:
    """The list, its entries, and the travellers planted in it (for the demo's summary and tests)."""

    watchlist: Watchlist
    entries: tuple[WatchlistEntry, ...]
    planted: tuple[Planted, ...]


def _names(person: Mapping[str, Any]) -> tuple[str, str]:
    return person["given_names"], person["surname"]


def _published(person: Mapping[str, Any], rng: random.Random) -> list[EntryName]:
    given, surname = _names(person)
    return [EntryName(f"{given} {surname}", NameQuality.PRIMARY, surname=surname, given_names=given)]


def _script(person: Mapping[str, Any], rng: random.Random) -> list[EntryName]:
    given, surname = _names(person)
    full = f"{given} {surname}"
    if is_cyrillic(full) or person["origin"] not in ("sr", "me", "bs", "mk"):
        return [EntryName(full, NameQuality.PRIMARY, surname=surname, given_names=given)]
    return [EntryName(cyrillic(full), NameQuality.PRIMARY, original_script=True)]


def _swapped(person: Mapping[str, Any], rng: random.Random) -> list[EntryName]:
    given, surname = _names(person)
    return [EntryName(f"{surname} {given}", NameQuality.PRIMARY)]


def _spelled(person: Mapping[str, Any], rng: random.Random) -> list[EntryName]:
    """An ASCII spelling of the name other than the passport's, when a few draws find one."""
    given, surname = _names(person)
    passport = f"{person['written_given_names']} {person['written_surname']}".upper()
    spelling = ascii_spelling(f"{given} {surname}", rng)
    for _ in range(8):
        if spelling != passport:
            break
        spelling = ascii_spelling(f"{given} {surname}", rng)
    return [EntryName(spelling, NameQuality.PRIMARY)]


def _alias(person: Mapping[str, Any], rng: random.Random) -> list[EntryName]:
    given, surname = _names(person)
    cover = next(synthetic_entries(1, seed=rng.randrange(10**9))).names[0]
    return [cover, EntryName(f"{given} {surname}", NameQuality.GOOD)]


# How a planted person is written on the list, how their date of birth is published, and whether the
# style needs a name that the passport writes otherwise (diacritics, Cyrillic) to make a difference.
NameStyle = Callable[[Mapping[str, Any], random.Random], list[EntryName]]
STYLES: tuple[tuple[str, NameStyle, str, bool], ...] = (
    ("national spelling with diacritics", _published, "exact", True),
    ("Cyrillic (original script)", _script, "exact", True),
    ("surname first", _swapped, "exact", False),
    ("Đ as DJ / diacritics dropped", _spelled, "exact", True),
    ("date of birth one day off", _published, "shifted", False),
    ("only the year of birth", _spelled, "year", False),
    ("under an alias", _alias, "exact", False),
    ("passport number with spaces", _spelled, "document", False),
)


def _spelled_otherwise(person: Mapping[str, Any]) -> bool:
    """True when the name as written at home differs from the passport's (MRZ) spelling."""
    original = f"{person['given_names']} {person['surname']}".upper()
    return original != f"{person['written_given_names']} {person['written_surname']}".upper()


def _planted_entry(
    entry_id: str, person: Mapping[str, Any], style: tuple[str, NameStyle, str, bool], rng: random.Random
) -> WatchlistEntry:
    how, names, born_as, _ = style
    born = date.fromisoformat(person["date_of_birth"])
    if born_as == "shifted":
        born_date = PartialDate.of(born + timedelta(days=rng.choice((-1, 1))))
    elif born_as == "year":
        born_date = PartialDate(born.year)
    else:
        born_date = PartialDate.of(born)
    documents: tuple[TravelDocument, ...] = ()
    if born_as == "document":
        doc = person["document"]
        spaced = f"{doc['number'][:2]} {doc['number'][2:]}"
        documents = (TravelDocument(doc["type"], spaced, doc["issuing_country"]),)
    return WatchlistEntry(
        id=entry_id,
        list_name=DEMO_LIST.name,
        names=tuple(names(person, rng)),
        dates_of_birth=(born_date,),
        nationalities=(person["nationality"],),
        sex=Sex(person["sex"]),
        documents=documents,
        remarks=(f"demo: planted traveller, {how}",),
    )


def demo_watchlist(
    day: Mapping[str, Any], *, seed: int, size: int = 3_000, planted: int = 20
) -> DemoWatchlist:
    """The demo list for one synthetic day.

    Args:
        day: the day's ground truth (the content of ``truth/day.json``).
        seed: same seed and day, same list.
        size: number of entries in all (planted + filler).
        planted: how many of the day's passengers go on the list (fewer if the day has fewer).
    """
    rng = random.Random(f"openpiu-demo-watchlist/{seed}")  # noqa: S311 -- reproducible synthetic data
    passengers = sorted({pid for flight in day["flights"] for pid in flight["passengers"]})
    people = day["people"]
    chosen = rng.sample(passengers, min(planted, len(passengers)))
    # Styles that vary the spelling go to travellers whose names have letters to vary, when there are.
    varied = [pid for pid in passengers if _spelled_otherwise(people[pid]) and pid not in chosen]
    entries: list[WatchlistEntry] = []
    marks: list[Planted] = []
    for n, person_id in enumerate(chosen):
        style = STYLES[n % len(STYLES)]
        if style[3] and not _spelled_otherwise(people[person_id]) and varied:
            person_id = varied.pop(rng.randrange(len(varied)))
        entry = _planted_entry(f"D{n + 1:04d}", people[person_id], style, rng)
        entries.append(entry)
        marks.append(Planted(person_id, entry.id, style[0]))
    filler = synthetic_entries(max(0, size - len(entries)), seed=seed, list_name=DEMO_LIST.name)
    entries.extend(filler)
    rng.shuffle(entries)
    return DemoWatchlist(DEMO_LIST, tuple(entries), tuple(marks))


def load_demo_watchlist(
    session: Session, day_json: Path, *, seed: int, now: datetime, size: int = 3_000
) -> tuple[DemoWatchlist, ListVersion]:
    """Build the demo list from ``day_json`` (``truth/day.json``) and store it; the caller commits."""
    day = json.loads(day_json.read_text(encoding="utf-8"))
    demo = demo_watchlist(day, seed=seed, size=size)
    version = store_list(
        session, demo.watchlist, demo.entries, imported_by="demo", source="synthetic", now=now
    )
    return demo, version
