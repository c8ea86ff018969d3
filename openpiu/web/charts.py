"""Bar charts drawn on the server as SVG geometry (no script, no external service, strict CSP).

``bars`` turns labelled values into rectangles the template draws with presentation attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR = 22
GAP = 8
LABEL = 220
WIDTH = 640


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_x: int


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    height: int
    label_width: int = LABEL
    width: int = WIDTH


def bars(title: str, items: Sequence[tuple[str, int]]) -> Chart:
    """A horizontal bar chart of ``items``; bar lengths proportional to the largest value."""
    top = max((value for _, value in items), default=0) or 1
    room = WIDTH - LABEL - 60
    drawn = tuple(
        Bar(label, value, GAP + n * (BAR + GAP), max(1, round(room * value / top)) if value else 0,
            LABEL + (round(room * value / top) if value else 0) + 6)
        for n, (label, value) in enumerate(items)
    )  # fmt: skip
    return Chart(title, drawn, max(32, GAP + len(drawn) * (BAR + GAP)))
