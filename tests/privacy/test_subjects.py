"""Matching a data subject to stored travellers: case and diacritics ignored, every criterion given agrees."""

from __future__ import annotations

from datetime import date

import pytest

from openpiu.errors import ConfigError
from openpiu.privacy.subjects import Criteria, fold, matches


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Petrović", "PETROVIC"),
        ("Đorđević", "DORDEVIC"),
        ("  hoxha  elira ", "HOXHA ELIRA"),
        ("Çela", "CELA"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_matches_every_given_criterion() -> None:
    person = {"surname": "PETROVIC", "given_names": "ANA MARIJA", "date_of_birth": "1985-02-12"}
    assert matches(Criteria("Petrović"), person)
    assert matches(Criteria("Petrović", given_names="Ana"), person)
    assert not matches(Criteria("Petrović", given_names="Luka"), person)
    assert matches(Criteria("PETROVIC", born=date(1985, 2, 12)), person)
    assert not matches(Criteria("PETROVIC", born=date(1985, 2, 13)), person)
    assert matches(Criteria("PETROVIC", document="p 000-000 00"), person, ["P00000000"])
    assert not matches(Criteria("PETROVIC", document="X1"), person, ["P00000000"])
    assert not matches(Criteria("KOVAC"), person)
    with pytest.raises(ConfigError, match="at least the surname"):
        Criteria(" ")
    assert Criteria.from_dict(Criteria("A", born=date(2000, 1, 2)).as_dict()) == Criteria(
        "A", born=date(2000, 1, 2)
    )
