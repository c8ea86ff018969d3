"""For ``openpiu demo``: back-dated synthetic traffic, then a retention run that masks and deletes it.

Three small synthetic days (``openpiu.synth``, API and PNR) are ingested as if received 2 days,
7 months and 61 months before ``now``; an objective-link hold is recorded on a few bookings of the
7-month day; then the retention job runs at ``now``. The demo shows: border API gone after 24 hours,
PNR deleted at 6 months except the held bookings (masked, sealed under the re-personalisation key),
everything of the 61-month day deleted whatever the holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from openpiu.ingest import collect_files, ingest_paths
from openpiu.privacy.job import RetentionReport, run_retention
from openpiu.privacy.retention import Policy, add_months
from openpiu.privacy.sealing import Sealer, load_key
from openpiu.store.holds import add_hold
from openpiu.store.pnr_tables import BookingVersionRow
from openpiu.synth import write_day

DEMO_DPO = "demo.dpo"
HELD_BOOKINGS = 3


@dataclass(frozen=True, slots=True)
class DemoRetention:
    """What the back-dated run did: messages ingested per age, holds recorded, and the job's report."""

    ingested: dict[str, int]
    held: int
    report: RetentionReport

    @property
    def masked(self) -> int:
        return self.report.total("masked")

    @property
    def deleted(self) -> int:
        return self.report.total("deleted")


def backdate_and_run(
    engine: Engine,
    *,
    now: datetime,
    folder: Path,
    key_file: Path | None = None,
    seed: int = 20260701,
    scale: float = 0.02,
) -> DemoRetention:
    """Ingest back-dated synthetic days into ``engine``, hold a few bookings, run retention at ``now``.

    Args:
        folder: where the synthetic files are written (sub-folders ``backdated-*``).
        key_file: the re-personalisation key; by default next to a SQLite database file (generated).
        scale: size of each synthetic day (0.02: a few flights).
    """
    sealer = Sealer(load_key(key_file or _default_key(engine), create=key_file is None))
    ingested, held = load_backdated(engine, now=now, folder=folder, seed=seed, scale=scale)
    report = run_retention(engine, policy=Policy(), sealer=sealer, now=now)
    return DemoRetention(ingested=ingested, held=held, report=report)


def load_backdated(
    engine: Engine, *, now: datetime, folder: Path, seed: int = 20260701, scale: float = 0.02
) -> tuple[dict[str, int], int]:
    """Ingest the three back-dated days and hold a few bookings: ``(messages per age, holds)``."""
    ages = {
        "2 days": now - timedelta(days=2),
        "7 months": add_months(now, -7),
        "61 months": add_months(now, -61),
    }
    ingested: dict[str, int] = {}
    for n, (label, received) in enumerate(ages.items()):
        day: date = received.date()
        out = folder / f"backdated-{label.replace(' ', '-')}"
        write_day(out, seed=seed + n, scale=scale, day=day, truth=False, pnr=True)
        summary = ingest_paths(engine, collect_files([out]), now=_fixed(received))
        ingested[label] = summary.received
    return ingested, _hold_some(engine, received=ages["7 months"], now=now)


def _fixed(instant: datetime) -> Callable[[], datetime]:
    return lambda: instant


def _hold_some(engine: Engine, *, received: datetime, now: datetime) -> int:
    """Objective-link holds on the first bookings received at ``received`` (the demo's "case")."""
    with Session(engine) as session, session.begin():
        bookings = session.execute(
            select(BookingVersionRow.carrier, BookingVersionRow.record_locator)
            .where(
                BookingVersionRow.received_at >= received - timedelta(minutes=1),
                BookingVersionRow.received_at <= received + timedelta(minutes=1),
                BookingVersionRow.carrier != "",
            )
            .distinct()
            .order_by(BookingVersionRow.record_locator)
            .limit(HELD_BOOKINGS)
        ).all()
        for carrier, locator in bookings:
            add_hold(
                session,
                target=f"booking:{carrier}/{locator}",
                reason="demo: objective link to case DEMO-2026/1 (synthetic)",
                legal_basis="demo: national PNR law, objective-link retention",
                review_date=(now + timedelta(days=90)).date(),
                by=DEMO_DPO,
                at=now,
            )
    return len(bookings)


def _default_key(engine: Engine) -> Path:
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database:
        raise ValueError("pass key_file: the demo derives a key location only for a SQLite file")
    path = Path(database)
    return path.with_name(path.name + ".repersonalisation.key")
