"""Name keys for comparing the same person across API (passport MRZ) and PNR (typed by an agent).

The keys are the screening normaliser's (``openpiu.screening.names``), so reconciliation and screening
agree on which spellings are one name: any script (Cyrillic via the Serbian table), diacritics as in
the ICAO 9303 MRZ, and the skeleton rules that fold the spellings of one Balkan sound into one letter
(Đ ≡ DJ ≡ GJ ≡ D, DŽ ≡ DZH ≡ XH, Č ≡ Ć ≡ CH ≡ KJ ≡ Q, Š ≡ SH, Ž ≡ ZH). ``DJOKOVIC``, ``DOKOVIC`` and
``ĐOKOVIĆ`` share a key. Three choices are reconciliation's own:

1. A surname is one key, its words run together (``VAN DEN BERG`` = ``VANDENBERG``): the screening
   tokeniser drops particles such as ``VAN``, which would make every ``VAN ...`` surname alike.
2. Given names are the screening tokens (titles such as ``MR`` dropped), each keyed, sorted: agents swap
   first and middle names.
3. Doubled letters are collapsed (``ANNA`` = ``ANA``), on which passports and bookings often disagree.
   Screening keeps them (a one-letter typo stays one edit for its distance); reconciliation compares
   keys for equality only.

Keys are for matching only, never shown: a reason in the reconciliation says which rule matched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from openpiu.screening.names import skeleton, tokenise

_DOUBLE = re.compile(r"(.)\1+")
_SPECIAL = str.maketrans(
    {"Đ": "DJ", "đ": "dj", "Ð": "DJ", "Ł": "L", "ł": "l", "ß": "SS", "Æ": "AE", "Ø": "O"}
)


def plain(value: str) -> str:
    """Upper case ASCII letters and spaces: diacritics removed, ``Đ`` → ``DJ``.

    How agents type a name in a booking (synthetic PNR traffic writes names this way); not a key.
    """
    text = unicodedata.normalize("NFKD", value.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).upper()
    return " ".join(re.sub(r"[^A-Z ]", " ", text).split())


# Reconciliation compares every candidate pair of a flight, so the same names are keyed many times over:
# the keys are pure functions of the text, cached.
@lru_cache(maxsize=1 << 16)
def surname_key(surname: str) -> str:
    """Key of a surname: the screening skeleton of all its words run together."""
    # Upper case first, as the screening tokeniser does: the transliteration tables map capitals only.
    text = "".join(unicodedata.normalize("NFC", surname).upper().split())
    return _DOUBLE.sub(r"\1", skeleton(text))


@lru_cache(maxsize=1 << 16)
def given_key(given_names: str) -> str:
    """Key of the given names: the screening skeleton of each token, sorted."""
    keys = (_DOUBLE.sub(r"\1", skeleton(token)) for token in tokenise(given_names))
    return " ".join(sorted(key for key in keys if key))
