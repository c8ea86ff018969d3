"""A small factory for PNRGOV messages written as literals in the tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from openpiu.formats import parse_message
from openpiu.model import PnrPush

Build = Callable[..., str]


def build_message(
    body: str,
    *,
    function: str = "22",
    version: str = "13:1",
    level0: str = "ORG+ZZ:IST'TVL+140325:1030+IST+BEG+ZZ+0456'EQN+1'",
) -> str:
    """A whole interchange around ``body`` (the segments from the first SRC), UNT count right."""
    inner = f"MSG+:{function}'{level0}{body}"
    count = inner.count("'") + 2  # + UNH and UNT
    return (
        "UNA:+.?*'UNB+IATA:1+ZZ+RSPIU+250313:1030+0000042'"
        f"UNH+1+PNRGOV:{version}:IA+ZZ0456/140325/1030+01:F'{inner}UNT+{count}+1'UNZ+1+0000042'"
    )


@pytest.fixture
def build() -> Build:
    return build_message


@pytest.fixture
def push() -> Callable[..., PnrPush]:
    """Parse the message built around ``body``; exactly one push."""

    def parse(body: str, **kwargs: str) -> PnrPush:
        parsed = parse_message(build_message(body, **kwargs), source="test.edi")
        assert parsed.kind == "pnr"
        assert len(parsed.pushes) == 1
        return parsed.pushes[0]

    return parse
