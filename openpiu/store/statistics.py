"""The counts of Art 20 statistics for one period, from the store and the access log. Never commits."""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

from sqlalchemy import Connection, Table, distinct, func, select, union

from openpiu.privacy.audit import AuditAction
from openpiu.privacy.statistics import Period, Statistics
from openpiu.review.hit import DisseminationStatus, HitState
from openpiu.store.audit import AuditEventRow
from openpiu.store.pnr_tables import booking_version, pnr_push
from openpiu.store.privacy_tables import SubjectRequestRow, UnmaskRequestRow
from openpiu.store.review_tables import HitDisseminationRow, HitRow
from openpiu.store.tables import api_message, traveller

hit = cast(Table, HitRow.__table__)
dissemination = cast(Table, HitDisseminationRow.__table__)
unmask_request = cast(Table, UnmaskRequestRow.__table__)
subject_request = cast(Table, SubjectRequestRow.__table__)
audit_event = cast(Table, AuditEventRow.__table__)


def _between(column: Any, period: Period) -> Any:
    return (column >= period.start) & (column < period.end)


def compute(connection: Connection, *, period: Period) -> Statistics:
    stats = Statistics(period)
    bookings = (
        select(
            booking_version.c.carrier,
            booking_version.c.record_locator,
            func.max(booking_version.c.travellers).label("travellers"),
        )
        .where(_between(booking_version.c.received_at, period))
        .group_by(booking_version.c.carrier, booking_version.c.record_locator)
        .subquery()
    )
    count, travellers = connection.execute(
        select(func.count(), func.coalesce(func.sum(bookings.c.travellers), 0)).select_from(bookings)
    ).one()
    stats.add("pnr_bookings", count)
    stats.add("pnr_travellers", travellers)
    stats.add(
        "api_travellers",
        connection.execute(
            select(func.count()).where(_between(traveller.c.received_at, period))
        ).scalar_one(),
    )
    flights = union(
        select(api_message.c.flight_id).where(_between(api_message.c.received_at, period)),
        select(pnr_push.c.flight_id).where(_between(pnr_push.c.received_at, period)),
    ).subquery()
    stats.add(
        "flights",
        connection.execute(
            select(func.count(distinct(flights.c.flight_id))).where(flights.c.flight_id.is_not(None))
        ).scalar_one(),
    )
    for source, state, n in connection.execute(
        select(hit.c.source, hit.c.state, func.count())
        .where(_between(hit.c.first_seen, period))
        .group_by(hit.c.source, hit.c.state)
        .order_by(hit.c.source, hit.c.state)
    ):
        stats.add("hits", n, f"{source}/{state}")
    stats.add(
        "travellers_identified",
        connection.execute(
            select(func.count(distinct(hit.c.traveller_key))).where(
                _between(hit.c.first_seen, period), hit.c.state == HitState.CONFIRMED
            )
        ).scalar_one(),
    )
    stats.add(
        "disseminations",
        connection.execute(
            select(func.count()).where(
                dissemination.c.status == DisseminationStatus.SENT, _between(dissemination.c.sent_at, period)
            )
        ).scalar_one(),
    )
    for state, n in connection.execute(
        select(unmask_request.c.state, func.count())
        .where(_between(unmask_request.c.requested_at, period))
        .group_by(unmask_request.c.state)
        .order_by(unmask_request.c.state)
    ):
        stats.add("repersonalisation_requests", n, state)
    stats.add(
        "repersonalisations_answered",
        connection.execute(
            select(func.count()).where(_between(unmask_request.c.decided_at, period))
        ).scalar_one(),
    )
    for kind, n in connection.execute(
        select(subject_request.c.kind, func.count())
        .where(_between(subject_request.c.received_at, period))
        .group_by(subject_request.c.kind)
        .order_by(subject_request.c.kind)
    ):
        stats.add("subject_requests", n, kind)
    stats.add(
        "subject_requests_answered",
        connection.execute(
            select(func.count()).where(_between(subject_request.c.answered_at, period))
        ).scalar_one(),
    )
    for action, metric in ((AuditAction.MASK, "masked"), (AuditAction.ERASE, "deleted")):
        totals: Counter[str] = Counter()
        for (detail,) in connection.execute(
            select(audit_event.c.detail).where(
                audit_event.c.action == action.value,
                audit_event.c.actor == "retention",
                _between(audit_event.c.occurred_at, period),
            )
        ):
            totals.update((detail or {}).get("counts", {}))
        for category, n in sorted(totals.items()):
            stats.add(metric, n, category)
    return stats
