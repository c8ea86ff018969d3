"""Backtesting: what a draft rule would have flagged in past traffic, and how often that was right.

CJEU C-817/19 asks for criteria designed to minimise false positives and reviewed regularly (standards §6):
before approving a rule, the approver sees how many travellers a day it would have put in the review
queue, on which routes, and what share of those were later confirmed by a human reviewer (precision).
History is handed in as facts (depersonalised history keeps the facts criteria read, see issue 7); the
outcomes are what reviewers decided about those travellers. Pure: the caller loads both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from openpiu.screening.rules.compile import RuleSet
from openpiu.screening.rules.document import Rule
from openpiu.screening.rules.facts import Facts


class Outcome(StrEnum):
    """What human review concluded about a flagged traveller."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class HistoricalTraveller:
    """One traveller on one past flight.

    Attributes:
        key: stable key of the traveller on that flight, the same the outcomes use.
        day: day of the flight.
        route: ``BEG-IST``: departure and arrival airports of the assessed flight.
        facts: the traveller's facts as ``derive_facts`` made them.
    """

    key: str
    day: date
    route: str
    facts: Facts


@dataclass(frozen=True, slots=True)
class DayResult:
    """One day of a backtest: travellers flagged, how many of them review confirmed, and their routes."""

    day: date
    flagged: int
    confirmed: int
    routes: list[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class BacktestReport:
    """What the rule would have done over the history.

    Attributes:
        rule_id: the rule tested.
        travellers: travellers in the history.
        days: distinct days in the history.
        flagged: travellers the rule would have flagged.
        per_day: flagged travellers per day (days with none are listed with 0).
        per_route: flagged travellers per route, most first.
        confirmed / dismissed: flagged travellers with that outcome.
        unreviewed: flagged travellers with no outcome.
        days_detail: per day (every day of the history), flagged, confirmed and routes.
    """

    rule_id: str
    travellers: int
    days: int
    flagged: int
    per_day: dict[date, int]
    per_route: list[tuple[str, int]]
    confirmed: int
    dismissed: int
    unreviewed: int
    days_detail: tuple[DayResult, ...] = ()

    @property
    def precision(self) -> float | None:
        """Confirmed share of the reviewed flags; ``None`` when none was reviewed."""
        reviewed = self.confirmed + self.dismissed
        return self.confirmed / reviewed if reviewed else None

    @property
    def per_day_mean(self) -> float:
        return self.flagged / self.days if self.days else 0.0

    @property
    def flag_rate(self) -> float:
        """Share of all travellers flagged."""
        return self.flagged / self.travellers if self.travellers else 0.0


def backtest(
    rule: Rule,
    history: Sequence[HistoricalTraveller],
    outcomes: Mapping[str, Outcome],
    *,
    batch: int = 20_000,
) -> BacktestReport:
    """Run ``rule`` over ``history`` (whatever its lifecycle state or validity) and count.

    Args:
        rule: the rule, usually a draft.
        history: past travellers with their facts.
        outcomes: traveller key → what review concluded about that traveller.
        batch: travellers per fact table (bounds memory on long histories).
    """
    rules = RuleSet([(rule, 0)])
    flagged_rows: list[HistoricalTraveller] = []
    for start in range(0, len(history), batch):
        chunk = history[start : start + batch]
        table = rules.table([h.facts for h in chunk])
        flagged_rows.extend(chunk[m.row] for m in rules.evaluate(table))
    all_days = sorted({h.day for h in history})
    per_day = dict.fromkeys(all_days, 0)
    per_day.update(Counter(h.day for h in flagged_rows))
    routes = Counter(h.route for h in flagged_rows)
    results = Counter(outcomes.get(h.key) for h in flagged_rows)
    day_routes: dict[date, Counter[str]] = {day: Counter() for day in all_days}
    day_confirmed: Counter[date] = Counter()
    for h in flagged_rows:
        day_routes[h.day][h.route] += 1
        if outcomes.get(h.key) is Outcome.CONFIRMED:
            day_confirmed[h.day] += 1
    return BacktestReport(
        rule_id=rule.id,
        travellers=len(history),
        days=len(all_days),
        flagged=len(flagged_rows),
        per_day=per_day,
        per_route=_ranked(routes),
        confirmed=results[Outcome.CONFIRMED],
        dismissed=results[Outcome.DISMISSED],
        unreviewed=results[None],
        days_detail=tuple(
            DayResult(day, per_day[day], day_confirmed[day], _ranked(day_routes[day])) for day in all_days
        ),
    )


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
