"""The ``openpiu`` command line (Typer + Rich).

Thin by design: each module here parses arguments, calls into the packages and prints. Errors from the
OpenPIU exception tree are printed as one line on stderr with exit code 2, never as a traceback.
"""

from __future__ import annotations

import sys

import typer

from openpiu import __version__
from openpiu.errors import OpenPIUError

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


def main() -> None:
    """Entry point of the ``openpiu`` script."""
    try:
        app()
    except OpenPIUError as exc:
        print(f"openpiu: error: {exc}", file=sys.stderr)
        sys.exit(2)
