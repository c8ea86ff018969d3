from __future__ import annotations

import pytest

from openpiu.screening.documents import document_key, mrz_check_digit, one_edit_apart


@pytest.mark.parametrize(
    ("field", "digit"),
    [("L898902C3", 6), ("740812", 2), ("120415", 9), ("ZE184226B<<<<<", 1), ("D23145890", 7)],
)
def test_icao_specimen_check_digits(field: str, digit: int) -> None:
    assert mrz_check_digit(field) == digit


def test_check_digit_rejects_other_characters() -> None:
    with pytest.raises(ValueError, match="invalid MRZ character"):
        mrz_check_digit("AB-1")


@pytest.mark.parametrize(
    "shape",
    ["L898902C3", "l898902c3", "L898 902 C3", "L898902C3<<", "L898902C36", "L-898902-C3"],
)
def test_every_shape_of_a_number_has_one_key(shape: str) -> None:
    assert document_key(shape) == "L898902C3"


def test_letter_o_and_i_confusions_fold() -> None:
    assert document_key("OA 454044") == document_key("0A454044") == "0A454044"
    assert document_key("I1234567") == document_key("11234567")


def test_a_wrong_tenth_digit_is_part_of_the_number() -> None:
    # 5 is not the check digit of L898902C3 (6 is), so it stays: a different, ten-character number.
    assert document_key("L898902C35") == "L898902C35"


@pytest.mark.parametrize("junk", ["", "   ", "<<<", "№ 12"])
def test_nothing_usable_gives_none(junk: str) -> None:
    assert document_key(junk) is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("AB123456", "AB123457", True),
        ("AB123456", "AB124356", True),
        ("AB123456", "AB12456", True),
        ("AB123456", "AB1234567", True),
        ("AB123456", "AB123456", False),
        ("AB123456", "AB654321", False),
        ("AB123456", "XB123457", False),
    ],
)
def test_one_edit_apart(a: str, b: str, expected: bool) -> None:
    assert one_edit_apart(a, b) is expected
