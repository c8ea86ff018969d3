"""Backtesting on synthetic history with known answers."""

from __future__ import annotations

from datetime import date, timedelta

from openpiu.screening.rules import HistoricalTraveller, Outcome, backtest, parse_rule

RULE = parse_rule(
    {
        "id": "cash-one-way",
        "title": "Cash one-way",
        "rationale": "Couriers pay one-way tickets in cash.",
        "offence_category": "drug_trafficking",
        "review_by": "2026-12-31",
        "when": {
            "all": [
                {"field": "payment.cash", "op": "eq", "value": True},
                {"field": "itinerary.one_way", "op": "eq", "value": True},
            ]
        },
    }
)


def history() -> list[HistoricalTraveller]:
    """10 days x 20 travellers. Traveller i of each day pays cash when i % 5 == 0, is one-way when i % 2 == 0:
    so travellers 0 and 10 of each day match (2 a day, 20 in all). Routes alternate by traveller: even
    travellers fly BEG-IST when i < 10, else TIA-VIE."""
    rows = []
    for d in range(10):
        day = date(2026, 5, 1) + timedelta(days=d)
        for i in range(20):
            route = ("BEG-IST" if i < 10 else "TIA-VIE") if i % 2 == 0 else "SKP-ZRH"
            facts = {"payment.cash": i % 5 == 0, "itinerary.one_way": i % 2 == 0}
            rows.append(HistoricalTraveller(f"{day}/{i}", day, route, facts))
    return rows


def test_volume_routes_and_precision_with_known_answers() -> None:
    # Outcomes: on the first 4 days traveller 0 was confirmed and traveller 10 dismissed; day 5's traveller 0
    # dismissed; the rest never reviewed. Outcomes of travellers the rule did not flag do not count.
    outcomes = {f"{date(2026, 5, 1) + timedelta(days=d)}/0": Outcome.CONFIRMED for d in range(4)}
    outcomes |= {f"{date(2026, 5, 1) + timedelta(days=d)}/10": Outcome.DISMISSED for d in range(4)}
    outcomes[f"{date(2026, 5, 5)}/0"] = Outcome.DISMISSED
    outcomes[f"{date(2026, 5, 5)}/3"] = Outcome.CONFIRMED
    report = backtest(RULE, history(), outcomes, batch=7)  # small batches: the split must not change counts
    assert (report.travellers, report.days, report.flagged) == (200, 10, 20)
    assert set(report.per_day.values()) == {2} and len(report.per_day) == 10
    assert report.per_route == [("BEG-IST", 10), ("TIA-VIE", 10)]
    assert (report.confirmed, report.dismissed, report.unreviewed) == (4, 5, 11)
    assert report.precision == 4 / 9
    assert report.per_day_mean == 2.0
    assert report.flag_rate == 0.1


def test_days_without_flags_are_listed_and_no_review_means_no_precision() -> None:
    rows = history()
    quiet_day = date(2026, 6, 1)
    rows.append(HistoricalTraveller("quiet", quiet_day, "BEG-IST", {"payment.cash": False}))
    report = backtest(RULE, rows, {})
    assert report.per_day[quiet_day] == 0
    assert report.precision is None
    assert report.unreviewed == 20
