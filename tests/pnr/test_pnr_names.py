from __future__ import annotations

import pytest

from openpiu.pnr.names import given_key, plain, surname_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ĐOKOVIĆ", "DJOKOVIC"),
        ("DJOKOVIC", "DOKOVIC"),
        ("ŽIVKOVIĆ", "ZHIVKOVICH"),
        ("ŠEHU", "SHEHU"),
        ("KRASNIQI", "KRASNIQI"),
        ("ÇELA", "CELA"),
        ("DŽEKO", "DZHEKO"),
        ("MARKOVSKI", "MARKOVSKY"[:-1] + "I"),
        ("VAN DEN BERG", "VANDENBERG"),
        ("GJORGJIEVSKI", "ĐORĐIEVSKI"),
    ],
)
def test_same_surname_key(a: str, b: str) -> None:
    assert surname_key(a) == surname_key(b)


@pytest.mark.parametrize(("a", "b"), [("PETROVIC", "PETROVSKI"), ("HOXHA", "HOXA Z"), ("ANA", "ANE")])
def test_different_surname_key(a: str, b: str) -> None:
    assert surname_key(a) != surname_key(b)


def test_given_names_order_and_diacritics() -> None:
    assert given_key("MARKO JOVAN") == given_key("JOVAN MARKO")
    assert given_key("Ëlira") == given_key("ELIRA")
    assert plain("Čedomir-Đuro") == "CEDOMIR DJURO"
