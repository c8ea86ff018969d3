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
from openpiu.formats.sensitive import filter_sensitive


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A PAXLST or PNRGOV file as received.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the JSON contract instead of tables.")
    ] = False,
) -> None:
    """Parse FILE and print its normalised content (exit 0 when parsed, 2 when rejected).

    PNR data go through the sensitive-data filter first, as on receipt (PNR Directive Art 13(4)): what it
    removes is never shown, only its category.
    """
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror or exc}", file=str(file)) from exc
    parsed = parse_message(filter_sensitive(data).data, source=file.name)
    document = to_contract(parsed)
    if as_json:
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    if document["kind"] == "pnr":
        _print_pnr(document, Console())
    else:
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

    console.print(_flights(document["flights"]))

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

    _print_warnings(document, console)


def _flights(flights: list[dict[str, Any]], title: str = "Flights") -> Table:
    table = Table(title=title)
    for column in ("carrier", "number", "from", "to", "departure (local)", "arrival (local)"):
        table.add_column(column)
    for f in flights:
        table.add_row(
            _text(f["carrier"]),
            _text(f["number"]),
            _text(f["departure_airport"]),
            _text(f["arrival_airport"]),
            _text(f["scheduled_departure"]),
            _text(f["scheduled_arrival"]),
        )
    return table


def _print_warnings(document: dict[str, Any], console: Console) -> None:
    if document["warnings"]:
        warnings = Table(title=f"Warnings ({len(document['warnings'])})")
        for column in ("segment", "tag", "message"):
            warnings.add_column(column)
        for w in document["warnings"]:
            warnings.add_row(_text(w["segment"] or ""), _text(w["tag"]), _text(w["message"]))
        console.print(warnings)
    else:
        console.print("No warnings.")


def _print_pnr(document: dict[str, Any], console: Console) -> None:
    meta = Table(title="Message", show_header=False)
    for key in ("kind", "format", "sender", "recipient"):
        meta.add_row(key, _text(document[key]))
    for message in document["messages"]:
        meta.add_row(
            "push",
            escape(
                f"{message['message_ref'] or '?'}  {message['function']}  "
                f"flight {message['pushed_flight'] or '?'}"
                f"  bookings {message['bookings']} (declared {_text(message['declared_bookings'])})"
            ),
        )
    console.print(meta)
    console.print(_flights(document["flights"], "Pushed flight"))

    bookings = Table(title=f"Bookings ({len(document['bookings'])})")
    for column in ("locator", "created", "agency", "pax", "itinerary", "payment", "removed", "status"):
        bookings.add_column(column)
    for b in document["bookings"]:
        agency = b["originator"] or {}
        bookings.add_row(
            _text(b["record_locator"]),
            _text(b["created"]),
            _text(
                " ".join(
                    filter(None, [agency.get("system"), agency.get("office"), agency.get("originator_type")])
                )
            ),
            _text(len(b["travellers"])),
            _text(" ".join(f"{leg['departure_airport']}-{leg['arrival_airport']}" for leg in b["itinerary"])),
            _text(", ".join(filter(None, (p["type"] for p in b["payment"])))),
            _text(", ".join(b["removed_categories"])),
            "cancelled" if b["cancelled"] else "",
        )
    console.print(bookings)

    people = Table(title=f"Travellers ({sum(len(b['travellers']) for b in document['bookings'])})")
    for column in ("PNR", "surname", "given names", "type", "born", "sex", "nat.", "document", "seat"):
        people.add_column(column)
    for b in document["bookings"]:
        for t in b["travellers"]:
            doc = t["documents"][0] if t["documents"] else None
            people.add_row(
                _text(t["booking_ref"]),
                _text(t["surname"]),
                _text(t["given_names"]),
                _text(t["type"]),
                _text(t["date_of_birth"]),
                _text(t["sex"]),
                _text(t["nationality"]),
                _text(f"{doc['type'] or '?'} {doc['number']} {doc['issuing_country'] or ''}") if doc else "",
                _text(t["seat"]),
            )
    console.print(people)
    _print_warnings(document, console)


def _text(value: object) -> str:
    """A cell: empty for None, and never read as Rich markup (names and free text may hold ``[``)."""
    return "" if value is None else escape(str(value))
