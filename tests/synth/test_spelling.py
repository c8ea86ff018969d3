"""The spellings real systems use for one name."""
# ruff: noqa: RUF001 -- Cyrillic letters are meant

from __future__ import annotations

import pytest

from openpiu.synth.spelling import Spelling, spell


@pytest.mark.parametrize(
    ("name", "icao", "dj", "phonetic", "plain"),
    [
        ("Đorđević", "DORDEVIC", "DJORDJEVIC", "DJORDJEVIC", "DORDEVIC"),
        ("Živković", "ZIVKOVIC", "ZIVKOVIC", "ZHIVKOVIC", "ZIVKOVIC"),
        ("Dževad", "DZEVAD", "DZEVAD", "DZEVAD", "DZEVAD"),
        ("Šćekić", "SCEKIC", "SCEKIC", "SHCEKIC", "SCEKIC"),
        ("Ѓорѓиевски", "GORGIEVSKI", "GORGIEVSKI", "GJORGJIEVSKI", "GJORGJIEVSKI"),
        ("Цветковски", "TSVETKOVSKI", "TSVETKOVSKI", "CVETKOVSKI", "CVETKOVSKI"),
        ("Христијан", "KHRISTIJAN", "KHRISTIJAN", "HRISTIJAN", "HRISTIJAN"),
        ("Çela", "CELA", "CELA", "CELA", "CELA"),
        ("Gëzim", "GEZIM", "GEZIM", "GEZIM", "GEZIM"),
        ("Müller", "MUELLER", "MUELLER", "MUELLER", "MULLER"),
        ("O'Brien", "OBRIEN", "OBRIEN", "OBRIEN", "O'BRIEN"),
        ("Dell'Acqua", "DELLACQUA", "DELLACQUA", "DELLACQUA", "DELL'ACQUA"),
        ("Hans-Peter", "HANS-PETER", "HANS-PETER", "HANS-PETER", "HANS-PETER"),
        ("De Luca", "DE LUCA", "DE LUCA", "DE LUCA", "DE LUCA"),
    ],
)
def test_each_style(name: str, icao: str, dj: str, phonetic: str, plain: str) -> None:
    assert [spell(name, style) for style in Spelling] == [icao, dj, phonetic, plain]


def test_spellings_are_upper_case_ascii() -> None:
    for style in Spelling:
        written = spell("Ђурђица Шћекић-Ўлас Weiß Yılmaz", style)
        assert written.isascii() and written == written.upper()
