"""Ingest throughput: raw storage + parse + store, in travellers per second, into SQLite and PostgreSQL.

Messages come from ``openpiu.synth`` (one synthetic day at ``--scale``), written to a temporary folder
and read into memory first, so the figure is intake (store raw → parse → store) without the disk reads
of the inbox. Each run ingests every message into a fresh database (a new SQLite file; a new schema on
PostgreSQL); the median of ``--runs`` runs is reported, wall clock and CPU time of this process (pinned
to one core; the PostgreSQL server works in its own process). Reproduce with::

    python -m bench.ingest                # SQLite, and PostgreSQL when reachable
    python -m bench.ingest --scale 0.5 --runs 5

PostgreSQL: ``OPENPIU_TEST_DATABASE_URL``, else ``postgresql+psycopg://postgres@127.0.0.1:5432/test``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, make_url, text

from openpiu import accel
from openpiu.errors import StorageError
from openpiu.formats import parse_message
from openpiu.ingest import ingest_bytes
from openpiu.settings import sqlite_url, test_database_url
from openpiu.store import create, upgrade
from openpiu.store.airports import airport_zone
from openpiu.synth import write_day

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DAY = date(2026, 3, 29)


@dataclass(frozen=True, slots=True)
class Run:
    travellers: int
    wall: float
    cpu: float


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def synthetic_messages(*, scale: float, seed: int) -> list[tuple[str, bytes]]:
    """One synthetic day of PAXLST files, read into memory as ``(name, bytes)``."""
    with tempfile.TemporaryDirectory(prefix="openpiu-bench-") as folder:
        write_day(Path(folder), seed=seed, scale=scale, day=DAY, truth=False)
        return [(p.name, p.read_bytes()) for p in sorted((Path(folder) / "api").iterdir())]


@contextmanager
def sqlite_database() -> Iterator[Engine]:
    with tempfile.TemporaryDirectory(prefix="openpiu-bench-") as folder:
        engine = create(sqlite_url(Path(folder) / "bench.db"))
        try:
            yield engine
        finally:
            engine.dispose()


@contextmanager
def postgres_database(base: str) -> Iterator[Engine]:
    """A fresh schema of its own in the PostgreSQL database ``base``, dropped afterwards."""
    schema = f"bench_{secrets.token_hex(6)}"
    admin = create(base)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = create(url)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def ingest_once(engine: Engine, messages: list[tuple[str, bytes]]) -> Run:
    upgrade(engine)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = ingest_bytes(engine, messages)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if summary.rejected or summary.duplicates:
        raise RuntimeError(f"benchmark input not clean: {summary}")
    return Run(travellers=summary.travellers, wall=wall, cpu=cpu)


def parse_once(messages: list[tuple[str, bytes]]) -> Run:
    travellers = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for name, data in messages:
        travellers += sum(len(m.travellers) for m in parse_message(data, source=name).manifests)
    return Run(travellers=travellers, wall=time.perf_counter() - wall, cpu=time.process_time() - cpu)


def reference_loop() -> float:
    """CPU seconds of a plain 10-million-step Python loop: how fast this machine is, for comparison."""
    cpu = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.process_time() - cpu


def _row(name: str, runs: list[Run]) -> str:
    travellers = runs[0].travellers
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    return f"| {name} | {travellers:,} | {wall:.2f} | {travellers / wall:,.0f} | {travellers / cpu:,.0f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--scale", type=float, default=0.2, help="share of a full synthetic day (default 0.2)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per backend; the median is reported")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    _pin_one_core()
    airport_zone("BEG")  # load the airport table once, outside the timings
    messages = synthetic_messages(scale=args.scale, seed=args.seed)
    size = sum(len(data) for _, data in messages)
    rows = [_row("parse only (no database), for reference", [parse_once(messages) for _ in range(args.runs)])]
    sqlite_runs = []
    for _ in range(args.runs):
        with sqlite_database() as engine:
            sqlite_runs.append(ingest_once(engine, messages))
    rows.append(_row("ingest into SQLite (file, WAL)", sqlite_runs))
    postgres_note = ""
    if not args.no_postgres:
        base = test_database_url() or DEFAULT_POSTGRES
        try:
            postgres_runs = []
            for _ in range(args.runs):
                with postgres_database(base) as engine:
                    postgres_runs.append(ingest_once(engine, messages))
            rows.append(_row("ingest into PostgreSQL", postgres_runs))
        except StorageError as exc:
            postgres_note = f"PostgreSQL not measured: {exc}"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Ingest (store raw → parse → store), {len(messages)} synthetic PAXLST files ({size / 1e6:.1f} MB), "
        f"median of {args.runs} runs, one core; readers: {accel.describe()}\n"
    )
    print("| what | travellers | seconds (wall) | travellers/s (wall) | travellers/s (CPU) |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(row)
    if postgres_note:
        print(f"\n{postgres_note}")
    print(
        f"\nMachine: 10M-step Python loop took {reference_loop():.2f} s of CPU; load average {load:.1f} "
        f"on {os.cpu_count()} cores when finished."
    )
    print(f"\nReproduce: python -m bench.ingest --scale {args.scale} --runs {args.runs}")


if __name__ == "__main__":
    main()
