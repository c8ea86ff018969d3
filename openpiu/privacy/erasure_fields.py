"""What an erasure takes out of a booking shared with other travellers: the person, and what names them.

Pure. A carrier fills some fields for the whole booking (contacts, addresses, the payments and who paid,
the group name, the check-ins of every leg). When others remain on the booking, those fields stay, except
what identifies the erased person: a contact or address that is theirs (it is also in their traveller
entry), a payment they made (its holder, card and billing address go, its type and amount stay), a group
name with their surname, a check-in of theirs. When the person was the booking's only traveller, the
booking is theirs entirely and ``openpiu.store.erasure`` deletes it. Counts are per category, never the
content.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openpiu.privacy.subjects import Criteria, fold, matches, names_subject

# What a payment made by the erased person loses; its type and amount stay (statistics, backtesting).
_PAYER_FIELDS = ("payer", "account", "expiry", "vendor", "billing_address")


def is_subject(criteria: Criteria, person: Mapping[str, Any]) -> bool:
    """Whether a booking's traveller entry is the data subject (names, date of birth, documents)."""
    return matches(criteria, person, [d.get("number") for d in person.get("documents") or []])


@dataclass(frozen=True, slots=True)
class Traces:
    """What identifies the person in a booking besides their traveller entry (folded for comparison)."""

    contacts: frozenset[str]
    addresses: frozenset[str]
    accounts: frozenset[str]

    def in_text(self, text: str) -> bool:
        """Whether a free text (a change line) holds one of these values."""
        folded = fold(text)
        return any(value and value in folded for value in self.contacts | self.accounts | self.addresses)


def _address(value: Any) -> str:
    if not isinstance(value, Mapping):
        return ""
    return fold(" ".join(str(v) for v in value.values() if v))


def traces(criteria: Criteria, contents: Iterable[Mapping[str, Any] | None]) -> Traces:
    """The person's contacts and address (from their traveller entries) and the cards they paid with,
    over every version of a booking."""
    contacts: set[str] = set()
    addresses: set[str] = set()
    accounts: set[str] = set()
    for content in contents:
        if not content:
            continue
        for person in content.get("travellers") or []:
            if is_subject(criteria, person):
                contacts.update(fold(str(c.get("value") or "")) for c in person.get("contacts") or [])
                addresses.add(_address(person.get("address")))
        for payment in content.get("payment") or []:
            if isinstance(payment, Mapping) and names_subject(criteria, str(payment.get("payer") or "")):
                accounts.add(fold(str(payment.get("account") or "")))
    return Traces(frozenset(contacts - {""}), frozenset(addresses - {""}), frozenset(accounts - {""}))


def without_subject(
    criteria: Criteria, content: Mapping[str, Any], found: Traces
) -> tuple[dict[str, Any], Counter[str]]:
    """The booking without the person and what identifies them; what went, per category."""
    gone: Counter[str] = Counter()
    out = dict(content)
    travellers = content.get("travellers") or []
    theirs = [p for p in travellers if is_subject(criteria, p)]
    refs = {str(p.get("traveller_ref")) for p in theirs if p.get("traveller_ref") is not None}
    out["travellers"] = [p for p in travellers if not is_subject(criteria, p)]
    gone["traveller entry"] += len(theirs)
    contacts = content.get("contacts") or []
    out["contacts"] = [c for c in contacts if fold(str(c.get("value") or "")) not in found.contacts]
    gone["booking contact"] += len(contacts) - len(out["contacts"])
    addresses = content.get("addresses") or []
    out["addresses"] = [a for a in addresses if _address(a) not in found.addresses]
    gone["booking address"] += len(addresses) - len(out["addresses"])
    payments = []
    for payment in content.get("payment") or []:
        if isinstance(payment, Mapping) and (
            names_subject(criteria, str(payment.get("payer") or ""))
            or fold(str(payment.get("account") or "")) in found.accounts
        ):
            payment = {k: (None if k in _PAYER_FIELDS else v) for k, v in payment.items()}
            gone["payment holder"] += 1
        payments.append(payment)
    if "payment" in content:
        out["payment"] = payments
    # A group is named after a family or a party: the surname alone is enough to point at the person.
    if content.get("group_name") and fold(criteria.surname) in fold(str(content["group_name"])):
        out["group_name"] = None
        gone["group name"] += 1
    legs = []
    for leg in content.get("itinerary") or []:
        if isinstance(leg, Mapping) and leg.get("checkins"):
            kept = [
                c
                for c in leg["checkins"]
                if str(c.get("traveller_ref")) not in refs and not is_subject(criteria, c)
            ]
            gone["check-in"] += len(leg["checkins"]) - len(kept)
            leg = dict(leg) | {"checkins": kept}
        legs.append(leg)
    if "itinerary" in content:
        out["itinerary"] = legs
    return out, +gone
