"""``openpiu demo``: the main job, end to end, on an embedded SQLite database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from openpiu.cli.app import app
from openpiu.cli.common import fail, progress_bar
from openpiu.demo import DemoReport, run_demo
from openpiu.synth import SynthSummary

HELP = """Run the main job on one day of synthetic Western Balkan traffic.

Creates a fresh SQLite database in the demo folder (replacing an earlier demo there), generates a day
of airline API (PAXLST) messages for the region's airports, ingests them through the same pipeline as
real traffic (stored as received, then parsed, then filed under their flights) and prints a summary.
No services are needed.
"""


@app.command(help=HELP)
def demo(
    folder: Annotated[Path, typer.Option("--dir", help="Demo folder (database and traffic).")] = Path("demo"),
    seed: Annotated[int, typer.Option(help="Random seed of the synthetic day.")] = 1,
    scale: Annotated[float, typer.Option(help="Share of a full day of the region's traffic.")] = 1.0,
    day: Annotated[
        str | None, typer.Option("--date", help="Day of the flights, YYYY-MM-DD (default: today).")
    ] = None,
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
    with progress_bar() as bar:
        task = bar.add_task("generating traffic", total=None)

        def generated(synth: SynthSummary, files: int) -> None:
            console.print(
                f"generated {synth.flights:,} flights, {synth.passengers:,} passengers and "
                f"{synth.crew:,} crew in {files:,} PAXLST files ({synth.quirky_files:,} with carrier quirks)",
                highlight=False,
            )
            bar.update(task, description="ingesting", total=files, completed=0)

        try:
            report = run_demo(
                folder,
                seed=seed,
                scale=scale,
                day=day_value,
                on_generated=generated,
                progress=lambda _: bar.advance(task),
            )
        except OSError as exc:
            fail(f"cannot write the demo in {folder}: {exc.strerror or exc}")
    _print_report(console, report)


def _print_report(console: Console, report: DemoReport) -> None:
    ingest = report.ingest
    table = Table(title="What the PIU received", show_header=False)
    table.add_column()
    table.add_column(justify="right")
    for label, value in (
        ("flights", f"{ingest.flights:,}"),
        ("travellers", f"{ingest.travellers:,}"),
        ("  passengers", f"{report.passengers:,}"),
        ("  crew", f"{report.crew:,}"),
        ("messages received", f"{ingest.received:,}"),
        ("  parsed", f"{ingest.parsed:,}"),
        ("  parsed with warnings", f"{ingest.with_warnings:,}"),
        ("  rejected (kept for retry)", f"{ingest.rejected:,}"),
        ("  duplicates", f"{ingest.duplicates:,}"),
        ("size", f"{report.synth.bytes / 1e6:.1f} MB"),
    ):
        table.add_row(label, value)
    console.print(table)
    timing = Table(title="Time taken", show_header=False)
    timing.add_column()
    timing.add_column(justify="right")
    timing.add_row("generate traffic", f"{report.generate_seconds:.1f} s")
    timing.add_row("store raw, parse, file", f"{report.ingest_seconds:.1f} s")
    timing.add_row("throughput", f"{report.travellers_per_second:,.0f} travellers/s")
    timing.add_row("total", f"{report.seconds:.1f} s")
    console.print(timing)
    for rejection in ingest.rejections[:10]:
        console.print(f"rejected: {rejection.source}: {rejection.reason}", highlight=False, soft_wrap=True)
    console.print(f"database: {report.database_url}", highlight=False)
    console.print(f"messages: {report.folder / 'traffic'} (try `openpiu parse FILE`)", highlight=False)
