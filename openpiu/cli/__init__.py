"""The ``openpiu`` command line (Typer + Rich).

Thin by design: each module here parses arguments, calls into the packages and prints. Each module
registers its commands on ``openpiu.cli.app.app`` when imported below. Errors from the OpenPIU exception
tree are printed as one line on stderr with exit code 2, never as a traceback.
"""

from __future__ import annotations

import sys

from openpiu.cli import audit as _audit  # noqa: F401 - registers `openpiu audit`
from openpiu.cli import db as _db  # noqa: F401 - registers `openpiu db`
from openpiu.cli import demo as _demo  # noqa: F401 - registers `openpiu demo`
from openpiu.cli import hits as _hits  # noqa: F401 - registers `openpiu hits`
from openpiu.cli import ingest as _ingest  # noqa: F401 - registers `openpiu ingest`
from openpiu.cli import parse as _parse  # noqa: F401 - registers `openpiu parse`
from openpiu.cli import pnr as _pnr  # noqa: F401 - registers `openpiu pnr show|reconcile|link|unlink`
from openpiu.cli import retention as _retention  # noqa: F401 - registers `openpiu retention`
from openpiu.cli import rules as _rules  # noqa: F401 - registers `openpiu rules`
from openpiu.cli import screen as _screen  # noqa: F401 - registers `openpiu screen`
from openpiu.cli import screening as _screening  # noqa: F401 -- registers `openpiu match`
from openpiu.cli import serve as _serve  # noqa: F401 - registers `openpiu serve`
from openpiu.cli import stats as _stats  # noqa: F401 - registers `openpiu stats`
from openpiu.cli import subjects as _subjects  # noqa: F401 - registers `openpiu subject`
from openpiu.cli import synth as _synth  # noqa: F401 - registers `openpiu synth`
from openpiu.cli import unmask as _unmask  # noqa: F401 - registers `openpiu unmask`
from openpiu.cli import users as _users  # noqa: F401 - registers `openpiu users`
from openpiu.cli import watchlist as _watchlist  # noqa: F401 - registers `openpiu watchlist`
from openpiu.cli.app import app
from openpiu.errors import OpenPIUError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``openpiu`` script."""
    try:
        app()
    except OpenPIUError as exc:
        print(f"openpiu: error: {exc}", file=sys.stderr)
        sys.exit(2)
