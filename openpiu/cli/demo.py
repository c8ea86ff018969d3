"""``openpiu demo``: the main job, end to end, on an embedded SQLite database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from openpiu import accel, settings
from openpiu.accounts import Users
from openpiu.accounts.sealing import SecretBox, new_key
from openpiu.accounts.totp import code_at
from openpiu.cli.app import app
from openpiu.cli.common import fail, progress_bar
from openpiu.cli.serve import serve_app
from openpiu.demo import CRITERIA_APPROVER, CRITERIA_AUTHOR, DemoReport, explanation_line, run_demo, varied
from openpiu.pnr import change_label
from openpiu.store import create
from openpiu.synth import SynthSummary
from openpiu.web.demo_users import ensure_demo_users

# Paragraphs as single strings: Typer keeps line breaks in help texts, so hard-wrapped lines come out ragged.
HELP = "\n\n".join(
    (
        "Run the main job on one day of synthetic Western Balkan traffic, then serve the web app on it.",
        "Creates a fresh SQLite database in the demo folder (replacing an earlier demo there), generates a "
        "day of airline API (PAXLST) and PNR (PNRGOV) messages for the region's airports, ingests them "
        "through the same pipeline as real traffic (stored as received with sensitive PNR elements removed, "
        "then parsed, filed under their flights with the changes between pushes), reconciles API with PNR, "
        "screens the travellers against a synthetic watchlist that holds some of them written differently, "
        "activates a few example criteria and assesses the travellers against them (watchlist and rule hits "
        "go to one review queue), runs the retention job on back-dated synthetic days (masking and "
        "deletion), prints a summary, and serves the web application on the demo database with demo logins.",
        "No services are needed. --no-serve stops after the summary.",
    )
)


@app.command(help=HELP)
def demo(
    folder: Annotated[Path, typer.Option("--dir", help="Demo folder (database and traffic).")] = Path("demo"),
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic day.")] = 1,
    scale: Annotated[float, typer.Option(help="Share of a full day of the region's traffic.")] = 1.0,
    day: Annotated[
        str | None, typer.Option("--date", help="Day of the flights, YYYY-MM-DD (default: today).")
    ] = None,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the web application on the demo database after.")
    ] = True,
    host: Annotated[str, typer.Option(help="Address the web application listens on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port the web application listens on.")] = 8000,
) -> None:
    if not 0 < scale <= 20:
        fail(f"--scale must be above 0 and at most 20, got {scale:g}")
    try:
        day_value = date.fromisoformat(day) if day else date.today()
    except ValueError:
        fail(f"--date must be YYYY-MM-DD, got {day!r}")
    if folder.exists() and not folder.is_dir():
        fail(f"--dir {folder} exists and is not a folder")
    console = Console()
    console.print(f"OpenPIU demo: one day of synthetic traffic for {day_value:%A %d %B %Y} (seed {seed})")
    console.print(f"message readers: {accel.describe()}")
    with progress_bar() as bar:
        task = bar.add_task("generating traffic", total=None)

        def generated(synth: SynthSummary, files: int) -> None:
            pnr = synth.pnr
            pushes = f" and {pnr.pushes:,} PNR pushes carrying {pnr.bookings:,} bookings" if pnr else ""
            console.print(
                f"generated {synth.flights:,} flights, {synth.passengers:,} passengers and "
                f"{synth.crew:,} crew in {synth.files:,} PAXLST files ({synth.quirky_files:,} with carrier "
                f"quirks){pushes}",
                highlight=False,
            )
            bar.update(task, description="ingesting", total=files, completed=0)

        def stage(name: str) -> None:
            if name != "ingest":
                bar.update(task, description=STAGE_LABELS.get(name, name), total=None, completed=0)

        try:
            report = run_demo(
                folder,
                seed=seed,
                scale=scale,
                day=day_value,
                on_generated=generated,
                on_stage=stage,
                progress=lambda _: bar.advance(task),
                piu_country=settings.load().piu_country,
            )
        except OSError as exc:
            fail(f"cannot write the demo in {folder}: {exc.strerror or exc}")
    _print_report(console, report)
    if serve:
        _serve(console, report, host=host, port=port)


KEY_FILE = "secret.key"
STAGE_LABELS = {
    "generate": "generating traffic",
    "reconcile": "reconciling API with PNR",
    "screening": "screening against the watchlist",
    "retention": "retention run on back-dated days",
    "criteria": "assessing against criteria",
}


def _print_report(console: Console, report: DemoReport) -> None:
    ingest = report.ingest
    table = Table(title="What the PIU received", show_header=False)
    table.add_column()
    table.add_column(justify="right")
    for label, value in (
        ("flights", f"{ingest.flights:,}"),
        ("API travellers", f"{report.passengers + report.crew:,}"),
        ("  passengers", f"{report.passengers:,}"),
        ("  crew", f"{report.crew:,}"),
        ("PNR booking versions", f"{ingest.bookings:,}"),
        ("  travellers in them", f"{ingest.travellers - report.passengers - report.crew:,}"),
        ("messages received", f"{ingest.received:,}"),
        ("  parsed", f"{ingest.parsed:,}"),
        ("  parsed with warnings", f"{ingest.with_warnings:,}"),
        ("  rejected (kept for retry)", f"{ingest.rejected:,}"),
        ("  duplicates", f"{ingest.duplicates:,}"),
        ("size", f"{report.synth.bytes / 1e6:.1f} MB"),
    ):
        table.add_row(label, value)
    console.print(table)
    _print_pnr(console, report)
    _print_screening(console, report)
    _print_hits(console, report)
    _print_retention(console, report)
    timing = Table(title="Time taken", show_header=False)
    timing.add_column()
    timing.add_column(justify="right")
    for name, seconds in report.timings:
        timing.add_row(name, f"{seconds:.1f} s")
    timing.add_row("ingest throughput", f"{report.travellers_per_second:,.0f} travellers/s")
    timing.add_row("total", f"{report.seconds:.1f} s")
    console.print(timing)
    for note in report.notes:
        console.print(note, highlight=False, soft_wrap=True)
    for rejection in ingest.rejections[:10]:
        console.print(f"rejected: {rejection.source}: {rejection.reason}", highlight=False, soft_wrap=True)
    console.print(f"database: {report.database_url}", highlight=False)
    console.print(f"messages: {report.folder / 'traffic'} (try `openpiu parse FILE`)", highlight=False)


def _print_pnr(console: Console, report: DemoReport) -> None:
    ingest = report.ingest
    changes = sum(count for _, count in ingest.booking_changes)
    removed = sum(count for _, count in ingest.removed)
    console.print(
        f"changes between pushes: {changes:,}"
        + (f" ({_counts(tuple((change_label(k), n) for k, n in ingest.booking_changes))})" if changes else "")
        + f"; sensitive elements removed before storage: {removed:,}"
        + (f" ({_counts(tuple((c.replace('_', ' '), n) for c, n in ingest.removed))})" if removed else ""),
        highlight=False,
        soft_wrap=True,
    )
    flights = report.reconciliation
    console.print(
        f"reconciled {len(flights):,} flights: {sum(f.linked for f in flights):,} travellers linked API↔PNR "
        f"({sum(f.name_mismatches for f in flights):,} with differently spelled names), "
        f"{sum(f.api_only for f in flights):,} only in API (go-shows), "
        f"{sum(f.pnr_only for f in flights):,} only in PNR (no-shows)",
        highlight=False,
        soft_wrap=True,
    )


def _print_hits(console: Console, report: DemoReport) -> None:
    assessment = report.assessment
    if assessment is None:
        return
    console.print(
        f"criteria: {len(report.criteria)} example rules activated (written by {CRITERIA_AUTHOR}, "
        f"approved by {CRITERIA_APPROVER}); {assessment.travellers:,} travellers on "
        f"{assessment.flights:,} flights assessed; {assessment.raised:,} rule hits raised for review",
        highlight=False,
        soft_wrap=True,
    )
    if report.hits:
        console.print("a few of them, each rule in turn:", highlight=False)
    for stored in varied(report.hits, 6):
        hit = stored.hit
        flight = report.names.get(hit.flight_key, hit.flight_key)
        console.print(
            f"  hit {stored.id}  {hit.reference_version}  {flight}  "
            f"{report.names.get(hit.traveller_key, hit.traveller_key)}",
            highlight=False,
            soft_wrap=True,
        )
        console.print(f"      {explanation_line(hit)}", highlight=False, soft_wrap=True)
    console.print("review them with `openpiu hits list` or in the web application", highlight=False)


def _print_screening(console: Console, report: DemoReport) -> None:
    screening, watchlist = report.screening, report.watchlist
    if screening is None or watchlist is None:
        return
    found = {h.match.entry_id for h in screening.hits}
    planted = {p.entry_id for p in watchlist.planted}
    console.print(
        f"watchlist: {len(watchlist.entries):,} synthetic entries, {len(planted)} of them travellers of the "
        f"day written differently; {screening.api_travellers:,} API and {screening.pnr_travellers:,} PNR "
        f"travellers screened; {len(screening.hits):,} watchlist hits raised for review "
        f"({len(planted & found)} of the {len(planted)} planted found)"
        + (
            f"; {screening.reconciled_in_memory:,} flights without a stored reconciliation linked in memory"
            if screening.reconciled_in_memory
            else ""
        ),
        highlight=False,
        soft_wrap=True,
    )
    for screened in sorted(screening.hits, key=lambda h: -h.match.score)[:5]:
        match = screened.match
        console.print(
            f"  hit {screened.hit_id}  {screened.flight}  {screened.traveller}  ~ "
            f"{match.matched_name or match.entry_id}  score {match.score:.2f}",
            highlight=False,
            soft_wrap=True,
        )
        for line in match.explanation()[:3]:
            console.print(f"      {line}", highlight=False, soft_wrap=True)


def _print_retention(console: Console, report: DemoReport) -> None:
    retention = report.retention
    if retention is None:
        return
    ages = ", ".join(f"{count:,} messages {age} old" for age, count in retention.ingested.items())
    console.print(
        f"retention: back-dated days added ({ages}), {retention.held} bookings held under an objective "
        f"link; the job masked {retention.masked:,} and deleted {retention.deleted:,} records:",
        highlight=False,
        soft_wrap=True,
    )
    console.print("  " + "; ".join(retention.report.lines()), highlight=False, soft_wrap=True)


def _counts(items: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{name} {count:,}" for name, count in sorted(items, key=lambda item: -item[1]))


def _serve(console: Console, report: DemoReport, *, host: str, port: int) -> None:
    # The demo's own key for the TOTP secrets, kept beside its database (`openpiu serve` on the demo
    # database needs it: OPENPIU_SECRET_KEY=$(cat demo/secret.key)).
    key = new_key()
    key_file = report.folder / KEY_FILE
    key_file.write_text(key + "\n", encoding="ascii")
    key_file.chmod(0o600)
    engine = create(report.database_url)
    try:
        with Session(engine) as session, session.begin():
            logins = ensure_demo_users(session, users=Users(box=SecretBox(key)))
    finally:
        engine.dispose()
    console.print(f"OpenPIU on http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    now = datetime.now(UTC)
    for login in logins:
        console.print(
            f"  {login.role.value:<10} {login.username:<16} password {login.password}  TOTP secret "
            f"{login.totp_secret} (code now: {code_at(login.totp_secret, now)})",
            highlight=False,
            soft_wrap=True,
        )
    console.print(f"TOTP secrets are encrypted with the key in {key_file}", highlight=False)
    serve_app(host=host, port=port, database_url=report.database_url, secret_key=key, announce=False)
