"""Retention job throughput: a back-dated synthetic store (2 days, 7 and 61 months old) masked and deleted.

The store is built once (``openpiu.privacy.demo.load_backdated``: synthetic API and PNR, generated and
ingested, a few objective-link holds), copied, and the retention job runs on each copy in CJEU mode
(deletion at 6 months) and without it (masking: every row sealed with AES-GCM). The baseline is the CPU
time of building the same store (generation and ingest) in the same run. Run: ``python -m bench.retention``
(``OPENPIU_BENCH_SCALE`` sets the size of each day, 0.1 by default).
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from openpiu.privacy.demo import load_backdated
from openpiu.privacy.job import run_retention
from openpiu.privacy.retention import Policy
from openpiu.privacy.sealing import Sealer
from openpiu.settings import sqlite_url
from openpiu.store import create, upgrade
from openpiu.store.pnr_tables import BookingVersionRow
from openpiu.store.tables import RawMessageRow, TravellerRow

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
REPEATS = 3


def main() -> None:
    scale = float(os.environ.get("OPENPIU_BENCH_SCALE", "0.1"))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        engine = create(sqlite_url(root / "base.db"))
        upgrade(engine)
        started = time.process_time()
        load_backdated(engine, now=NOW, folder=root, scale=scale)
        baseline = time.process_time() - started
        with engine.connect() as connection:
            raw, travellers, versions = (
                connection.execute(select(func.count()).select_from(row)).scalar_one()
                for row in (RawMessageRow, TravellerRow, BookingVersionRow)
            )
        engine.dispose()
        print(
            f"store: {raw} messages, {travellers} API travellers, {versions} booking versions"
            f" (scale {scale})\n"
        )
        print(
            "| run | CPU s (median of 3) | wall s | items masked | items deleted"
            " | CPU vs building the store |"
        )
        print("|---|---|---|---|---|---|")
        for label, policy in (
            ("CJEU mode (delete at 6 months)", Policy()),
            ("mask at 6 months", Policy(cjeu_mode=False)),
        ):
            cpu, wall = [], []
            for n in range(REPEATS):
                copy = root / f"run{n}.db"
                shutil.copy(root / "base.db", copy)
                target = create(sqlite_url(copy))
                began, clock = time.process_time(), time.perf_counter()
                report = run_retention(target, policy=policy, sealer=Sealer(bytes(32)), now=NOW)
                cpu.append(time.process_time() - began)
                wall.append(time.perf_counter() - clock)
                target.dispose()
            median = statistics.median(cpu)
            print(
                f"| {label} | {median:.2f} | {statistics.median(wall):.2f} | {report.total('masked')} "
                f"| {report.total('deleted')} | {median / baseline:.2f} |"
            )
    print(f"\nbaseline: building the store took {baseline:.2f} s CPU. Command: python -m bench.retention")


if __name__ == "__main__":
    main()
