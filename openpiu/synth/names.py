"""Name tables per naming tradition, and which traditions each nationality draws from.

All combinations are random and fictitious. Names are stored as people write them (diacritics, and
Cyrillic for Macedonian), so the generator can record the original and derive the spellings real systems
use (see ``spelling.py``). A person's *naming tradition* is not their nationality: a German citizen may
carry a Kosovo-Albanian name, a Macedonian citizen an Albanian one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from openpiu.synth import names_foreign, names_region


class Origin(StrEnum):
    """A naming tradition with its own table."""

    SERBIAN = "sr"
    MONTENEGRIN = "me"
    BOSNIAN = "bs"
    CROATIAN = "hr"
    SLOVENIAN = "sl"
    ALBANIAN = "sq"
    MACEDONIAN = "mk"
    GERMAN = "de"
    AUSTRIAN = "de-at"
    SWISS = "de-ch"
    ITALIAN = "it"
    TURKISH = "tr"
    BRITISH = "en"
    FRENCH = "fr"
    GREEK = "el"


class Feminine(StrEnum):
    """How a surname changes for a woman."""

    SAME = "same"  # South Slavic -ić, Albanian, German...: one form for both
    MACEDONIAN = "mk"  # -ски → -ска, -ов → -ова, -ев → -ева
    GREEK = "el"  # -os → -ou, -is → -i, -as → -a


@dataclass(frozen=True, slots=True)
class NameTable:
    """Given names by sex and surnames of one tradition; surnames in their masculine form."""

    origin: Origin
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    feminine: Feminine = Feminine.SAME


def _table(origin: Origin, data: tuple[str, str, str], feminine: Feminine = Feminine.SAME) -> NameTable:
    male, female, surnames = (tuple(part.split(", ")) for part in data)
    return NameTable(origin, male, female, surnames, feminine)


TABLES: dict[Origin, NameTable] = {
    Origin.SERBIAN: _table(Origin.SERBIAN, names_region.SERBIAN),
    Origin.MONTENEGRIN: _table(Origin.MONTENEGRIN, names_region.MONTENEGRIN),
    Origin.BOSNIAN: _table(Origin.BOSNIAN, names_region.BOSNIAN),
    Origin.CROATIAN: _table(Origin.CROATIAN, names_region.CROATIAN),
    Origin.SLOVENIAN: _table(Origin.SLOVENIAN, names_region.SLOVENIAN),
    Origin.ALBANIAN: _table(Origin.ALBANIAN, names_region.ALBANIAN),
    Origin.MACEDONIAN: _table(Origin.MACEDONIAN, names_region.MACEDONIAN, Feminine.MACEDONIAN),
    Origin.GERMAN: _table(Origin.GERMAN, names_foreign.GERMAN),
    Origin.AUSTRIAN: _table(Origin.AUSTRIAN, names_foreign.AUSTRIAN),
    Origin.SWISS: _table(Origin.SWISS, names_foreign.SWISS),
    Origin.ITALIAN: _table(Origin.ITALIAN, names_foreign.ITALIAN),
    Origin.TURKISH: _table(Origin.TURKISH, names_foreign.TURKISH),
    Origin.BRITISH: _table(Origin.BRITISH, names_foreign.BRITISH),
    Origin.FRENCH: _table(Origin.FRENCH, names_foreign.FRENCH),
    Origin.GREEK: _table(Origin.GREEK, names_foreign.GREEK, Feminine.GREEK),
}

# Which traditions the citizens of a state carry, in percent (diaspora and minorities included).
_CITIZENS = {
    "SRB": "sr 91, bs 4, me 3, sq 2",
    "RKS": "sq 94, sr 4, bs 2",
    "ALB": "sq 98, el 2",
    "BIH": "bs 50, sr 31, hr 19",
    "MKD": "mk 70, sq 26, tr 4",
    "MNE": "me 70, sr 14, bs 9, sq 7",
    "HRV": "hr 90, sr 6, bs 4",
    "SVN": "sl 86, hr 6, bs 5, sr 3",
    "DEU": "de 82, tr 8, sq 4, sr 3, bs 2, hr 1",
    "AUT": "de-at 80, sr 8, bs 5, tr 4, hr 3",
    "CHE": "de-ch 70, sq 10, it 8, fr 7, sr 5",
    "ITA": "it 93, sq 7",
    "TUR": "tr 100",
    "GBR": "en 92, sq 4, sr 2, tr 2",
    "USA": "en 80, sq 10, sr 10",
    "FRA": "fr 92, sr 4, tr 4",
    "GRC": "el 92, sq 8",
}


def _weights(spec: str) -> tuple[tuple[Origin, float], ...]:
    pairs = (item.split() for item in spec.split(", "))
    return tuple((Origin(code), int(share) / 100) for code, share in pairs)


NATIONALITY_ORIGINS: dict[str, tuple[tuple[Origin, float], ...]] = {
    nationality: _weights(spec) for nationality, spec in _CITIZENS.items()
}

# The tradition of each state's own citizens when a route carries its diaspora (see people.py).
HOME_ORIGIN = {nationality: origins[0][0] for nationality, origins in NATIONALITY_ORIGINS.items()}


def feminine_surname(surname: str, rule: Feminine) -> str:
    """The woman's form of a surname stored in its masculine form.

    ``Стојановски`` → ``Стојановска``, ``Јованов`` → ``Јованова``, ``Papadopoulos`` → ``Papadopoulou``,
    ``Nikolaidis`` → ``Nikolaidi``; other traditions keep one form.
    """
    if rule is Feminine.MACEDONIAN:
        for masculine, feminine in (("ски", "ска"), ("ов", "ова"), ("ев", "ева")):
            if surname.endswith(masculine):
                return surname[: -len(masculine)] + feminine
    elif rule is Feminine.GREEK:
        for masculine, feminine in (("os", "ou"), ("is", "i"), ("as", "a"), ("es", "e")):
            if surname.endswith(masculine):
                return surname[: -len(masculine)] + feminine
    return surname
