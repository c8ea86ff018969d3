"""Screening speed against a 1,000,000-entry synthetic watchlist on one core, beside brute force.

Measures: index build time and resident memory; travellers per second over a mixed stream (mostly
travellers not on the list, some listed people written differently); the latency of screening one
200-traveller flight; and brute-force rapidfuzz ``cdist`` (Jaro-Winkler of full names against every
listed name, one worker) on the same data. Brute force over a million names is slow, so it runs on a
sample of travellers and is extrapolated; the table says so.

Run: ``python -m bench.screening_speed`` (``--entries`` to change the list size). Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from openpiu.model.match import TravellerQuery
from openpiu.screening import Screener
from openpiu.synth.watchlist import PERTURBATIONS, population, synthetic_entries

COMMAND = "python -m bench.screening_speed"
FLIGHT = 200


def _rss_mb() -> float:
    """Current resident memory of this process in MB (Linux ``/proc``; peak RSS elsewhere)."""
    statm = Path("/proc/self/statm")
    if statm.is_file():
        return int(statm.read_text().split()[1]) * resource.getpagesize() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reference_ms() -> float:
    """CPU time of a fixed pure-Python loop: a yardstick for how fast this core was during the run."""
    started = time.process_time()
    total = 0
    for i in range(1_000_000):
        total += i & 7
    return (time.process_time() - started) * 1000


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000, help="watchlist size")
    parser.add_argument("--travellers", type=int, default=20_000, help="travellers in the throughput run")
    parser.add_argument("--flights", type=int, default=30, help="200-traveller flights timed")
    parser.add_argument(
        "--brute-sample", type=int, default=20, help="travellers for the brute-force baseline"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    rss_start = _rss_mb()
    started = time.perf_counter()
    entries = list(synthetic_entries(args.entries, seed=args.seed, list_name="speed"))
    generated = time.perf_counter() - started
    rss_entries = _rss_mb()

    started_wall, started_cpu = time.perf_counter(), time.process_time()
    screener = Screener(entries)
    build_wall, build_cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
    rss_index = _rss_mb()

    rng = random.Random(args.seed)
    listed = max(1, args.travellers // 20)
    perturbations = list(PERTURBATIONS.values())
    stream = [q for e in rng.sample(entries, listed) if (q := rng.choice(perturbations)(e, rng))]
    stream += list(population(args.travellers - len(stream), seed=args.seed + 100))
    rng.shuffle(stream)

    started_wall, started_cpu = time.perf_counter(), time.process_time()
    alerts = len(screener.screen(stream))
    stream_wall, stream_cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu

    flights: list[float] = []
    for _ in range(args.flights):
        flight = rng.sample(stream, FLIGHT)
        started_cpu = time.process_time()
        screener.screen(flight)
        flights.append((time.process_time() - started_cpu) * 1000)

    names = [n.full.upper() for e in entries for n in e.names]
    sample: list[TravellerQuery] = rng.sample(stream, args.brute_sample)
    started_cpu = time.process_time()
    process.cdist(
        [f"{q.given_names} {q.surname}".upper() for q in sample],
        names,
        scorer=JaroWinkler.normalized_similarity,
        score_cutoff=0.9,
        workers=1,
    )
    brute = (time.process_time() - started_cpu) / len(sample)

    print(f"## Screening speed: {args.entries:,} entries ({len(names):,} names), one core\n")
    print("| measure | OpenPIU | brute-force rapidfuzz cdist | target |")
    print("|---|---:|---:|---:|")
    print(f"| travellers/s (CPU) | {len(stream) / stream_cpu:,.0f} | {1 / brute:,.1f} (extrapolated from "
          f"{len(sample)} travellers) | ≥ 5,000 |")  # fmt: skip
    print(f"| travellers/s (wall) | {len(stream) / stream_wall:,.0f} | | |")
    print(
        f"| 200-traveller flight, median / max (CPU ms) | {statistics.median(flights):.1f} / "
        f"{max(flights):.1f} | {brute * FLIGHT * 1000:,.0f} | ≤ 40 ms |"
    )
    print(f"| index build (wall / CPU s) | {build_wall:.1f} / {build_cpu:.1f} | none | ≤ 60 s |")
    print(
        f"| resident memory (MB): entries / + index | {rss_entries - rss_start:,.0f} / "
        f"{rss_index - rss_start:,.0f} | | ≤ 2,048 |"
    )
    print(f"| vocabulary (distinct name keys) | {screener.index.vocabulary_size:,} | | |")
    print(f"\n{len(stream):,} travellers ({listed:,} listed people perturbed), {alerts:,} alerts; "
          f"synthetic list generated in {generated:.1f} s (not part of the build).")  # fmt: skip
    print(f"Resident memory of the whole process at the end: {_rss_mb():,.0f} MB.")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Machine state: a 1M-iteration Python loop took {_reference_ms():.0f} ms of CPU "
        f"(load average {load} on {os.cpu_count()} cores)."
    )
    print(f"\nCommand: `{COMMAND} --entries {args.entries} --travellers {args.travellers}`")


if __name__ == "__main__":
    main()
