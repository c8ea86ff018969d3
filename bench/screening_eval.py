"""Screening quality: recall per perturbation and the passenger alert rate, OpenPIU beside a GTAS-style
baseline, in the same run.

The watchlist is synthetic (``openpiu.synth.watchlist``). For each perturbation (transliteration and
romanisation variants, Cyrillic ↔ Latin, typos, swapped name order, dropped middle names, date of birth
one day off or day/month swapped, document number written another way) a sample of listed people with an
exact date of birth is turned into travellers; recall is the share whose own entry alerts. A population
of travellers who are not on the list gives the passenger alert rate (share of travellers with any
alert). The baseline is how GTAS screens: upper-cased full name, Jaro-Winkler ≥ 0.95, and a date of
birth within three years (plus exact document numbers).

Run: ``python -m bench.screening_eval`` (``--entries``, ``--sample``, ``--population`` to change sizes).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from datetime import date

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from openpiu.model.match import TravellerQuery
from openpiu.model.values import normalise_document_number
from openpiu.model.watchlist import WatchlistEntry
from openpiu.screening import Screener
from openpiu.synth.watchlist import PERTURBATIONS, population, synthetic_entries

COMMAND = "python -m bench.screening_eval"
BASELINE_SIMILARITY = 0.95
BASELINE_YEARS = 3
CHUNK = 500


class GtasBaseline:
    """GTAS-style screening: upper-cased names, Jaro-Winkler ≥ 0.95, date of birth within 3 years."""

    def __init__(self, entries: Sequence[WatchlistEntry]) -> None:
        self.entries = entries
        self.names: list[str] = []
        self.owner: list[int] = []
        self.documents: dict[str, set[int]] = {}
        for position, entry in enumerate(entries):
            for name in entry.names:
                self.names.append(name.full.upper())
                self.owner.append(position)
            for document in entry.documents:
                self.documents.setdefault(normalise_document_number(document.number), set()).add(position)

    def screen(self, queries: Sequence[TravellerQuery]) -> list[set[str]]:
        """Per query, the ids of the entries that alert."""
        hits: list[set[str]] = []
        for start in range(0, len(queries), CHUNK):
            chunk = queries[start : start + CHUNK]
            names = [f"{q.given_names} {q.surname}".upper() for q in chunk]
            scores = process.cdist(
                names, self.names, scorer=JaroWinkler.normalized_similarity, score_cutoff=BASELINE_SIMILARITY,
                workers=1,
            )  # fmt: skip
            for row, query in enumerate(chunk):
                found = set()
                for column in scores[row].nonzero()[0]:
                    entry = self.entries[self.owner[column]]
                    if _within_years(query.date_of_birth, entry):
                        found.add(entry.id)
                for document in query.documents:
                    for position in self.documents.get(normalise_document_number(document.number), ()):
                        found.add(self.entries[position].id)
                hits.append(found)
        return hits


def _within_years(born: date | None, entry: WatchlistEntry) -> bool:
    if born is None or not entry.dates_of_birth:
        return True
    return any(abs(d.year - born.year) <= BASELINE_YEARS for d in entry.dates_of_birth)


def _ours(screener: Screener, queries: Sequence[TravellerQuery]) -> tuple[list[set[str]], float]:
    """Per query, the ids of the entries that alert; screened as a stream (a flight at a time)."""
    started = time.process_time()
    found: dict[str, set[str]] = {q.id: set() for q in queries}
    for match in screener.screen(queries):
        found[match.traveller_id].add(match.entry_id)
    return [found[q.id] for q in queries], time.process_time() - started


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000, help="watchlist size")
    parser.add_argument("--sample", type=int, default=1_000, help="perturbed travellers per perturbation")
    parser.add_argument("--population", type=int, default=20_000, help="travellers not on the list")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    entries = list(synthetic_entries(args.entries, seed=args.seed, list_name="eval"))
    dated = [e for e in entries if e.dates_of_birth and e.dates_of_birth[0].exact is not None]
    screener = Screener(entries)
    baseline = GtasBaseline(entries)
    rng = random.Random(args.seed + 1)

    rows = []
    for name, perturb in PERTURBATIONS.items():
        queries = [q for e in rng.sample(dated, min(args.sample, len(dated))) if (q := perturb(e, rng))]
        wanted = [q.id.split(":", 1)[1] for q in queries]
        ours, seconds = _ours(screener, queries)
        theirs = baseline.screen(queries)
        ours_recall = sum(w in h for w, h in zip(wanted, ours, strict=True)) / len(queries)
        theirs_recall = sum(w in h for w, h in zip(wanted, theirs, strict=True)) / len(queries)
        rows.append((name, len(queries), ours_recall, theirs_recall, len(queries) / seconds))

    travellers = list(population(args.population, seed=args.seed + 100))
    by_id = {e.id: e for e in entries}
    ours, seconds = _ours(screener, travellers)
    theirs = baseline.screen(travellers)

    def rate(hits: list[set[str]], dated_only: bool) -> float:
        alerted = 0
        for query, found in zip(travellers, hits, strict=True):
            if dated_only:
                found = {i for i in found if by_id[i].dates_of_birth}
            alerted += bool(found) and query.date_of_birth is not None
        return alerted / len(travellers)

    print(f"## Screening quality: {args.entries:,} synthetic entries, {len(travellers):,} other travellers\n")
    print("| perturbation | travellers | OpenPIU recall | GTAS-style recall | OpenPIU travellers/s (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for name, count, mine, other, speed in rows:
        print(f"| {name} | {count:,} | {mine:.1%} | {other:.1%} | {speed:,.0f} |")
    overall = sum(r[1] * r[2] for r in rows) / sum(r[1] for r in rows)
    overall_base = sum(r[1] * r[3] for r in rows) / sum(r[1] for r in rows)
    print(
        f"| **all perturbations** | {sum(r[1] for r in rows):,} | **{overall:.1%}** | {overall_base:.1%} | |"
    )
    print()
    print("| passenger alert rate | OpenPIU | GTAS-style |")
    print("|---|---:|---:|")
    print(f"| entries with a date of birth | {rate(ours, True):.2%} | {rate(theirs, True):.2%} |")
    undated = "all entries (5% have no date: name-only alerts)"
    print(f"| {undated} | {rate(ours, False):.2%} | {rate(theirs, False):.2%} |")
    print(f"\nOpenPIU screened the population at {len(travellers) / seconds:,.0f} travellers/s (CPU time).")
    sizes = f"--entries {args.entries} --sample {args.sample} --population {args.population}"
    print(f"\nCommand: `{COMMAND} {sizes}`")


if __name__ == "__main__":
    main()
