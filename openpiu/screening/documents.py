"""Document numbers as index keys: normalised, with OCR/keying confusions folded and check digits read.

A document number reaches screening in many shapes: ``"OA 454044"`` on a sanctions list, ``OA454044``
in PAXLST, ``0A454044`` when someone keyed a zero for the letter O, and sometimes with the ICAO 9303
check digit glued on (``L898902C36``). Every shape of one number must give the same key.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from openpiu.model.values import normalise_document_number

# Letters and digits that look alike on documents and are mixed up when keyed (standards digest §9):
# O/0, I/1 (and the rarer Q/0, Z/2, B/8 are NOT folded: they would merge too many real numbers).
_CONFUSIONS = str.maketrans({"O": "0", "I": "1"})
_VALID = re.compile(r"[A-Z0-9]+")
_WEIGHTS = (7, 3, 1)
# ICAO 9303 document number field length (TD3 line 2 positions 1-9); numbers this long may carry a check
# digit as a tenth character when copied from the MRZ.
MRZ_NUMBER_LENGTH = 9


def mrz_check_digit(text: str) -> int:
    """ICAO 9303 check digit (digest §10.2): values 0-9, A=10..Z=35, ``<``=0; weights 7,3,1; sum mod 10."""
    total = 0
    for i, ch in enumerate(text):
        if ch.isdigit():
            value = int(ch)
        elif "A" <= ch <= "Z":
            value = ord(ch) - 55
        elif ch == "<":
            value = 0
        else:
            raise ValueError(f"invalid MRZ character {ch!r}")
        total += value * _WEIGHTS[i % 3]
    return total % 10


def document_key(number: str) -> str | None:
    """The comparison key of a document number, or None when nothing usable is left.

    Upper case, spaces, ``<`` and separators removed (``normalise_document_number``), then O→0 and I→1.
    A tenth character that is the valid ICAO check digit of the first nine is dropped.
    """
    text = normalise_document_number(number.strip())
    if not text or not _VALID.fullmatch(text):
        return None
    if (
        len(text) == MRZ_NUMBER_LENGTH + 1
        and text[-1].isdigit()
        and mrz_check_digit(text[:-1]) == int(text[-1])
    ):
        text = text[:-1]
    return text.translate(_CONFUSIONS)


def one_edit_apart(a: str, b: str) -> bool:
    """True when two keys differ by exactly one substitution, insertion, deletion or adjacent swap."""
    return OSA.distance(a, b, score_cutoff=1) == 1
