"""ICAO 9303 check digits and MRZ composition against the specimens of standards §10.5."""
# ruff: noqa: RUF001 -- Turkish and Cyrillic letters in the name tables are meant

from __future__ import annotations

from datetime import date

import pytest

from openpiu.errors import ParseError
from openpiu.formats.mrz import (
    MrzData,
    MrzFormat,
    check_digit,
    compose,
    compose_td1,
    compose_td2,
    compose_td3,
    mrz_name,
    transliterate,
    validate,
)

# ICAO 9303 specimen (Anna Maria Eriksson, Utopia) and the digest's own example persons (§10.5).
TD3_SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1_SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("L898902C3", 6),
        ("740812", 2),
        ("120415", 9),
        ("ZE184226B<<<<<", 1),
        ("D23145890", 7),
        ("012345678", 4),
        ("850212", 0),
        ("300115", 6),
        ("", 0),
    ],
)
def test_check_digit_matches_icao_specimens(data: str, digit: int) -> None:
    assert check_digit(data) == digit


def test_check_digit_rejects_characters_outside_the_mrz_set() -> None:
    with pytest.raises(ValueError, match="invalid MRZ character"):
        check_digit("ab12")


def test_compose_td3_reproduces_the_icao_specimen() -> None:
    data = MrzData(
        document_code="P",
        issuing_state="UTO",
        surname="Eriksson",
        given_names="Anna Maria",
        number="L898902C3",
        nationality="UTO",
        date_of_birth=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional="ZE184226B",
    )
    assert compose_td3(data) == TD3_SPECIMEN


def test_compose_td1_reproduces_the_icao_specimen() -> None:
    data = MrzData(
        "I", "UTO", "Eriksson", "Anna Maria", "D23145890", "UTO", date(1974, 8, 12), "F", date(2012, 4, 15)
    )
    assert compose_td1(data) == TD1_SPECIMEN


def test_compose_reproduces_the_digest_examples() -> None:
    petrovic = MrzData(
        "P", "SRB", "Petrović", "Marko Jovan", "012345678", "SRB", date(1985, 2, 12), "M", date(2030, 1, 15)
    )
    hoxha = MrzData(
        "ID", "ALB", "Hoxha", "Elira", "AB1234567", "ALB", date(1992, 7, 30), "F", date(2029, 5, 1)
    )
    assert compose(petrovic, MrzFormat.TD3) == (
        "P<SRBPETROVIC<<MARKO<JOVAN<<<<<<<<<<<<<<<<<<",
        "0123456784SRB8502120M3001156<<<<<<<<<<<<<<<4",
    )
    assert compose(hoxha, MrzFormat.TD1) == (
        "IDALBAB12345671<<<<<<<<<<<<<<<",
        "9207307F2905017ALB<<<<<<<<<<<2",
        "HOXHA<<ELIRA<<<<<<<<<<<<<<<<<<",
    )


def test_german_state_code_is_padded_d() -> None:
    data = MrzData(
        "P", "DEU", "Müller", "Jürgen", "C01X00T47", "DEU", date(1964, 8, 12), "M", date(2027, 10, 31)
    )
    line1, line2 = compose_td3(data)
    assert line1.startswith("P<D<<MUELLER<<JUERGEN<")
    assert line2[10:13] == "D<<"
    assert validate((line1, line2)).valid


def test_composed_lines_have_the_layout_sizes_and_validate() -> None:
    data = MrzData(
        "I", "MKD", "Стојановска", "Фросина", "A123456", "MKD", date(2001, 12, 3), "F", date(2031, 12, 2)
    )
    for fmt, shape in ((MrzFormat.TD1, (30, 30, 30)), (MrzFormat.TD2, (36, 36)), (MrzFormat.TD3, (44, 44))):
        lines = compose(data, fmt)
        assert tuple(len(line) for line in lines) == shape
        result = validate(lines)
        assert (result.format, result.failures) == (fmt, ())
    assert compose_td2(data)[0] == "I<MKDSTOJANOVSKA<<FROSINA<<<<<<<<<<<"


def test_validate_accepts_the_specimens() -> None:
    assert validate(TD3_SPECIMEN).valid
    assert validate(list(TD1_SPECIMEN)).valid


def test_validate_reports_which_check_digit_failed() -> None:
    # The date-of-birth check digit misread as 3 (weight 3 in the composite): both digits fail.
    line2 = TD3_SPECIMEN[1][:19] + "3" + TD3_SPECIMEN[1][20:]
    result = validate((TD3_SPECIMEN[0], line2))
    assert [(f.field, f.found, f.expected) for f in result.failures] == [
        ("date_of_birth", "3", "2"),
        ("composite", "0", "3"),
    ]
    # An OCR error in the optional data shows in the composite and its own digit, not in the number.
    line2 = TD3_SPECIMEN[1][:28] + "X" + TD3_SPECIMEN[1][29:]
    assert [f.field for f in validate((TD3_SPECIMEN[0], line2)).failures] == ["optional_data", "composite"]
    td1_line1 = TD1_SPECIMEN[0][:14] + "8" + TD1_SPECIMEN[0][15:]
    failed = validate((td1_line1, *TD1_SPECIMEN[1:])).failures
    assert [f.field for f in failed] == ["document_number", "composite"]


@pytest.mark.parametrize(
    "lines",
    [(), ("P<UTO",), ("A" * 44, "A" * 43), ("." * 30, "-" * 30, "," * 30), ("P<UTO" + "é" * 39, "1" * 44)],
)
def test_validate_raises_parse_error_on_non_mrz(lines: tuple[str, ...]) -> None:
    with pytest.raises(ParseError):
        validate(lines)


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Đorđević", "DORDEVIC"),
        ("Šćekić", "SCEKIC"),
        ("Žarković", "ZARKOVIC"),
        ("Hoxha Çela", "HOXHA CELA"),
        ("Gëzim", "GEZIM"),
        ("Müller", "MUELLER"),
        ("Weiß", "WEISS"),
        ("Yılmaz", "YILMAZ"),
        ("Şahin", "SAHIN"),
        ("Шопов", "SHOPOV"),
        ("Ѓорѓиевски", "GORGIEVSKI"),
        ("Џамбазов", "DZAMBAZOV"),
        ("Цветковски", "TSVETKOVSKI"),
        ("O'Brien", "OBRIEN"),
        ("Lefèvre", "LEFEVRE"),
    ],
)
def test_transliterate_follows_icao_9303(name: str, written: str) -> None:
    assert transliterate(name) == written


def test_mrz_name_fills_separators_and_truncates() -> None:
    assert mrz_name("De Luca", "Gian Luca", 30) == "DE<LUCA<<GIAN<LUCA<<<<<<<<<<<<"
    assert mrz_name("Fraser-Smith", "", 15) == "FRASER<SMITH<<<"
    assert len(mrz_name("Hadžiomerović Mehmedović", "Šemsudin Muhamed Ćamil", 30)) == 30
