"""The demo: one day of synthetic Western Balkan traffic, received, parsed, stored and assessed, end to end.

``run_demo`` is the main job behind ``openpiu demo``. It runs a list of named stages over one shared
``DemoRun`` and times each: generate the day (API and PNR), ingest both through the carriers' pipeline
(raw first, then parse, then store, with push history and the sensitive-data filter), reconcile API with
PNR, screen the stored travellers against a synthetic watchlist that holds some of the day's travellers
written differently, and assess them against the example criteria (recording watchlist and rule hits in
one review queue), then show the retention job at work on back-dated synthetic days (API past 24 hours
deleted, PNR past six months deleted or, under an objective-link hold, masked; PNR past five years
deleted). ``default_stages()`` returns the list; more stages slot in by name with ``insert_stage``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from openpiu.ingest import IngestSummary, collect_files, ingest_paths
from openpiu.ingest.assess import Assessment, assess_flights
from openpiu.ingest.pnr import ParsedRaws
from openpiu.ingest.reconcile import FlightOutcome, reconcile_all
from openpiu.ingest.screening import ScreenSummary, load_lists, screen_stored
from openpiu.privacy.demo import DemoRetention, backdate_and_run
from openpiu.review import Hit
from openpiu.review.keys import TRAVELLER, flight_id, flight_key, key_id
from openpiu.screening.rules import LifecycleError
from openpiu.settings import DEFAULT_PIU_COUNTRY, Settings, sqlite_url
from openpiu.store import create, require_current
from openpiu.store.hits import StoredHit, get_hit
from openpiu.store.pseudonyms import load_pseudonym_key
from openpiu.store.rules import activate_examples
from openpiu.store.tables import FlightRow, TravellerRow
from openpiu.synth import SynthSummary, write_day
from openpiu.synth.demo_watchlist import DemoWatchlist, load_demo_watchlist

DATABASE_FILE = "openpiu.db"
TRAFFIC_DIR = "traffic"
# Who "wrote" and "approved" the example criteria in the demo database (four eyes, two names).
CRITERIA_AUTHOR = "demo.analyst"
CRITERIA_APPROVER = "demo.supervisor"
# Raw PNR messages kept parsed between stages: a full demo day has about 550 pushes.
RAW_CACHE = 1024
# The ground truth of the generated day, from which the demo watchlist picks the travellers it plants.
TRUTH_FILE = Path("truth") / "day.json"


@dataclass(slots=True)
class DemoRun:
    """What the stages share and fill in, in stage order."""

    folder: Path
    seed: int
    scale: float
    day: date
    engine: Engine
    database_url: str
    now: Callable[[], datetime]
    # The PIU's state: decides the hits' deadlines (before arrival on flights arriving in it).
    piu_country: str = DEFAULT_PIU_COUNTRY
    on_generated: Callable[[SynthSummary, int], None] | None = None
    progress: Callable[[str], None] | None = None
    synth: SynthSummary | None = None
    files: list[Path] = field(default_factory=list)
    ingest: IngestSummary | None = None
    reconciliation: list[FlightOutcome] = field(default_factory=list)
    watchlist: DemoWatchlist | None = None
    screening: ScreenSummary | None = None
    criteria: list[str] = field(default_factory=list)
    assessment: Assessment | None = None
    hits: list[StoredHit] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    retention: DemoRetention | None = None
    # API travellers stored by the day's ingest, per role (counted before the retention stage adds more).
    roles: dict[str, int] = field(default_factory=dict)
    # What a stage could not do, for the summary (one line each).
    notes: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)
    # Parsed PNR raw copies, shared by the stages that re-read bookings (reconcile, criteria): each
    # push is parsed once after ingest instead of once per stage.
    raws: ParsedRaws = field(default_factory=lambda: ParsedRaws(RAW_CACHE))


Stage = tuple[str, Callable[[DemoRun], None]]


@dataclass(frozen=True, slots=True)
class DemoReport:
    """What the demo did, for the summary: the generated day, each stage's outcome and time."""

    folder: Path
    database_url: str
    synth: SynthSummary
    ingest: IngestSummary
    passengers: int
    crew: int
    reconciliation: list[FlightOutcome]
    watchlist: DemoWatchlist | None
    screening: ScreenSummary | None
    criteria: list[str]
    assessment: Assessment | None
    hits: list[StoredHit]
    names: dict[str, str]
    retention: DemoRetention | None
    notes: list[str]
    timings: list[tuple[str, float]]

    @property
    def seconds(self) -> float:
        return sum(seconds for _, seconds in self.timings)

    def stage_seconds(self, name: str) -> float:
        return sum(seconds for stage, seconds in self.timings if stage == name)

    @property
    def travellers_per_second(self) -> float:
        ingest = self.stage_seconds("ingest")
        return self.ingest.travellers / ingest if ingest > 0 else 0.0


def generate(run: DemoRun) -> None:
    """Write the day's API (PAXLST) and PNR (PNRGOV) messages under ``traffic/``."""
    run.synth = write_day(
        run.folder / TRAFFIC_DIR, seed=run.seed, scale=run.scale, day=run.day, truth=True, pnr=True
    )
    # PNR pushes first: a carrier pushes PNR 48 to 24 hours before departure, API at check-in closure.
    traffic = run.folder / TRAFFIC_DIR
    run.files = collect_files([p for p in (traffic / "pnr", traffic / "api") if p.exists()])
    if run.on_generated is not None:
        run.on_generated(run.synth, len(run.files))


def ingest(run: DemoRun) -> None:
    """Store raw, parse and file every message (API and PNR, with push history and the filter)."""
    run.ingest = ingest_paths(run.engine, run.files, progress=run.progress)
    with Session(run.engine) as session:
        rows = session.execute(select(TravellerRow.role, func.count()).group_by(TravellerRow.role)).all()
    run.roles = {str(role): int(count) for role, count in rows}


def reconcile(run: DemoRun) -> None:
    """Link each flight's API travellers to their PNR travellers."""
    run.reconciliation = reconcile_all(run.engine, raws=run.raws)


def screening(run: DemoRun) -> None:
    """Store the demo watchlist, then screen the day's stored API and PNR travellers against it."""
    with Session(run.engine) as session, session.begin():
        run.watchlist, _ = load_demo_watchlist(
            session, run.folder / TRAFFIC_DIR / TRUTH_FILE, seed=run.seed, now=run.now()
        )
    with Session(run.engine) as session, session.begin():
        settings = Settings(database_url=run.database_url, sql_echo=False)
        lists = load_lists(session, pseudonym_key=load_pseudonym_key(session.connection(), settings))
        run.screening = screen_stored(
            session, lists, day=run.day, piu_country=run.piu_country, now=run.now(), raws=run.raws
        )


def criteria(run: DemoRun) -> None:
    """Activate the example criteria and assess the day's stored travellers against them."""
    at = run.now()
    try:
        with Session(run.engine) as session, session.begin():
            # In force from the demonstrated day when that day is past (``--date`` earlier than today).
            versions = activate_examples(
                session,
                author=CRITERIA_AUTHOR,
                approver=CRITERIA_APPROVER,
                at=at,
                valid_from=min(run.day, at.date()),
            )
    except LifecycleError as exc:
        # The examples carry a review date; past it they may not be activated (and would not fire).
        run.notes.append(f"example criteria not activated: {exc}")
        return
    run.criteria = [v.label for v in versions]
    run.assessment = assess_flights(
        run.engine, first=run.day, last=run.day, piu_country=run.piu_country, now=run.now, raws=run.raws
    )
    with Session(run.engine) as session:
        run.hits = [get_hit(session, hit_id) for hit_id in run.assessment.hit_ids]
        run.names = hit_labels(session, run.hits)


def retention(run: DemoRun) -> None:
    """Add back-dated days (2 days, 7 months, 61 months old), hold a few bookings, run the retention job."""
    run.retention = backdate_and_run(run.engine, now=run.now(), folder=run.folder / TRAFFIC_DIR)


def hit_labels(session: Session, hits: list[StoredHit]) -> dict[str, str]:
    """Labels of the travellers (``SURNAME/GIVEN``) and flights (``JU0680 TIA-IST 10:05``) of hits."""
    labels: dict[str, str] = {}
    travellers = [i for h in hits if (i := key_id(h.hit.traveller_key, TRAVELLER)) is not None]
    for row_id, surname, given in session.execute(
        select(TravellerRow.id, TravellerRow.surname, TravellerRow.given_names).where(
            TravellerRow.id.in_(travellers)
        )
    ):
        labels[f"{TRAVELLER}{row_id}"] = f"{surname}/{given}"
    flights = [i for h in hits if (i := flight_id(h.hit.flight_key)) is not None]
    for flight in session.scalars(select(FlightRow).where(FlightRow.id.in_(flights))):
        departure = flight.scheduled_departure_local
        labels[flight_key(flight.id)] = (
            f"{flight.carrier}{flight.number} {flight.departure_airport}-{flight.arrival_airport}"
            + (f" {departure:%H:%M}" if departure else "")
        )
    return labels


def default_stages() -> list[Stage]:
    """The demo's stages, in order."""
    return [
        ("generate", generate),
        ("ingest", ingest),
        ("reconcile", reconcile),
        ("screening", screening),
        ("criteria", criteria),
        ("retention", retention),
    ]


def insert_stage(stages: list[Stage], stage: Stage, *, after: str) -> list[Stage]:
    """``stages`` with ``stage`` placed right after the stage named ``after``."""
    names = [name for name, _ in stages]
    if after not in names:
        raise ValueError(f"no demo stage {after!r} (stages: {', '.join(names)})")
    position = names.index(after) + 1
    return [*stages[:position], stage, *stages[position:]]


def run_demo(
    folder: Path,
    *,
    seed: int,
    scale: float,
    day: date,
    stages: list[Stage] | None = None,
    on_generated: Callable[[SynthSummary, int], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    progress: Callable[[str], None] | None = None,
    now: Callable[[], datetime] | None = None,
    piu_country: str = DEFAULT_PIU_COUNTRY,
) -> DemoReport:
    """Run the demo in ``folder``, replacing any earlier demo database and traffic there.

    Args:
        folder: where the SQLite database (``openpiu.db``) and the traffic (``traffic/``) go.
        seed: random seed of the synthetic day (same seed, same day).
        scale: share of a full day of the region's traffic.
        day: the day of the flights.
        stages: the stages to run (default: ``default_stages()``).
        on_generated: called with the synth summary and the number of files once they are written.
        on_stage: called with each stage's name before it runs.
        progress: called once per ingested file.
        now: the clock of the criteria lifecycle and of the hits (UTC now by default).
        piu_country: the PIU's state (alpha-3): hits on flights arriving in it are due before arrival.
    """
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / DATABASE_FILE
    for stale in (database, folder / f"{DATABASE_FILE}-wal", folder / f"{DATABASE_FILE}-shm"):
        stale.unlink(missing_ok=True)
    shutil.rmtree(folder / TRAFFIC_DIR, ignore_errors=True)

    url = sqlite_url(database)
    engine = create(url)
    try:
        require_current(engine, create_if_empty=True)
        clock = now or (lambda: datetime.now(UTC))
        run = DemoRun(
            folder,
            seed,
            scale,
            day,
            engine,
            url,
            clock,
            piu_country=piu_country,
            on_generated=on_generated,
            progress=progress,
        )
        for name, stage in stages if stages is not None else default_stages():
            if on_stage is not None:
                on_stage(name)
            started = time.perf_counter()
            stage(run)
            run.timings.append((name, time.perf_counter() - started))
    finally:
        engine.dispose()
    if run.synth is None or run.ingest is None:
        raise ValueError("the demo stages must include 'generate' and 'ingest'")
    return DemoReport(
        folder=folder,
        database_url=url,
        synth=run.synth,
        ingest=run.ingest,
        passengers=run.roles.get("passenger", 0),
        crew=run.roles.get("crew", 0),
        reconciliation=run.reconciliation,
        watchlist=run.watchlist,
        screening=run.screening,
        criteria=run.criteria,
        assessment=run.assessment,
        hits=run.hits,
        names=run.names,
        retention=run.retention,
        notes=run.notes,
        timings=run.timings,
    )


def explanation_line(hit: Hit) -> str:
    """The values that made the hit, on one line (``explain`` lines read ``condition: field = value``)."""
    return "; ".join(line.split(": ", 1)[-1] for line in hit.explanation[1:])


def varied(hits: list[StoredHit], count: int) -> list[StoredHit]:
    """Up to ``count`` hits taking each rule in turn, so a short table shows every rule that fired."""
    by_rule: dict[str, list[StoredHit]] = {}
    for stored in hits:
        by_rule.setdefault(stored.hit.reference, []).append(stored)
    picked: list[StoredHit] = []
    while len(picked) < count and any(by_rule.values()):
        for queue in by_rule.values():
            if queue and len(picked) < count:
                picked.append(queue.pop(0))
    return picked
