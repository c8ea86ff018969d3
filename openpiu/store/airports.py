"""Airport time zones, from the offline ``airportsdata`` table: PAXLST and PNRGOV times are local."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import airportsdata

from openpiu.screening.countries import country_code


@cache
def _iata() -> dict[str, Any]:
    table: dict[str, Any] = dict(airportsdata.load("IATA"))
    return table


@cache
def airport_zone(code: str) -> ZoneInfo | None:
    """The IANA time zone of an IATA airport (``BEG`` → Europe/Belgrade), None when unknown."""
    entry = _iata().get(code.upper())
    name = entry.get("tz") if entry else None
    if not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_to_utc(local: datetime | None, airport: str | None) -> datetime | None:
    """The UTC instant of a naive local time at ``airport``; None when either is unknown.

    Ambiguous local times (the repeated hour when clocks go back) resolve to the first occurrence
    (``fold=0``); times that do not exist (the skipped hour) are read with the offset before the change.
    """
    if local is None or not airport:
        return None
    zone = airport_zone(airport)
    if zone is None:
        return None
    return local.replace(tzinfo=zone).astimezone(UTC)


@cache
def airport_country(code: str) -> str | None:
    """The ISO alpha-3 country of an IATA airport (``PRN`` → ``RKS``, Kosovo's code); None when unknown."""
    entry = _iata().get(code.upper())
    country = entry.get("country") if entry else None
    return country_code(country) if isinstance(country, str) and country else None
