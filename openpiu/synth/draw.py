"""Weighted draws that are cheap to repeat: cumulative weights built once, one ``random()`` per draw.

``random.choices`` rebuilds its cumulative table on every call; the generator draws hundreds of
thousands of values a day, so tables are prepared once here.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Weighted(Generic[T]):
    """Values with cumulative weights (the weights need not sum to 1)."""

    values: tuple[T, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, pairs: Iterable[tuple[T, float]]) -> Weighted[T]:
        items = list(pairs)
        return cls(tuple(v for v, _ in items), tuple(accumulate(w for _, w in items)))

    def pick(self, rng: random.Random) -> T:
        """One value, drawn with probability proportional to its weight."""
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]
