"""One EDIFACT segment: its tag, its data elements, and where it was.

Inside OpenPIU a segment's components are joined by the ASCII unit separator (``US``, ``\\x1f``),
whatever component separator the sender used. The lexer translates the sender's separator once, over
the whole text (a C-level ``str.replace``), and leaves every literal character as data: a released
``?:`` is just ``:``. Components are then split only where a reader needs them, which is what makes the
lexer fast enough to keep up with a whole region's API traffic on one core.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from operator import itemgetter
from typing import Final, NamedTuple

from openpiu.model.construct import COMPILED

# Component separator inside OpenPIU (ASCII 31, "unit separator": never data in an airline message).
US: Final = "\x1f"

# A segment in its cheapest form, as the lexer produces it: the tag, then each data element (``row[1]``
# is e1), components joined by ``US``. Readers on a hot path (PAXLST travellers) work on rows and build
# a ``Segment`` only when they need its position or helpers.
Row = tuple[str, ...]

# Characters released with ``?`` when a segment is re-written with the default delimiters.
_DEFAULT_ESCAPES: Final = str.maketrans({"?": "??", "'": "?'", "+": "?+", ":": "?:"})


class Segment(NamedTuple):
    """A segment as read: ``TAG+e1c1:e1c2+e2c1...``.

    A ``NamedTuple`` rather than a dataclass: immutable and without a ``__dict__`` like a frozen slotted
    dataclass, but several times cheaper to build, and the lexer builds one per segment.

    Numbering follows the standards digest: ``e1`` is the first data element after the tag and ``c1``
    its first component, so ``seg.get(1, 2)`` is ``e1.c2`` (``DOC+P:110:111`` → ``"110"``).

    Attributes:
        tag: segment tag (``UNH``, ``NAD``...).
        raw: the tag then each data element as sent (``raw[1]`` is ``e1``), release characters applied,
            components joined by ``US``. Values are not stripped.
        position: 1-based number of the segment in its interchange (``UNB`` is 1; ``UNA`` is not counted).
    """

    tag: str
    raw: tuple[str, ...]
    position: int

    def get(self, element: int, component: int = 1) -> str:
        """Component ``c`` of data element ``e`` (both 1-based); ``""`` when the sender omitted it.

        Trailing empty elements and components are optional in EDIFACT, so readers never index blindly.
        """
        raw = self.raw
        if element >= len(raw) or element < 1:
            return ""
        value = raw[element]
        if component == 1:
            return value.partition(US)[0]
        parts = value.split(US)
        return parts[component - 1] if 0 < component <= len(parts) else ""

    def element(self, element: int) -> tuple[str, ...]:
        """The components of data element ``e`` (1-based); ``()`` when absent."""
        raw = self.raw
        if element >= len(raw) or element < 1:
            return ()
        return tuple(raw[element].split(US))

    @property
    def elements(self) -> tuple[tuple[str, ...], ...]:
        """Every data element after the tag, each as the tuple of its components."""
        return tuple(tuple(value.split(US)) for value in self.raw[1:])

    @property
    def text(self) -> str:
        """The segment written back with the default delimiters (``:+?'``), released where needed.

        No terminator; empty elements and components are kept as read. Used for ``RawSegment``.
        """
        return "+".join(
            [self.tag]
            + [":".join(c.translate(_DEFAULT_ESCAPES) for c in value.split(US)) for value in self.raw[1:]]
        )


def indices_of(rows: Sequence[Row], tags: frozenset[str]) -> list[int]:
    """Indices of the rows whose tag is one of ``tags``, in order, with little Python code per row.

    When every tag in ``rows`` has three characters (the usual case: every EDIFACT tag has), the tags are
    joined into one string where row ``i`` starts at ``3 * i``, and each wanted tag is found there with
    ``str.find`` (a C-level search); only the matches cost Python code. Otherwise each tag is looked up
    in the set (also C-level, about twice the cost).
    """
    # Compiled, a comprehension reads each tag with one C-level tuple access; interpreted, ``map`` over
    # ``itemgetter`` runs no bytecode per row. Both build the same list.
    names = [row[0] for row in rows] if COMPILED else list(map(itemgetter(0), rows))
    joined = "".join(names)
    if len(joined) != 3 * len(names) or any(len(tag) != 3 for tag in tags):
        return list(itertools.compress(itertools.count(), map(tags.__contains__, names)))
    found: list[int] = []
    for tag in tags:
        # Matches across two tags (``XUN`` + ``HAB`` holds ``UNH``) are skipped: not at a row start.
        index = joined.find(tag)
        while index != -1:
            if index % 3 == 0:
                found.append(index // 3)
            index = joined.find(tag, index + 1)
    if len(tags) > 1:
        found.sort()
    return found
