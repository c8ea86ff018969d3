"""Store and load hits under review (``openpiu.review``): one row per traveller x entry or rule.

``record_detections`` is what screening calls after each push: it creates new hits, refreshes the ones
already held, keeps dismissed hits silent while their evidence is unchanged and reopens them when it
changes. Functions never commit.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from openpiu.errors import NotFound
from openpiu.review import (
    Detection,
    Dissemination,
    DisseminationStatus,
    Hit,
    HitEvent,
    HitState,
    RecordResult,
    record_detection,
)
from openpiu.store.review_tables import HitDisseminationRow, HitEventRow, HitRow


@dataclass(frozen=True, slots=True)
class StoredHit:
    """A hit with its database id (the handle the CLI and the web app show)."""

    id: int
    hit: Hit


def save_hit(session: Session, hit: Hit) -> int:
    """Insert or update ``hit`` by its key, append the events not yet stored; returns the hit's id."""
    row = session.scalars(select(HitRow).where(HitRow.key == hit.key)).one_or_none()
    if row is None:
        row = HitRow(key=hit.key, source=hit.source)
        session.add(row)
    row.reference = hit.reference
    row.reference_version = hit.reference_version
    row.traveller_key = hit.traveller_key
    row.flight_key = hit.flight_key
    row.explanation = list(hit.explanation)
    row.fingerprint = hit.fingerprint
    row.first_seen = hit.first_seen
    row.last_seen = hit.last_seen
    row.deadline = hit.deadline
    row.score = hit.score
    row.state = hit.state
    row.reviewer = hit.reviewer
    row.reason_code = hit.reason_code
    row.decision_text = hit.decision_text
    session.flush()
    stored = len(session.scalars(select(HitEventRow.id).where(HitEventRow.hit_id == row.id)).all())
    for event in hit.events[stored:]:
        session.add(
            HitEventRow(
                hit_id=row.id,
                at=event.at,
                actor=event.actor,
                role=event.role,
                action=event.action,
                from_state=event.from_state,
                to_state=event.to_state,
                reason_code=event.reason_code,
                text=event.text,
            )
        )
    _save_dissemination(session, row.id, hit.dissemination)
    session.flush()
    return row.id


def _save_dissemination(session: Session, hit_id: int, record: Dissemination | None) -> None:
    row = session.scalars(
        select(HitDisseminationRow).where(HitDisseminationRow.hit_id == hit_id)
    ).one_or_none()
    if record is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = HitDisseminationRow(hit_id=hit_id)
        session.add(row)
    row.authority = record.authority
    row.purpose = record.purpose
    row.status = record.status
    row.requested_by = record.requested_by
    row.requested_at = record.requested_at
    row.decided_by = record.decided_by
    row.decided_at = record.decided_at
    row.sent_by = record.sent_by
    row.sent_at = record.sent_at


def get_hit(session: Session, hit_id: int) -> StoredHit:
    """The hit with database id ``hit_id``; ``NotFound`` when absent."""
    row = session.get(HitRow, hit_id)
    if row is None:
        raise NotFound(f"no hit {hit_id}")
    return _load([row], session)[0]


def find_hit(session: Session, *, key: str) -> StoredHit | None:
    """The hit held for ``key`` (source, entry or rule, traveller), if any."""
    row = session.scalars(select(HitRow).where(HitRow.key == key)).one_or_none()
    return None if row is None else _load([row], session)[0]


def list_hits(
    session: Session,
    *,
    states: Iterable[HitState] | None = None,
    flight_keys: Collection[str] | None = None,
    traveller_key: str | None = None,
) -> list[StoredHit]:
    """Hits, optionally of some states, some flights (``flight:ID`` keys) or one traveller, oldest first."""
    query = select(HitRow).order_by(HitRow.id)
    if states is not None:
        query = query.where(HitRow.state.in_(list(states)))
    if flight_keys is not None:
        query = query.where(HitRow.flight_key.in_(list(flight_keys)))
    if traveller_key is not None:
        query = query.where(HitRow.traveller_key == traveller_key)
    return _load(list(session.scalars(query)), session)


OPEN_STATES = (HitState.NEW, HitState.IN_REVIEW)


def open_hit_count(session: Session) -> int:
    """Hits still to review (new or in review)."""
    return session.scalar(select(func.count(HitRow.id)).where(HitRow.state.in_(OPEN_STATES))) or 0


def awaiting_approval(session: Session) -> list[StoredHit]:
    """Confirmed hits whose dissemination waits for a supervisor's approval, oldest first."""
    query = (
        select(HitRow)
        .join(HitDisseminationRow, HitDisseminationRow.hit_id == HitRow.id)
        .where(
            HitRow.state == HitState.CONFIRMED, HitDisseminationRow.status == DisseminationStatus.REQUESTED
        )
        .order_by(HitRow.id)
    )
    return _load(list(session.scalars(query)), session)


def _urgent_query() -> Select[HitRow]:
    return (
        select(HitRow)
        .where(HitRow.state.in_(OPEN_STATES))
        .order_by(
            HitRow.deadline.is_(None),
            HitRow.deadline,
            func.coalesce(HitRow.score, 0.0).desc(),
            HitRow.first_seen,
            HitRow.id,
        )
    )


def urgent_hits(session: Session, *, limit: int, offset: int = 0) -> list[StoredHit]:
    """The ``limit`` most urgent open hits, in ``review.queue.review_queue`` order, ordered and cut by the
    database (the queue of a large store is only read up to the page it shows).

    ``offset`` skips the hits of earlier pages. The order is the queue's: by deadline (earliest, hence
    most overdue, first; none last), highest score, first seen, then id (the queue's sort is stable over
    hits loaded oldest first).
    """
    return _load(list(session.scalars(_urgent_query().limit(limit).offset(offset))), session)


def record_detections(session: Session, detections: Iterable[Detection]) -> list[tuple[int, RecordResult]]:
    """Apply screening's detections of one push to the stored hits (see ``review.record_detection``)."""
    results = []
    for detection in detections:
        existing = find_hit(session, key=detection.key)
        result = record_detection(detection, existing.hit if existing else None)
        results.append((save_hit(session, result.hit), result))
    return results


def _load(rows: list[HitRow], session: Session) -> list[StoredHit]:
    ids = [row.id for row in rows]
    events: dict[int, list[HitEvent]] = {i: [] for i in ids}
    records: dict[int, Dissemination] = {}
    if ids:
        for e in session.scalars(
            select(HitEventRow).where(HitEventRow.hit_id.in_(ids)).order_by(HitEventRow.id)
        ):
            events[e.hit_id].append(
                HitEvent(e.at, e.actor, e.role, e.action, e.from_state, e.to_state, e.reason_code, e.text)
            )
        for d in session.scalars(select(HitDisseminationRow).where(HitDisseminationRow.hit_id.in_(ids))):
            records[d.hit_id] = Dissemination(
                d.authority,
                d.purpose,
                d.status,
                d.requested_by,
                d.requested_at,
                d.decided_by,
                d.decided_at,
                d.sent_by,
                d.sent_at,
            )
    return [
        StoredHit(
            row.id,
            Hit(
                key=row.key,
                source=row.source,
                reference=row.reference,
                reference_version=row.reference_version,
                traveller_key=row.traveller_key,
                flight_key=row.flight_key,
                explanation=tuple(row.explanation),
                fingerprint=row.fingerprint,
                first_seen=row.first_seen,
                last_seen=row.last_seen,
                state=row.state,
                deadline=row.deadline,
                score=row.score,
                reviewer=row.reviewer,
                reason_code=row.reason_code,
                decision_text=row.decision_text,
                dissemination=records.get(row.id),
                events=tuple(events[row.id]),
            ),
        )
        for row in rows
    ]
