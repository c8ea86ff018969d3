"""``openpiu match``: screen travellers from a file against a watchlist from a file, statelessly."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from openpiu.cli.app import app
from openpiu.errors import ScreeningError
from openpiu.model.match import TravellerQuery
from openpiu.model.watchlist import Watchlist, WatchlistCategory
from openpiu.screening import Screener
from openpiu.screening.contract import match_record, traveller_from_record
from openpiu.screening.importers import read_jsonl
from openpiu.screening.importers.common import RowProblem
from openpiu.screening.importers.jsonl import decode_lines

# The list name `match` gives its watchlist file; its thresholds are the defaults of live screening.
MATCH_LIST = Watchlist(
    name="match",
    owner="command line",
    category=WatchlistCategory.NATIONAL_ALERTS,
    legal_basis="evaluation (openpiu match)",
)


@app.command()
def match(
    watchlist: Annotated[Path, typer.Option(help="Watchlist JSON lines (one entry per line).")],
    travellers: Annotated[Path, typer.Option(help="Traveller JSON lines (one per line).")],
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Alert at this score instead of the list defaults."),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Write match lines here instead of stdout.")] = None,
) -> None:
    """Screen travellers against a watchlist and print one JSON line per alert, with its explanation."""
    started = time.perf_counter()
    result = read_jsonl(_read(watchlist), MATCH_LIST.name)
    for issue in result.issues:
        if issue.rejected:
            raise ScreeningError(f"{watchlist}:{issue.row}: {issue.message}")
        typer.echo(f"openpiu: warning: {watchlist}:{issue.row}: {issue.message}", err=True)
    queries = _travellers(travellers)
    screener = Screener(result.entries, [MATCH_LIST])
    matches = screener.screen(queries, threshold=threshold)
    lines = "".join(json.dumps(match_record(m), ensure_ascii=False) + "\n" for m in matches)
    if out is None:
        sys.stdout.write(lines)
    else:
        try:
            out.write_text(lines, encoding="utf-8")
        except OSError as exc:
            raise ScreeningError(f"{out}: cannot write: {exc.strerror}") from exc
    elapsed = time.perf_counter() - started
    typer.echo(
        f"entries {len(result.entries)}, travellers {len(queries)}, alerts {len(matches)}, "
        f"time {elapsed:.2f} s",
        err=True,
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ScreeningError(f"{path}: cannot read: {exc.strerror}") from exc


def _travellers(path: Path) -> list[TravellerQuery]:
    try:
        lines = decode_lines(_read(path))
    except RowProblem as exc:
        raise ScreeningError(f"{path}: {exc}") from exc
    queries = []
    seen: set[str] = set()
    for number, line in lines:
        try:
            query = traveller_from_record(json.loads(line))
            if query.id in seen:
                raise RowProblem(f"duplicate id {query.id!r}")
        except json.JSONDecodeError as exc:
            raise ScreeningError(f"{path}:{number}: not JSON: {exc.msg} at column {exc.colno}") from exc
        except RowProblem as exc:
            raise ScreeningError(f"{path}:{number}: {exc}") from exc
        seen.add(query.id)
        queries.append(query)
    return queries
