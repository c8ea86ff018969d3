"""Fictitious people: nationality mix per route, names per tradition, spellings, dates of birth, documents.

Pure: every draw comes from the ``random.Random`` handed in, so a seed gives the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from openpiu.model import Sex
from openpiu.synth.documents import card_accepted, make_document
from openpiu.synth.draw import Weighted
from openpiu.synth.model import SynthPerson
from openpiu.synth.names import HOME_ORIGIN, NATIONALITY_ORIGINS, TABLES, Origin, feminine_surname
from openpiu.synth.spelling import Spelling, spell

# Nationalities met on any route besides the two ends (visitors, diaspora, transfer passengers).
_MISC = (
    "SRB", "BIH", "MNE", "MKD", "ALB", "RKS", "HRV", "SVN", "DEU", "AUT", "CHE", "ITA", "TUR", "GBR",
    "USA", "FRA", "GRC",
)  # fmt: skip
# Spelling habits per tradition: (style, weight). Passport scans dominate; Đ as DJ is common in Serbian
# and Montenegrin documents; phonetic spellings come from booking-fed systems.
_SLAVIC = Weighted.of(
    [(Spelling.ICAO, 0.55), (Spelling.DJ, 0.3), (Spelling.PHONETIC, 0.1), (Spelling.PLAIN, 0.05)]
)
_CYRILLIC = Weighted.of([(Spelling.PHONETIC, 0.6), (Spelling.ICAO, 0.4)])
_OTHER = Weighted.of([(Spelling.ICAO, 0.8), (Spelling.PLAIN, 0.2)])
_SPELLINGS = {
    Origin.SERBIAN: _SLAVIC,
    Origin.MONTENEGRIN: _SLAVIC,
    Origin.BOSNIAN: _SLAVIC,
    Origin.CROATIAN: _SLAVIC,
    Origin.SLOVENIAN: _SLAVIC,
    Origin.MACEDONIAN: _CYRILLIC,
}
# A few birthplaces per state, as carriers write them in LOC+180 free text.
_BIRTHPLACES = {
    "SRB": ("BEOGRAD", "NOVI SAD", "NIS", "KRAGUJEVAC", "NOVI PAZAR"),
    "RKS": ("PRISHTINE", "PRIZREN", "PEJE", "GJAKOVE"),
    "ALB": ("TIRANE", "DURRES", "SHKODER", "VLORE"),
    "BIH": ("SARAJEVO", "BANJA LUKA", "TUZLA", "MOSTAR", "ZENICA"),
    "MKD": ("SKOPJE", "BITOLA", "TETOVO", "OHRID"),
    "MNE": ("PODGORICA", "NIKSIC", "BAR", "KOTOR"),
}


def nationality_mix(home: str, other: str) -> Weighted[str]:
    """Who flies between a region state ``home`` and state ``other``: mostly both ends, then everyone."""
    pairs: list[tuple[str, float]] = [(home, 0.6)]
    if other != home and other in NATIONALITY_ORIGINS:
        pairs.append((other, 0.2))
    rest = [n for n in _MISC if n not in (home, other)]
    pairs.extend((n, 0.2 / len(rest)) for n in rest)
    return Weighted.of(pairs)


_ORIGINS = {nationality: Weighted.of(pairs) for nationality, pairs in NATIONALITY_ORIGINS.items()}


def origin_for(rng: random.Random, nationality: str, home: str) -> Origin:
    """Naming tradition of a citizen of ``nationality`` on a route from region state ``home``.

    Citizens of a foreign state flying to the region are often its diaspora: they carry names of
    ``home``'s tradition (a Swiss passport, a Kosovo-Albanian name).
    """
    if nationality != home and home in HOME_ORIGIN and rng.random() < 0.35:
        return HOME_ORIGIN[home]
    return _ORIGINS[nationality].pick(rng)


@dataclass(frozen=True, slots=True)
class PersonSpec:
    """What the caller fixes about a person; the rest is drawn."""

    nationality: str
    origin: Origin
    sex: Sex
    date_of_birth: date
    surname: str | None = None  # masculine form; a woman gets the feminine form
    residence: str | None = None


def draw_person(
    rng: random.Random,
    spec: PersonSpec,
    *,
    person_id: str,
    travel_day: date,
    route_states: tuple[str, str],
    with_birthplace: bool,
    allow_card: bool = True,
) -> SynthPerson:
    """A person with names, spelling and a document valid on ``travel_day``."""
    table = TABLES[spec.origin]
    base = spec.surname or rng.choice(table.surnames)
    surname = feminine_surname(base, table.feminine) if spec.sex is Sex.FEMALE else base
    names = table.female if spec.sex is Sex.FEMALE else table.male
    given = rng.choice(names)
    if rng.random() < 0.08:
        second = rng.choice(names)
        if second != given:
            given = f"{given} {second}"
    spelling = _SPELLINGS.get(spec.origin, _OTHER).pick(rng)
    # The document's MRZ is ICAO-transliterated, with Đ as DJ where the person's documents do that.
    mrz_style = Spelling.DJ if spelling is Spelling.DJ else Spelling.ICAO
    age = (travel_day - spec.date_of_birth).days // 365
    use_card = (
        allow_card and age >= 16 and card_accepted(spec.nationality, route_states) and rng.random() < 0.35
    )
    document = make_document(
        rng,
        doc_type="I" if use_card else "P",
        surname=spell(surname, mrz_style),
        given_names=spell(given, mrz_style),
        nationality=spec.nationality,
        date_of_birth=spec.date_of_birth,
        sex=spec.sex,
        travel_day=travel_day,
    )
    places = _BIRTHPLACES.get(spec.nationality)
    birthplace = f"{rng.choice(places)} {spec.nationality}" if with_birthplace and places else None
    return SynthPerson(
        person_id=person_id,
        origin=spec.origin,
        sex=spec.sex,
        surname=surname,
        given_names=given,
        spelling=spelling,
        written_surname=spell(surname, spelling),
        written_given_names=spell(given, spelling),
        date_of_birth=spec.date_of_birth,
        nationality=spec.nationality,
        residence=spec.residence or spec.nationality,
        place_of_birth=birthplace,
        document=document,
    )


def birth_date(rng: random.Random, travel_day: date, low: int, high: int) -> date:
    """A date of birth giving an age in ``[low, high]`` years on ``travel_day``."""
    days = rng.randrange(low * 365 + 1, high * 365 + 364)
    return travel_day - timedelta(days=days)


def adult_birth_date(rng: random.Random, travel_day: date) -> date:
    """Adults 18-85, most between 25 and 55."""
    age = int(rng.triangular(18, 85, 38))
    return birth_date(rng, travel_day, age, age)
