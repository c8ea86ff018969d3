"""Country names and codes as watchlists publish them → ICAO 9303 / ISO 3166 alpha-3 codes.

Publishers write countries every way: the UN list by English name ("Russian Federation", "State of
Palestine"), FollowTheMoney by lower-case ISO alpha-2 (``"rs"``, ``"xk"``), our own formats by alpha-3.
pycountry supplies the ISO tables (from its own package data); the names it does not know, and the ICAO
codes that are not ISO (``RKS`` for Kosovo, digest §10.6), are listed here.
"""

from __future__ import annotations

import pycountry

# Names used by the UN and others that pycountry's lookup does not resolve, and ICAO 9303-only codes.
_NAMES: dict[str, str] = {
    "democratic republic of the congo": "COD",
    "state of palestine": "PSE",
    "iran (islamic republic of)": "IRN",
    "kosovo": "RKS",
    "former soviet union": "SUN",
    "soviet union": "SUN",
    "yugoslavia": "YUG",
    "serbia and montenegro": "SCG",
}
# FollowTheMoney's non-ISO country codes (lower case) and their ICAO 9303 or ISO 3166-3 equivalents.
_FTM_CODES: dict[str, str] = {"xk": "RKS", "suhh": "SUN", "yucs": "YUG", "csxx": "SCG", "ddde": "DDR"}
# ICAO 9303 codes that are not ISO 3166 alpha-3 but appear on travel documents (digest §10.6).
ICAO_ONLY = frozenset(
    {"RKS", "D", "GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XXA", "XXB", "XXC", "XXX", "EUE",
     "XOM", "XPO", "SUN", "YUG", "SCG", "DDR"}
)  # fmt: skip
# Placeholders publishers use for "not known".
_UNKNOWN = frozenset({"", "na", "n/a", "unknown", "none", "-"})


def country_code(text: str) -> str | None:
    """The alpha-3 code for a country name, alpha-2 or alpha-3 code; None when it is not a country.

    ``"Russian Federation"`` → ``"RUS"``, ``"rs"`` → ``"SRB"``, ``"xk"`` → ``"RKS"``, ``"na"`` → None
    (the UN's "not available", not Namibia).
    """
    value = text.strip()
    lower = value.lower()
    if lower in _UNKNOWN:
        return None
    if lower in _FTM_CODES:
        return _FTM_CODES[lower]
    if value.upper() in ICAO_ONLY:
        return value.upper()
    if len(value) == 3 and value.isalpha():
        code = value.upper()
        return code if code in ICAO_ONLY or pycountry.countries.get(alpha_3=code) else None
    if len(value) == 2 and value.isalpha():
        found = pycountry.countries.get(alpha_2=value.upper())
        return found.alpha_3 if found else None
    if lower in _NAMES:
        return _NAMES[lower]
    try:
        return str(pycountry.countries.lookup(value).alpha_3)
    except LookupError:
        return None
