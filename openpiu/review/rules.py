"""Rule hits as detections for review: evaluate firing rule versions over a flight's facts.

Pure glue between ``openpiu.screening.rules`` (what matched) and ``openpiu.review`` (what people review):
each match becomes a ``Detection`` whose explanation lists the conditions that held with the traveller's
values and whose evidence is the facts the rule read (so a dismissed rule hit comes back only when those
facts change).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from openpiu.review.hit import Detection, HitSource
from openpiu.screening.rules import Facts, RuleSet, RuleVersion, explain, firing_rules


def rule_detections(
    versions: Sequence[RuleVersion],
    rows: Sequence[Facts],
    traveller_keys: Sequence[str],
    *,
    flight_key: str,
    day: date,
    seen_at: datetime,
    deadline: datetime | None = None,
) -> list[Detection]:
    """Detections of the versions that fire on ``day`` (stale or inactive ones are skipped) for one flight.

    Args:
        versions: stored rule versions (any state; only those firing on ``day`` run).
        rows: the facts of each traveller of the flight (``derive_facts``).
        traveller_keys: the stable key of each traveller, in the same order.
        flight_key: the flight, as hits record it (``flight:ID``, ``openpiu.review.keys``).
        day: the day of the flight (decides validity and staleness).
        seen_at: when the push was screened.
        deadline: departure (outbound) or arrival (inbound) time.
    """
    live, _silent = firing_rules(versions, day)
    by_id = {v.rule_id: v for v in live}
    rules = RuleSet([(v.rule, v.version) for v in live])
    detections = []
    for match in rules.evaluate(rules.table(rows)):
        version = by_id[match.rule_id]
        facts = rows[match.row]
        evidence = {field: facts.get(field) for field in sorted(version.rule.fields())}
        detections.append(
            Detection(
                source=HitSource.RULE,
                reference=version.rule_id,
                reference_version=version.label,
                traveller_key=traveller_keys[match.row],
                flight_key=flight_key,
                explanation=(version.rule.title, *explain(version.rule, facts)),
                evidence=evidence,
                seen_at=seen_at,
                deadline=deadline,
            )
        )
    return detections
