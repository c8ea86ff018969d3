"""``openpiu synth --out DIR [--seed N] [--scale X] [--date D]``: write a synthetic day of API traffic."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from openpiu.cli.app import app
from openpiu.cli.common import fail
from openpiu.synth import write_day


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write into (api/ and truth/ are created).")],
    seed: Annotated[str, typer.Option(help="Random seed: the same seed gives the same files.")] = "1",
    scale: Annotated[
        str, typer.Option(help="Share of a full day of the region's traffic (1.0 = full).")
    ] = "1.0",
    day: Annotated[
        str | None, typer.Option("--date", help="Departure date, YYYY-MM-DD (default: today).")
    ] = None,
    pnr: Annotated[
        bool,
        typer.Option("--pnr", help="Also write PNRGOV pushes (full and update) of every flight to pnr/."),
    ] = False,
) -> None:
    """Generate one day of Western Balkan API (PAXLST) traffic with its ground truth."""
    try:
        seed_value = int(seed)
    except ValueError:
        fail(f"--seed must be an integer, got {seed!r}")
    try:
        scale_value = float(scale)
    except ValueError:
        fail(f"--scale must be a number, got {scale!r}")
    if not 0 < scale_value <= 20:
        fail(f"--scale must be above 0 and at most 20, got {scale!r}")
    try:
        day_value = date.fromisoformat(day) if day else date.today()
    except ValueError:
        fail(f"--date must be YYYY-MM-DD, got {day!r}")
    if out.exists() and not out.is_dir():
        fail(f"--out {out} exists and is not a folder")
    started = time.perf_counter()
    try:
        summary = write_day(out, seed=seed_value, scale=scale_value, day=day_value, pnr=pnr)
    except OSError as exc:
        fail(f"cannot write to {out}: {exc.strerror or exc}")
    seconds = time.perf_counter() - started
    table = Table(
        title=f"Synthetic API traffic, {summary.day.isoformat()} (seed {summary.seed}, scale {scale_value:g})"
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("flights", summary.flights),
        ("passengers", summary.passengers),
        ("crew", summary.crew),
        ("bookings", summary.bookings),
        ("PAXLST files", summary.files),
        ("files with quirks", summary.quirky_files),
    ):
        table.add_row(label, f"{value:,}")
    if summary.pnr is not None:
        for label, value in (
            ("PNRGOV pushes", summary.pnr.pushes),
            ("booking versions pushed", summary.pnr.bookings),
            ("bookings changed at closure", summary.pnr.changed),
            ("bookings cancelled at closure", summary.pnr.cancelled),
            ("sensitive elements (to be filtered)", summary.pnr.sensitive),
        ):
            table.add_row(label, f"{value:,}")
    table.add_row("size", f"{summary.bytes / 1e6:.1f} MB")
    table.add_row("time", f"{seconds:.1f} s")
    console = Console()
    console.print(table)
    console.print(f"messages in {out / 'api'}, ground truth in {out / 'truth'}")
    if summary.pnr is not None:
        console.print(f"PNR pushes in {out / 'pnr'}")
