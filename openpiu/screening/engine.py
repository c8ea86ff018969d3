"""The screening engine: travellers in, explained matches out.

``Screener`` holds a ``CandidateIndex`` over watchlist entries and the lists' thresholds. For each
traveller it asks the index for candidates, scores each with the feature table (``score.py``), and
returns the matches at or above the entry's list threshold, each with its full explanation.

Pure: it is handed entries and lists (from the database, a file, a test) and never fetches them.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpiu.errors import ScreeningError
from openpiu.model.match import Evidence, Match, TokenSimilarity, TravellerQuery
from openpiu.model.travel import Traveller
from openpiu.model.watchlist import DEFAULT_ALERT_THRESHOLD, Watchlist, WatchlistEntry
from openpiu.screening.align import Alignment
from openpiu.screening.index import CandidateIndex
from openpiu.screening.names import AS_PUBLISHED, keyed_tokens, token_variants
from openpiu.screening.score import (
    NAME_WEIGHT,
    FeatureResult,
    NameResult,
    PreparedQuery,
    best_name,
    could_reach,
    other_features,
    total_score,
)

# Travellers looked up in the index together (about a flight).
BATCH = 256


class Screener:
    """Screens travellers against watchlist entries with per-list thresholds.

    Args:
        entries: every entry to screen against (any iterable; consumed once).
        watchlists: the lists the entries belong to; an entry whose list is not given uses
            ``DEFAULT_ALERT_THRESHOLD``.
    """

    def __init__(self, entries: Iterable[WatchlistEntry], watchlists: Iterable[Watchlist] = ()) -> None:
        self.watchlists = {w.name: w for w in watchlists}
        self.index = CandidateIndex(entries)
        self._positions: dict[str, int] | None = None

    def threshold(self, list_name: str) -> float:
        """The alert threshold of a list (the default when the list is unknown)."""
        watchlist = self.watchlists.get(list_name)
        return watchlist.thresholds.alert if watchlist else DEFAULT_ALERT_THRESHOLD

    def screen(self, queries: Iterable[TravellerQuery], *, threshold: float | None = None) -> list[Match]:
        """Alerts for every traveller, in traveller order, best first within a traveller.

        Travellers are looked up in the index ``BATCH`` at a time (see ``CandidateIndex.candidates_of``).

        Args:
            queries: the travellers.
            threshold: one threshold for every list instead of each list's own (evaluation only).
        """
        matches: list[Match] = []
        batch: list[TravellerQuery] = []
        for query in queries:
            batch.append(query)
            if len(batch) == BATCH:
                matches += self._screen_batch(batch, threshold)
                batch = []
        return matches + self._screen_batch(batch, threshold) if batch else matches

    def screen_travellers(
        self, travellers: Iterable[tuple[str, Traveller]], *, threshold: float | None = None
    ) -> list[Match]:
        """Alerts for travellers parsed from API or PNR data, each given with the caller's identifier."""
        return self.screen((TravellerQuery.of(key, t) for key, t in travellers), threshold=threshold)

    def screen_one(self, query: TravellerQuery, *, threshold: float | None = None) -> list[Match]:
        """Alerts for one traveller, best first."""
        return self._screen_batch([query], threshold)

    def _screen_batch(self, queries: list[TravellerQuery], threshold: float | None) -> list[Match]:
        prepared = [PreparedQuery.of(query) for query in queries]
        index = self.index
        batch = index.candidates_of([(p.keys, p.query.date_of_birth, p.document_keys) for p in prepared])
        matches: list[Match] = []
        limits: dict[str, float] = {}
        for traveller, candidates in zip(prepared, batch, strict=True):
            found = []
            for position in sorted(candidates):  # ties keep list order
                entry = index.entries[position]
                limit = threshold if threshold is not None else limits.get(entry.list_name)
                if limit is None:
                    limit = limits[entry.list_name] = self.threshold(entry.list_name)
                # The cheap features first: most candidates cannot reach the threshold even with a
                # perfect name, and their names are never aligned.
                support, results = other_features(traveller, entry)
                if not could_reach(support, limit):
                    continue
                name = best_name(traveller, entry, index.name_keys(position))
                total = total_score(name.score, results)
                if total >= limit:
                    found.append(self._match(traveller, position, total, name, results, limit))
            found.sort(key=lambda m: -m.score)
            matches += found
        return matches

    def compare(self, query: TravellerQuery, entry_id: str, list_name: str | None = None) -> Match:
        """Score one traveller against one entry, whatever the score (for review and tests)."""
        if self._positions is None:
            self._positions = {}
            for i, e in enumerate(self.index.entries):
                self._positions.setdefault(e.id, i)
                self._positions[f"{e.list_name}\x00{e.id}"] = i
        key = entry_id if list_name is None else f"{list_name}\x00{entry_id}"
        position = self._positions.get(key)
        if position is None:
            raise ScreeningError(f"no watchlist entry {entry_id!r}")
        prepared = PreparedQuery.of(query)
        entry = self.index.entries[position]
        _, results = other_features(prepared, entry)
        name = best_name(prepared, entry, self.index.name_keys(position))
        limit = self.threshold(entry.list_name)
        return self._match(prepared, position, total_score(name.score, results), name, results, limit)

    def _match(
        self,
        prepared: PreparedQuery,
        position: int,
        total: float,
        name: NameResult,
        results: list[tuple[str, float, FeatureResult]],
        limit: float,
    ) -> Match:
        entry = self.index.entries[position]
        evidence = [Evidence("name", round(name.score, 4), round(NAME_WEIGHT * name.score, 4), name.reason)]
        evidence += [
            Evidence(feature, result.score, round(weight * result.score, 4), result.reason)
            for feature, weight, result in results
            if result.score != 0.0 or feature == "date_of_birth"
        ]
        matched_name = variant = rule = None
        tokens: tuple[TokenSimilarity, ...] = ()
        if name.name is not None and name.alignment is not None:
            matched_name = entry.names[name.name].full
            variant, rule, tokens = _explain_name(prepared, matched_name, name.alignment)
        return Match(
            traveller_id=prepared.query.id,
            entry_id=entry.id,
            list_name=entry.list_name,
            score=total,
            alert=total >= limit,
            threshold=limit,
            matched_name=matched_name,
            matched_variant=variant,
            rule=rule,
            tokens=tokens,
            evidence=tuple(evidence),
        )


def _explain_name(
    prepared: PreparedQuery, published: str, alignment: Alignment
) -> tuple[str, str, tuple[TokenSimilarity, ...]]:
    """The romanisation of the published name that matched, its rule(s), and per-token similarity."""
    entry_tokens = keyed_tokens(published)
    chosen = [token_variants(t)[0] for t in entry_tokens]
    tokens = []
    aligned_q: set[int] = set()
    for i, j, key, similarity in alignment.pairs:
        aligned_q.add(i)
        surface = prepared.surface[i]
        variants = [v for v in token_variants(entry_tokens[j]) if v.key == key]
        pick = next((v for v in variants if v.text == surface), variants[0] if variants else chosen[j])
        chosen[j] = pick
        if pick.text == surface:
            reason = "exact" if pick.rule == AS_PUBLISHED else f"exact after {pick.rule}"
        elif prepared.keys[i] == key:
            reason = f"equivalent spelling ({surface} ≡ {pick.text}, key {key})"
        else:
            reason = f"similar spelling ({prepared.keys[i]} ~ {key})"
        tokens.append(TokenSimilarity(surface, pick.text, round(similarity, 4), reason))
    for i, surface in enumerate(prepared.surface):
        if i not in aligned_q:
            tokens.append(TokenSimilarity(surface, None, 0.0, "not on the watchlist name"))
    for j, token in enumerate(entry_tokens):
        if j not in {p[1] for p in alignment.pairs}:
            tokens.append(TokenSimilarity(None, token, 0.0, "not in the traveller's name (missing part)"))
    rules = sorted({v.rule for v in chosen if v.rule != AS_PUBLISHED}) or [AS_PUBLISHED]
    return " ".join(v.text for v in chosen), "; ".join(rules), tuple(tokens)
