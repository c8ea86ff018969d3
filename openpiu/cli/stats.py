"""``openpiu stats --period 2026-Q1|2026-11|2026-11-29 [--format csv|json]``: Art 20 statistics."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from openpiu import settings as settings_module
from openpiu.cli.app import app
from openpiu.privacy.statistics import parse_period
from openpiu.store import create, require_current, storage_errors
from openpiu.store.statistics import compute


class Format(StrEnum):
    CSV = "csv"
    JSON = "json"


@app.command("stats")
def stats_command(
    period: Annotated[str, typer.Option(help="2026, 2026-Q1, 2026-11 or 2026-11-29 (UTC).")],
    output: Annotated[Format, typer.Option("--format", help="csv or json.")] = Format.CSV,
) -> None:
    """Statistics of a period (PNR Directive Art 20): counts only, no personal data."""
    span = parse_period(period)
    config = settings_module.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        require_current(engine)
        with storage_errors(engine, "computing statistics"), engine.connect() as connection:
            result = compute(connection, period=span)
    finally:
        engine.dispose()
    typer.echo(result.to_csv() if output is Format.CSV else result.to_json(), nl=output is Format.JSON)
