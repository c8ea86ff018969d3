"""The review queue: open hits by time left before the flight."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from openpiu.review import Detection, Hit, HitSource, HitState, record_detection, review_queue, time_left

NOW = datetime(2026, 11, 29, 12, 0)


def hit(
    name: str, hours_left: float | None, score: float | None = None, state: HitState = HitState.NEW
) -> Hit:
    deadline = None if hours_left is None else NOW + timedelta(hours=hours_left)
    found = Detection(
        HitSource.RULE, name, f"{name}@1", name, "F", (), {}, NOW - timedelta(hours=1), deadline, score
    )
    return replace(record_detection(found, None).hit, state=state)


def test_queue_orders_by_time_left_then_score_and_keeps_only_open_hits() -> None:
    hits = [
        hit("later", 5.0),
        hit("none", None),
        hit("soon-low", 1.0, 0.5),
        hit("soon-high", 1.0, 0.9),
        hit("overdue", -0.5, state=HitState.IN_REVIEW),
        hit("done", 0.1, state=HitState.CONFIRMED),
        hit("dismissed", 0.1, state=HitState.DISMISSED),
    ]
    queue = review_queue(hits, NOW)
    assert [h.reference for h in queue] == ["overdue", "soon-high", "soon-low", "later", "none"]
    assert time_left(queue[0], NOW) == timedelta(minutes=-30)
    assert time_left(queue[-1], NOW) is None
