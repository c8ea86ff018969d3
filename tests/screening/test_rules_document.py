"""Rule documents: parsing, type checks, and the refusal of sensitive attributes and their proxies."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from openpiu.model.offences import OFFENCE_LABELS, OffenceCategory
from openpiu.screening.rules import FACT_SCHEMA, Op, RuleError, parse_rule
from openpiu.screening.rules.document import AllOf, Condition, Difference, Not


def doc(when: Any, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "r1",
        "title": "Test rule",
        "rationale": "Because the pattern is typical of couriers.",
        "offence_category": "drug_trafficking",
        "review_by": "2026-12-31",
        "when": when,
    }
    base.update(extra)
    return base


def test_parse_full_document_from_json_text() -> None:
    text = json.dumps(
        doc(
            {
                "all": [
                    {"field": "itinerary.one_way", "op": "eq", "value": True},
                    {"field": "booking.hours_to_departure", "op": "between", "value": [0, 48]},
                    {"not": {"field": "traveller.nationality", "op": "in", "value": ["srb", "MKD"]}},
                    {
                        "op": "days_between",
                        "from": "booking.created",
                        "to": "flight.departure",
                        "value": [None, 2],
                    },
                ]
            },
            valid_from="2026-01-01",
            valid_until="2026-12-31",
        )
    )
    rule = parse_rule(text)
    assert rule.id == "r1"
    assert rule.offence_category is OffenceCategory.DRUG_TRAFFICKING
    assert rule.valid_from == date(2026, 1, 1) and rule.review_by == date(2026, 12, 31)
    assert isinstance(rule.when, AllOf)
    first, second, third, fourth = rule.when.items
    assert first == Condition("itinerary.one_way", Op.EQ, True)
    assert second == Condition("booking.hours_to_departure", Op.BETWEEN, (0.0, 48.0))
    # Text values are upper-cased: facts are codes in upper case.
    assert third == Not(Condition("traveller.nationality", Op.IN, ("SRB", "MKD")))
    assert fourth == Difference(Op.DAYS_BETWEEN, "booking.created", "flight.departure", None, 2.0)
    assert rule.fields() == {
        "itinerary.one_way",
        "booking.hours_to_departure",
        "traveller.nationality",
        "booking.created",
        "flight.departure",
    }
    assert parse_rule(json.loads(rule.canonical_json())).when == rule.when


@pytest.mark.parametrize(
    ("field", "reveals"),
    [
        ("traveller.religion", "religion"),
        ("traveller.ethnic_origin", "racial or ethnic origin"),
        ("traveller.health_status", "health"),
        ("booking.political_party", "political opinions"),
        ("traveller.trade_union", "trade-union membership"),
        ("traveller.sexual_orientation", "sexual orientation"),
        ("traveller.sex_life", "sex life"),
        ("traveller.special_meal", "religion"),
        ("traveller.medical_assistance", "health"),
        ("traveller.special_services", "health"),
        ("booking.remarks", "religion"),
        ("traveller.surname", "ethnic origin"),
        ("traveller.place_of_birth", "ethnic origin"),
    ],
)
def test_sensitive_attributes_and_proxies_are_refused_naming_rule_and_field(field: str, reveals: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule(
            doc(
                {
                    "any": [
                        {"field": "payment.cash", "op": "eq", "value": True},
                        {"field": field, "op": "present"},
                    ]
                }
            )
        )
    message = str(caught.value)
    assert message.startswith(f"rule r1: field '{field}' may not be used: it can reveal")
    assert reveals in message
    assert "Art 6(4)" in message
    assert "\n" not in message


def test_sensitive_field_refused_inside_time_difference() -> None:
    with pytest.raises(RuleError, match=r"traveller\.health_check_date"):
        parse_rule(
            doc(
                {
                    "op": "days_between",
                    "from": "traveller.health_check_date",
                    "to": "flight.departure",
                    "value": [0, 1],
                }
            )
        )


def test_every_proxy_field_in_the_schema_is_refused() -> None:
    proxies = [spec.name for spec in FACT_SCHEMA.values() if spec.proxy_for is not None]
    assert len(proxies) >= 7
    for field in proxies:
        with pytest.raises(RuleError, match="may not be used"):
            parse_rule(doc({"field": field, "op": "present"}))


@pytest.mark.parametrize(
    ("when", "error"),
    [
        ({"field": "traveller.shoe_size", "op": "eq", "value": 1}, "unknown field 'traveller.shoe_size'"),
        ({"field": "traveller.age", "op": "roughly", "value": 1}, "unknown operator 'roughly'"),
        (
            {"field": "traveller.age", "op": "contains", "value": "1"},
            "operator 'contains' does not apply to traveller.age",
        ),
        ({"field": "traveller.age", "op": "eq", "value": "forty"}, "traveller.age expects a number"),
        ({"field": "traveller.age", "op": "eq", "value": True}, "traveller.age expects a number"),
        ({"field": "payment.cash", "op": "eq", "value": "yes"}, "payment.cash expects true or false"),
        ({"field": "traveller.age", "op": "between", "value": [40, 30]}, "is empty"),
        ({"field": "traveller.age", "op": "between", "value": [None, None]}, "a range is"),
        ({"field": "traveller.nationality", "op": "in", "value": []}, "non-empty list"),
        ({"field": "traveller.date_of_birth", "op": "lt", "value": "1990-13-01"}, "expects an ISO date"),
        ({"field": "traveller.age", "op": "present", "value": 3}, "present takes no value"),
        ({"field": "traveller.age", "op": "eq", "value": 3, "weight": 2}, "unknown key 'weight'"),
        ({"all": []}, "non-empty list"),
        ({"all": [{"field": "payment.cash", "op": "eq", "value": True}], "any": []}, "must stand alone"),
        (
            {"op": "hours_between", "from": "traveller.age", "to": "flight.departure", "value": [0, 1]},
            "needs date or time",
        ),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_malformed_conditions_give_one_clear_line(when: Any, error: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule(doc(when))
    assert error in str(caught.value)
    assert str(caught.value).startswith("rule r1: ")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"rationale": "  "}, "'rationale' must be non-empty"),
        ({"offence_category": "jaywalking"}, "unknown offence_category 'jaywalking'"),
        ({"review_by": "soon"}, "'review_by' must be an ISO date"),
        ({"valid_from": "2026-05-01", "valid_until": "2026-04-01"}, "is before valid_from"),
        ({"colour": "red"}, "unknown key 'colour'"),
    ],
)
def test_document_level_errors(change: dict[str, Any], error: str) -> None:
    with pytest.raises(RuleError, match=error):
        parse_rule(doc({"field": "payment.cash", "op": "eq", "value": True}, **change))


def test_missing_rationale_and_bad_id_and_bad_json() -> None:
    body = doc({"field": "payment.cash", "op": "eq", "value": True})
    del body["rationale"]
    with pytest.raises(RuleError, match="rule r1: 'rationale' is required"):
        parse_rule(body)
    with pytest.raises(RuleError, match="'id' must be"):
        parse_rule(doc({"field": "payment.cash", "op": "eq", "value": True}, id="bad id!"))
    with pytest.raises(RuleError, match="not valid JSON"):
        parse_rule("{not json")


def test_offence_table_has_terrorism_and_the_26_annex_ii_categories() -> None:
    assert len(OffenceCategory) == 27
    assert set(OFFENCE_LABELS) == set(OffenceCategory)
    assert (
        OffenceCategory.FACILITATION_UNAUTHORISED_ENTRY.label
        == "facilitation of unauthorised entry and residence"
    )


def test_example_criteria_parse_and_read_no_nationality() -> None:
    from openpiu.screening.rules.examples import example_rules

    rules = example_rules()
    assert len(rules) == 5
    assert len({r.offence_category for r in rules}) == 5
    for rule in rules:
        assert "traveller.nationality" not in rule.fields()
        assert len(rule.fields()) >= 2
