"""Synthetic watchlists and the perturbed travellers that should (or should not) hit them.

Names are synthetic combinations: given names and Albanian surnames from the shared name tables of
``openpiu.synth.names``, the other surnames built from stems and syllables so that a large list has as many
distinct surnames as a real population; no entry is a real person. Used by the screening benchmarks and tests:
``synthetic_entries`` makes a list of any size quickly, ``perturb`` makes a traveller that is the same
person written differently (the ways names really drift between a watchlist and a booking), and
``population`` makes travellers who are not on the list.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta

from openpiu.model.match import TravellerQuery
from openpiu.model.travel import TravelDocument
from openpiu.model.values import Sex
from openpiu.model.watchlist import EntryName, NameQuality, PartialDate, WatchlistEntry
from openpiu.synth.names import TABLES, Origin


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Given names and Albanian surnames come from the shared tables of ``openpiu.synth.names`` (the regional
# traditions written in Latin); Macedonian names, which those tables keep in Cyrillic, are added here in
# their Latin form, since lists and bookings of the region mostly carry them so.
_LATIN_ORIGINS = (Origin.SERBIAN, Origin.MONTENEGRIN, Origin.BOSNIAN, Origin.CROATIAN, Origin.ALBANIAN)
_MACEDONIAN_MALE = _words(
    "Aleksandar Goce Kiril Trajče Zlatko Bojče Ǵorǵi Blagoja Zoran Toše Vlatko Dimče Kire Naum Stojan"
)
_MACEDONIAN_FEMALE = _words(
    "Biljana Elena Kalina Marina Silvana Verica Suzana Blagica Liljana Tanja Frosina Ǵurǵa Jasminka"
)
MALE = tuple(dict.fromkeys([n for o in _LATIN_ORIGINS for n in TABLES[o].male] + list(_MACEDONIAN_MALE)))
FEMALE = tuple(
    dict.fromkeys([n for o in _LATIN_ORIGINS for n in TABLES[o].female] + list(_MACEDONIAN_FEMALE))
)
STEMS = _words(
    "Petr Jovan Nikol Marko Stojan Đorđ Vuč Ilić Mil Radov Stanković Pav Lazar Nenad Živk Đur Kost "
    "Vasilj Obrad Simeun Tod Bog Dragutin Mihajl Ranđel Sav Stef Tomaš Vukaš Zdrav Ljub Njeg Đok Šćek "
    "Čolak Ćos Džak Žarkov Šar Kneževič Brank Cvetk Dimitrij Gavril Jakš Krst Lukač Matej Mirk Ostoj "
    "Hadž Hasan Mehmed Ibrahim Omer Salih Čaušev Jusuf Mujag Karal Selim Alij Halil Rašid Smajl Sulejman "
    "Trajk Stojanov Angel Blaž Georgiev Ristov Spas Trpč Velj Andon Kitan Naumov Pančev Zafir Ǵorǵiev"
)
SUFFIXES = ("ović", "ević", "ić", "ovski", "evski", "ov", "ev", "anović", "ičić", "ašević")
ALBANIAN_SURNAMES = TABLES[Origin.ALBANIAN].surnames
# Syllables that make further plausible surname stems (Slavic: onset + coda; Albanian: onset + core + end),
# so that a large list has thousands of distinct surnames as a real population does.
_SLAVIC_ONSETS = _words(
    "Bra Dra Mi Ra Sto Vu Zla Ne Bo Go Le Lu Ma Pe Sa Ste Tri Vla Zo Đu Ču Ša Ža Lju Nje Kra Gru Hr Ko Da "
    "Je Ki Mla Obr Pr Sr Tu Ve Cvi Dže"
)
_SLAVIC_CODAS = _words("d k sl n j t š č v r m l dan kov jan ran šk dž ć nk")
_ALBANIAN_ONSETS = _words(
    "Ber Kra Ga Mo Sha By Kel Re Ha Is Kry Tha Xha Qo Dre Gjo Lle Ze Çe She Me Du Ba Os Li"
)
_ALBANIAN_CORES = _words("sh niq tyq xh mend r zeq ll j qer dr sm lk rt ç gj zh ndr")
_ALBANIAN_ENDS = ("i", "aj", "a", "ani")
# Middle syllables: with them a million-entry list has well over a hundred thousand surnames, so that
# namesakes are about as rare as in a real population (a list of one name table would alert on everyone).
_MIDDLES = _words("a e i o u ra la no ko vi me ši de lo ča")
NATIONALITIES = ("SRB", "MKD", "ALB", "RKS", "BIH", "MNE", "HRV")

# Latin → Serbian/Macedonian Cyrillic for the Cyrillic forms of synthetic names (digraphs first).
_TO_CYRILLIC = (
    ("DŽ", "Џ"), ("LJ", "Љ"), ("NJ", "Њ"), ("Ǵ", "Ѓ"), ("A", "А"), ("B", "Б"), ("V", "В"), ("G", "Г"),
    ("D", "Д"), ("Đ", "Ђ"), ("E", "Е"), ("Ž", "Ж"), ("Z", "З"), ("I", "И"), ("J", "Ј"), ("K", "К"),
    ("L", "Л"), ("M", "М"), ("N", "Н"), ("O", "О"), ("P", "П"), ("R", "Р"), ("S", "С"), ("T", "Т"),
    ("Ć", "Ћ"), ("U", "У"), ("F", "Ф"), ("H", "Х"), ("C", "Ц"), ("Č", "Ч"), ("Š", "Ш"),
)  # fmt: skip
# How people write the letters of one class when they have no diacritics, written independently of the
# engine's tables: each letter picks one at random, so conventions mix within a name as in real bookings.
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "DŽ": ("DZ", "DZH", "XH", "DŽ"), "XH": ("DZ", "DZH", "DŽ", "XH"), "Đ": ("D", "DJ", "GJ"),
    "GJ": ("DJ", "Đ", "GJ"), "Č": ("C", "CH"), "Ć": ("C", "CH", "Q"), "Q": ("C", "Ć", "CH", "KJ"),
    "Š": ("S", "SH"), "Ž": ("Z", "ZH"), "Ë": ("E",), "Ç": ("C", "CH"), "Ǵ": ("GJ", "G", "DJ"),
}  # fmt: skip


def cyrillic(text: str) -> str:
    """A Latin name in Serbian Cyrillic, upper case (``Đorđe`` → ``ЂОРЂЕ``)."""
    upper = text.upper()
    for latin, letter in _TO_CYRILLIC:
        upper = upper.replace(latin, letter)
    return upper


def _surname(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.05:
        return rng.choice(ALBANIAN_SURNAMES)
    middle = rng.choice(_MIDDLES) if rng.random() < 0.8 else ""
    if draw < 0.35:
        onset, core = rng.choice(_ALBANIAN_ONSETS), rng.choice(_ALBANIAN_CORES)
        return onset + middle.lower() + core + rng.choice(_ALBANIAN_ENDS)
    if draw < 0.45:
        stem = rng.choice(STEMS)
    else:
        stem = rng.choice(_SLAVIC_ONSETS) + middle.lower() + rng.choice(_SLAVIC_CODAS)
    return stem if stem.endswith(("ić", "ović")) else stem + rng.choice(SUFFIXES)


def synthetic_entries(count: int, *, seed: int = 1, list_name: str = "synthetic") -> Iterator[WatchlistEntry]:
    """``count`` synthetic person entries: Latin (some Cyrillic) names, some aliases and middle names,
    dates of birth of every accuracy (5% missing), nationality, sex, and a passport for about half."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible synthetic data, not security
    for n in range(count):
        male = rng.random() < 0.7
        given = rng.choice(MALE if male else FEMALE)
        surname = _surname(rng)
        middle = rng.choice(MALE) if rng.random() < 0.25 else None
        full = " ".join(p for p in (given, middle, surname) if p)
        names = [EntryName(full, NameQuality.PRIMARY, surname=surname, given_names=given)]
        if rng.random() < 0.2:
            names.append(EntryName(cyrillic(full), NameQuality.GOOD, original_script=True))
        if rng.random() < 0.15:
            names.append(EntryName(f"{rng.choice(MALE if male else FEMALE)} {surname}", NameQuality.LOW))
        kind = rng.random()
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(65 * 365))
        if kind < 0.05:
            dates: tuple[PartialDate, ...] = ()
        elif kind < 0.08:
            dates = (PartialDate(born.year),)
        elif kind < 0.10:
            dates = (PartialDate(born.year, born.month),)
        elif kind < 0.12:
            dates = (PartialDate(born.year, approximate=True),)
        else:
            dates = (PartialDate.of(born),)
        documents: tuple[TravelDocument, ...] = ()
        if rng.random() < 0.5:
            number = f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randrange(10**7):07d}"
            documents = (TravelDocument("P", number, rng.choice(NATIONALITIES)),)
        yield WatchlistEntry(
            id=f"W{n:07d}",
            list_name=list_name,
            names=tuple(names),
            dates_of_birth=dates,
            nationalities=(rng.choice(NATIONALITIES),),
            sex=Sex.MALE if male else Sex.FEMALE,
            documents=documents,
        )


def ascii_spelling(text: str, rng: random.Random) -> str:
    """The name as someone without the diacritics would write it, each letter's spelling drawn at random."""
    upper = text.upper()
    out = []
    i = 0
    while i < len(upper):
        pair = upper[i : i + 2]
        if pair in _SPELLINGS:
            out.append(rng.choice(_SPELLINGS[pair]))
            i += 2
            continue
        out.append(rng.choice(_SPELLINGS[upper[i]]) if upper[i] in _SPELLINGS else upper[i])
        i += 1
    return "".join(out)


def _typo(text: str, rng: random.Random) -> str:
    """One random edit (substitution, insertion, deletion, swap) in one token of four letters or more."""
    tokens = text.split()
    long = [i for i, t in enumerate(tokens) if len(t) >= 4]
    if not long:
        return text
    i = rng.choice(long)
    token = tokens[i]
    p = rng.randrange(1, len(token) - 1)
    letter = rng.choice("AEIOUNRSTLMK")
    edit = rng.randrange(4)
    if edit == 0:
        token = token[:p] + letter + token[p + 1 :]
    elif edit == 1:
        token = token[:p] + letter + token[p:]
    elif edit == 2:
        token = token[:p] + token[p + 1 :]
    else:
        token = token[:p] + token[p + 1] + token[p] + token[p + 2 :]
    tokens[i] = token
    return " ".join(tokens)


Perturbation = Callable[[WatchlistEntry, random.Random], TravellerQuery | None]


def _base(entry: WatchlistEntry, tag: str, *, middle: bool = True) -> TravellerQuery:
    """The entry's primary name as a booking would carry it (with its middle name unless told not to)."""
    primary = entry.names[0]
    surname = primary.surname or primary.full.split()[-1]
    given = " ".join(primary.full.split()[:-1]) if middle else primary.given_names or ""
    born = entry.dates_of_birth[0].exact if entry.dates_of_birth else None
    return TravellerQuery(
        id=f"{tag}:{entry.id}",
        surname=surname.upper(),
        given_names=given.upper(),
        date_of_birth=born,
        nationality=entry.nationalities[0] if entry.nationalities else None,
        sex=entry.sex,
    )


def _transliteration(entry: WatchlistEntry, rng: random.Random, *, middle: bool = True) -> TravellerQuery:
    query = _base(entry, "translit", middle=middle)
    return replace(
        query,
        surname=ascii_spelling(query.surname, rng),
        given_names=ascii_spelling(query.given_names, rng),
    )


def _cyrillic_latin(entry: WatchlistEntry, rng: random.Random) -> TravellerQuery:
    query = _base(entry, "cyrillic")
    return replace(query, surname=cyrillic(query.surname), given_names=cyrillic(query.given_names))


def _typo_query(entry: WatchlistEntry, rng: random.Random) -> TravellerQuery:
    query = _transliteration(entry, rng)
    if rng.random() < 0.5:
        return replace(query, id=f"typo:{entry.id}", surname=_typo(query.surname, rng))
    return replace(query, id=f"typo:{entry.id}", given_names=_typo(query.given_names, rng))


def _swapped(entry: WatchlistEntry, rng: random.Random) -> TravellerQuery:
    query = _transliteration(entry, rng)
    return replace(query, id=f"swapped:{entry.id}", surname=query.given_names, given_names=query.surname)


def _dropped_middle(entry: WatchlistEntry, rng: random.Random) -> TravellerQuery | None:
    """Only for entries with a middle name: the traveller's booking leaves it out."""
    tokens = entry.names[0].full.split()
    if len(tokens) < 3:
        return None
    return replace(_transliteration(entry, rng, middle=False), id=f"middle:{entry.id}")


def _date_shift(entry: WatchlistEntry, rng: random.Random) -> TravellerQuery | None:
    """Date of birth one day off, or day and month swapped (when the swap is a valid, different date)."""
    query = _transliteration(entry, rng)
    born = query.date_of_birth
    if born is None:
        return None
    if born.day <= 12 and born.day != born.month and rng.random() < 0.5:
        shifted = date(born.year, born.day, born.month)
    else:
        shifted = born + timedelta(days=rng.choice((-1, 1)))
    return replace(query, id=f"dob:{entry.id}", date_of_birth=shifted)


def _document(entry: WatchlistEntry, rng: random.Random) -> TravellerQuery | None:
    """The entry's document carried under a different name, number written another way."""
    if not entry.documents:
        return None
    number = entry.documents[0].number
    shape = rng.randrange(3)
    if shape == 0:
        number = f"{number[:3]} {number[3:]}".lower()
    elif shape == 1:
        number = number.replace("0", "O")
    else:
        number = f"{number}<<"
    query = replace(_base(entry, "document"), surname="UNRELATED", given_names="PERSON")
    return replace(query, documents=(TravelDocument("P", number, entry.documents[0].issuing_country),))


PERTURBATIONS: dict[str, Perturbation] = {
    "transliteration": _transliteration,
    "cyrillic↔latin": _cyrillic_latin,
    "typo": _typo_query,
    "swapped order": _swapped,
    "dropped middle name": _dropped_middle,
    "date ±1 day / day↔month": _date_shift,
    "document number": _document,
}
"""Each way a watchlist person may appear in travel data, by name; a function may return None when it
does not apply to an entry (no middle name, no date, no document)."""


def population(count: int, *, seed: int = 2) -> Iterator[TravellerQuery]:
    """Travellers who are not on any synthetic list: same name tables, independent draws, own documents."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible synthetic data, not security
    for n, entry in enumerate(synthetic_entries(count, seed=seed + 10_000, list_name="population")):
        query = _transliteration(entry, rng)
        born = query.date_of_birth or date(1940, 1, 1) + timedelta(days=rng.randrange(65 * 365))
        documents = (TravelDocument("P", f"Q{n:08d}", query.nationality),)
        yield replace(query, id=f"pax:{n}", date_of_birth=born, documents=documents)
