"""``openpiu watchlist import|list|show``: the watchlists screening compares travellers with.

``import`` replaces a list's entries in one transaction and records the import in the list's history;
rows that cannot be read are reported with their row number (the rest of the file loads), and a file from
which nothing can be read changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from openpiu.cli.app import app
from openpiu.cli.common import database_session, fail
from openpiu.errors import NotFound
from openpiu.ingest.watchlists import Registration, guess_format, import_list
from openpiu.model.watchlist import PartialDate, WatchlistCategory
from openpiu.screening.importers import WatchlistFormat
from openpiu.store.watchlist_tables import WatchlistEntryRow
from openpiu.store.watchlists import find_watchlist, list_versions, list_watchlists, search_entries

watchlist = typer.Typer(help="Watchlists of persons and documents sought or under alert: import, list, show.")
app.add_typer(watchlist, name="watchlist")


@watchlist.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The list file.", show_default=False)],
    name: Annotated[str, typer.Option("--list", help="The list's name (registered on first import).")],
    fmt: Annotated[
        WatchlistFormat | None,
        typer.Option("--format", help="File format; by default from the extension (.csv, .xml, else jsonl)."),
    ] = None,
    category: Annotated[
        WatchlistCategory | None, typer.Option(help="What the list holds (required for a new list).")
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help="Authority that maintains the list (required for a new list).")
    ] = None,
    legal_basis: Annotated[
        str | None, typer.Option(help="Legal act allowing screening against it (required for a new list).")
    ] = None,
    threshold: Annotated[
        float | None, typer.Option(min=0.01, max=1.0, help="The list's alert threshold (default 0.80).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="The publisher's version or date of the file.")
    ] = None,
    user: Annotated[str, typer.Option("--as", help="Who imports (recorded in the list's history).")] = "cli",
) -> None:
    """Import FILE as the new version of a list; print what was loaded and every rejected row."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        fail(f"{file}: cannot read: {exc.strerror}")
    registration = Registration(owner, category, legal_basis, threshold, published)
    with database_session() as session:
        report = import_list(
            session,
            data,
            name=name,
            fmt=fmt or guess_format(file.name),
            source=file.name,
            imported_by=user,
            now=datetime.now(UTC),
            registration=registration,
        )
        session.commit()
    v = report.version
    typer.echo(
        f"list {name} version {v.version}: {v.loaded} loaded, {v.rejected} rejected of {v.rows} rows "
        f"({v.added} added, {v.removed} removed since the previous version)"
    )
    for issue in report.issues:
        typer.echo(f"  {file.name}: {issue}")


@watchlist.command("list")
def list_command() -> None:
    """Every registered list: category, owner, legal basis, threshold, version and entries."""
    with database_session() as session:
        stored = list_watchlists(session)
    table = Table("name", "category", "owner", "legal basis", "threshold", "version", "entries", "updated")
    for s in stored:
        w = s.watchlist
        table.add_row(
            w.name,
            w.category.value,
            w.owner,
            w.legal_basis,
            f"{w.thresholds.alert:.2f}",
            str(s.version),
            str(s.entries),
            f"{s.updated_at:%Y-%m-%d %H:%M}",
        )
    Console().print(table)


@watchlist.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="The list's name.", show_default=False)],
    search: Annotated[
        str | None,
        typer.Option(help="Show the entries whose names (any spelling or script) or document match."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many entries.")] = 50,
) -> None:
    """A list's registration and import history; with --search, its matching entries."""
    with database_session() as session:
        stored = find_watchlist(session, name=name)
        if stored is None:
            raise NotFound(f"no watchlist {name!r} (see `openpiu watchlist list`)")
        versions = list_versions(session, watchlist_id=stored.id)
        found = search_entries(session, watchlist_id=stored.id, text=search, limit=limit) if search else None
    console = Console(highlight=False)
    w = stored.watchlist
    console.print(
        f"{w.name}: {w.category.value}, owner {w.owner}, legal basis {w.legal_basis}, threshold "
        f"{w.thresholds.alert:.2f}, version {stored.version}, {stored.entries} entries"
        + (f", published {w.version}" if w.version else "")
    )
    history = Table("version", "imported", "by", "file", "format", "rows", "loaded", "rejected", "+", "-")
    for v in versions:
        history.add_row(
            str(v.version),
            f"{v.imported_at:%Y-%m-%d %H:%M}",
            v.imported_by,
            v.source,
            v.format,
            str(v.rows),
            str(v.loaded),
            str(v.rejected),
            str(v.added),
            str(v.removed),
        )
    console.print(history)
    if found is not None:
        console.print(entry_table(found))


def entry_table(rows: list[WatchlistEntryRow]) -> Table:
    """Entries as a table: id, names, date(s) of birth, nationality, sex, documents."""
    table = Table("id", "names", "born", "nationality", "sex", "documents")
    for row in rows:
        table.add_row(
            row.entry_id,
            "; ".join(n["full"] for n in row.names),
            ", ".join(str(PartialDate(**d)) for d in row.dates_of_birth),
            ", ".join(row.nationalities),
            row.sex.value if row.sex else "",
            ", ".join(d["number"] for d in row.documents),
        )
    return table
