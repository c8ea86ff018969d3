"""Web latency under load: flights board, hit queue and traveller detail over a store of 1M travellers.

The store is built once per parameters and cached (SQLite: ``bench/.cache/web_N_SEED_HITS_vV.db``;
PostgreSQL: a database ``openpiu_bench_web_N_SEED_HITS_vV`` of its own on the server, never ``test``):
full synthetic API days (``openpiu.synth``, scale 1.0 is about 33,000 travellers) up to ``LAST_DAY``
until ``--travellers`` are stored, the last day with its PNR, screened against the demo watchlist and
assessed against the example criteria, then filler rule hits until ``--hits`` are open. Each run starts
``openpiu serve`` (uvicorn, one process) in a subprocess and drives ``--users`` concurrent users from
this process (httpx, asyncio) for ``--seconds``. Each user logs in (password, then TOTP) and holds a
personal API token, then requests a route at random: the board of the last day (``/flights``), the first
page of the hit queue (``/hits``), a random traveller (``/travellers/ID``), the matching ``/api/``
routes, or ``/health`` (the framework floor, the in-run baseline), thinking ``--think`` seconds between
requests (uniform, 0 to twice the mean; ``--think 0`` is a closed loop: 20 requests always in flight).
Each figure is the median over ``--runs`` runs. Reproduce with::

    python -m bench.web_latency                         # SQLite, and PostgreSQL when reachable, 1M
    python -m bench.web_latency --travellers 100000 --seconds 20 --runs 1 --backend sqlite
    python -m bench.web_latency --drop                  # drop the cached stores and stop

PostgreSQL: ``OPENPIU_TEST_DATABASE_URL``, else ``postgresql+psycopg://postgres@127.0.0.1:5432/test``
(only its server is used: the store gets a database of its own).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx2
from sqlalchemy import Engine, create_engine, func, make_url, select, text
from sqlalchemy.orm import Session

from openpiu.accounts import Sessions, Users
from openpiu.accounts.sealing import box_for, new_key
from openpiu.accounts.totp import code_at, new_secret
from openpiu.ingest import collect_files, ingest_paths
from openpiu.ingest.assess import assess_flights
from openpiu.ingest.screening import load_lists, screen_stored
from openpiu.model import StaffRole
from openpiu.review import Detection, HitSource, HitState
from openpiu.settings import DEFAULT_PIU_COUNTRY, Settings, sqlite_url, test_database_url
from openpiu.store import create, upgrade
from openpiu.store.hits import record_detections
from openpiu.store.pseudonyms import load_pseudonym_key
from openpiu.store.review_tables import HitRow
from openpiu.store.rules import activate_examples
from openpiu.store.tables import FlightRow, TravellerRow
from openpiu.synth import write_day
from openpiu.synth.demo_watchlist import load_demo_watchlist
from openpiu.web.access import PRELOGIN_COOKIE, SESSION_COOKIE

CACHE = Path(__file__).parent / ".cache"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# Bump when the way the store is built changes: cached stores of other versions are rebuilt.
BUILD_VERSION = 2
# Travellers of one synthetic day at scale 1.0 (about; the last day is scaled to what is left).
DAY_TRAVELLERS = 33_000
LAST_DAY = date(2026, 11, 28)
BENCH_USER = "bench.analyst{:02d}"
PASSWORD = "bench-" + "x" * 16
TARGET_P95_MS = 100.0


@dataclass(frozen=True, slots=True)
class Store:
    """A built store: where it is and what the load needs from it."""

    url: str
    airport: str
    day: date
    traveller_ids: tuple[int, int]
    travellers: int
    open_hits: int


@dataclass(slots=True)
class Samples:
    by_route: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    # The first failed answer of each route, to say what went wrong.
    samples: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def _log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- building the store ---------------------------------------------------------------------------


def _fill(engine: Engine, *, travellers: int, seed: int, hits: int) -> None:
    """Ingest full synthetic days up to ``LAST_DAY`` until ``travellers`` are stored (the first day takes
    the remainder); the last day with its PNR, screened and assessed; then filler hits up to ``hits``."""
    days = max(1, math.ceil(travellers / DAY_TRAVELLERS))
    with tempfile.TemporaryDirectory(prefix="openpiu-weblat-") as folder:
        root = Path(folder)
        for n in range(days):
            day = LAST_DAY - timedelta(days=days - 1 - n)
            last = n == days - 1
            scale = 1.0 if n else max(0.01, (travellers - (days - 1) * DAY_TRAVELLERS) / DAY_TRAVELLERS)
            out = root / f"day{n}"
            write_day(out, seed=seed + n, scale=scale, day=day, truth=last, pnr=last)
            files = collect_files([p for p in (out / "pnr", out / "api") if p.exists()])
            summary = ingest_paths(engine, files)
            _log(f"day {day}: {summary.travellers} travellers ingested")
            if not last:
                shutil.rmtree(out)
        at = datetime.combine(LAST_DAY, datetime.min.time(), tzinfo=UTC)
        with Session(engine) as session, session.begin():
            load_demo_watchlist(session, out / "truth" / "day.json", seed=seed, now=at)
        with Session(engine) as session, session.begin():
            key = load_pseudonym_key(
                session.connection(),
                Settings(database_url=engine.url.render_as_string(hide_password=False), sql_echo=False),
            )
            lists = load_lists(session, pseudonym_key=key)
            screen_stored(session, lists, day=LAST_DAY, piu_country=DEFAULT_PIU_COUNTRY, now=at)
        with Session(engine) as session, session.begin():
            activate_examples(session, author="bench.author", approver="bench.approver", at=at)
        assessment = assess_flights(
            engine, first=LAST_DAY, last=LAST_DAY, piu_country=DEFAULT_PIU_COUNTRY, now=lambda: at
        )
        _log(f"hits: {len(assessment.hit_ids)} from the example criteria on {LAST_DAY}, plus screening")
    _filler_hits(engine, total=hits, seed=seed, at=at)


def _filler_hits(engine: Engine, *, total: int, seed: int, at: datetime) -> None:
    """Rule hits ``bench-filler`` on random travellers of the last three days, until ``total`` hits are open.

    Screening and the example criteria raise a few hundred hits on one day; the queue of a busy unit
    holds thousands, which is what the hit queue is measured with.
    """
    rng = random.Random(seed)
    with Session(engine) as session, session.begin():
        have = session.scalar(select(func.count(HitRow.id))) or 0
        rows = session.execute(
            select(TravellerRow.id, FlightRow.id, FlightRow.scheduled_departure_utc)
            .join(FlightRow, FlightRow.id == TravellerRow.flight_id)
            .where(FlightRow.departure_date >= LAST_DAY - timedelta(days=2))
        ).all()
        picked = rng.sample(rows, min(len(rows), max(0, total - have)))
        record_detections(
            session,
            [
                Detection(
                    HitSource.RULE,
                    "bench-filler",
                    "bench-filler@1",
                    f"traveller:{traveller}",
                    f"flight:{flight}",
                    ("synthetic hit added by bench.web_latency to fill the queue",),
                    {"traveller": traveller},
                    at,
                    departure,
                    None,
                )
                for traveller, flight, departure in picked
            ],
        )
    _log(f"hits: {len(picked)} filler hits added to {have}")


def _describe(engine: Engine, url: str) -> Store:
    with Session(engine) as session:
        airport = session.scalar(
            select(FlightRow.departure_airport)
            .where(FlightRow.departure_date == LAST_DAY)
            .group_by(FlightRow.departure_airport)
            .order_by(func.count().desc())
            .limit(1)
        )
        low, high, count = session.execute(
            select(func.min(TravellerRow.id), func.max(TravellerRow.id), func.count(TravellerRow.id))
        ).one()
        hits = session.scalar(
            select(func.count(HitRow.id)).where(HitRow.state.in_([HitState.NEW, HitState.IN_REVIEW]))
        )
    return Store(url, str(airport), LAST_DAY, (int(low), int(high)), int(count), int(hits or 0))


def _key(travellers: int, seed: int, hits: int) -> str:
    return f"web_{travellers}_{seed}_{hits}_v{BUILD_VERSION}"


def sqlite_store(*, travellers: int, seed: int, hits: int) -> Store:
    CACHE.mkdir(exist_ok=True)
    path, marker = (
        CACHE / f"{_key(travellers, seed, hits)}.db",
        CACHE / f"{_key(travellers, seed, hits)}.sqlite.done",
    )
    url = sqlite_url(path)
    if not marker.exists():
        path.unlink(missing_ok=True)
        _log(f"building {path} ({travellers} travellers)")
        engine = create(url)
        try:
            upgrade(engine)
            _fill(engine, travellers=travellers, seed=seed, hits=hits)
        finally:
            engine.dispose()
        marker.touch()
    engine = create(url)
    try:
        upgrade(engine)  # a cached store follows new migrations (indexes)
        return _describe(engine, url)
    finally:
        engine.dispose()


def _server_url() -> str:
    return test_database_url() or DEFAULT_POSTGRES


@contextmanager
def _admin() -> Iterator[Engine]:
    engine = create_engine(make_url(_server_url()), isolation_level="AUTOCOMMIT")
    try:
        yield engine
    finally:
        engine.dispose()


def postgres_store(*, travellers: int, seed: int, hits: int) -> Store:
    name = "openpiu_bench_" + _key(travellers, seed, hits)
    CACHE.mkdir(exist_ok=True)
    marker = CACHE / f"{_key(travellers, seed, hits)}.postgres.done"
    url = make_url(_server_url()).set(database=name).render_as_string(hide_password=False)
    if not marker.exists():
        _log(f"building PostgreSQL database {name} ({travellers} travellers)")
        with _admin() as admin, admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine = create(url)
        try:
            upgrade(engine)
            _fill(engine, travellers=travellers, seed=seed, hits=hits)
        finally:
            engine.dispose()
        marker.touch()
    engine = create(url)
    try:
        upgrade(engine)
        # What autovacuum does in time after a bulk load: statistics, and the visibility map that lets the
        # board count travellers from the index alone.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        return _describe(engine, url)
    finally:
        engine.dispose()


def drop_stores() -> None:
    """Remove every cached store: SQLite files and markers, and the PostgreSQL databases."""
    if CACHE.exists():
        shutil.rmtree(CACHE)
    try:
        with _admin() as admin, admin.connect() as connection:
            names = connection.scalars(
                text("SELECT datname FROM pg_database WHERE datname LIKE 'openpiu_bench_web_%'")
            ).all()
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                _log(f"dropped {name}")
    except Exception as exc:
        _log(f"PostgreSQL not reached ({type(exc).__name__}): nothing dropped there")


def bench_accounts(url: str, *, key: str, count: int) -> list[tuple[str, str, str]]:
    """``count`` analyst accounts ``(username, TOTP secret, API token)``, created or refreshed."""
    engine = create(url)
    users, logins = Users(box=box_for(key)), Sessions()
    accounts = []
    try:
        with Session(engine) as session, session.begin():
            for n in range(1, count + 1):
                name = BENCH_USER.format(n)
                user = users.find(session, name)
                if user is None:
                    user = users.add(session, username=name, role=StaffRole.ANALYST, password=PASSWORD)
                else:
                    users.reset(session, user, password=PASSWORD, reset_totp=True)
                    users.enable(session, user)
                secret = new_secret()
                users.set_totp_secret(user, secret, confirmed=True)
                session.flush()
                _, token = logins.create_token(session, user, name="bench", valid_for=timedelta(hours=2))
                accounts.append((name, secret, token))
    finally:
        engine.dispose()
    return accounts


# --- serving and loading ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(url: str, *, key: str) -> Iterator[str]:
    """``openpiu serve`` on a free port over ``url``; stopped (and waited for) on every path."""
    port = _free_port()
    env = {
        **os.environ,
        "OPENPIU_DATABASE_URL": url,
        "OPENPIU_SECRET_KEY": key,
        "OPENPIU_RETENTION_INTERVAL_MINUTES": "0",
    }
    command = [sys.executable, "-m", "openpiu", "serve", "--port", str(port)]
    log = (CACHE / "server.log").open("wb")  # what uvicorn says, to read when a route fails
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"openpiu serve exited with {server.returncode}")
            try:
                if httpx2.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("openpiu serve did not answer /health within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        log.close()


def _csrf(base: str) -> str:
    import hashlib

    return hashlib.sha256(f"csrf:{base}".encode()).hexdigest()


async def _log_in(client: httpx2.AsyncClient, username: str, secret: str) -> None:
    """The browser's login: the form, the password, then the TOTP code."""
    (await client.get("/login")).raise_for_status()
    prelogin = client.cookies[PRELOGIN_COOKIE]
    answer = await client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": _csrf(prelogin)}
    )
    if answer.status_code != 303:
        raise RuntimeError(f"login of {username}: HTTP {answer.status_code}")
    session = client.cookies[SESSION_COOKIE]
    answer = await client.post(
        "/login/totp", data={"code": code_at(secret, datetime.now(UTC)), "csrf_token": _csrf(session)}
    )
    if answer.status_code != 303:
        raise RuntimeError(f"TOTP of {username}: HTTP {answer.status_code}")


def routes(store: Store, rng: random.Random) -> list[tuple[str, str, bool]]:
    """``(label, path, api)`` of one user's round: the pages, the API routes and the framework floor."""
    low, high = store.traveller_ids
    day = store.day.isoformat()
    return [
        ("/health (floor)", "/health", False),
        ("/flights", f"/flights?airport={store.airport}&day={day}", False),
        ("/hits", "/hits", False),
        ("/travellers/{id}", f"/travellers/{rng.randint(low, high)}", False),
        ("/api/flights", f"/api/flights?airport={store.airport}&day={day}", True),
        ("/api/hits", "/api/hits", True),
        ("/api/travellers/{id}", f"/api/travellers/{rng.randint(low, high)}", True),
    ]


async def _user(
    browser: httpx2.AsyncClient,
    api: httpx2.AsyncClient,
    store: Store,
    *,
    until: float,
    think: float,
    seed: int,
    out: Samples,
) -> None:
    rng = random.Random(seed)
    if think > 0:  # users arrive at their desks at different moments
        await asyncio.sleep(rng.uniform(0, 2 * think))
    while time.monotonic() < until:
        label, path, is_api = rng.choice(routes(store, rng))
        client = api if is_api else browser
        started = time.perf_counter()
        try:
            answer = await client.get(path)
        except (httpx2.ReadError, httpx2.RemoteProtocolError):
            # uvicorn closes keep-alive connections idle for 5 s; a browser then retries on a new one.
            started = time.perf_counter()
            answer = await client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            out.errors[label] = out.errors.get(label, 0) + 1
            out.samples.setdefault(label, f"HTTP {answer.status_code}: {answer.text[:120]!r}")
        out.by_route.setdefault(label, []).append(elapsed)
        if think > 0:
            await asyncio.sleep(rng.uniform(0, 2 * think))


async def _load(
    base: str, accounts: list[tuple[str, str, str]], store: Store, *, seconds: float, think: float, seed: int
) -> Samples:
    """Log every user in (browser and API client each), then load the server for ``seconds``."""
    out = Samples()
    limits = httpx2.Limits(max_connections=1)
    async with contextlib.AsyncExitStack() as stack:
        clients = []
        for name, secret, token in accounts:
            browser = await stack.enter_async_context(
                httpx2.AsyncClient(base_url=base, timeout=60, limits=limits)
            )
            api = await stack.enter_async_context(
                httpx2.AsyncClient(
                    base_url=base, timeout=60, limits=limits, headers={"Authorization": f"Bearer {token}"}
                )
            )
            await _log_in(browser, name, secret)
            clients.append((browser, api))
        until = time.monotonic() + seconds
        started = time.perf_counter()
        await asyncio.gather(
            *(
                _user(browser, api, store, until=until, think=think, seed=seed + n, out=out)
                for n, (browser, api) in enumerate(clients)
            )
        )
        out.seconds = time.perf_counter() - started
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def report(label: str, store: Store, runs: list[Samples], *, users: int, think: float, load: str) -> None:
    print(
        f"\n### {label}: {store.travellers:,} travellers, {store.open_hits:,} open hits,"
        f" {users} users, think {think:g} s, median of {len(runs)} runs\n"
    )
    print("| route | p50 ms | p95 ms | p99 ms | req/s | requests | errors | p95 vs /health | p95 <= 100 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    floor = statistics.median(percentile(r.by_route["/health (floor)"], 0.95) for r in runs)
    order = [label for label, _, _ in routes(store, random.Random(0))]
    for route in [r for r in order if all(r in run.by_route for run in runs)]:
        p50, p95, p99 = (
            statistics.median(percentile(r.by_route[route], q) for r in runs) for q in (0.5, 0.95, 0.99)
        )
        rate = statistics.median(len(r.by_route[route]) / r.seconds for r in runs)
        count = sum(len(r.by_route[route]) for r in runs)
        errors = sum(r.errors.get(route, 0) for r in runs)
        verdict = "yes" if p95 <= TARGET_P95_MS else "**no**"
        print(
            f"| `{route}` | {p50:.1f} | {p95:.1f} | {p99:.1f} | {rate:.1f} | {count} | {errors}"
            f" | {p95 / floor:.1f} | {verdict} |"
        )
    for route, sample in {k: v for r in runs for k, v in r.samples.items()}.items():
        print(f"\nfirst error of `{route}`: {sample}")
    print(f"\nload average before the runs: {load}")


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "unknown"


def measure(label: str, store: Store, args: argparse.Namespace) -> None:
    key = new_key()
    accounts = bench_accounts(store.url, key=key, count=args.users)
    load = _load_average()
    runs = []
    for n in range(args.runs):
        with serving(store.url, key=key) as base:
            samples = asyncio.run(
                _load(
                    base, accounts, store, seconds=args.seconds, think=args.think, seed=args.seed + 1000 * n
                )
            )
        runs.append(samples)
        _log(f"{label} run {n + 1}: {sum(len(v) for v in samples.by_route.values())} requests")
        if n + 1 < args.runs:
            accounts = bench_accounts(store.url, key=key, count=args.users)
    report(label, store, runs, users=args.users, think=args.think, load=load)


def _postgres_reachable() -> bool:
    try:
        with _admin() as admin, admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.web_latency", description=__doc__.split("\n")[0])
    parser.add_argument("--travellers", type=int, default=1_000_000, help="API travellers in the store")
    parser.add_argument("--hits", type=int, default=5_000, help="open hits in the store (filler added)")
    parser.add_argument("--users", type=int, default=20, help="concurrent users")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each run")
    parser.add_argument("--runs", type=int, default=3, help="runs (the median of each figure is reported)")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time between requests, s")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--build-only", action="store_true", help="build (or find) the stores and stop")
    parser.add_argument("--drop", action="store_true", help="drop the cached stores and stop")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.drop:
        drop_stores()
        return
    command = "python -m bench.web_latency " + " ".join(sys.argv[1:] if argv is None else argv)
    if args.backend in ("sqlite", "both"):
        store = sqlite_store(travellers=args.travellers, seed=args.seed, hits=args.hits)
        if not args.build_only:
            measure("SQLite", store, args)
    if args.backend in ("postgres", "both"):
        if not _postgres_reachable():
            print("\nPostgreSQL not reachable: skipped.")
        else:
            store = postgres_store(travellers=args.travellers, seed=args.seed, hits=args.hits)
            if not args.build_only:
                measure("PostgreSQL", store, args)
    print(f"\nCommand: {command.strip()}")


if __name__ == "__main__":
    main()
