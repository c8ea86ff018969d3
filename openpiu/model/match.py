"""What screening takes in (a traveller query) and gives out (an explained match).

A match carries everything an analyst, a supervisor or a court needs to see why a traveller was flagged
(CJEU C-817/19: hits must be individually reviewable): the name variant and transliteration rule that
matched, per-token similarity, and each piece of evidence with its signed weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpiu.model.travel import TravelDocument, Traveller
from openpiu.model.values import Sex


@dataclass(frozen=True, slots=True)
class TravellerQuery:
    """The part of a traveller that screening compares, with the caller's identifier.

    Attributes:
        id: the caller's key for the traveller (returned in every ``Match``).
        surname: family name(s) as sent.
        given_names: given names as sent (may be empty).
        date_of_birth: when known.
        nationality: alpha-3 code.
        sex: when known.
        documents: travel documents carried.
    """

    id: str
    surname: str
    given_names: str = ""
    date_of_birth: date | None = None
    nationality: str | None = None
    sex: Sex | None = None
    documents: tuple[TravelDocument, ...] = ()

    @classmethod
    def of(cls, id: str, traveller: Traveller) -> TravellerQuery:
        """The query for a traveller parsed from API or PNR data."""
        return cls(
            id=id,
            surname=traveller.surname,
            given_names=traveller.given_names,
            date_of_birth=traveller.date_of_birth,
            nationality=traveller.nationality,
            sex=traveller.sex,
            documents=traveller.documents,
        )


@dataclass(frozen=True, slots=True)
class TokenSimilarity:
    """How one traveller name token lined up with one token of the watchlist name.

    Attributes:
        query: the traveller's token (normalised).
        entry: the watchlist token it was aligned with, or None when it found no partner.
        similarity: 0..1.
        reason: the equivalence or edit that explains it (``"DJ≡Đ"``, ``"1 edit"``, ``"exact"``).
    """

    query: str | None
    entry: str | None
    similarity: float
    reason: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One feature's contribution to a match score.

    Attributes:
        feature: feature name (``"name"``, ``"date_of_birth"``, ``"document"``...).
        score: the feature's own score, 0..1 (or -1..1 for evidence that can speak against a match).
        weight: the signed amount it added to (or, when negative, took from) the total.
        reason: human-readable explanation for the analyst.
    """

    feature: str
    score: float
    weight: float
    reason: str


@dataclass(frozen=True, slots=True)
class Match:
    """A traveller compared with a watchlist entry, with everything needed to explain the score.

    Attributes:
        traveller_id: the caller's identifier of the traveller.
        entry_id: ``WatchlistEntry.id``.
        list_name: the entry's list.
        score: total score, 0..1.
        alert: score reached the list's alert threshold.
        threshold: the threshold applied.
        matched_name: the entry's name as published that matched best.
        matched_variant: the romanisation of it that matched (``"DJORDJE VUCIC"``).
        rule: the transliteration rule that produced ``matched_variant``.
        tokens: per-token similarity of the name alignment.
        evidence: every feature's signed contribution.
    """

    traveller_id: str
    entry_id: str
    list_name: str
    score: float
    alert: bool
    threshold: float
    matched_name: str | None
    matched_variant: str | None
    rule: str | None
    tokens: tuple[TokenSimilarity, ...]
    evidence: tuple[Evidence, ...]

    def explanation(self) -> list[str]:
        """The explanation as lines an analyst reads, strongest evidence first."""
        lines = []
        if self.matched_variant is not None:
            lines.append(f"name variant {self.matched_variant!r} of {self.matched_name!r} ({self.rule})")
        for item in sorted(self.evidence, key=lambda e: -abs(e.weight)):
            lines.append(f"{item.feature} {item.weight:+.2f}: {item.reason}")
        return lines
