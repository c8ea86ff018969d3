"""The local calendar day at an airport (the board's "today")."""

from __future__ import annotations

from datetime import UTC, date, datetime

from openpiu.store.airports import airport_zone


def today_at(airport: str | None, now: datetime) -> date:
    """The date at ``airport`` at instant ``now`` (the UTC date when the airport is unknown)."""
    zone = airport_zone(airport) if airport else None
    return now.astimezone(zone or UTC).date()
