"""PNRGOV messages written as literals in the tests: the envelope around a body."""

from __future__ import annotations


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
