"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

from openpiu import __version__

app = typer.Typer(
    name="openpiu",
    help="OpenPIU: receive API and PNR data, assess travellers, review matches, protect the data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"openpiu {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """OpenPIU command line."""
