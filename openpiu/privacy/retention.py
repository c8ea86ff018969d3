"""Retention policy: how long each category of data lives, and what happens to it at each limit.

Pure: no database, no clock. The store applies the decisions (``openpiu.store.retention``) and the job
runs them in batches (``openpiu.privacy.job``).

Defaults come from the law (standards §3.1, §5.4, §6):

* API received for border purposes (Directive 2004/82/EC Art 6(1)): deleted 24 hours after
  transmission, unless needed for a hit or a case (a hold), in which case it follows the PNR rules.
* API received for law enforcement (Regulation (EU) 2025/13) follows the PNR of its flight.
* PNR (Directive (EU) 2016/681 Art 12): depersonalised 6 months after receipt, deleted 5 years after.
* CJEU C-817/19 (*Ligue des droits humains*), "CJEU mode", on by default: at 6 months PNR is **deleted**
  rather than masked, unless an objective-link hold is recorded for it.
* Results of processing (Art 12(5)): a confirmed (or not yet decided) hit is kept while needed (masked
  at 6 months, deleted at 5 years); a dismissed hit only while the data it rests on exist.

A deployment overrides a limit only together with the legal reference that allows it
(:func:`policy_from_document`), so the policy in force always says which law it applies.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from openpiu.errors import ConfigError


class DataCategory(StrEnum):
    """What a piece of personal data is, for retention."""

    API_BORDER = "api_border"  # API for border purposes (Directive 2004/82/EC)
    API_LAW_ENFORCEMENT = "api_law_enforcement"  # API on a PNR flight (Regulation (EU) 2025/13)
    PNR = "pnr"
    UNPARSED = "unparsed"  # a raw message that was never parsed (rejected): follows the PNR limits
    HIT_CONFIRMED = "hit_confirmed"
    HIT_DISMISSED = "hit_dismissed"
    HIT_OPEN = "hit_open"  # not decided yet


class Action(StrEnum):
    KEEP = "keep"
    MASK = "mask"
    DELETE = "delete"


DEFAULT_REFERENCES: Mapping[str, str] = {
    "api_border_hours": "Directive 2004/82/EC Art 6(1)",
    "depersonalise_months": "Directive (EU) 2016/681 Art 12(2)",
    "delete_months": "Directive (EU) 2016/681 Art 12(1) and 12(4)",
    "confirmed_hit_months": "Directive (EU) 2016/681 Art 12(5)",
    "cjeu_mode": "CJEU C-817/19 Ligue des droits humains (21 June 2022)",
}


@dataclass(frozen=True, slots=True)
class Policy:
    """The limits in force, each with the legal reference it applies (``references``)."""

    api_border_hours: int = 24
    depersonalise_months: int = 6
    delete_months: int = 60
    confirmed_hit_months: int = 60
    cjeu_mode: bool = True
    references: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_REFERENCES))

    def describe(self) -> list[tuple[str, str, str]]:
        """``(limit, value, legal reference)`` rows, for reports and the DPO dashboard."""
        return [(name, str(getattr(self, name)), self.references[name]) for name in DEFAULT_REFERENCES]


def policy_from_document(document: Mapping[str, Any], *, source: str) -> Policy:
    """The default policy with a deployment's overrides (a parsed TOML table).

    Each override is a table ``[name]`` with ``value`` and ``legal_reference``; an override without its
    legal reference is refused, since a limit nobody can justify is not a limit.

    Args:
        document: ``{"delete_months": {"value": 36, "legal_reference": "Law 12/2024 Art 9"}, ...}``.
        source: where the document came from (a file path), named in errors.
    """
    policy = Policy()
    references = dict(policy.references)
    changes: dict[str, Any] = {}
    for name, entry in document.items():
        if name not in DEFAULT_REFERENCES:
            known = ", ".join(DEFAULT_REFERENCES)
            raise ConfigError(f"{source}: unknown retention limit {name!r} (known: {known})")
        if not isinstance(entry, Mapping) or "value" not in entry:
            raise ConfigError(f"{source}: [{name}] needs a value and a legal_reference")
        reference = entry.get("legal_reference")
        if not isinstance(reference, str) or not reference.strip():
            raise ConfigError(f"{source}: [{name}] overrides the law without a legal_reference")
        value = entry["value"]
        if name == "cjeu_mode":
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: [{name}] value must be true or false")
        elif isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{source}: [{name}] value must be a positive whole number")
        changes[name] = value
        references[name] = reference.strip()
    policy = replace(policy, **changes, references=references)
    if policy.delete_months < policy.depersonalise_months:
        raise ConfigError(f"{source}: delete_months is shorter than depersonalise_months")
    return policy


def add_months(instant: datetime, months: int) -> datetime:
    """``instant`` plus calendar months, the day clamped to the month's length (31 Aug + 6 = 28/29 Feb)."""
    total = instant.month - 1 + months
    year, month = instant.year + total // 12, total % 12 + 1
    day = min(instant.day, calendar.monthrange(year, month)[1])
    return instant.replace(year=year, month=month, day=day)


def masking_due(policy: Policy, received_at: datetime) -> datetime:
    """When data received at ``received_at`` must be depersonalised (or, in CJEU mode, deleted)."""
    return add_months(received_at, policy.depersonalise_months)


def deletion_due(policy: Policy, received_at: datetime) -> datetime:
    """When data received at ``received_at`` must be gone, hold or not."""
    return add_months(received_at, policy.delete_months)


def border_due(policy: Policy, received_at: datetime) -> datetime:
    """When border-purpose API must be gone unless a hit or a case needs it."""
    return received_at + timedelta(hours=policy.api_border_hours)


def decide(
    policy: Policy,
    *,
    category: DataCategory,
    received_at: datetime,
    now: datetime,
    retained: bool,
) -> Action:
    """What must happen now to one item.

    Args:
        category: what the item is.
        received_at: T0 of its clocks (receipt by the PIU; for a hit, when it was first seen).
        retained: for PNR and API, an objective-link hold or a hit covers it; for a dismissed hit, the
            data it rests on still exist; ignored for confirmed and undecided hits (kept while needed:
            masked at 6 months, deleted at ``confirmed_hit_months``).
    """
    if category in (DataCategory.HIT_CONFIRMED, DataCategory.HIT_OPEN):
        if now >= add_months(received_at, policy.confirmed_hit_months):
            return Action.DELETE
        return Action.MASK if now >= masking_due(policy, received_at) else Action.KEEP
    if now >= deletion_due(policy, received_at):
        return Action.DELETE
    if category is DataCategory.HIT_DISMISSED:
        if not retained:
            return Action.DELETE
        return Action.MASK if now >= masking_due(policy, received_at) else Action.KEEP
    if category is DataCategory.API_BORDER and now >= border_due(policy, received_at) and not retained:
        return Action.DELETE
    if now >= masking_due(policy, received_at):
        return Action.MASK if retained or not policy.cjeu_mode else Action.DELETE
    return Action.KEEP


def hold_active(*, review_date: date, released: bool, now: datetime) -> bool:
    """A hold protects data until released or until its review date passes without a renewal.

    A lapsed review means nobody re-examined the objective link: the data then fall under the normal
    limits (CJEU C-817/19: retention beyond 6 months only while the link is established).
    """
    return not released and now.date() <= review_date
