"""Hit review (PNR Directive Art 6(5)-(6)): one hit model for watchlist and rule hits, the human review state
machine, gated dissemination and the review queue. Pure: storage lives in ``openpiu.store.hits``.
"""

from openpiu.review.deadline import DeadlineBasis, ReviewDeadline, review_deadline
from openpiu.review.hit import (
    SCREENING,
    Actor,
    Detection,
    Dissemination,
    DisseminationStatus,
    Hit,
    HitEvent,
    HitSource,
    HitState,
    ReasonCode,
    ReviewError,
    ReviewRole,
    evidence_fingerprint,
    hit_key,
)
from openpiu.review.queue import review_queue, time_left
from openpiu.review.workflow import (
    Raised,
    RecordResult,
    approve_dissemination,
    decide,
    record_detection,
    record_dissemination,
    release,
    request_dissemination,
    start_review,
)

__all__ = [
    "SCREENING",
    "Actor",
    "DeadlineBasis",
    "Detection",
    "Dissemination",
    "DisseminationStatus",
    "Hit",
    "HitEvent",
    "HitSource",
    "HitState",
    "Raised",
    "ReasonCode",
    "RecordResult",
    "ReviewDeadline",
    "ReviewError",
    "ReviewRole",
    "approve_dissemination",
    "decide",
    "evidence_fingerprint",
    "hit_key",
    "record_detection",
    "record_dissemination",
    "release",
    "request_dissemination",
    "review_deadline",
    "review_queue",
    "start_review",
    "time_left",
]
