"""Name normalisation: tokens, romanisations and the equivalence-class skeleton used as index key.

Three steps, each pure and cached per token (names repeat a lot, tokens even more):

1. ``tokenise``: Unicode NFC, upper case, split on anything that is not a letter; titles (``MR``, ``HAJI``)
   and particles (``AL``, ``BIN``, ``VON``) are dropped, so ``"Abd-al Rahim"`` and ``"ABD RAHIM"`` agree.
2. ``token_variants``: every plausible romanisation of one token of a *watchlist* name, each with the
   rule that produced it (Serbian Cyrillic → Latin, Macedonian official / scientific, ICAO 9303 MRZ,
   Serbian DJ convention, English digraphs, Albanian ↔ South-Slavic orthography).
3. ``skeleton``: an ASCII key in which the spellings of one sound collapse into one letter:
   Đ≡DJ≡D≡GJ → ``D``; DŽ≡DZH≡DZ≡XH≡Џ → ``DZ``; Č≡Ć≡CH≡C≡Q≡KJ(≡TS) → ``C``; Š≡SH≡S → ``S``;
   Ž≡ZH≡Z → ``Z``; Ë≡E; Ç≡C; KH≡H. LJ and NJ stay two letters (ICU drops the J: we don't). Doubled
   letters stay doubled: collapsing them would turn a one-letter typo into two edits. Travellers' names
   are keyed with the same function, so ``DJORDJE VUCIC``, ``ĐORĐE VUČIĆ`` and ``Ђорђе Вучић`` all
   become ``DORDE VUCIC``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from openpiu.screening.translit import (
    ALBANIAN_TO_SLAVIC,
    CYRILLIC_TABLES,
    ICAO_CYRILLIC,
    LATIN_TABLES,
    MRZ_LATIN,
    SERBIAN_LATIN,
    SLAVIC_TO_ALBANIAN,
    apply_pairs,
    is_cyrillic,
)

# Honorifics and titles seen in bookings (PNR glues MR/MRS/MSTR... to given names) and on sanctions lists.
TITLES = frozenset(
    {
        "MR", "MRS", "MS", "MISS", "MSTR", "MSTER", "DR", "PROF", "ENG", "SIR", "HAJI", "HADJI", "HAJJI",
        "HAJ", "ALHAJI", "MULLAH", "MULLA", "MAULAVI", "MAWLAWI", "MAULVI", "MOLVI", "MAWLAVI", "QARI",
        "SHEIKH", "SHAIKH", "SHEIK",
    }
)  # fmt: skip
# Particles that join, not identify: Arabic article and patronymic links, Germanic and Romance particles.
PARTICLES = frozenset(
    {"AL", "EL", "UL", "BIN", "BEN", "IBN", "BINT", "VAN", "VON", "DER", "DEN", "DE", "DA", "DI", "DU", "DOS",
     "DAS", "DEL", "LA", "LE"}
)  # fmt: skip

_SPLIT = re.compile(r"[^\w]+|[\d_]+")
_APOSTROPHES = ("'", "’", "`", "ʼ", "‘")
_MRZ = str.maketrans(MRZ_LATIN)
_TABLES = {name: str.maketrans(table) for name, table in (CYRILLIC_TABLES | LATIN_TABLES).items()}
_NON_ASCII_UPPER = re.compile(r"[^A-Z]")

# Ordered: longer spellings first, so DZH is read before ZH and XH before the single letters.
SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("DZH", "DZ"),
    ("XH", "DZ"),
    ("DJ", "D"),
    ("GJ", "D"),
    ("KJ", "C"),
    ("CH", "C"),
    ("TS", "C"),
    ("SH", "S"),
    ("ZH", "Z"),
    ("KH", "H"),
    ("Q", "C"),
    ("W", "V"),
)

AS_PUBLISHED = "as published"
# Tokens of travellers' names repeat (given names above all): their keys are remembered, up to this many.
# Watchlist tokens are keyed once per index build without these memories (a million-entry list has
# hundreds of thousands of distinct tokens; the index keeps their keys itself).
QUERY_CACHE_SIZE = 65_536
# Romanisations are remembered for the tokens of the names that matched (explanations), up to this many.
EXPLAIN_CACHE_SIZE = 8_192


@dataclass(frozen=True, slots=True)
class Variant:
    """One romanisation of a watchlist name token.

    Attributes:
        rule: the table or convention that produced it (``"serbian-cyrillic→latin"``).
        text: the romanised token, upper case, as that convention writes it (may keep diacritics).
        key: its skeleton (ASCII index key).
    """

    rule: str
    text: str
    key: str


def tokenise(text: str) -> tuple[str, ...]:
    """Upper-case tokens of a name without titles and particles (kept if nothing else is left).

    ``"Dr. Abd-al Rahim"`` → ``("ABD", "RAHIM")``; ``"O'Neil"`` → ``("ONEIL",)``.
    """
    upper = text.upper() if text.isascii() else unicodedata.normalize("NFC", text).upper()
    if "'" in upper or not upper.isascii():
        for mark in _APOSTROPHES:
            upper = upper.replace(mark, "")
    # Fast path for the common case (letters, spaces, hyphens); the regular expression otherwise.
    tokens = tuple(upper.replace("-", " ").split())
    if not all(t.isalpha() for t in tokens):
        tokens = tuple(t for t in _SPLIT.split(upper) if t)
    kept = tuple(t for t in tokens if not _droppable(t))
    return kept or tokens


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def _droppable(token: str) -> bool:
    plain = ascii_token(token)
    return plain in TITLES or plain in PARTICLES


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def skeleton(token: str) -> str:
    """The equivalence-class key of one token (any script; see the module docstring)."""
    return _skeleton(token)


def _skeleton(token: str) -> str:
    text = _ascii(token)
    for old, new in SKELETON_RULES:
        if old in text:
            text = text.replace(old, new)
    return text


def query_keys(text: str) -> tuple[str, ...]:
    """Skeletons of the tokens of a traveller's name (order kept, empty keys dropped)."""
    return tuple(key for _, key in query_tokens(text))


def query_tokens(text: str) -> tuple[tuple[str, str], ...]:
    """``(MRZ form, skeleton)`` of each token of a traveller's name that has a key."""
    pairs = ((ascii_token(t), skeleton(t)) for t in tokenise(text))
    return tuple((token, key) for token, key in pairs if key)


@lru_cache(maxsize=EXPLAIN_CACHE_SIZE)
def token_variants(token: str) -> tuple[Variant, ...]:
    """Every romanisation of one upper-case watchlist token, each with its rule; distinct texts only.

    The first variant is the token as published (or its Serbian Latin form for Cyrillic). Tokens in a
    script that has no table here (Arabic, Chinese...) give no variant: they cannot be keyed.
    """
    return _variants(token)


def token_keys(token: str) -> tuple[str, ...]:
    """The distinct skeletons of every romanisation of one upper-case watchlist token (first: as
    published). Not cached: the index calls it once per distinct token of a whole list and keeps the
    result itself."""
    return tuple(dict.fromkeys(v.key for v in _variants(token)))


def _variants(token: str) -> tuple[Variant, ...]:
    found: dict[str, Variant] = {}

    def add(rule: str, text: str) -> None:
        if text not in found:
            key = _skeleton(text)
            if key:
                found[text] = Variant(rule, text, key)

    if is_cyrillic(token):
        for rule in CYRILLIC_TABLES:
            latin = token.translate(_TABLES[rule])
            if not is_cyrillic(latin):
                add(rule, latin)
                _latin_variants(latin, rule, add)
    else:
        add(AS_PUBLISHED, token)
        _latin_variants(token, None, add)
    return tuple(found.values())


def _latin_variants(token: str, first: str | None, add: Callable[[str, str], None]) -> None:
    """Add the ASCII conventions, and Albanian ↔ South-Slavic spellings, of a Latin token."""

    def rule(name: str) -> str:
        return f"{first} + {name}" if first else name

    for name in LATIN_TABLES:
        add(rule(name), token.translate(_TABLES[name]))
    slavic = apply_pairs(token, ALBANIAN_TO_SLAVIC)
    if slavic != token:
        add(rule("albanian→south-slavic"), slavic)
    albanian = apply_pairs(token, SLAVIC_TO_ALBANIAN)
    if albanian != token:
        add(rule("south-slavic→albanian"), albanian)


def entry_keys(text: str) -> tuple[tuple[str, ...], ...]:
    """The keys of a watchlist name: per token, the distinct skeletons of all its romanisations.

    Tokens that cannot be romanised (no table for their script) are left out; an empty result means the
    name cannot be screened (it stays on the entry for the analyst).
    """
    keys = (_distinct_keys(token) for token in tokenise(text))
    return tuple(k for k in keys if k)


def keyed_tokens(text: str) -> tuple[str, ...]:
    """The tokens of a watchlist name that can be keyed, in the order of ``entry_keys``."""
    return tuple(token for token in tokenise(text) if _distinct_keys(token))


@lru_cache(maxsize=EXPLAIN_CACHE_SIZE)
def _distinct_keys(token: str) -> tuple[str, ...]:
    return token_keys(token)


def to_latin(text: str) -> str:
    """A name as Serbian Latin when it is Cyrillic, else unchanged (upper case, NFC)."""
    upper = unicodedata.normalize("NFC", text).upper()
    return upper.translate(_TABLES["serbian-cyrillic→latin"]) if is_cyrillic(upper) else upper


def mrz_form(text: str) -> str:
    """The ICAO 9303 MRZ form of a name: upper-case A-Z and spaces (Cyrillic via the Serbian table)."""
    return " ".join(ascii_token(t) for t in to_latin(text).split() if ascii_token(t))


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def ascii_token(token: str) -> str:
    """One token as A-Z only.

    Cyrillic via Serbian Latin (Macedonian and Russian letters via their tables), Latin diacritics via the
    MRZ table; marks of letters outside the tables are dropped and other scripts vanish.
    """
    return _ascii(token)


def _ascii(token: str) -> str:
    if token.isascii():
        upper = token.upper()
        return upper if upper.isalpha() else _NON_ASCII_UPPER.sub("", upper)
    if is_cyrillic(token):
        token = token.translate(_CYRILLIC_ANY)
    text = token.translate(_MRZ)
    if not text.isascii():
        # Letters outside the explicit tables (e.g. Vietnamese): drop combining marks; other scripts vanish.
        text = unicodedata.normalize("NFD", text)
    return _NON_ASCII_UPPER.sub("", text.upper())


# Any Cyrillic letter to Latin: Serbian where Serbian has the letter, Macedonian official for Ѓ/Ќ, ICAO
# 9303 for the Russian, Ukrainian and Belarusian letters.
_CYRILLIC_ANY = str.maketrans({**ICAO_CYRILLIC, **SERBIAN_LATIN, "Ѓ": "GJ", "Ќ": "KJ"})
