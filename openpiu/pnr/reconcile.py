"""API ↔ PNR reconciliation for one flight: which API traveller is which PNR traveller, and who is in
only one source (no-shows: booked, not on the API list; go-shows: on the API list without a booking).

A link is scored by a table of weighted features, each with the reason an analyst reads (style: an
explanation is part of the result). Pairs are formed greedily from the best score down, one-to-one;
a pair below ``THRESHOLD`` is not a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpiu.model import Booking, PnrTraveller, Traveller, normalise_document_number
from openpiu.pnr.names import given_key, surname_key

# Feature → weight. Document number and record locator are identifiers; names and birth date are
# corroboration; the seat only breaks ties.
WEIGHTS = {
    "document number": 0.5,
    "record locator": 0.2,
    "surname": 0.15,
    "given names": 0.1,
    "date of birth": 0.15,
    "seat": 0.05,
}
# Locator + surname alone (0.35) is not enough: family members share both.
THRESHOLD = 0.4


@dataclass(frozen=True, slots=True)
class Link:
    """One API traveller linked to one PNR traveller.

    Attributes:
        api: the API traveller.
        pnr: the PNR traveller.
        record_locator: the booking the PNR traveller is on.
        confidence: sum of the matched features' weights (0..1).
        reasons: the matched features, in words (``"document number"``, ``"surname (normalised)"``).
        name_mismatch: True when the names differ even after normalisation (linked on other evidence).
    """

    api: Traveller
    pnr: PnrTraveller
    record_locator: str
    confidence: float
    reasons: tuple[str, ...]
    name_mismatch: bool = False


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The outcome for one flight.

    Attributes:
        links: linked pairs, best first.
        api_only: API travellers without a PNR traveller (go-shows, or PNR not received).
        pnr_only: PNR travellers without an API traveller, with their locator (no-shows).
    """

    links: tuple[Link, ...]
    api_only: tuple[Traveller, ...]
    pnr_only: tuple[tuple[str, PnrTraveller], ...]

    @property
    def name_mismatches(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.name_mismatch)


def score(api: Traveller, pnr: PnrTraveller, locators: frozenset[str]) -> tuple[float, tuple[str, ...], bool]:
    """Score one pair: confidence, reasons, and whether the names differ after normalisation."""
    reasons: list[str] = []
    api_docs = {normalise_document_number(d.number) for d in api.documents if d.number}
    pnr_docs = {normalise_document_number(d.number) for d in pnr.person.documents if d.number}
    if api_docs & pnr_docs:
        reasons.append("document number")
    if api.reservation_ref and api.reservation_ref.strip().upper() in locators:
        reasons.append("record locator")
    surname_same = surname_key(api.surname) == surname_key(pnr.person.surname)
    given_same = given_key(api.given_names) == given_key(pnr.person.given_names)
    if surname_same:
        exact = api.surname.strip().upper() == pnr.person.surname.strip().upper()
        reasons.append("surname" if exact else "surname (normalised)")
    if given_same:
        exact = api.given_names.strip().upper() == pnr.person.given_names.strip().upper()
        reasons.append("given names" if exact else "given names (normalised)")
    if api.date_of_birth is not None and api.date_of_birth == pnr.person.date_of_birth:
        reasons.append("date of birth")
    if api.seat and pnr.person.seat and api.seat.upper().lstrip("0") == pnr.person.seat.upper().lstrip("0"):
        reasons.append("seat")
    confidence = sum(WEIGHTS[r.split(" (")[0]] for r in reasons)
    return round(min(confidence, 1.0), 3), tuple(reasons), not (surname_same and given_same)


def reconcile(api: Sequence[Traveller], bookings: Sequence[Booking]) -> Reconciliation:
    """Link the API passengers of a flight to the travellers of its (not cancelled) bookings.

    Candidate pairs come from blocking on document number, record locator, surname key and birth date,
    so the work grows with the number of travellers, not with its square.
    """
    pnr: list[tuple[str, frozenset[str], PnrTraveller]] = [
        (b.record_locator, frozenset(r.locator.upper() for r in b.locators) | {b.record_locator.upper()}, t)
        for b in bookings
        if not b.cancelled
        for t in b.travellers
    ]
    blocks: dict[tuple[str, str], list[int]] = {}
    for index, (_, locators, traveller) in enumerate(pnr):
        for key in _block_keys(traveller.person, locators):
            blocks.setdefault(key, []).append(index)
    candidates: list[tuple[float, int, int, tuple[str, ...], bool]] = []
    for a, person in enumerate(api):
        seen: set[int] = set()
        for key in _block_keys(
            person, frozenset({person.reservation_ref.upper()} if person.reservation_ref else ())
        ):
            for p in blocks.get(key, ()):
                if p in seen:
                    continue
                seen.add(p)
                confidence, reasons, mismatch = score(person, pnr[p][2], pnr[p][1])
                if confidence >= THRESHOLD:
                    candidates.append((confidence, a, p, reasons, mismatch))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_api: set[int] = set()
    used_pnr: set[int] = set()
    links: list[Link] = []
    for confidence, a, p, reasons, mismatch in candidates:
        if a in used_api or p in used_pnr:
            continue
        used_api.add(a)
        used_pnr.add(p)
        links.append(Link(api[a], pnr[p][2], pnr[p][0], confidence, reasons, mismatch))
    return Reconciliation(
        links=tuple(links),
        api_only=tuple(t for i, t in enumerate(api) if i not in used_api),
        pnr_only=tuple((pnr[i][0], pnr[i][2]) for i in range(len(pnr)) if i not in used_pnr),
    )


def _block_keys(person: Traveller, locators: frozenset[str]) -> list[tuple[str, str]]:
    keys = [("doc", normalise_document_number(d.number)) for d in person.documents if d.number]
    keys += [("pnr", locator) for locator in locators]
    keys.append(("surname", surname_key(person.surname)))
    if person.date_of_birth is not None:
        keys.append(("born", person.date_of_birth.isoformat()))
    return keys
