"""The review queue: open hits, the most urgent first.

Art 6(2)(a) assessment happens before scheduled departure or arrival, so what matters is the time left
before the flight: hits are ordered by their deadline (overdue first, then soonest), then by watchlist
score (highest first), then by when they were first seen. Hits without a deadline come last.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from openpiu.review.hit import Hit


def time_left(hit: Hit, now: datetime) -> timedelta | None:
    """Time before the hit's deadline (negative when overdue); ``None`` without a deadline."""
    return None if hit.deadline is None else hit.deadline - now


def review_queue(hits: Iterable[Hit], now: datetime) -> list[Hit]:
    """Open hits (new or in review), most urgent first."""

    def urgency(hit: Hit) -> tuple[bool, float, float, datetime]:
        left = time_left(hit, now)
        seconds = left.total_seconds() if left is not None else 0.0
        return (left is None, seconds, -(hit.score or 0.0), hit.first_seen)

    return sorted((hit for hit in hits if hit.is_open), key=urgency)
