"""How real systems write a name: the spellings a PIU receives for one person.

A passport scanned at check-in gives the ICAO 9303 transliteration (Đ→D, Č→C, Ë→E, Ü→UE, Cyrillic Ж→ZH).
Serbian documents write Đ as DJ. Systems fed from bookings or foreign registers use phonetic spellings
derived from Cyrillic (Č→CH, Š→SH, Ž→ZH, Dž→DZ) or simply drop diacritics and keep apostrophes.
Matching must treat all of these as one name (standards §9, §10.6); the generator produces each.
"""
# ruff: noqa: RUF001, RUF003 -- Cyrillic letters of the romanisation table are meant

from __future__ import annotations

import unicodedata
from enum import StrEnum
from functools import lru_cache

from openpiu.formats.mrz import transliterate


class Spelling(StrEnum):
    """One way of writing a name in upper-case ASCII."""

    ICAO = "icao"  # ICAO 9303 transliteration, as in the MRZ
    DJ = "dj"  # ICAO, but Đ as DJ (Serbian and Montenegrin documents)
    PHONETIC = (
        "phonetic"  # Cyrillic-derived: Č/Ć→CH/C, Š→SH, Ž→ZH, Đ→DJ, Dž→DZ; Macedonian national romanisation
    )
    PLAIN = "plain"  # diacritics dropped to the base letter, apostrophes kept (booking-fed systems)


# Digraphs first so that Dž is not read as D + Ž.
_PHONETIC_LATIN = (("DŽ", "DZ"), ("Đ", "DJ"), ("Č", "CH"), ("Ć", "C"), ("Š", "SH"), ("Ž", "ZH"))
# Macedonian official romanisation of Cyrillic (differs from ICAO: Ц→C, Х→H, Ѓ→GJ, Ќ→KJ).
_MACEDONIAN = str.maketrans(
    {"Ѓ": "GJ", "Ќ": "KJ", "Ц": "C", "Х": "H", "Џ": "DZ", "Ѕ": "DZ", "Ж": "ZH", "Ч": "CH", "Ш": "SH"}
)
_PLAIN_EXTRA = str.maketrans({"Đ": "D", "Ð": "D", "ß": "SS", "Ł": "L", "Ø": "O", "Æ": "AE", "Œ": "OE"})


@lru_cache(maxsize=65536)
def spell(name: str, style: Spelling) -> str:
    """``name`` written in ``style``: upper-case ASCII letters, spaces and hyphens (and ``'`` in PLAIN).

    ``spell("Đorđević", Spelling.ICAO)`` → ``"DORDEVIC"``; ``Spelling.DJ`` → ``"DJORDJEVIC"``;
    ``spell("Dževad", Spelling.PHONETIC)`` → ``"DZEVAD"``; ``spell("Шопов", Spelling.PHONETIC)`` →
    ``"SHOPOV"``; ``spell("O'Brien", Spelling.PLAIN)`` → ``"O'BRIEN"``.
    """
    text = name.upper()
    if style is Spelling.ICAO:
        return transliterate(text)
    if style is Spelling.DJ:
        return transliterate(text.replace("Đ", "DJ"))
    if style is Spelling.PHONETIC:
        for source, target in _PHONETIC_LATIN:
            text = text.replace(source, target)
        return transliterate(text.translate(_MACEDONIAN))
    return _plain(text)


def _plain(text: str) -> str:
    out = []
    for part in text.translate(_MACEDONIAN).translate(_PLAIN_EXTRA).split("'"):
        letters = "".join(unicodedata.normalize("NFD", char)[:1] for char in part)
        out.append(transliterate(letters))
    return "'".join(out)
