"""PNR ingest with history and reconciliation: travellers/s into SQLite and PostgreSQL.

One synthetic day (API manifests and two PNR pushes per flight: full, then update) is written once;
each backend then ingests the API files, the full pushes, the update pushes (history: every version
stored, changes computed against the re-read previous state), and reconciles every flight. PostgreSQL
is measured when ``OPENPIU_TEST_DATABASE_URL`` is set (in a scratch schema, dropped afterwards).
Reproduce with::

    python -m bench.ingest_pnr
"""

from __future__ import annotations

import secrets
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import make_url, text

from openpiu import accel
from openpiu.ingest import ingest_paths
from openpiu.ingest.reconcile import reconcile_all
from openpiu.settings import sqlite_url, test_database_url
from openpiu.store import create, upgrade
from openpiu.synth import write_day

SEED = 11
SCALE = 0.05
DAY = date(2026, 11, 30)


def _run(url: str, folder: Path) -> dict[str, float]:
    engine = create(url)
    upgrade(engine)
    api = sorted((folder / "api").glob("*"))
    full = sorted((folder / "pnr").glob("*_1_full.edi"))
    update = sorted((folder / "pnr").glob("*_2_update.edi"))
    started = time.perf_counter()
    api_summary = ingest_paths(engine, api)
    after_api = time.perf_counter()
    cpu = time.process_time()
    pnr_summary = ingest_paths(engine, full + update)
    pnr_cpu = time.process_time() - cpu
    after_pnr = time.perf_counter()
    outcomes = reconcile_all(engine)
    done = time.perf_counter()
    engine.dispose()
    pnr_travellers = pnr_summary.travellers
    return {
        "api_travellers": api_summary.travellers,
        "pnr_travellers": pnr_travellers,
        "pnr_versions": pnr_summary.bookings,
        "changes": sum(count for _, count in pnr_summary.booking_changes),
        "linked": sum(o.linked for o in outcomes),
        "api_s": after_api - started,
        "pnr_s": after_pnr - after_api,
        "pnr_cpu": pnr_cpu,
        "reconcile_s": done - after_pnr,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "day"
        write_day(folder, seed=SEED, scale=SCALE, day=DAY, truth=False, pnr=True)
        results = {"SQLite": _run(sqlite_url(Path(tmp) / "bench.db"), folder)}
        base = test_database_url()
        if base is not None:
            schema = f"bench_{secrets.token_hex(4)}"
            admin = create(base)
            with admin.begin() as connection:
                connection.execute(text(f"CREATE SCHEMA {schema}"))
            url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
            try:
                results["PostgreSQL"] = _run(url.render_as_string(hide_password=False), folder)
            finally:
                with admin.begin() as connection:
                    connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
                admin.dispose()
    first = next(iter(results.values()))
    print(
        f"PNR ingest with history and reconciliation: synthetic day seed {SEED} scale {SCALE} "
        f"({first['pnr_versions']:.0f} booking versions, {first['pnr_travellers']:.0f} PNR travellers, "
        f"{first['api_travellers']:.0f} API travellers); readers: {accel.describe()}\n"
    )
    print(
        "| backend | PNR ingest travellers/s (wall) | per CPU second of this process | changes found "
        "| reconcile travellers/s | links |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['pnr_travellers'] / r['pnr_s']:,.0f} | "
            f"{r['pnr_travellers'] / r['pnr_cpu']:,.0f} | "
            f"{r['changes']:.0f} | "
            f"{r['api_travellers'] / r['reconcile_s']:,.0f} | {r['linked']:.0f} |"
        )
    print("\nReproduce: python -m bench.ingest_pnr (PostgreSQL with OPENPIU_TEST_DATABASE_URL set)")


if __name__ == "__main__":
    main()
