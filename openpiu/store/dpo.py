"""What the DPO dashboard shows: data held by state and age, and what falls due soon. Counts only."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, case, func, select

from openpiu.privacy.retention import Policy, add_months
from openpiu.store.tables import raw_message

AGE_BUCKETS = ("under 24 hours", "24 hours to 6 months", "6 months to 5 years", "over 5 years")


def held_by_age(connection: Connection, *, policy: Policy, now: datetime) -> dict[str, dict[str, int]]:
    """Raw messages (each stands for everything read from it) by age bucket and data state."""
    day = now - timedelta(hours=policy.api_border_hours)
    masking = add_months(now, -policy.depersonalise_months)
    deletion = add_months(now, -policy.delete_months)
    bucket = case(
        (raw_message.c.received_at > day, AGE_BUCKETS[0]),
        (raw_message.c.received_at > masking, AGE_BUCKETS[1]),
        (raw_message.c.received_at > deletion, AGE_BUCKETS[2]),
        else_=AGE_BUCKETS[3],
    ).label("bucket")
    table: dict[str, dict[str, int]] = {name: {} for name in AGE_BUCKETS}
    for name, state, count in connection.execute(
        select(bucket, raw_message.c.data_state, func.count()).group_by(bucket, raw_message.c.data_state)
    ):
        table[name][str(state.value if hasattr(state, "value") else state)] = int(count)
    return table


def due_soon(connection: Connection, *, policy: Policy, now: datetime, days: int = 30) -> dict[str, int]:
    """Raw messages whose 6-month step (masking, or deletion in CJEU mode) or 5-year deletion falls in
    the next ``days`` days, or is already overdue (a retention run has not happened since)."""
    horizon = now + timedelta(days=days)
    masking_cutoff = add_months(horizon, -policy.depersonalise_months)
    deletion_cutoff = add_months(horizon, -policy.delete_months)
    active = raw_message.c.data_state == "active"
    step = connection.execute(
        select(func.count()).where(active, raw_message.c.received_at <= masking_cutoff)
    ).scalar_one()
    deletion = connection.execute(
        select(func.count()).where(raw_message.c.received_at <= deletion_cutoff)
    ).scalar_one()
    return {"six_months": int(step), "five_years": int(deletion)}
