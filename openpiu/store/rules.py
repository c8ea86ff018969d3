"""Store and load criteria versions with their lifecycle events (``openpiu.screening.rules.lifecycle``).

``save_rule_version`` writes a version the first time and afterwards only its state, approver and the
events not yet stored: the document of a version never changes. Functions never commit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from openpiu.errors import NotFound
from openpiu.screening.rules import LifecycleEvent, RuleVersion, activate, approve, draft, parse_rule
from openpiu.screening.rules.examples import example_rules
from openpiu.store.review_tables import RuleEventRow, RuleVersionRow


def save_rule_version(session: Session, version: RuleVersion) -> None:
    """Insert or update ``version`` (state, approver) and append its new events."""
    row = session.scalars(
        select(RuleVersionRow).where(
            RuleVersionRow.rule_id == version.rule_id, RuleVersionRow.version == version.version
        )
    ).one_or_none()
    rule = version.rule
    if row is None:
        row = RuleVersionRow(
            rule_id=rule.id,
            version=version.version,
            document=dict(rule.document),
            title=rule.title,
            offence_category=rule.offence_category.value,
            state=version.state,
            author=version.author,
            approver=version.approver,
            created_at=_aware(version.created),
            valid_from=rule.valid_from,
            valid_until=rule.valid_until,
            review_by=rule.review_by,
        )
        session.add(row)
        session.flush()
        stored = 0
    else:
        row.state = version.state
        row.approver = version.approver
        stored = len(
            session.scalars(select(RuleEventRow.id).where(RuleEventRow.rule_version_id == row.id)).all()
        )
    for event in version.events[stored:]:
        session.add(
            RuleEventRow(
                rule_version_id=row.id,
                at=_aware(event.at),
                actor=event.actor,
                action=event.action,
                from_state=event.from_state,
                to_state=event.to_state,
                note=event.note,
            )
        )
    session.flush()


def load_rule_versions(session: Session, *, rule_id: str | None = None) -> list[RuleVersion]:
    """Every stored version (of one rule, or of all), by rule id then version."""
    query = select(RuleVersionRow).order_by(RuleVersionRow.rule_id, RuleVersionRow.version)
    if rule_id is not None:
        query = query.where(RuleVersionRow.rule_id == rule_id)
    rows = session.scalars(query).all()
    events: dict[int, list[RuleEventRow]] = {row.id: [] for row in rows}
    if rows:
        for event in session.scalars(
            select(RuleEventRow).where(RuleEventRow.rule_version_id.in_(events)).order_by(RuleEventRow.id)
        ):
            events[event.rule_version_id].append(event)
    return [_version(row, events[row.id]) for row in rows]


def load_rule_version(session: Session, *, rule_id: str, version: int | None = None) -> RuleVersion:
    """One version of a rule (the latest when ``version`` is None); ``NotFound`` when absent."""
    versions = load_rule_versions(session, rule_id=rule_id)
    if version is not None:
        versions = [v for v in versions if v.version == version]
    if not versions:
        which = f"{rule_id}@{version}" if version is not None else rule_id
        raise NotFound(f"no rule {which}")
    return versions[-1]


def _version(row: RuleVersionRow, events: list[RuleEventRow]) -> RuleVersion:
    return RuleVersion(
        rule=parse_rule(row.document),
        version=row.version,
        state=row.state,
        author=row.author,
        created=row.created_at,
        approver=row.approver,
        events=tuple(
            LifecycleEvent(e.at, e.actor, e.action, e.from_state, e.to_state, e.note) for e in events
        ),
    )


def _aware(value: datetime) -> datetime:
    """Lifecycle times are UTC; a naive time from a caller is taken as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def activate_examples(
    session: Session, *, author: str, approver: str, at: datetime, valid_from: date | None = None
) -> list[RuleVersion]:
    """Store the example criteria (``screening.rules.examples``) as active versions, for demonstrations.

    Each is written by ``author`` and approved and activated by ``approver`` (four eyes), dated as written
    on the day of ``at`` (due for review six months later) and in force from ``valid_from`` (default: that
    day); rules already stored are left as they are.
    """
    activated = []
    for rule in example_rules(at.date(), valid_from=valid_from):
        if load_rule_versions(session, rule_id=rule.id):
            continue
        version = approve(draft(rule, author=author, at=at), approver=approver, at=at)
        version = activate(version, actor=approver, at=at)
        save_rule_version(session, version)
        activated.append(version)
    return activated
