"""``openpiu synth --out DIR [--seed N] [--scale X] [--date D]``: write a synthetic day of API traffic."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from openpiu.cli.app import app
from openpiu.synth import write_day


def _fail(message: str) -> NoReturn:
    # Same one-line form as errors from the OpenPIU tree (see openpiu.cli.main).
    print(f"openpiu: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


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
) -> None:
    """Generate one day of Western Balkan API (PAXLST) traffic with its ground truth."""
    try:
        seed_value = int(seed)
    except ValueError:
        _fail(f"--seed must be an integer, got {seed!r}")
    try:
        scale_value = float(scale)
    except ValueError:
        _fail(f"--scale must be a number, got {scale!r}")
    if not 0 < scale_value <= 20:
        _fail(f"--scale must be above 0 and at most 20, got {scale!r}")
    try:
        day_value = date.fromisoformat(day) if day else date.today()
    except ValueError:
        _fail(f"--date must be YYYY-MM-DD, got {day!r}")
    if out.exists() and not out.is_dir():
        _fail(f"--out {out} exists and is not a folder")
    started = time.perf_counter()
    try:
        summary = write_day(out, seed=seed_value, scale=scale_value, day=day_value)
    except OSError as exc:
        _fail(f"cannot write to {out}: {exc.strerror or exc}")
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
    table.add_row("size", f"{summary.bytes / 1e6:.1f} MB")
    table.add_row("time", f"{seconds:.1f} s")
    console = Console()
    console.print(table)
    console.print(f"messages in {out / 'api'}, ground truth in {out / 'truth'}")
