"""Run every benchmark in one go: ``make bench`` (``python -m bench``).

Each module in ``bench/`` has a ``main()`` that measures one thing against a baseline measured in the same
run, prints a markdown table of medians and the command that reproduces it. ``python -m bench.NAME`` runs one.
"""

from __future__ import annotations

import importlib
import sys
import time

# In the order they are reported in docs/benchmarks.md.
MODULES: tuple[str, ...] = (
    "parse_paxlst",
    "ingest",
    "parse_pnrgov",
    "ingest_pnr",
    "rules",
    "screening_eval",
    "screening_speed",
    "retention",
    "web_latency",
)


def main(argv: list[str]) -> None:
    names = argv or list(MODULES)
    for name in names:
        print(f"\n## bench.{name}\n", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"bench.{name}").main()
        print(f"\n(bench.{name} took {time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
