"""A handful of example criteria, written as a PIU would: targeted, each with its rationale and offence.

They are examples of the form, for demonstrations and tests, not operational criteria: a PIU sets its
own with its competent authorities (PNR Directive Art 6(4)) and backtests them first. None reads a
sensitive characteristic or a proxy of one; none singles out a nationality; each combines several
behavioural indicators so that it stays specific (CJEU C-817/19: targeted, proportionate, specific).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from openpiu.screening.rules.document import Rule, parse_rule

# How long an example written on a given day stays valid before it must be reviewed (see example_rules).
REVIEW_AFTER = timedelta(days=182)

_REVIEW = "2027-05-31"

EXAMPLES: tuple[dict[str, Any], ...] = (
    {
        "id": "late-cash-one-way",
        "title": "One-way ticket bought in cash less than 48 hours before departure, no checked bag",
        "rationale": (
            "Drug couriers are often sent at short notice on one-way tickets paid in cash by the organiser, "
            "travelling without checked luggage. Each indicator alone is common; together they are rare."
        ),
        "offence_category": "drug_trafficking",
        "valid_from": "2026-01-01",
        "review_by": _REVIEW,
        "when": {
            "all": [
                {"field": "itinerary.one_way", "op": "eq", "value": True},
                {"field": "payment.cash", "op": "eq", "value": True},
                {"field": "booking.hours_to_departure", "op": "between", "value": [0, 48]},
                {"field": "traveller.bags", "op": "eq", "value": 0},
            ]
        },
    },
    {
        "id": "third-party-one-way-group",
        "title": "Several travellers on one-way tickets paid by a third party, booked at short notice",
        "rationale": (
            "Victims of trafficking in human beings are moved in small groups on one-way tickets bought by "
            "someone who does not travel. The rule excludes named group bookings (tours, teams)."
        ),
        "offence_category": "human_trafficking",
        "valid_from": "2026-01-01",
        "review_by": _REVIEW,
        "when": {
            "all": [
                {"field": "payment.third_party", "op": "eq", "value": True},
                {"field": "itinerary.one_way", "op": "eq", "value": True},
                {"field": "booking.co_travellers", "op": "ge", "value": 2},
                {"field": "booking.hours_to_departure", "op": "between", "value": [0, 96]},
                {"not": {"field": "booking.group", "op": "eq", "value": True}},
            ]
        },
    },
    {
        "id": "expiring-foreign-document-transit",
        "title": "In transit on a foreign-issued document (not the nationality) expiring within 30 days",
        "rationale": (
            "Forged or borrowed documents used to facilitate unauthorised entry are often foreign-issued "
            "and close to expiry; travellers in transit avoid a full border check at the first airport."
        ),
        "offence_category": "facilitation_unauthorised_entry",
        "valid_from": "2026-01-01",
        "review_by": _REVIEW,
        "when": {
            "all": [
                {"field": "document.issuer_differs_from_nationality", "op": "eq", "value": True},
                {"field": "document.days_to_expiry", "op": "between", "value": [0, 30]},
                {"field": "traveller.in_transit", "op": "eq", "value": True},
            ]
        },
    },
    {
        "id": "changed-itinerary-late-ticket",
        "title": "Itinerary changed between pushes and ticket issued less than 24 hours before departure",
        "rationale": (
            "Changing the route after the first push and ticketing at the last moment is a pattern of "
            "fraud with stolen payment cards, where tickets are issued and used before the fraud is noticed."
        ),
        "offence_category": "fraud",
        "valid_from": "2026-01-01",
        "review_by": _REVIEW,
        "when": {
            "all": [
                {"field": "booking.itinerary_changed", "op": "eq", "value": True},
                {"field": "ticket.hours_to_departure", "op": "between", "value": [0, 24]},
            ]
        },
    },
    {
        "id": "short-stay-cash-courier",
        "title": "Return trip with a stay under two days, paid in cash, no checked bag",
        "rationale": (
            "Cash couriers for money laundering make short return trips without luggage, paying in cash; "
            "business travellers with short stays almost always pay by card."
        ),
        "offence_category": "money_laundering_counterfeit_currency",
        "valid_from": "2026-01-01",
        "review_by": _REVIEW,
        "when": {
            "all": [
                {"field": "itinerary.one_way", "op": "eq", "value": False},
                {"field": "itinerary.stay_days", "op": "between", "value": [0, 2]},
                {"field": "payment.cash", "op": "eq", "value": True},
                {"field": "traveller.bags", "op": "eq", "value": 0},
            ]
        },
    },
)


def example_rules(written_on: date | None = None, *, valid_from: date | None = None) -> tuple[Rule, ...]:
    """The example criteria, parsed and checked.

    Args:
        written_on: when given, the examples are dated as written that day: valid from it and due for
            review six months later (a demonstration on any day gets criteria that are in force, while
            the lifecycle's rule that a rule past its review date stops firing stays untouched). Without
            it, the dates as printed in ``EXAMPLES``.
    """
    documents: tuple[dict[str, Any], ...] = EXAMPLES
    if written_on is not None:
        dated = {
            "valid_from": (valid_from or written_on).isoformat(),
            "review_by": (written_on + REVIEW_AFTER).isoformat(),
        }
        documents = tuple({**document, **dated} for document in EXAMPLES)
    return tuple(parse_rule(document) for document in documents)
