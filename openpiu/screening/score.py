"""Scoring: a table of weighted features, each returning a score and a reason (nomenklatura style).

The total is ``Σ weight * score`` over the table, clipped to 0..1. The name feature carries the bulk of the
weight; the others confirm or contradict it. Every feature says why, in words an analyst, a supervisor or
a court can read (CJEU C-817/19: hits must be reviewable, criteria must consider exonerating elements as
well as incriminating ones — a conflicting date of birth *lowers* the score).

The weights are human-authored constants, reviewed with ``python -m bench.screening_eval``; nothing here
learns (C-817/19 forbids self-learning assessment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from openpiu.model.match import TravellerQuery
from openpiu.model.travel import TravelDocument
from openpiu.model.values import Sex
from openpiu.model.watchlist import NameQuality, PartialDate, WatchlistEntry
from openpiu.screening.align import Alignment, align
from openpiu.screening.documents import document_key, one_edit_apart
from openpiu.screening.index import NameKeys
from openpiu.screening.names import query_tokens

# A weak alias (UN quality "Low") is worth this fraction of a good name.
WEAK_ALIAS_FACTOR = 0.9


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    """A traveller with the derived keys every feature needs, computed once per traveller."""

    query: TravellerQuery
    keys: tuple[str, ...]
    surface: tuple[str, ...]
    document_keys: tuple[str, ...]
    documents: tuple[TravelDocument, ...]
    """The traveller's documents that have a key, in the order of ``document_keys``."""

    @classmethod
    def of(cls, query: TravellerQuery) -> PreparedQuery:
        tokens = query_tokens(f"{query.surname} {query.given_names}")
        keyed = [(k, d) for d in query.documents if (k := document_key(d.number))]
        return cls(
            query,
            tuple(k for _, k in tokens),
            tuple(t for t, _ in tokens),
            tuple(k for k, _ in keyed),
            tuple(d for _, d in keyed),
        )


@dataclass(frozen=True, slots=True)
class FeatureResult:
    """What one feature found: a score in -1..1 and why.

    The reason is written when it is read (``template`` filled in with ``values``): most results belong
    to candidates that do not alert, whose reasons nobody reads.
    """

    score: float
    template: str
    values: tuple[object, ...] = ()

    @property
    def reason(self) -> str:
        return self.template.format(*self.values) if self.values else self.template


@dataclass(frozen=True, slots=True)
class NameResult:
    """The best name alignment of a traveller with an entry."""

    score: float
    reason: str
    name: int | None
    alignment: Alignment | None


Feature = Callable[[PreparedQuery, WatchlistEntry], FeatureResult]


def best_name(prepared: PreparedQuery, entry: WatchlistEntry, keys: tuple[NameKeys, ...]) -> NameResult:
    """Align the traveller's name with every keyed name of the entry; keep the best.

    Args:
        prepared: the traveller.
        entry: the watchlist entry.
        keys: ``CandidateIndex.keys`` of the entry, one ``NameKeys`` per name.
    """
    best: NameResult | None = None
    # Names with the same keys as an earlier name (an original-script name and its romanisation, often)
    # align the same: they are skipped unless they are a stronger name than the earlier one.
    seen: dict[NameKeys, bool] = {}
    for position, name_keys in enumerate(keys):
        if not name_keys or not prepared.keys:
            continue
        weak = entry.names[position].quality is NameQuality.LOW
        if len(keys) > 1:
            strong_before = seen.get(name_keys)
            if strong_before is not None and (strong_before or weak):
                continue
            seen[name_keys] = bool(strong_before) or not weak
        alignment = align(prepared.keys, name_keys)
        score = alignment.score
        if weak:
            score *= WEAK_ALIAS_FACTOR
        if best is None or score > best.score:
            reason = f"{len(alignment.pairs)} of {len(prepared.keys)} name parts agree"
            if alignment.capped:
                reason += " (fewer than two: score capped)"
            if weak:
                reason += "; weak alias"
            best = NameResult(score, reason, position, alignment)
    if best is None:
        return NameResult(0.0, "no name to compare", None, None)
    return best


def date_of_birth(prepared: PreparedQuery, entry: WatchlistEntry) -> FeatureResult:
    """Graded date-of-birth evidence: exact, day/month swapped, ±1 day, same month/year, conflicting."""
    born = prepared.query.date_of_birth
    if born is None or not entry.dates_of_birth:
        return FeatureResult(0.0, "not compared: date of birth missing")
    if len(entry.dates_of_birth) == 1:
        return _compare_date(born, entry.dates_of_birth[0])
    return max((_compare_date(born, listed) for listed in entry.dates_of_birth), key=lambda r: r.score)


def _compare_date(born: date, listed: PartialDate) -> FeatureResult:
    exact = listed.exact
    if exact is not None:
        if exact == born:
            return FeatureResult(0.2, "exact ({})", (born,))
        if exact.year == born.year and (exact.month, exact.day) == (born.day, born.month):
            return FeatureResult(0.1, "day and month swapped ({} vs {})", (born, exact))
        if abs((exact - born).days) == 1:
            return FeatureResult(0.1, "one day apart ({} vs {})", (born, exact))
        if exact.year == born.year:
            return FeatureResult(-0.5, "same year, different day ({} vs {})", (born, exact))
        if abs(exact.year - born.year) == 1:
            return FeatureResult(-0.7, "one year apart ({} vs {})", (born, exact))
        return FeatureResult(-1.0, "conflicting ({} vs {})", (born, exact))
    if listed.earliest <= born <= listed.latest:
        if listed.month is not None and listed.to_year is None and not listed.approximate:
            return FeatureResult(0.1, "same month ({} in {})", (born, listed))
        accuracy = listed.accuracy.value
        return FeatureResult(0.04, "within the listed {} date ({} in {})", (accuracy, born, listed))
    if born.year in listed.years:
        return FeatureResult(-0.5, "same year, different month ({} vs {})", (born, listed))
    return FeatureResult(-1.0, "conflicting ({} outside {})", (born, listed))


def nationality(prepared: PreparedQuery, entry: WatchlistEntry) -> FeatureResult:
    """Same nationality supports a match a little; a different one speaks against it a little (dual
    nationals and changed nationalities are common, so it never decides)."""
    code = prepared.query.nationality
    if not code or not entry.nationalities:
        return FeatureResult(0.0, "not compared: nationality missing")
    if code in entry.nationalities:
        return FeatureResult(0.4, "same nationality ({})", (code,))
    others = ", ".join(entry.nationalities)
    return FeatureResult(-1.0, "different nationality ({} vs {})", (code, others))


_STATED = frozenset({Sex.MALE, Sex.FEMALE})


def sex(prepared: PreparedQuery, entry: WatchlistEntry) -> FeatureResult:
    """Sex only speaks when both sides state M or F and they differ."""
    mine, theirs = prepared.query.sex, entry.sex
    if mine not in _STATED or theirs not in _STATED:
        return FeatureResult(0.0, "not compared: sex missing or unspecified")
    if mine is theirs:
        return FeatureResult(0.0, "same sex ({})", (mine.value,))
    return FeatureResult(-1.0, "different sex ({} vs {})", (mine.value, theirs.value))


def document(prepared: PreparedQuery, entry: WatchlistEntry) -> FeatureResult:
    """A document number on the entry: exact after normalisation, or one edit apart (a typo)."""
    if not prepared.document_keys or not entry.documents:
        return FeatureResult(0.0, "not compared: no document on one side")
    best = FeatureResult(0.0, "no document number in common")
    for listed in entry.documents:
        key = document_key(listed.number)
        if key is None:
            continue
        for mine, carried in zip(prepared.document_keys, prepared.documents, strict=True):
            other_country = (
                listed.issuing_country
                and carried.issuing_country
                and listed.issuing_country != carried.issuing_country
            )
            if key == mine:
                if other_country:
                    result = FeatureResult(
                        0.15, "same number {}, other issuing country ({})", (mine, carried.issuing_country)
                    )
                else:
                    result = FeatureResult(1.0, "same document number {}", (listed.number,))
            elif len(key) >= 6 and one_edit_apart(key, mine):
                result = FeatureResult(0.25, "document number one edit apart ({} vs {})", (mine, key))
            else:
                continue
            if result.score > best.score:
                best = result
    return best


FEATURES: tuple[tuple[str, float, Feature], ...] = (
    ("date_of_birth", 0.5, date_of_birth),
    ("nationality", 0.05, nationality),
    ("sex", 0.15, sex),
    ("document", 0.8, document),
)
"""The weighted features besides the name (whose weight is ``NAME_WEIGHT``): name, weight, function."""

NAME_WEIGHT = 1.0
# Totals are rounded to four decimals; a bound must not lose an alert to that rounding.
_ROUNDING = 1e-4


def other_features(
    prepared: PreparedQuery, entry: WatchlistEntry
) -> tuple[float, list[tuple[str, float, FeatureResult]]]:
    """Every feature of the table but the name: the sum of their signed weights, and each result.

    Computed before the name because it is cheap and decides most candidates: the engine aligns names
    only when ``could_reach`` says a perfect name would reach the threshold with this support.
    """
    results = [(feature, weight, function(prepared, entry)) for feature, weight, function in FEATURES]
    return sum(weight * result.score for _, weight, result in results), results


def could_reach(support: float, limit: float) -> bool:
    """True when a name scoring 1.0 plus this support (``other_features``) reaches ``limit``."""
    return NAME_WEIGHT + support + _ROUNDING >= limit


def total_score(name_score: float, results: list[tuple[str, float, FeatureResult]]) -> float:
    """The weighted sum of the name and the other features, clipped to 0..1 and rounded."""
    total = NAME_WEIGHT * name_score
    for _, weight, result in results:
        total += weight * result.score
    return round(min(1.0, max(0.0, total)), 4)
