"""How hits name what they are about: their flight ``flight:ID``, their traveller by a key.

Every hit, watchlist or criteria, names its flight by the stored flight row's id (``flight:12``): the
review screens link it, the flights board counts it, retention and data-subject access find the flight's
data by it. Traveller keys differ by source (``openpiu.ingest.assess``: ``traveller:ID`` or
``pnr:CARRIER/LOCATOR/REF``; ``openpiu.ingest.screening``: the flight's scope and a pseudonym, or
``.../pnr/LOCATOR/NAME`` for a booked traveller not in API data); ``hit_locators`` reads the booking a
key names, whichever source made it.
"""

from __future__ import annotations

import re

FLIGHT = "flight:"
TRAVELLER = "traveller:"

# A record locator: 5 to 8 letters and digits, at least one letter.
_LOCATOR = re.compile(r"(?=.*[A-Z])[A-Z0-9]{5,8}")


def flight_key(flight_id: int) -> str:
    """The key a hit names its flight by: ``flight:ID`` (the stored flight row)."""
    return f"{FLIGHT}{flight_id}"


def key_id(key: str, prefix: str) -> int | None:
    """The row id of a ``prefix:ID`` key (``flight:12``, ``traveller:7``); None for other keys."""
    rest = key.removeprefix(prefix)
    return int(rest) if key.startswith(prefix) and rest.isdigit() else None


def flight_id(key: str) -> int | None:
    """The flight row id a hit's flight key names; None for a key of another form (not migrated)."""
    return key_id(key, FLIGHT)


def hit_locators(traveller_key: str) -> frozenset[str]:
    """The record locators a hit's traveller key names; none when it names the traveller otherwise (an
    API row or a pseudonym of a document or name), and the hit then stands for its whole flight.

    ``pnr:JU/ABC123/1`` (criteria) and ``JU0123/2026-11-29/BEG/pnr/ABC123/<pseudonym>`` (watchlist) both
    name ``ABC123``.
    """
    parts = traveller_key.upper().split("/")
    if parts[0].startswith("PNR:"):
        named = parts[1:2]
    else:
        named = [parts[i + 1] for i, part in enumerate(parts[:-1]) if part == "PNR"]
    return frozenset(part for part in named if _LOCATOR.fullmatch(part))
