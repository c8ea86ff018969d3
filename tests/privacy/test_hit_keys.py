"""Watchlist hits name their traveller by a pseudonym, and masking leaves nothing personal in hit rows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from openpiu.model import DataState
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer
from openpiu.review import Raised
from openpiu.store.review_tables import HitRow
from privacy.traffic import NAMES, T0, clear_values, load_traffic, screen_names

KEY = bytes(range(32))
SIX_MONTHS = add_months(T0, 6) + timedelta(days=1)
PERSONAL = (*NAMES, "ANA", "LUKA", "MARIJA", "1985")


def _screen(engine: Engine, hours: int) -> list[Raised]:
    at = T0 + timedelta(hours=hours)
    return screen_names(engine, "Ana Petrovic", "Marija Kovac", at=at, lists=hours == 2)


def _hits(engine: Engine) -> list[HitRow]:
    with Session(engine) as session:
        return list(session.scalars(select(HitRow).order_by(HitRow.id)))


def test_hit_keys_hold_no_personal_data_and_still_deduplicate(engine: Engine) -> None:
    load_traffic(engine)
    assert set(_screen(engine, 2)) == {Raised.NEW}
    hits = _hits(engine)
    assert len(hits) >= 2
    for row in hits:
        keys = f"{row.key} {row.traveller_key}".upper()
        assert not [value for value in PERSONAL if value in keys], keys
    # The same people on the next run: the same keys, so the hits are refreshed, not repeated.
    assert set(_screen(engine, 5)) == {Raised.REFRESHED}
    assert [(r.id, r.key) for r in _hits(engine)] == [(r.id, r.key) for r in hits]


def test_masked_hits_keep_nothing_personal(engine: Engine) -> None:
    load_traffic(engine)
    _screen(engine, 2)
    assert any(value in " ".join(r.explanation).upper() for r in _hits(engine) for value in NAMES)
    run_retention(engine, policy=Policy(cjeu_mode=False), sealer=Sealer(KEY), now=SIX_MONTHS)
    hits = _hits(engine)
    assert hits and {r.data_state for r in hits} == {DataState.DEPERSONALISED}
    assert {(tuple(r.explanation), r.fingerprint) for r in hits} == {((), "")}
    assert (
        clear_values(engine, skip=("watchlist_entry",)) == set()
    )  # the list's own entries are not traveller data
