"""The demo watchlist: deterministic, the planted travellers written as lists write them, all found."""

from __future__ import annotations

from datetime import date

import pytest

from openpiu.model.match import TravellerQuery
from openpiu.model.travel import TravelDocument
from openpiu.model.values import Sex
from openpiu.screening import Screener
from openpiu.synth import generate_day
from openpiu.synth.demo_watchlist import STYLES, demo_watchlist
from openpiu.synth.truth import day_truth


@pytest.fixture(scope="module")
def day() -> dict[str, object]:
    return day_truth(generate_day(seed=4, scale=0.03, day=date(2026, 11, 29)), {})


def test_same_seed_same_list_other_seed_other_list(day: dict[str, object]) -> None:
    first = demo_watchlist(day, seed=1, size=400)
    assert first == demo_watchlist(day, seed=1, size=400)
    assert first.planted != demo_watchlist(day, seed=2, size=400).planted
    assert len(first.entries) == 400
    assert len({e.id for e in first.entries}) == 400


def test_planted_travellers_are_written_differently_and_found(day: dict[str, object]) -> None:
    demo = demo_watchlist(day, seed=1, size=400)
    people = day["people"]
    assert isinstance(people, dict)
    assert len(demo.planted) == 20 and len({p.person_id for p in demo.planted}) == 20
    assert {p.how for p in demo.planted} == {style[0] for style in STYLES}
    entries = {e.id: e for e in demo.entries}
    for mark in demo.planted:
        person, entry = people[mark.person_id], entries[mark.entry_id]
        passport = (
            f"{person['written_given_names']} {person['written_surname']}",
            date.fromisoformat(person["date_of_birth"]),
            (),
        )
        on_list = (entry.primary_name.upper(), entry.dates_of_birth[0].exact, entry.documents)
        assert on_list != passport, mark  # every planted entry is written otherwise than the passport
    queries = [
        TravellerQuery(
            id=pid,
            surname=p["written_surname"],
            given_names=p["written_given_names"],
            date_of_birth=date.fromisoformat(p["date_of_birth"]),
            nationality=p["nationality"],
            sex=Sex(p["sex"]),
            documents=(TravelDocument(p["document"]["type"], p["document"]["number"], None),),
        )
        for pid, p in people.items()
    ]
    alerts = {(m.traveller_id, m.entry_id) for m in Screener(demo.entries, [demo.watchlist]).screen(queries)}
    assert {(p.person_id, p.entry_id) for p in demo.planted} <= alerts
