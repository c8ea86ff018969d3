"""Name keys for comparing the same person across API (passport MRZ) and PNR (typed by an agent).

A small documented rule set, used until the screening normaliser (``openpiu.screening``) is available:

1. Upper case; diacritics removed (``Ë`` → ``E``, ``Ç`` → ``C``, ``Ć``/``Č`` → ``C``, ``Š`` → ``S``,
   ``Ž`` → ``Z``); ``Đ`` → ``DJ`` (ICAO 9303 transliteration of Serbian/Croatian Đ).
2. The digraphs that ICAO 9303 and airline agents use for one Balkan letter are folded to one letter:
   ``DJ`` → ``D`` (Đ), ``DZH``/``DZ`` → ``Z`` (Dž/Џ), ``ZH`` → ``Z`` (Ž), ``CH`` → ``C`` (Č/Ć), ``SH`` → ``S``
   (Š), ``TJ`` → ``C`` (Macedonian Ќ typed as KJ/TJ), ``KJ`` → ``C``, ``GJ`` → ``D`` (Ѓ/Albanian GJ).
   Folding both sides the same way makes ``DJOKOVIC`` = ``DOKOVIC`` = ``ĐOKOVIĆ``.
3. Everything that is not a letter is dropped, doubled letters are collapsed, and the given names'
   words are sorted (agents swap first and middle names).

Keys are for matching only, never shown: a reason in the reconciliation says which rule matched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = str.maketrans(
    {"Đ": "DJ", "đ": "dj", "Ð": "DJ", "Ł": "L", "ł": "l", "ß": "SS", "Æ": "AE", "Ø": "O"}
)

# Order matters: longest first (DZH before DZ and ZH).
_DIGRAPHS = (
    ("DZH", "Z"),
    ("DJ", "D"),
    ("GJ", "D"),
    ("DZ", "Z"),
    ("ZH", "Z"),
    ("CH", "C"),
    ("SH", "S"),
    ("TJ", "C"),
    ("KJ", "C"),
)
_NOT_LETTER = re.compile(r"[^A-Z]")
_DOUBLE = re.compile(r"(.)\1+")


def plain(value: str) -> str:
    """Upper case ASCII letters and spaces: diacritics removed, ``Đ`` → ``DJ``."""
    text = unicodedata.normalize("NFKD", value.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).upper()
    return " ".join(re.sub(r"[^A-Z ]", " ", text).split())


# Reconciliation compares every candidate pair of a flight, so the same names are keyed many times over:
# the keys are pure functions of the text, cached.
@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """One word's matching key (rules 2 and 3 of the module docstring)."""
    text = _NOT_LETTER.sub("", plain(word))
    for digraph, letter in _DIGRAPHS:
        if digraph in text:
            text = text.replace(digraph, letter)
    return _DOUBLE.sub(r"\1", text)


@lru_cache(maxsize=1 << 16)
def surname_key(surname: str) -> str:
    """Key of a surname (all its words run together: ``VAN DEN BERG`` = ``VANDENBERG``)."""
    return fold(plain(surname).replace(" ", ""))


@lru_cache(maxsize=1 << 16)
def given_key(given_names: str) -> str:
    """Key of the given names: each word folded, words sorted."""
    return " ".join(sorted(fold(w) for w in plain(given_names).split() if fold(w)))
