"""Document numbers, personal numbers and machine readable zones of synthetic documents."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from openpiu.formats.mrz import validate
from openpiu.model import Sex
from openpiu.synth.documents import card_accepted, document_number, jmbg, make_document


@pytest.mark.parametrize(
    ("country", "doc_type", "pattern"),
    [
        ("SRB", "P", r"\d{9}"),
        ("RKS", "P", r"P\d{8}"),
        ("ALB", "P", r"B[A-Z]\d{7}"),
        ("MKD", "I", r"[A-Z]\d{6}"),
        ("DEU", "P", r"C[CFGHJKLMNPRTVWXYZ0-9]{8}"),
        ("FRA", "P", r"\d{2}[A-Z]{2}\d{5}"),
        ("TUR", "I", r"[A-Z]\d{8}"),  # no Turkish card shape: the passport shape
    ],
)
def test_numbers_have_the_country_shape(country: str, doc_type: str, pattern: str) -> None:
    rng = random.Random(1)  # noqa: S311 -- reproducible test data
    for _ in range(50):
        assert re.fullmatch(pattern, document_number(rng, country, doc_type))


def test_personal_number_carries_birth_date_sex_and_mod11_check() -> None:
    rng = random.Random(2)  # noqa: S311 -- reproducible test data
    for sex in (Sex.MALE, Sex.FEMALE):
        value = jmbg(rng, date(1985, 2, 12), sex, "SRB")
        assert value[:9] == "120298571"
        assert (int(value[9:12]) >= 500) is (sex is Sex.FEMALE)
        weights = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
        check = 11 - sum(int(d) * w for d, w in zip(value[:12], weights, strict=True)) % 11
        assert int(value[12]) == (0 if check == 11 else check)


def test_identity_cards_only_where_accepted() -> None:
    assert card_accepted("SRB", ("SRB", "MNE"))
    assert card_accepted("RKS", ("RKS", "ALB"))
    assert not card_accepted("SRB", ("SRB", "AUT"))
    assert card_accepted("DEU", ("SRB", "DEU"))
    assert not card_accepted("DEU", ("SRB", "TUR"))
    assert not card_accepted("TUR", ("TUR", "BIH"))


def test_documents_are_valid_on_the_travel_day_with_valid_mrz() -> None:
    rng = random.Random(3)  # noqa: S311 -- reproducible test data
    day = date(2026, 11, 29)
    for doc_type, born in (("P", date(1960, 5, 1)), ("P", date(2020, 3, 3)), ("I", date(1999, 12, 31))):
        document = make_document(
            rng,
            doc_type=doc_type,
            surname="DJORDJEVIC",
            given_names="ANDJELA",
            nationality="SRB",
            date_of_birth=born,
            sex=Sex.FEMALE,
            travel_day=day,
        )
        assert document.issue_date <= day < document.expiry_date
        years = round((document.expiry_date - document.issue_date).days / 365.25)
        assert years == (5 if born.year == 2020 else 10)
        lines = document.mrz
        assert validate(lines).valid
        if doc_type == "P":
            assert lines[0].startswith("P<SRBDJORDJEVIC<<ANDJELA<")
            assert lines[1][:9] == document.number and lines[1][13:19] == born.strftime("%y%m%d")
            assert lines[1][28:41] == document.holder.optional  # the personal number
        else:
            assert lines[0][:5] == "IDSRB" and lines[0][5:14] == document.number
            assert lines[2].startswith("DJORDJEVIC<<ANDJELA<")
