"""The pure retention policy: limits from the law, overrides only with a legal reference."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from openpiu.errors import ConfigError
from openpiu.privacy.retention import (
    Action,
    DataCategory,
    Policy,
    add_months,
    decide,
    hold_active,
    policy_from_document,
)

T0 = datetime(2026, 8, 31, 12, 0, tzinfo=UTC)


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(T0, 6) == datetime(2027, 2, 28, 12, 0, tzinfo=UTC)
    assert add_months(T0, 60) == datetime(2031, 8, 31, 12, 0, tzinfo=UTC)
    assert add_months(T0, -6) == datetime(2026, 2, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("category", "after", "retained", "cjeu", "expected"),
    [
        (DataCategory.API_BORDER, timedelta(hours=23, minutes=59), False, True, Action.KEEP),
        (DataCategory.API_BORDER, timedelta(hours=24), False, True, Action.DELETE),
        (DataCategory.API_BORDER, timedelta(hours=24), True, True, Action.KEEP),
        (DataCategory.API_BORDER, timedelta(days=200), True, True, Action.MASK),
        (DataCategory.API_LAW_ENFORCEMENT, timedelta(days=100), False, True, Action.KEEP),
        (DataCategory.PNR, timedelta(days=180), False, True, Action.KEEP),
        (DataCategory.PNR, timedelta(days=181), False, True, Action.DELETE),
        (DataCategory.PNR, timedelta(days=181), True, True, Action.MASK),
        (DataCategory.PNR, timedelta(days=181), False, False, Action.MASK),
        (DataCategory.PNR, timedelta(days=5 * 366), True, False, Action.DELETE),
        (DataCategory.HIT_DISMISSED, timedelta(days=1), False, True, Action.DELETE),
        (DataCategory.HIT_DISMISSED, timedelta(days=1), True, True, Action.KEEP),
        (DataCategory.HIT_CONFIRMED, timedelta(days=181), False, True, Action.MASK),
        (DataCategory.HIT_CONFIRMED, timedelta(days=5 * 366), False, True, Action.DELETE),
        (DataCategory.HIT_OPEN, timedelta(days=1), False, True, Action.KEEP),
    ],
)
def test_decide(
    category: DataCategory, after: timedelta, retained: bool, cjeu: bool, expected: Action
) -> None:
    policy = Policy(cjeu_mode=cjeu)
    assert decide(policy, category=category, received_at=T0, now=T0 + after, retained=retained) is expected


def test_overrides_need_a_legal_reference() -> None:
    policy = policy_from_document(
        {"delete_months": {"value": 36, "legal_reference": "Law 12/2024 Art 9"}}, source="policy.toml"
    )
    assert policy.delete_months == 36 and policy.references["delete_months"] == "Law 12/2024 Art 9"
    assert ("delete_months", "36", "Law 12/2024 Art 9") in policy.describe()
    with pytest.raises(ConfigError, match=r"policy.toml: \[delete_months\] overrides the law without"):
        policy_from_document({"delete_months": {"value": 36}}, source="policy.toml")
    with pytest.raises(ConfigError, match="unknown retention limit 'forever'"):
        policy_from_document({"forever": {"value": 1, "legal_reference": "x"}}, source="policy.toml")
    with pytest.raises(ConfigError, match="shorter than depersonalise_months"):
        policy_from_document({"delete_months": {"value": 3, "legal_reference": "x"}}, source="p")
    with pytest.raises(ConfigError, match="true or false"):
        policy_from_document({"cjeu_mode": {"value": "no", "legal_reference": "x"}}, source="p")


def test_hold_lapses_after_its_review_date() -> None:
    assert hold_active(review_date=date(2026, 9, 1), released=False, now=T0)
    assert not hold_active(review_date=date(2026, 8, 30), released=False, now=T0)
    assert not hold_active(review_date=date(2027, 1, 1), released=True, now=T0)
