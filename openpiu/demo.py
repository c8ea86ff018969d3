"""The demo: one day of synthetic Western Balkan traffic, received, parsed and stored, end to end.

``run_demo`` is the main job behind ``openpiu demo``: it creates a fresh database under the demo folder,
generates a day of traffic with ``openpiu.synth``, ingests it with the same pipeline carriers' messages
go through (raw first, then parse, then store), and reports what happened and how long it took.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from openpiu.ingest import IngestSummary, collect_files, ingest_paths
from openpiu.settings import sqlite_url
from openpiu.store import create, require_current, session_factory
from openpiu.store.tables import TravellerRow
from openpiu.synth import SynthSummary, write_day

DATABASE_FILE = "openpiu.db"
TRAFFIC_DIR = "traffic"


@dataclass(frozen=True, slots=True)
class DemoReport:
    """What the demo did, for the summary: the generated day, the ingest run and the time each took."""

    folder: Path
    database_url: str
    synth: SynthSummary
    ingest: IngestSummary
    passengers: int
    crew: int
    generate_seconds: float
    ingest_seconds: float

    @property
    def seconds(self) -> float:
        return self.generate_seconds + self.ingest_seconds

    @property
    def travellers_per_second(self) -> float:
        return self.ingest.travellers / self.ingest_seconds if self.ingest_seconds > 0 else 0.0


def run_demo(
    folder: Path,
    *,
    seed: int,
    scale: float,
    day: date,
    on_generated: Callable[[SynthSummary, int], None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoReport:
    """Run the demo in ``folder``, replacing any earlier demo database and traffic there.

    Args:
        folder: where the SQLite database (``openpiu.db``) and the traffic (``traffic/``) go.
        seed: random seed of the synthetic day (same seed, same day).
        scale: share of a full day of the region's traffic.
        day: the day of the flights.
        on_generated: called with the synth summary and the number of files once they are written.
        progress: called once per ingested file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / DATABASE_FILE
    for stale in (database, folder / f"{DATABASE_FILE}-wal", folder / f"{DATABASE_FILE}-shm"):
        stale.unlink(missing_ok=True)
    shutil.rmtree(folder / TRAFFIC_DIR, ignore_errors=True)

    started = time.perf_counter()
    synth = write_day(folder / TRAFFIC_DIR, seed=seed, scale=scale, day=day, truth=False)
    files = collect_files([folder / TRAFFIC_DIR])
    generated = time.perf_counter()
    if on_generated is not None:
        on_generated(synth, len(files))

    url = sqlite_url(database)
    engine = create(url)
    try:
        require_current(engine, create_if_empty=True)
        ingest_started = time.perf_counter()
        summary = ingest_paths(engine, files, progress=progress)
        ingested = time.perf_counter()
        with session_factory(engine)() as session:
            rows = session.execute(select(TravellerRow.role, func.count()).group_by(TravellerRow.role)).all()
    finally:
        engine.dispose()
    by_role = {str(role): int(count) for role, count in rows}
    return DemoReport(
        folder=folder,
        database_url=url,
        synth=synth,
        ingest=summary,
        passengers=by_role.get("passenger", 0),
        crew=by_role.get("crew", 0),
        generate_seconds=generated - started,
        ingest_seconds=ingested - ingest_started,
    )
