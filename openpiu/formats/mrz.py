"""ICAO Doc 9303 machine readable zones: check digits, transliteration, composing and validating MRZ lines.

PAXLST carries only the document number and expiry, not the MRZ; the MRZ matters when an analyst or a
border system supplies it, and for synthetic traffic, whose documents must be internally consistent.
Layouts (standards §10): TD3 passports (2 x 44), TD1 cards (3 x 30), TD2 (2 x 36).
"""
# ruff: noqa: RUF001 -- the Cyrillic letters of the transliteration table are meant

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from itertools import cycle
from operator import mul

from openpiu.errors import ParseError

_WEIGHTS = (7, 3, 1)
_FILLER = "<"

# Character values of the 7-3-1 algorithm: digits as themselves, A=10 … Z=35, filler 0 (9303 Part 3 §4.9).
_VALUES = {str(d): d for d in range(10)} | {chr(65 + i): 10 + i for i in range(26)} | {_FILLER: 0}


def check_digit(text: str) -> int:
    """The ICAO 9303 check digit of ``text``: values weighted 7, 3, 1 repeating, summed, modulo 10.

    Raises:
        ValueError: ``text`` holds a character outside ``A-Z``, ``0-9`` and ``<``.
    """
    try:
        total: int = sum(map(mul, map(_VALUES.__getitem__, text), cycle(_WEIGHTS)))
    except KeyError as exc:
        raise ValueError(f"invalid MRZ character {exc.args[0]!r} in {text!r}") from None
    return total % 10


class MrzFormat(StrEnum):
    """Size of the machine readable zone: lines x characters."""

    TD1 = "TD1"  # 3 x 30: identity cards
    TD2 = "TD2"  # 2 x 36: older cards and official documents
    TD3 = "TD3"  # 2 x 44: passports


# 9303 Part 3 §6 transliteration of Latin letters with diacritics. Only letters met in the region and in its
# visitors' names are listed; anything else falls back to its Unicode base letter.
_LATIN = {
    "Ä": "AE", "Å": "AA", "Æ": "AE", "Ö": "OE", "Ø": "OE", "Ü": "UE", "ß": "SS", "Œ": "OE",
    "Đ": "D", "Ð": "D", "Ħ": "H", "Ł": "L", "Þ": "TH", "İ": "I", "Ĳ": "IJ",
}  # fmt: skip
# 9303 Part 3 §6 transliteration of Cyrillic (Serbian and Macedonian letters included).
_CYRILLIC = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "D", "Ѓ": "G", "Е": "E", "Ж": "ZH", "З": "Z",
    "Ѕ": "DZ", "И": "I", "Ј": "J", "К": "K", "Ќ": "K", "Л": "L", "Љ": "LJ", "М": "M", "Н": "N",
    "Њ": "NJ", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "C", "У": "U", "Ф": "F",
    "Х": "KH", "Ц": "TS", "Ч": "CH", "Џ": "DZ", "Ш": "SH", "Й": "I", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y",
    "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA", "Ё": "E", "Є": "IE", "І": "I", "Ї": "I", "Ў": "U",
}  # fmt: skip
_ICAO_TABLE = _LATIN | _CYRILLIC


@lru_cache(maxsize=65536)
def transliterate(name: str) -> str:
    """A name as ICAO 9303 writes it in an MRZ-style field: upper-case ``A-Z``, spaces and hyphens kept.

    ``"Đorđević"`` → ``"DORDEVIC"``, ``"Müller"`` → ``"MUELLER"``, ``"Стојановски"`` → ``"STOJANOVSKI"``,
    ``"Hoxha Çela"`` → ``"HOXHA CELA"``. Apostrophes are dropped (``O'Neil`` → ``ONEIL``); any other
    character without a mapping is dropped too.
    """
    out: list[str] = []
    for char in name.upper():
        if "A" <= char <= "Z" or char in " -":
            out.append(char)
        elif char in _ICAO_TABLE:
            out.append(_ICAO_TABLE[char])
        else:
            base = unicodedata.normalize("NFD", char)[:1]
            if "A" <= base <= "Z":
                out.append(base)
    return "".join(out)


def mrz_name(surname: str, given_names: str, width: int) -> str:
    """The name field: primary identifier ``<<`` secondary identifiers, spaces and hyphens as ``<``.

    Truncated to ``width`` (9303 allows truncation of long names) and padded with fillers.
    """
    primary = _fill(transliterate(surname))
    secondary = _fill(transliterate(given_names))
    field = f"{primary}<<{secondary}" if secondary else primary
    return field[:width].ljust(width, _FILLER)


def _fill(text: str) -> str:
    return "<".join(part for part in text.replace("-", " ").split())


def mrz_date(value: date) -> str:
    """``YYMMDD`` as in the MRZ."""
    return f"{value.year % 100:02d}{value.month:02d}{value.day:02d}"


def mrz_code(country: str) -> str:
    """A 3-letter MRZ state code: 9303 pads the one-letter German code ``D`` to ``D<<``."""
    return "D<<" if country == "DEU" else country.ljust(3, _FILLER)[:3]


@dataclass(frozen=True, slots=True)
class MrzData:
    """What an MRZ holds, in the form of the model (dates as dates, codes as 3 letters).

    Attributes:
        document_code: ``P<``, ``ID``, ``I<``... (two characters; a single letter is padded with ``<``).
        issuing_state: 3-letter issuer; ``DEU`` is written ``D<<`` as 9303 requires.
        nationality: 3-letter nationality, same rule.
        optional: TD3 personal number / optional data; TD1 first optional field.
        optional2: TD1 second optional field (line 2).
    """

    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    number: str
    nationality: str
    date_of_birth: date
    sex: str
    expiry_date: date
    optional: str = ""
    optional2: str = ""


def _sex(value: str) -> str:
    return value if value in ("M", "F") else _FILLER


def _field(value: str, width: int) -> str:
    text = value.upper().replace(" ", "")
    if len(text) > width:
        raise ValueError(f"{value!r} does not fit a {width}-character MRZ field")
    return text.ljust(width, _FILLER)


def _digit(text: str) -> str:
    return str(check_digit(text))


def compose_td3(data: MrzData) -> tuple[str, str]:
    """The two 44-character lines of a passport MRZ, check digits computed (9303 Part 4)."""
    code = _field(data.document_code, 2)
    line1 = code + mrz_code(data.issuing_state) + mrz_name(data.surname, data.given_names, 39)
    number = _field(data.number, 9)
    dob = mrz_date(data.date_of_birth)
    expiry = mrz_date(data.expiry_date)
    optional = _field(data.optional, 14)
    # An all-filler personal number may carry "<" or "0" as its check digit; 9303 allows both, we use "<".
    optional_digit = _FILLER if optional == _FILLER * 14 else _digit(optional)
    body = (
        number
        + _digit(number)
        + mrz_code(data.nationality)
        + dob
        + _digit(dob)
        + _sex(data.sex)
        + expiry
        + _digit(expiry)
        + optional
        + optional_digit
    )
    composite = body[0:10] + body[13:20] + body[21:43]
    return line1, body + _digit(composite)


def compose_td1(data: MrzData) -> tuple[str, str, str]:
    """The three 30-character lines of an identity-card MRZ, check digits computed (9303 Part 5)."""
    number = _field(data.number, 9)
    line1 = (
        _field(data.document_code, 2)
        + mrz_code(data.issuing_state)
        + number
        + _digit(number)
        + _field(data.optional, 15)
    )
    dob = mrz_date(data.date_of_birth)
    expiry = mrz_date(data.expiry_date)
    head = dob + _digit(dob) + _sex(data.sex) + expiry + _digit(expiry) + mrz_code(data.nationality)
    head += _field(data.optional2, 11)
    composite = line1[5:30] + head[0:7] + head[8:15] + head[18:29]
    line2 = head + _digit(composite)
    return line1, line2, mrz_name(data.surname, data.given_names, 30)


def compose_td2(data: MrzData) -> tuple[str, str]:
    """The two 36-character lines of a TD2 document, check digits computed (9303 Part 6)."""
    line1 = _field(data.document_code, 2) + mrz_code(data.issuing_state)
    line1 += mrz_name(data.surname, data.given_names, 31)
    number = _field(data.number, 9)
    dob = mrz_date(data.date_of_birth)
    expiry = mrz_date(data.expiry_date)
    body = number + _digit(number) + mrz_code(data.nationality) + dob + _digit(dob) + _sex(data.sex)
    body += expiry + _digit(expiry) + _field(data.optional, 7)
    composite = body[0:10] + body[13:20] + body[21:35]
    return line1, body + _digit(composite)


def compose(data: MrzData, fmt: MrzFormat) -> tuple[str, ...]:
    """The MRZ lines of ``data`` in the given format."""
    if fmt is MrzFormat.TD3:
        return compose_td3(data)
    if fmt is MrzFormat.TD2:
        return compose_td2(data)
    return compose_td1(data)


@dataclass(frozen=True, slots=True)
class CheckFailure:
    """One check digit that does not match: which field, what the MRZ says, what the data gives."""

    field: str
    found: str
    expected: str


@dataclass(frozen=True, slots=True)
class MrzCheck:
    """Outcome of validating an MRZ: its format and every check digit that failed (empty when valid)."""

    format: MrzFormat
    failures: tuple[CheckFailure, ...]

    @property
    def valid(self) -> bool:
        return not self.failures


# (field name, slices of the joined lines whose digit is checked, position of the check digit).
# Positions index the lines joined without separators, 0-based (standards §10.3, §10.4).
_Span = tuple[int, int]
_RULES: dict[MrzFormat, tuple[tuple[str, tuple[_Span, ...], int], ...]] = {
    MrzFormat.TD3: (
        ("document_number", ((44, 53),), 53),
        ("date_of_birth", ((57, 63),), 63),
        ("expiry_date", ((65, 71),), 71),
        ("optional_data", ((72, 86),), 86),
        ("composite", ((44, 54), (57, 64), (65, 87)), 87),
    ),
    MrzFormat.TD2: (
        ("document_number", ((36, 45),), 45),
        ("date_of_birth", ((49, 55),), 55),
        ("expiry_date", ((57, 63),), 63),
        ("composite", ((36, 46), (49, 56), (57, 71)), 71),
    ),
    MrzFormat.TD1: (
        ("document_number", ((5, 14),), 14),
        ("date_of_birth", ((30, 36),), 36),
        ("expiry_date", ((38, 44),), 44),
        ("composite", ((5, 30), (30, 37), (38, 45), (48, 59)), 59),
    ),
}
_SHAPES = {(3, 30): MrzFormat.TD1, (2, 36): MrzFormat.TD2, (2, 44): MrzFormat.TD3}


def validate(lines: tuple[str, ...] | list[str]) -> MrzCheck:
    """Check every check digit of an MRZ and say which failed.

    The format is told by the shape (3 x 30, 2 x 36, 2 x 44). A TD3 optional-data digit of ``<`` over an
    all-filler field is accepted (9303 allows ``<`` or ``0`` there).

    Raises:
        ParseError: the lines have no MRZ shape or hold characters outside ``A-Z0-9<``.
    """
    cleaned = [line.strip().upper() for line in lines]
    fmt = _SHAPES.get((len(cleaned), len(cleaned[0]) if cleaned else 0))
    if fmt is None or any(len(line) != len(cleaned[0]) for line in cleaned):
        shape = " x ".join(str(len(line)) for line in cleaned) or "nothing"
        raise ParseError("not a machine readable zone", expected="3x30, 2x36 or 2x44", found=shape)
    text = "".join(cleaned)
    bad = sorted({char for char in text if char not in _VALUES})
    if bad:
        raise ParseError("invalid MRZ characters", expected="A-Z, 0-9 and <", found="".join(bad))
    failures = []
    for name, spans, at in _RULES[fmt]:
        data = "".join(text[start:end] for start, end in spans)
        found = text[at]
        if name == "optional_data" and found == _FILLER and data == _FILLER * len(data):
            continue
        expected = _digit(data)
        if found != expected:
            failures.append(CheckFailure(name, found, expected))
    return MrzCheck(fmt, tuple(failures))
