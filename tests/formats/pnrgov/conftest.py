"""A small factory for PNRGOV messages written as literals in the tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pnrgov_messages import build_message  # type: ignore[import-not-found]

from openpiu.formats import parse_message
from openpiu.model import PnrPush

Build = Callable[..., str]


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
