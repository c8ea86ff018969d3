"""Small helpers shared by the command modules: one-line failures and the progress bar."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def fail(message: str) -> NoReturn:
    """Print ``openpiu: error: MESSAGE`` on stderr and exit 2 (the form ``openpiu.cli.main`` uses)."""
    print(f"openpiu: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


def progress_bar() -> Progress:
    """A progress bar on stderr, so stdout stays clean for scripts; Rich hides it when not a terminal."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
