"""``openpiu ingest PATH... [--retry-rejected]``: store, parse and file received messages."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine

from openpiu import settings
from openpiu.cli.app import app
from openpiu.cli.common import fail, progress_bar
from openpiu.ingest import IngestSummary, collect_files, ingest_paths, retry_rejected
from openpiu.pnr import change_label
from openpiu.privacy.audit import AuditAction
from openpiu.privacy.evidence import API_BASIS, PNR_BASIS, record_event
from openpiu.store import create, require_current

HELP = """Store, parse and file received messages (files, or folders read recursively).

Every file is stored as received (SHA-256, receipt time, source, size) before it is parsed; the same
bytes received again are counted as duplicates and change nothing. Files that cannot be parsed stay
stored as rejected, listed as `file: reason`; `--retry-rejected` parses them again (after a parser fix).

The database is OPENPIU_DATABASE_URL (a SQLite file ./openpiu.db when unset). An empty database gets
the schema created; an older schema is refused until you run `openpiu db upgrade`.

Exit codes: 0 every file stored (rejected ones included); 1 some files could not be read;
2 an error (bad path, database unreachable or outdated).
"""


@app.command(help=HELP)
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to ingest.", show_default=False)
    ] = None,
    retry: Annotated[
        bool, typer.Option("--retry-rejected", help="Parse the stored rejected messages again.")
    ] = False,
) -> None:
    if not paths and not retry:
        fail("give files or folders to ingest, or --retry-rejected")
    try:
        files = collect_files(paths or [])
    except FileNotFoundError as exc:
        fail(str(exc))
    config = settings.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        require_current(engine, create_if_empty=True)
        started = time.perf_counter()
        summaries = _run(engine, files, retry=retry)
        elapsed = time.perf_counter() - started
        for title, summary in summaries:
            _log_collection(engine, title, summary)
    finally:
        engine.dispose()
    console = Console()
    for title, summary in summaries:
        _print_summary(console, title, summary, elapsed)
    if any(summary.unreadable for _, summary in summaries):
        raise typer.Exit(1)


def _log_collection(engine: Engine, title: str, summary: IngestSummary) -> None:
    """The collection event of the access log (standards §5.5): counts only, never content."""
    counts = {
        "received": summary.received,
        "duplicates": summary.duplicates,
        "parsed": summary.parsed + summary.with_warnings,
        "rejected": summary.rejected,
        "travellers": summary.travellers,
        "bookings": summary.bookings,
    }
    record_event(
        engine,
        AuditAction.COLLECT,
        actor="ingest",
        purpose=f"intake of API and PNR messages ({title})",
        legal_basis=f"{API_BASIS}; {PNR_BASIS}",
        detail={"counts": counts, "removed_sensitive": dict(summary.removed)},
        result_count=summary.received,
    )


def _run(engine: Engine, files: list[Path], *, retry: bool) -> list[tuple[str, IngestSummary]]:
    summaries: list[tuple[str, IngestSummary]] = []
    with progress_bar() as progress:
        if files:
            task = progress.add_task("ingesting", total=len(files))
            summaries.append(
                ("ingested", ingest_paths(engine, files, progress=lambda _: progress.advance(task)))
            )
        if retry:
            retry_task = progress.add_task("retrying rejected", total=None)
            summaries.append(
                ("retried", retry_rejected(engine, progress=lambda _: progress.advance(retry_task)))
            )
    return summaries


def _print_summary(console: Console, title: str, summary: IngestSummary, elapsed: float) -> None:
    table = Table(title=f"Messages {title}", show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    for label, value in (
        ("received", summary.received),
        ("duplicates", summary.duplicates),
        ("parsed", summary.parsed),
        ("with warnings", summary.with_warnings),
        ("rejected", summary.rejected),
        ("travellers", summary.travellers),
        ("flights", summary.flights),
    ):
        table.add_row(label, f"{value:,}")
    if summary.unreadable:
        table.add_row("unreadable files", f"{len(summary.unreadable):,}")
    if summary.bookings:
        table.add_row("PNR booking versions", f"{summary.bookings:,}")
    for kind, count in summary.booking_changes:
        table.add_row(f"PNR changes: {change_label(kind)}", f"{count:,}")
    for category, count in summary.removed:
        # Category and count only, never the content (PNR Directive Art 13(4)).
        table.add_row(f"removed before storage: {category.replace('_', ' ')}", f"{count:,}")
    console.print(table)
    if summary.travellers and elapsed > 0:
        console.print(
            f"{summary.travellers:,} travellers in {elapsed:.1f} s ({summary.travellers / elapsed:,.0f}/s)",
            highlight=False,
        )
    for rejection in summary.rejections:
        # A ParseError already starts with the file name; don't say it twice.
        line = (
            rejection.reason
            if rejection.reason.startswith(rejection.source)
            else (f"{rejection.source}: {rejection.reason}")
        )
        console.print(f"rejected: {escape(line)}", highlight=False, soft_wrap=True)
    for failure in summary.unreadable:
        console.print(
            f"unreadable: {escape(failure.source)}: {escape(failure.reason)}", highlight=False, soft_wrap=True
        )
