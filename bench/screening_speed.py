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
import gc
import os
import random
import resource
import statistics
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from openpiu.model.match import TravellerQuery
from openpiu.model.watchlist import WatchlistEntry
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


def _travellers(
    entries: list[WatchlistEntry], count: int, rng: random.Random, *, seed: int
) -> list[TravellerQuery]:
    """A mixed stream: one traveller in twenty is a listed person written differently."""
    listed = max(1, count // 20)
    perturbations = list(PERTURBATIONS.values())
    stream = [q for e in rng.sample(entries, listed) if (q := rng.choice(perturbations)(e, rng))]
    stream += list(population(count - len(stream), seed=seed))
    rng.shuffle(stream)
    return stream


def _range(values: Iterable[float], digits: int = 0) -> str:
    found = list(values)
    return f"{min(found):,.{digits}f} to {max(found):,.{digits}f}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000, help="watchlist size")
    parser.add_argument("--travellers", type=int, default=20_000, help="travellers in the throughput run")
    parser.add_argument("--flights", type=int, default=30, help="200-traveller flights timed")
    parser.add_argument(
        "--brute-sample", type=int, default=20, help="travellers for the brute-force baseline"
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs, each with a fresh index")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    rss_start = _rss_mb()
    started = time.perf_counter()
    entries = list(synthetic_entries(args.entries, seed=args.seed, list_name="speed"))
    generated = time.perf_counter() - started
    rss_entries = _rss_mb()

    rng = random.Random(args.seed)
    stream = _travellers(entries, args.travellers, rng, seed=args.seed + 100)
    # Flights are travellers not in the stream: their given names are remembered by then, most surnames
    # are new (a PIU's steady state).
    flights = _travellers(entries, args.flights * FLIGHT, rng, seed=args.seed + 200)

    builds: list[tuple[float, float]] = []
    rates: list[tuple[float, float]] = []
    latencies: list[list[float]] = []
    rss_index = 0.0
    alerts = 0
    vocabulary = 0
    for _ in range(args.repeats):
        # A fresh index each time: its memories of travellers' tokens start empty.
        screener = None
        gc.collect()
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        screener = Screener(entries)
        builds.append((time.perf_counter() - started_wall, time.process_time() - started_cpu))
        rss_index = rss_index or _rss_mb()
        vocabulary = screener.index.vocabulary_size

        started_wall, started_cpu = time.perf_counter(), time.process_time()
        alerts = len(screener.screen(stream))
        stream_wall, stream_cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
        rates.append((len(stream) / stream_cpu, len(stream) / stream_wall))

        latency = []
        for start in range(0, len(flights), FLIGHT):
            started_cpu = time.process_time()
            screener.screen(flights[start : start + FLIGHT])
            latency.append((time.process_time() - started_cpu) * 1000)
        latencies.append(latency)

    names = [n.full.upper() for e in entries for n in e.names]
    sample: list[TravellerQuery] = rng.sample(stream, args.brute_sample)
    screener = None
    started_cpu = time.process_time()
    process.cdist(
        [f"{q.given_names} {q.surname}".upper() for q in sample],
        names,
        scorer=JaroWinkler.normalized_similarity,
        score_cutoff=0.9,
        workers=1,
    )
    brute = (time.process_time() - started_cpu) / len(sample)

    median = statistics.median
    flight_medians = [median(latency) for latency in latencies]
    print(f"## Screening speed: {args.entries:,} entries ({len(names):,} names), one core\n")
    print(f"Medians of {args.repeats} runs, each with a fresh index (range in brackets).\n")
    print("| measure | OpenPIU | brute-force rapidfuzz cdist | target |")
    print("|---|---:|---:|---:|")
    print(f"| travellers/s (CPU) | {median(r[0] for r in rates):,.0f} ({_range(r[0] for r in rates)}) | "
          f"{1 / brute:,.1f} (extrapolated from {len(sample)} travellers) | ≥ 5,000 |")  # fmt: skip
    print(f"| travellers/s (wall) | {median(r[1] for r in rates):,.0f} | | |")
    slowest = max(max(latency) for latency in latencies)
    print(
        f"| 200-traveller flight, median (CPU ms) | {median(flight_medians):.1f} "
        f"({_range(flight_medians, 1)}); slowest {slowest:.1f} | {brute * FLIGHT * 1000:,.0f} | ≤ 40 ms |"
    )
    build_wall, build_cpu = median(b[0] for b in builds), median(b[1] for b in builds)
    print(
        f"| index build (wall / CPU s) | {build_wall:.1f} / {build_cpu:.1f} "
        f"({_range((b[1] for b in builds), 1)}) | none | ≤ 60 s |"
    )
    print(
        f"| resident memory (MB): entries / + index | {rss_entries - rss_start:,.0f} / "
        f"{rss_index - rss_start:,.0f} | | ≤ 2,048 |"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| peak resident memory of the process (MB) | {peak:,.0f} | | |")
    print(f"| vocabulary (distinct name keys) | {vocabulary:,} | | |")
    listed = sum(not q.id.startswith("pax:") for q in stream)
    print(f"\n{len(stream):,} travellers ({listed:,} listed people perturbed), {alerts:,} alerts; "
          f"synthetic list generated in {generated:.1f} s (not part of the build).")  # fmt: skip
    print(f"Resident memory of the whole process at the end: {_rss_mb():,.0f} MB.")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Machine state: a 1M-iteration Python loop took {_reference_ms():.0f} ms of CPU "
        f"(load average {load} on {os.cpu_count()} cores)."
    )
    sizes = f"--entries {args.entries} --travellers {args.travellers} --repeats {args.repeats}"
    print(f"\nCommand: `{COMMAND} {sizes}`")


if __name__ == "__main__":
    main()
