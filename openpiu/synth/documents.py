"""Passports and identity cards with country-plausible numbers and valid ICAO 9303 machine readable zones.

Number shapes follow what each state's documents look like (letters and digits, length); the numbers
themselves are random. Successor states of Yugoslavia print the personal number (JMBG, with its mod-11
check digit) in the passport's optional data, as Serbian passports do.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from functools import lru_cache

from openpiu.formats.mrz import MrzData
from openpiu.model import Sex
from openpiu.synth.draw import between, pick
from openpiu.synth.model import SynthDocument

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
# German numbers avoid vowels and easily confused letters (9303 allows any A-Z0-9; Germany restricts).
_GERMAN = "CFGHJKLMNPRTVWXYZ0123456789"
_POOLS = {"9": _DIGITS, "L": _LETTERS, "G": _GERMAN}

# Shape of document numbers: "L" a letter, "9" a digit, "G" a German-set character, others literal.
_SHAPES = {
    ("SRB", "P"): "999999999",
    ("SRB", "I"): "999999999",
    ("RKS", "P"): "P99999999",
    ("RKS", "I"): "999999999",
    ("ALB", "P"): "BL9999999",
    ("ALB", "I"): "L99999999",
    ("BIH", "P"): "L9999999",
    ("BIH", "I"): "9LL999999",
    ("MKD", "P"): "L9999999",
    ("MKD", "I"): "L999999",
    ("MNE", "P"): "99LL99999",
    ("MNE", "I"): "999999999",
    ("HRV", "P"): "999999999",
    ("HRV", "I"): "999999999",
    ("SVN", "P"): "PL9999999",
    ("SVN", "I"): "IL9999999",
    ("DEU", "P"): "CGGGGGGGG",
    ("DEU", "I"): "LGGGGGGGG",
    ("AUT", "P"): "L9999999",
    ("AUT", "I"): "9999999",
    ("CHE", "P"): "L9999999",
    ("CHE", "I"): "L9999999",
    ("ITA", "P"): "LL9999999",
    ("ITA", "I"): "CL99999LL",
    ("TUR", "P"): "L99999999",
    ("GBR", "P"): "999999999",
    ("FRA", "P"): "99LL99999",
    ("FRA", "I"): "LLLLLLLLL",
    ("GRC", "P"): "LL9999999",
    ("USA", "P"): "999999999",
}
# Which states' identity cards are accepted for travel on a route between two states (regional
# agreements among the Western Balkan six; EU/EFTA cards are accepted across the region).
_REGION = {"SRB", "RKS", "ALB", "BIH", "MKD", "MNE"}
_EU_EFTA = {"HRV", "SVN", "DEU", "AUT", "CHE", "ITA", "FRA", "GRC"}
# JMBG region digits (political region of birth) per state, for the personal number.
_JMBG_REGION = {"SRB": "71", "MNE": "21", "BIH": "17", "MKD": "45"}


def document_number(rng: random.Random, country: str, doc_type: str) -> str:
    """A random number shaped like the documents of ``country``."""
    shape = _SHAPES.get((country, doc_type)) or _SHAPES.get((country, "P")) or "LL9999999"
    out = []
    for run in _runs(shape):
        if run[0] == "9":  # a run of digits in one draw: this runs for every person of the day
            out.append(f"{between(rng, 0, 10 ** len(run)):0{len(run)}d}")
        elif run[0] in _POOLS:
            out.extend(pick(rng, _POOLS[run[0]]) for _ in run)
        else:
            out.append(run)
    return "".join(out)


@lru_cache(maxsize=128)
def _runs(shape: str) -> tuple[str, ...]:
    """``"BL9999999"`` → ``("B", "L", "9999999")``: runs of one character class."""
    return tuple(match.group(0) for match in re.finditer(r"9+|L+|G+|[^9LG]+", shape))


@lru_cache(maxsize=4096)
def card_accepted(nationality: str, states: tuple[str, str]) -> bool:
    """Can a citizen of ``nationality`` fly between ``states`` on an identity card? (Asked once per
    traveller of the day, of a few hundred distinct pairs: cached.)"""
    if nationality in _REGION:
        return all(state in _REGION or state == nationality for state in states)
    if nationality in _EU_EFTA:
        return all(state in _REGION or state in _EU_EFTA for state in states)
    return False


def jmbg(rng: random.Random, born: date, sex: Sex, country: str) -> str:
    """A personal number DDMMYYYRRBBBK: birth date, region, sequence (sex), mod-11 check digit."""
    while True:
        sequence = between(rng, 0, 500) + (500 if sex is Sex.FEMALE else 0)
        body = (
            f"{born.day:02d}{born.month:02d}{born.year % 1000:03d}"
            + _JMBG_REGION[country]
            + f"{sequence:03d}"
        )
        total = sum(int(d) * w for d, w in zip(body, (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check < 10:
            return body + str(check)


def make_document(
    rng: random.Random,
    *,
    doc_type: str,
    surname: str,
    given_names: str,
    nationality: str,
    date_of_birth: date,
    sex: Sex,
    travel_day: date,
) -> SynthDocument:
    """A document valid on ``travel_day``: issued up to its validity before, expiring after.

    Passports of children under 18 are valid 5 years, other documents 10 years.
    """
    age = (travel_day - date_of_birth).days // 365
    years = 5 if age < 18 else 10
    validity = timedelta(days=365 * years + years // 4)
    issued = travel_day - timedelta(days=between(rng, 1, validity.days - 20))
    issued = max(issued, date_of_birth)  # a newborn's passport: issued at the earliest on the birth date
    expiry = issued + validity - timedelta(days=1)
    number = document_number(rng, nationality, doc_type)
    optional = ""
    if doc_type == "P" and nationality in _JMBG_REGION:
        optional = jmbg(rng, date_of_birth, sex, nationality)
    data = MrzData(
        document_code="P" if doc_type == "P" else "ID",
        issuing_state=nationality,
        surname=surname,
        given_names=given_names,
        number=number,
        nationality=nationality,
        date_of_birth=date_of_birth,
        sex=sex.value,
        expiry_date=expiry,
        optional=optional,
    )
    return SynthDocument(doc_type, number, nationality, issued, expiry, data)
