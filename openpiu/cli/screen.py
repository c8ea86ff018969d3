"""``openpiu screen``: screen stored travellers against the stored watchlists and record the hits.

Hits are one per traveller x entry across pushes and runs (``openpiu.ingest.screening``): running it again
after a new push refreshes them; a hit a reviewer dismissed stays silent until its evidence changes.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from openpiu import settings
from openpiu.cli.app import app
from openpiu.cli.common import database_session, fail
from openpiu.ingest.screening import ScreenSummary, load_lists, screen_stored
from openpiu.review import Raised
from openpiu.store.pseudonyms import load_pseudonym_key

# Paragraphs as single strings: Typer keeps line breaks in help texts.
HELP = "\n\n".join(
    (
        "Screen the stored travellers (API, and PNR where stored) and record hits for review.",
        "Booked travellers are linked to API travellers as the stored reconciliation says (`openpiu pnr "
        "reconcile`); a flight without one is reconciled in memory for the run, without storing.",
    )
)


@app.command(help=HELP)
def screen(
    flight: Annotated[
        int | None, typer.Option(help="Only this flight (database id, as the web app shows).")
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Only flights departing on this local date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Screen the stored travellers (API, and PNR where stored) and record hits for review.

    Each hit is due before arrival on flights into the PIU's state (OPENPIU_PIU_COUNTRY), else departure.
    """
    if flight is not None and day is not None:
        fail("give --flight or --date, not both")
    try:
        on = date.fromisoformat(day) if day is not None else None
    except ValueError:
        fail(f"--date {day!r} is not a date (YYYY-MM-DD)")
    started = time.perf_counter()
    with database_session() as session:
        key = load_pseudonym_key(session.connection(), settings.load())
        lists = load_lists(session, pseudonym_key=key)
        if not lists.entries:
            fail("no watchlist entries stored: import a list first (`openpiu watchlist import`)")
        summary = screen_stored(
            session,
            lists,
            flight_ids=None if flight is None else [flight],
            day=on,
            piu_country=settings.load().piu_country,
        )
        session.commit()
    if flight is not None and summary.flights == 0:
        fail(f"no flight {flight}")
    print_summary(summary, entries=lists.entries, seconds=time.perf_counter() - started)


def print_summary(summary: ScreenSummary, *, entries: int, seconds: float) -> None:
    """The hits of a run with their explanation, then one line of counts."""
    console = Console(highlight=False)
    if summary.hits:
        table = Table(
            "hit", "recorded", "flight", "traveller", "from", "list / entry", "score", "explanation"
        )
        for h in sorted(summary.hits, key=lambda h: (h.flight, -h.match.score)):
            table.add_row(
                str(h.hit_id),
                h.action.value,
                h.flight,
                h.traveller,
                h.source,
                f"{h.match.list_name} / {h.match.entry_id}",
                f"{h.match.score:.2f}",
                "\n".join(h.match.explanation()),
            )
        console.print(table)
    console.print(
        f"{summary.flights} flights, {summary.api_travellers} API and {summary.pnr_travellers} PNR "
        f"travellers screened against {entries} entries in {seconds:.1f} s: {len(summary.hits)} hits "
        f"({summary.count(Raised.NEW)} new, {summary.count(Raised.REFRESHED)} refreshed, "
        f"{summary.count(Raised.REOPENED)} reopened, {summary.count(Raised.SUPPRESSED)} kept dismissed)"
    )
    if summary.reconciled_in_memory:
        console.print(
            f"{summary.reconciled_in_memory} flights with PNR had no stored reconciliation: their booked "
            "travellers were linked in memory for this run (`openpiu pnr reconcile` stores the links)"
        )
