"""One EDIFACT segment: its tag, its data elements split into components, and where it was."""

from __future__ import annotations

from typing import NamedTuple

# Characters that must be released (escaped with ``?``) when a segment is re-written with the default
# delimiters, in the order the release character itself comes first.
_DEFAULT_ESCAPES = str.maketrans({"?": "??", "'": "?'", "+": "?+", ":": "?:"})


class Segment(NamedTuple):
    """A segment as read: ``TAG+e1c1:e1c2+e2c1...`` → tag and elements, release characters applied.

    A ``NamedTuple`` rather than a dataclass: it is immutable and slot-free like a frozen dataclass, but
    building one is several times cheaper, and the lexer builds one per segment (about twenty per traveller).

    Attributes:
        tag: segment tag (``UNH``, ``NAD``...).
        elements: the data elements after the tag, each a tuple of its components (at least one, maybe
            empty strings). Values are as sent: not stripped, release characters removed.
        position: 1-based number of the segment in its interchange (``UNB`` is 1; ``UNA`` is not counted).
    """

    tag: str
    elements: tuple[tuple[str, ...], ...]
    position: int

    def get(self, i: int, j: int = 0) -> str:
        """Component ``j`` of data element ``i`` (both 0-based, element 0 is the first after the tag).

        Returns ``""`` when the sender omitted it: trailing empty elements and components are optional in
        EDIFACT, so callers never index blindly.
        """
        elements = self.elements
        if i < len(elements):
            element = elements[i]
            if j < len(element):
                return element[j]
        return ""

    def element(self, i: int) -> tuple[str, ...]:
        """Data element ``i`` (0-based) as a tuple of components; ``()`` when absent."""
        return self.elements[i] if i < len(self.elements) else ()

    @property
    def text(self) -> str:
        """The segment written back with the default delimiters (``:+?'``), released where needed.

        No terminator; trailing empty elements/components are kept as read. Used for ``RawSegment``.
        """
        parts = [self.tag]
        for element in self.elements:
            parts.append(":".join(c.translate(_DEFAULT_ESCAPES) for c in element))
        return "+".join(parts)
