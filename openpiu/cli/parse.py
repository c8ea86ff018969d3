"""``openpiu parse FILE [--json]``: read one file and show what OpenPIU understands of it. No database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from openpiu.cli.app import app
from openpiu.errors import ParseError
from openpiu.formats import parse_message
from openpiu.formats.contract import to_contract


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A PAXLST file as received.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the JSON contract instead of tables.")
    ] = False,
) -> None:
    """Parse FILE and print its normalised content (exit 0 when parsed, 2 when rejected)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror or exc}", file=str(file)) from exc
    parsed = parse_message(data, source=file.name)
    document = to_contract(parsed)
    if as_json:
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    _print_tables(document, Console())


def _print_tables(document: dict[str, Any], console: Console) -> None:
    meta = Table(title="Message", show_header=False)
    for key in ("kind", "format", "sender", "recipient"):
        meta.add_row(key, _text(document[key]))
    for message in document["messages"]:
        meta.add_row(
            "message",
            escape(
                f"{message['message_ref'] or '?'}  BGM {message['document_type'] or '?'} "
                f"{message['function'] or ''}  part {message['sequence'] or '-'}"
                f"{'' if message['final'] is None else ' final' if message['final'] else ' (more follow)'}  "
                f"declared pax {_text(message['declared_passengers'])} crew {_text(message['declared_crew'])}"
            ),
        )
    console.print(meta)

    flights = Table(title="Flights")
    for column in ("carrier", "number", "from", "to", "departure (local)", "arrival (local)"):
        flights.add_column(column)
    for f in document["flights"]:
        flights.add_row(
            _text(f["carrier"]),
            _text(f["number"]),
            _text(f["departure_airport"]),
            _text(f["arrival_airport"]),
            _text(f["scheduled_departure"]),
            _text(f["scheduled_arrival"]),
        )
    console.print(flights)

    people = Table(title=f"Travellers ({len(document['travellers'])})")
    for column in ("role", "surname", "given names", "born", "sex", "nat.", "document", "seat", "PNR"):
        people.add_column(column)
    for t in document["travellers"]:
        doc = t["documents"][0] if t["documents"] else None
        people.add_row(
            _text(t["role"]),
            _text(t["surname"]),
            _text(t["given_names"]),
            _text(t["date_of_birth"]),
            _text(t["sex"]),
            _text(t["nationality"]),
            _text(f"{doc['type'] or '?'} {doc['number']} {doc['issuing_country'] or ''}") if doc else "",
            _text(t["seat"]),
            _text(t["reservation_ref"]),
        )
    console.print(people)

    if document["warnings"]:
        warnings = Table(title=f"Warnings ({len(document['warnings'])})")
        for column in ("segment", "tag", "message"):
            warnings.add_column(column)
        for w in document["warnings"]:
            warnings.add_row(_text(w["segment"] or ""), _text(w["tag"]), _text(w["message"]))
        console.print(warnings)
    else:
        console.print("No warnings.")


def _text(value: object) -> str:
    """A cell: empty for None, and never read as Rich markup (names and free text may hold ``[``)."""
    return "" if value is None else escape(str(value))
