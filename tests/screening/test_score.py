"""Feature functions on literal name tables: each returns a score and a reason."""

from __future__ import annotations

from dataclasses import replace

import pytest

from openpiu.model.values import Sex
from openpiu.model.watchlist import PartialDate
from openpiu.screening.align import align, token_similarity
from openpiu.screening.names import entry_keys, query_keys
from openpiu.screening.score import PreparedQuery, date_of_birth, document, nationality, sex
from tests.screening.factories import entry, traveller

MATCHING_NAMES = [
    ("Đorđe Vučić", "VUCIC", "DJORDJE"),
    ("Xhevat Krasniqi", "KRASNIQI", "DZEVAT"),
    ("Dževat Hodža", "HOXHA", "XHEVAT"),
    ("Ђорђе Вучић", "VUCIC", "DORDE"),
    ("Ljubiša Đokić", "DJOKIC", "LJUBISHA"),
    ("Marko Jovan Petrović", "PETROVIC", "MARKO"),  # missing middle name
    ("Petrović Marko", "PETROVIC", "MARKO"),  # surname first
    ("Gëzim Shehu", "SEHU", "GEZIM"),
    ("Nikola Stanković", "STANKOVIC", "NIKOLLA"),  # one edit in a long token
]


@pytest.mark.parametrize(("listed", "surname", "given"), MATCHING_NAMES)
def test_names_that_must_match(listed: str, surname: str, given: str) -> None:
    result = align(query_keys(f"{surname} {given}"), entry_keys(listed))
    assert result.score >= 0.85, (listed, surname, given, result)


NON_MATCHING_NAMES = [
    ("Marko Petrović", "NIKOLIC", "MARKO"),  # one part in common
    ("Ana Kos", "KOS", "IVA"),  # short tokens: one letter apart is another name
    ("Ali Omar", "OMAR", "ALI ABU BAKR HASSAN"),
    ("Dragan Jovanović", "JOVANOVSKI", "DRAGICA"),
]


@pytest.mark.parametrize(("listed", "surname", "given"), NON_MATCHING_NAMES)
def test_names_that_must_not_match(listed: str, surname: str, given: str) -> None:
    result = align(query_keys(f"{surname} {given}"), entry_keys(listed))
    assert result.score < 0.75, (listed, surname, given, result)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("MARKO", "MARKO", 1.0),
        ("M", "MARKO", 0.75),
        ("N", "MARKO", 0.0),
        ("ANA", "ANE", 0.0),
        ("IVAN", "IVANA", 0.8),
    ],
)
def test_short_token_care(a: str, b: str, expected: float) -> None:
    assert token_similarity(a, b) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("listed", "born", "score", "words"),
    [
        ("1970-05-02", "1970-05-02", 0.2, "exact"),
        ("1970-05-02", "1970-02-05", 0.1, "swapped"),
        ("1970-05-02", "1970-05-03", 0.1, "one day apart"),
        ("1970-12-31", "1971-01-01", 0.1, "one day apart"),
        ("1970-05", "1970-05-20", 0.1, "same month"),
        ("1970", "1970-08-20", 0.04, "within the listed year"),
        ("1970-05-02", "1970-09-20", -0.5, "same year, different day"),
        ("1970-05-02", "1971-09-20", -0.7, "one year apart"),
        ("1970-05-02", "1980-05-02", -1.0, "conflicting"),
        ("1970", "1975-01-01", -1.0, "conflicting"),
    ],
)
def test_date_of_birth_is_graded(listed: str, born: str, score: float, words: str) -> None:
    result = date_of_birth(PreparedQuery.of(traveller("X", born=born)), entry("X", born=listed))
    assert result.score == score
    assert words in result.reason


def test_best_of_several_listed_dates_counts() -> None:
    listed = replace(entry("X"), dates_of_birth=(PartialDate(1955), PartialDate(1960, 3, 3)))
    result = date_of_birth(PreparedQuery.of(traveller("X", born="1960-03-03")), listed)
    assert result.score == 0.2


def test_missing_date_is_not_evidence() -> None:
    result = date_of_birth(PreparedQuery.of(traveller("X")), entry("X", born="1970"))
    assert result.score == 0.0
    assert "missing" in result.reason


def test_nationality_and_sex() -> None:
    query = PreparedQuery.of(traveller("X", nationality="SRB", sex=Sex.MALE))
    assert nationality(query, entry("X", nationality="SRB")).score > 0
    assert nationality(query, entry("X", nationality="ALB")).score < 0
    assert sex(query, entry("X", sex=Sex.FEMALE)).score == -1.0
    assert sex(query, entry("X", sex=Sex.MALE)).score == 0.0
    assert sex(query, entry("X")).score == 0.0


@pytest.mark.parametrize(
    ("carried", "listed", "score"),
    [
        ("P1234567", "P 123 4567", 1.0),
        ("PO123456", "P0123456", 1.0),
        ("P1234567", "P1234568", 0.25),
        ("P1234567", "X9999999", 0.0),
    ],
)
def test_document_exact_or_one_edit(carried: str, listed: str, score: float) -> None:
    result = document(PreparedQuery.of(traveller("X", documents=(carried,))), entry("X", documents=(listed,)))
    assert result.score == score
    assert result.reason
