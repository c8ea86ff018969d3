"""Small helpers shared by the command modules: one-line failures, the database session, the progress bar."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.orm import Session

from openpiu import settings
from openpiu.store import create, require_current


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


@contextmanager
def database_session() -> Iterator[Session]:
    """A session on the configured database (schema created when empty); the caller commits.

    The engine is disposed on every path, errors included: a leaked connection would outlive the command.
    """
    config = settings.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        require_current(engine, create_if_empty=True)
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()
