"""Candidate recall of the index on perturbed travellers, with a bounded candidate count."""

from __future__ import annotations

import random
from datetime import date

import pytest

from openpiu.screening.index import MAX_CANDIDATES, CandidateIndex
from openpiu.screening.score import PreparedQuery
from openpiu.screening.vocabulary import deletions
from openpiu.synth.watchlist import PERTURBATIONS, synthetic_entries
from tests.screening.factories import entry

ENTRIES = list(synthetic_entries(3000, seed=7))
INDEX = CandidateIndex(ENTRIES)


@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_candidate_recall_on_perturbed_travellers(name: str) -> None:
    rng = random.Random(11)  # noqa: S311 -- reproducible test sample, not security
    perturb = PERTURBATIONS[name]
    queries = [q for e in rng.sample(ENTRIES, 400) if (q := perturb(e, rng)) is not None]
    assert len(queries) >= 50
    found = 0
    sizes = []
    for query in queries:
        prepared = PreparedQuery.of(query)
        candidates = INDEX.candidates(prepared.keys, query.date_of_birth, prepared.document_keys)
        sizes.append(len(candidates))
        wanted = query.id.split(":", 1)[1]
        found += any(INDEX.entries[i].id == wanted for i in candidates)
    recall = found / len(queries)
    # Typos may hit two tokens' worth of edits after respelling; everything else must be near perfect.
    assert recall >= (0.97 if name == "typo" else 0.995), (name, recall)
    assert max(sizes) <= MAX_CANDIDATES + 1


def test_deletions() -> None:
    assert deletions("ABC") == {"BC", "AC", "AB"}


def test_edit_neighbourhood_and_short_tokens() -> None:
    index = CandidateIndex([entry("Stanković Ana", born="1980-01-05")])
    assert "STANKOVIC" in index.neighbours("STANKOVIC")
    assert "STANKOVIC" in index.neighbours("STANKOVIK")  # substitution
    assert "STANKOVIC" in index.neighbours("STANKVOIC")  # swap
    assert "STANKOVIC" in index.neighbours("STANKOVICH")  # insertion
    assert "STANKOVIC" in index.neighbours("STANOVIC")  # deletion
    assert index.neighbours("ANE") == ()  # three letters: exact only
    assert index.neighbours("ANA") == ("ANA",)


def test_date_of_birth_blocking() -> None:
    index = CandidateIndex(
        [
            entry("Ana Stanković", id="born80", born="1980-01-05"),
            entry("Ana Stanković", id="born90", born="1990-06-05"),
            entry("Ana Stanković", id="undated"),
            entry("Ana Stanković", id="about85", born="1985"),
        ]
    )
    keys = ("STANKOVIC", "ANA")
    ids = {index.entries[i].id for i in index.candidates(keys, date(1980, 1, 5))}
    assert ids == {"born80", "undated"}
    ids = {index.entries[i].id for i in index.candidates(keys, None)}
    assert ids == {"born80", "born90", "undated", "about85"}
    # A New Year's Day traveller also meets the previous year's entries (one day off).
    ids = {index.entries[i].id for i in index.candidates(keys, date(1981, 1, 1))}
    assert ids == {"born80", "undated"}


def test_one_token_is_not_enough_for_two_token_names() -> None:
    index = CandidateIndex([entry("Ana Stanković"), entry("Madonna", id="mononym")])
    assert index.candidates(("STANKOVIC", "IVANA"), None) == []
    assert [index.entries[i].id for i in index.candidates(("MADONA", "LOUISE"), None)] == ["mononym"]
