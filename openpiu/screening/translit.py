"""Explicit transliteration tables for the names of the Western Balkans.

Written out letter by letter, on purpose: generic tools get this region wrong (ICU ``Any-Latin`` drops the
J of Љ/Њ/Џ; anyascii turns Cyrillic Ђ into "Dj" but Latin Đ into "D"). Each table is one published
convention; a name is romanised with every table that applies and each result remembers its table's name
(the *rule* shown to the analyst).

Tables map UPPER-case letters only: callers upper-case first (``str.upper`` keeps Cyrillic and the Latin
diacritics, e.g. ``"đ".upper() == "Đ"``).
"""

from __future__ import annotations

import re

# Serbian Cyrillic → Serbian Latin (Gaj's alphabet): the official, one-to-one mapping used in Serbia,
# Montenegro and Bosnia and Herzegovina.
SERBIAN_LATIN: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž", "З": "Z", "И": "I",
    "Ј": "J", "К": "K", "Л": "L", "Љ": "LJ", "М": "M", "Н": "N", "Њ": "NJ", "О": "O", "П": "P", "Р": "R",
    "С": "S", "Т": "T", "Ћ": "Ć", "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č", "Џ": "DŽ", "Ш": "Š",
}  # fmt: skip

# Macedonian Cyrillic → Latin, the official romanisation (Government of North Macedonia, 2008), used in
# passports: digraphs instead of diacritics. Џ is written DJ in that table as commonly cited (unverified);
# the ISO 9 / scientific table below writes DŽ, and both are indexed.
MACEDONIAN_OFFICIAL: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ѓ": "GJ", "Е": "E", "Ж": "ZH", "З": "Z", "Ѕ": "DZ",
    "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "LJ", "М": "M", "Н": "N", "Њ": "NJ", "О": "O", "П": "P",
    "Р": "R", "С": "S", "Т": "T", "Ќ": "KJ", "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ч": "CH", "Џ": "DJ",
    "Ш": "SH",
}  # fmt: skip

# Macedonian Cyrillic → Latin, the scientific / ISO 9 style with diacritics (Ǵ and Ḱ for Ѓ and Ќ).
MACEDONIAN_SCIENTIFIC: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ѓ": "Ǵ", "Е": "E", "Ж": "Ž", "З": "Z", "Ѕ": "DZ",
    "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "LJ", "М": "M", "Н": "N", "Њ": "NJ", "О": "O", "П": "P",
    "Р": "R", "С": "S", "Т": "T", "Ќ": "Ḱ", "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č", "Џ": "DŽ",
    "Ш": "Š",
}  # fmt: skip

# ICAO Doc 9303 Part 3 transliteration of Cyrillic for the MRZ (standards digest §10.6), with the Russian,
# Ukrainian and Belarusian letters that appear on sanctions lists.
ICAO_CYRILLIC: dict[str, str] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "D", "Ѓ": "G", "Е": "E", "Ё": "E", "Є": "IE",
    "Ж": "ZH", "З": "Z", "Ѕ": "DZ", "И": "I", "І": "I", "Ї": "I", "Й": "I", "Ј": "J", "К": "K", "Л": "L",
    "Љ": "LJ", "М": "M", "Н": "N", "Њ": "NJ", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "C",
    "Ќ": "K", "У": "U", "Ў": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Џ": "DZ", "Ш": "SH",
    "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA", "Ґ": "G",
}  # fmt: skip

# Latin letters with diacritics → the ICAO 9303 MRZ form (Part 3): diacritics dropped, Đ → D.
# Balkan letters first; then the other Latin letters seen on European documents.
MRZ_LATIN: dict[str, str] = {
    "Č": "C", "Ć": "C", "Đ": "D", "Š": "S", "Ž": "Z", "Ë": "E", "Ç": "C",
    "Á": "A", "À": "A", "Â": "A", "Ã": "A", "Ä": "AE", "Å": "AA", "Æ": "AE", "Ă": "A", "Ą": "A",
    "É": "E", "È": "E", "Ê": "E", "Ě": "E", "Ę": "E", "Í": "I", "Ì": "I", "Î": "I", "Ï": "I",
    "Ó": "O", "Ò": "O", "Ô": "O", "Õ": "O", "Ö": "OE", "Ø": "OE", "Ő": "O", "Ú": "U", "Ù": "U",
    "Û": "U", "Ü": "UE", "Ű": "U", "Ů": "U", "Ý": "Y", "Ÿ": "Y", "Ñ": "N", "Ń": "N", "Ň": "N",
    "Ł": "L", "Ľ": "L", "Ĺ": "L", "Ř": "R", "Ŕ": "R", "Ś": "S", "Ş": "S", "Ș": "S", "Ť": "T",
    "Ţ": "T", "Ț": "T", "Ź": "Z", "Ż": "Z", "Ď": "D", "Ğ": "G", "İ": "I", "Ħ": "H", "ẞ": "SS",
    "ß": "SS", "Þ": "TH", "Ð": "D", "Œ": "OE",
}  # fmt: skip
# Macedonian scientific Ǵ and Ḱ are written as the official digraphs GJ and KJ (not G and K), so that
# they fall in the same equivalence classes as Đ and Ć (see ``names.skeleton``).
MRZ_LATIN.update({"Ǵ": "GJ", "Ḱ": "KJ"})

# The same letters as Serbian, Croatian and Bosnian travellers often write them without diacritics in
# bookings: Đ as DJ (not D), everything else as in the MRZ.
SERBIAN_ASCII: dict[str, str] = {"Đ": "DJ", "Č": "C", "Ć": "C", "Š": "S", "Ž": "Z"}

# English-style digraphs, common in airline bookings made abroad: Vučić → VUCHICH, Šehu → SHEHU.
ENGLISH_DIGRAPHS: dict[str, str] = {
    "Đ": "DJ", "Č": "CH", "Ć": "CH", "Š": "SH", "Ž": "ZH", "Ç": "CH", "Ë": "E",
}  # fmt: skip

# South-Slavic Latin → Albanian orthography (Dževat → Xhevat, Ćazim → Qazim, Đurđ → Gjurgj).
# Applied to upper case with the multi-letter DŽ first.
SLAVIC_TO_ALBANIAN: tuple[tuple[str, str], ...] = (
    ("DŽ", "XH"), ("Č", "Ç"), ("Ć", "Q"), ("Đ", "GJ"), ("Š", "SH"), ("Ž", "ZH"),
)  # fmt: skip

# Albanian orthography → South-Slavic Latin (Xhevat → Dževat, Qazim → Ćazim). XH before the single letters.
ALBANIAN_TO_SLAVIC: tuple[tuple[str, str], ...] = (
    ("XH", "DŽ"), ("GJ", "Đ"), ("SH", "Š"), ("ZH", "Ž"), ("Ç", "Č"), ("Q", "Ć"), ("Ë", "E"),
)  # fmt: skip

CYRILLIC_TABLES: dict[str, dict[str, str]] = {
    "serbian-cyrillic→latin": SERBIAN_LATIN,
    "macedonian-official": MACEDONIAN_OFFICIAL,
    "macedonian-scientific": MACEDONIAN_SCIENTIFIC,
    "icao-9303-cyrillic": ICAO_CYRILLIC,
}
"""Every Cyrillic table by rule name; a Cyrillic name is romanised with each."""

LATIN_TABLES: dict[str, dict[str, str]] = {
    "icao-9303-mrz": MRZ_LATIN,
    "serbian-ascii-dj": SERBIAN_ASCII,
    "english-digraphs": ENGLISH_DIGRAPHS,
}
"""Latin diacritic tables by rule name; a name with diacritics is written out with each."""


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def is_cyrillic(text: str) -> bool:
    """True when ``text`` contains a Cyrillic letter (U+0400..U+04FF)."""
    return not text.isascii() and _CYRILLIC.search(text) is not None


def apply_pairs(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """Apply ordered multi-letter replacements (``("XH", "DŽ")`` before ``("Q", "Ć")``)."""
    for old, new in pairs:
        text = text.replace(old, new)
    return text
