"""Every number a reader converts is checked the way ``int`` reads it: no digit-like text gets through.

``str.isdigit`` accepts superscripts (``²``) that ``int`` refuses, and ``str.strip`` removes control
characters (``\\x1f``) that ``int`` does not: a guard written with either let a damaged count raise
``ValueError`` out of the reader (found by a hypothesis run). Here every digit of a valid PAXLST and of a
valid PNRGOV message is damaged in turn, in three ways; the only error allowed out is ``ParseError``.
"""

from __future__ import annotations

import pytest

from bench.parse_pnrgov import build_message
from tests.formats.test_formats_properties import VALID, parse_or_reject

DAMAGE = ("²", "\x1f{}", "{}\x1f")


def _digits_damaged(text: str) -> list[str]:
    found = []
    for at, char in enumerate(text):
        if char.isascii() and char.isdigit():
            found += [text[:at] + pattern.format(char) + text[at + 1 :] for pattern in DAMAGE]
    return found


@pytest.mark.parametrize(
    "message",
    [VALID, build_message(1, seed=3)[0].decode("ascii")],
    ids=["PAXLST", "PNRGOV"],
)
def test_a_damaged_number_is_a_warning_or_a_parse_error_never_a_crash(message: str) -> None:
    variants = _digits_damaged(message)
    assert len(variants) > 300
    for variant in variants:
        parse_or_reject(variant.encode("utf-8"))
