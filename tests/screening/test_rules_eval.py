"""Each operator, compiled over columns and interpreted per traveller, on a small literal table."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openpiu.screening.rules import FactValue, RuleSet, explain, holds, parse_rule

ROWS: list[dict[str, FactValue]] = [
    {  # 0: one-way, cash, booked 5 hours before, via IST, Serbian, 34
        "traveller.nationality": "SRB",
        "traveller.age": 34.0,
        "traveller.date_of_birth": date(1992, 3, 1),
        "payment.cash": True,
        "itinerary.one_way": True,
        "itinerary.via_airports": frozenset({"IST"}),
        "booking.agency_iata": "12345678",
        "booking.created": datetime(2026, 11, 29, 3, 0),
        "flight.departure": datetime(2026, 11, 29, 8, 0),
        "document.expiry_date": date(2026, 12, 20),
    },
    {  # 1: round trip, card, booked 3 days before, via VIE and FRA, Albanian, 61
        "traveller.nationality": "ALB",
        "traveller.age": 61.0,
        "traveller.date_of_birth": date(1965, 7, 9),
        "payment.cash": False,
        "itinerary.one_way": False,
        "itinerary.via_airports": frozenset({"VIE", "FRA"}),
        "booking.agency_iata": "99000001",
        "booking.created": datetime(2026, 11, 26, 8, 0),
        "flight.departure": datetime(2026, 11, 29, 8, 0),
        "document.expiry_date": date(2031, 1, 1),
    },
    {  # 2: API only: nothing from a PNR
        "traveller.nationality": "MKD",
        "traveller.age": 25.0,
        "flight.departure": datetime(2026, 11, 29, 8, 0),
        "itinerary.via_airports": frozenset(),
    },
    {},  # 3: nothing known at all
]


def rule(when: Any) -> Any:
    return parse_rule(
        {
            "id": "t",
            "title": "t",
            "rationale": "r",
            "offence_category": "fraud",
            "review_by": "2027-01-01",
            "when": when,
        }
    )


def rows_matching(when: Any) -> list[int]:
    parsed = rule(when)
    rules = RuleSet([(parsed, 1)])
    compiled = [m.row for m in rules.evaluate(rules.table(ROWS))]
    naive = [i for i, facts in enumerate(ROWS) if holds(parsed.when, facts)]
    assert compiled == naive, f"compiled {compiled} != interpreted {naive}"
    return compiled


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"field": "traveller.nationality", "op": "eq", "value": "srb"}, [0]),
        ({"field": "traveller.nationality", "op": "ne", "value": "SRB"}, [1, 2]),
        ({"field": "traveller.nationality", "op": "in", "value": ["ALB", "MKD"]}, [1, 2]),
        ({"field": "traveller.nationality", "op": "not_in", "value": ["ALB"]}, [0, 2]),
        ({"field": "traveller.age", "op": "eq", "value": 34}, [0]),
        ({"field": "traveller.age", "op": "ne", "value": 34}, [1, 2]),
        ({"field": "traveller.age", "op": "in", "value": [25, 61]}, [1, 2]),
        ({"field": "traveller.age", "op": "not_in", "value": [25]}, [0, 1]),
        ({"field": "traveller.age", "op": "lt", "value": 34}, [2]),
        ({"field": "traveller.age", "op": "le", "value": 34}, [0, 2]),
        ({"field": "traveller.age", "op": "gt", "value": 34}, [1]),
        ({"field": "traveller.age", "op": "ge", "value": 34}, [0, 1]),
        ({"field": "traveller.age", "op": "between", "value": [30, 61]}, [0, 1]),
        ({"field": "traveller.age", "op": "between", "value": [None, 30]}, [2]),
        ({"field": "traveller.age", "op": "between", "value": [35, None]}, [1]),
        ({"field": "payment.cash", "op": "eq", "value": True}, [0]),
        ({"field": "payment.cash", "op": "eq", "value": False}, [1]),
        ({"field": "payment.cash", "op": "ne", "value": True}, [1]),
        ({"field": "booking.agency_iata", "op": "starts_with", "value": "99"}, [1]),
        ({"field": "booking.agency_iata", "op": "contains", "value": "345"}, [0]),
        ({"field": "traveller.date_of_birth", "op": "lt", "value": "1980-01-01"}, [1]),
        ({"field": "traveller.date_of_birth", "op": "between", "value": ["1990-01-01", "1992-03-01"]}, [0]),
        ({"field": "document.expiry_date", "op": "le", "value": "2026-12-31"}, [0]),
        ({"field": "booking.created", "op": "ge", "value": "2026-11-28T00:00"}, [0]),
        ({"field": "itinerary.via_airports", "op": "contains_any", "value": ["IST", "FRA"]}, [0, 1]),
        ({"field": "itinerary.via_airports", "op": "contains_any", "value": ["XXX"]}, []),
        ({"field": "itinerary.via_airports", "op": "contains_all", "value": ["VIE", "FRA"]}, [1]),
        ({"field": "itinerary.via_airports", "op": "contains_all", "value": ["VIE", "IST"]}, []),
        ({"field": "itinerary.via_airports", "op": "count_between", "value": [2, None]}, [1]),
        ({"field": "itinerary.via_airports", "op": "count_between", "value": [0, 0]}, [2]),
        ({"field": "payment.cash", "op": "present"}, [0, 1]),
        ({"field": "payment.cash", "op": "absent"}, [2, 3]),
        ({"op": "hours_between", "from": "booking.created", "to": "flight.departure", "value": [0, 24]}, [0]),
        (
            {"op": "days_between", "from": "booking.created", "to": "flight.departure", "value": [2, None]},
            [1],
        ),
        (
            {
                "op": "days_between",
                "from": "traveller.date_of_birth",
                "to": "flight.departure",
                "value": [None, 13000],
            },
            [0],
        ),
    ],
)
def test_operator(when: Any, expected: list[int]) -> None:
    assert rows_matching(when) == expected


def test_boolean_combinations_and_not_over_missing_data() -> None:
    cash = {"field": "payment.cash", "op": "eq", "value": True}
    old = {"field": "traveller.age", "op": "gt", "value": 50}
    assert rows_matching({"all": [cash, {"field": "itinerary.one_way", "op": "eq", "value": True}]}) == [0]
    assert rows_matching({"any": [cash, old]}) == [0, 1]
    # `not` holds only where the facts it reads are known: row 2 (no PNR) and row 3 (nothing) never match.
    assert rows_matching({"not": cash}) == [1]
    assert rows_matching({"not": {"all": [cash, old]}}) == [0, 1]
    assert rows_matching({"not": {"field": "traveller.nationality", "op": "eq", "value": "SRB"}}) == [1, 2]
    assert rows_matching(
        {"all": [{"not": cash}, {"any": [old, {"field": "traveller.age", "op": "lt", "value": 0}]}]}
    ) == [1]


def test_explanation_lists_the_conditions_that_held_with_the_values() -> None:
    parsed = rule(
        {
            "all": [
                {"field": "payment.cash", "op": "eq", "value": True},
                {
                    "any": [
                        {"field": "traveller.age", "op": "gt", "value": 50},
                        {"field": "itinerary.one_way", "op": "eq", "value": True},
                    ]
                },
                {
                    "op": "hours_between",
                    "from": "booking.created",
                    "to": "flight.departure",
                    "value": [0, 24],
                },
                {"not": {"field": "traveller.nationality", "op": "in", "value": ["ALB"]}},
            ]
        }
    )
    assert explain(parsed, ROWS[0]) == (
        "payment.cash eq true: payment.cash = true",
        "itinerary.one_way eq true: itinerary.one_way = true",
        "hours_between(booking.created, flight.departure) in [0, 24]: "
        "flight.departure - booking.created = 5 hours",
        "not (traveller.nationality in [ALB]): traveller.nationality = SRB",
    )


def test_several_rules_report_rule_version_and_row() -> None:
    cash = rule({"field": "payment.cash", "op": "eq", "value": True})
    young = parse_rule(
        {**cash.document, "id": "young", "when": {"field": "traveller.age", "op": "lt", "value": 40}}
    )
    rules = RuleSet([(cash, 3), (young, 1)])
    assert rules.fields == {"payment.cash", "traveller.age"}
    found = [(m.rule_id, m.version, m.row) for m in rules.evaluate(rules.table(ROWS))]
    assert found == [("t", 3, 0), ("young", 1, 0), ("young", 1, 2)]
    assert rules.count(rules.table(ROWS)) == 3


# Property: on random facts, the compiled predicates and the interpreter agree for random rules.
_NATIONALITIES = ["SRB", "ALB", "MKD", "BIH", "MNE"]
_AIRPORTS = ["BEG", "TIA", "SKP", "IST", "VIE"]
facts_strategy = st.fixed_dictionaries(
    {},
    optional={
        "traveller.nationality": st.sampled_from(_NATIONALITIES),
        "traveller.age": st.integers(0, 90).map(float),
        "payment.cash": st.booleans(),
        "itinerary.via_airports": st.frozensets(st.sampled_from(_AIRPORTS), max_size=3),
        "booking.created": st.integers(0, 400).map(lambda h: datetime(2026, 11, 1) + timedelta(hours=h)),
        "flight.departure": st.just(datetime(2026, 11, 20, 8)),
    },
)
leaf = st.one_of(
    st.builds(
        lambda v: {"field": "traveller.nationality", "op": "in", "value": v},
        st.lists(st.sampled_from(_NATIONALITIES), min_size=1, max_size=3),
    ),
    st.builds(
        lambda v: {"field": "traveller.nationality", "op": "ne", "value": v}, st.sampled_from(_NATIONALITIES)
    ),
    st.builds(
        lambda lo, w: {"field": "traveller.age", "op": "between", "value": [lo, lo + w]},
        st.integers(0, 80),
        st.integers(0, 30),
    ),
    st.builds(lambda v: {"field": "traveller.age", "op": "ge", "value": v}, st.integers(0, 90)),
    st.builds(lambda v: {"field": "payment.cash", "op": "eq", "value": v}, st.booleans()),
    st.builds(
        lambda v: {"field": "itinerary.via_airports", "op": "contains_any", "value": v},
        st.lists(st.sampled_from(_AIRPORTS), min_size=1, max_size=2),
    ),
    st.builds(
        lambda v: {"field": "itinerary.via_airports", "op": "contains_all", "value": v},
        st.lists(st.sampled_from(_AIRPORTS), min_size=1, max_size=2),
    ),
    st.builds(
        lambda hi: {
            "op": "hours_between",
            "from": "booking.created",
            "to": "flight.departure",
            "value": [0, hi],
        },
        st.integers(0, 400),
    ),
    st.sampled_from([{"field": "payment.cash", "op": "present"}, {"field": "traveller.age", "op": "absent"}]),
)
tree = st.recursive(
    leaf,
    lambda children: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, children),
    ),
    max_leaves=6,
)


@settings(max_examples=200, deadline=None)
@given(when=tree, rows=st.lists(facts_strategy, min_size=1, max_size=12))
def test_compiled_and_interpreted_agree(when: Any, rows: list[dict[str, FactValue]]) -> None:
    parsed = rule(when)
    rules = RuleSet([(parsed, 1)])
    compiled = [m.row for m in rules.evaluate(rules.table(rows))]
    assert compiled == [i for i, facts in enumerate(rows) if holds(parsed.when, facts)]
