"""Times as analysts need them: in the airport's local time, with the zone, and how long until then.

The store keeps UTC instants; GTAS showed UTC where officers needed local time, which is what this fixes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from openpiu.store.airports import airport_zone


def local_time(instant: datetime | None, airport: str | None) -> str:
    """``2025-03-14 10:30 CET`` in the airport's zone; UTC (marked so) when the airport is unknown."""
    if instant is None:
        return "—"
    zone = airport_zone(airport) if airport else None
    if zone is None:
        return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    local = instant.astimezone(zone)
    name = local.tzname() or ""
    # Zones without an abbreviation print an offset ("+03"): show it as UTC+03 to be unambiguous.
    if name[:1] in "+-":
        name = f"UTC{name}"
    return f"{local:%Y-%m-%d %H:%M} {name}"


def zone_name(airport: str | None) -> str:
    zone = airport_zone(airport) if airport else None
    return zone.key if zone is not None else "UTC"


def until(instant: datetime | None, now: datetime) -> str:
    """How far ``instant`` is from ``now``: ``in 2 h 05 min``, ``25 min ago``, ``—`` when unknown.

    Kept language-neutral (numbers and h/min), so that it needs no translation.
    """
    if instant is None:
        return "—"
    seconds = int((instant - now).total_seconds())
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        text = f"{days} d {hours} h"
    elif hours:
        text = f"{hours} h {mins:02d} min"
    else:
        text = f"{mins} min"
    # A true minus sign (U+2212) reads better than a hyphen in a time column.
    return f"+{text}" if seconds >= 0 else f"\u2212{text}"
