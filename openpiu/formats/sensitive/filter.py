"""The filter on receipt: raw PNRGOV bytes in, the same bytes with removed elements replaced by markers out.

It works on the bytes as received, before anything is stored or parsed into the analytical store
(PNR Directive Art 6(1), 13(4)): the stored raw copy is the filtered one. Each removed segment is
replaced in place by a marker segment of the same tag (``openpiu.formats.pnrgov.markers``), so line
layout, segment count (UNT), group structure and every other byte are unchanged and the copy re-parses
to the same model minus the removed elements. What was removed is reported by category and segment
number only, never by content.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from openpiu.formats.edifact import Delimiters, decode
from openpiu.formats.edifact.delimiters import TYPOGRAPHIC_QUOTE
from openpiu.formats.edifact.lexer import interchange_chunks, removed_by_lexer, typographic_terminators
from openpiu.formats.pnrgov.markers import MARKER, marker_text
from openpiu.formats.sensitive.table import OSI_KEPT, SSR_CODES, STRUCTURED_SSRS, Category, classify_text

_SCANNED = ("SSR", "IFT", "LTS")
# IFT types that hold names and amounts (payer 43, fare calculation 15), Annex I items 6 and 13: not
# scanned for words, which would misread names (a payer called CHRISTIAN is no religious remark).
_NAME_TEXTS = frozenset({"43", "15"})


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed element: where (1-based segment number in the file, tag) and why; no content."""

    segment: int
    tag: str
    category: Category


@dataclass(frozen=True, slots=True)
class FilterResult:
    """The filtered copy and what was removed.

    Attributes:
        data: the bytes to store, in the encoding they arrived in; identical to the input when nothing
            was removed.
        removals: one per removed segment, in file order.
    """

    data: bytes
    removals: tuple[Removal, ...]

    @property
    def categories(self) -> tuple[str, ...]:
        """The distinct categories removed, in first-seen order (what the collection log records)."""
        return tuple(dict.fromkeys(r.category.value for r in self.removals))


def filter_sensitive(data: bytes) -> FilterResult:
    """Remove sensitive and non-Annex-I elements from a PNRGOV file (see ``table`` for the rules).

    Files without SSR, IFT or LTS segments (PAXLST among them) come back unchanged. Never raises on
    malformed input: what the lexer cannot read as a segment is left as it is (and ignored by the parser
    as well).
    """
    text, encoding = decode(data)
    if not any(tag in text for tag in _SCANNED):
        return FilterResult(data, ())
    pieces: list[str] = []
    removals: list[Removal] = []
    position = 0
    cursor = 0
    for start, end, delimiters in _segment_spans(text):
        body_start = start
        # What the lexer strips before a segment (any white space, NBSP included) and more (controls).
        while body_start < end and (text[body_start] <= " " or text[body_start].isspace()):
            body_start += 1
        if body_start == end:
            continue
        position += 1
        head = text[body_start : body_start + 3]
        # A tag of letters and digits holds nothing the lexer drops: most segments are skipped on it.
        clean = None if head.isalnum() else text[body_start:end].translate(_dropped(delimiters))
        tag = head.upper() if clean is None else clean[:3].upper()
        if tag == "UNB":
            position = 1
        if tag not in _SCANNED:
            continue
        if clean is None:
            clean = text[body_start:end].translate(_dropped(delimiters))
        found = _classify(tag, clean, delimiters)
        if found is None:
            continue
        category, qualifier = found
        pieces.append(text[cursor:body_start])
        pieces.append(_marker(tag, category, qualifier, delimiters))
        cursor = end
        removals.append(Removal(position, tag, category))
    if not removals:
        return FilterResult(data, ())
    pieces.append(text[cursor:])
    filtered = "".join(pieces)
    target = "utf-8" if encoding in ("str", "utf-8") else encoding
    return FilterResult(filtered.encode(target, errors="replace"), tuple(removals))


def _segment_spans(text: str) -> list[tuple[int, int, Delimiters]]:
    """(start, end, delimiters) of every segment body, terminators excluded, cut as the lexer cuts.

    The chunks and their delimiters come from the lexer (``interchange_chunks``); inside a chunk a
    terminator ends a segment unless the release character precedes it, with the characters the lexer
    drops first (line breaks, ``removed_by_lexer``) allowed in between, and a typographic quote ends one
    where the lexer reads it as a terminator.
    """
    spans: list[tuple[int, int, Delimiters]] = []
    for chunk in interchange_chunks(text):
        d = chunk.delimiters
        alternatives = [re.escape(d.terminator)]
        if d.release:
            # First, so that a released terminator is consumed with its release character.
            skipped = "[" + re.escape(removed_by_lexer(d)) + "]*"
            alternatives.insert(0, re.escape(d.release) + skipped + ".")
        typographic: set[int] = set()
        if d.terminator == "'" and TYPOGRAPHIC_QUOTE in text[chunk.start : chunk.end]:
            # The lexer reads these as terminators too (before it applies the release character).
            typographic = {
                chunk.start + m.start()
                for m in typographic_terminators(d).finditer(text[chunk.start : chunk.end])
            }
            alternatives.append(TYPOGRAPHIC_QUOTE)
        pattern = re.compile("|".join(alternatives), re.DOTALL)
        start = chunk.start
        for m in pattern.finditer(text, chunk.start, chunk.end):
            at = m.start()
            if m.group() == d.terminator or at in typographic:
                spans.append((start, at, d))
                start = at + 1
        if start < chunk.end:
            spans.append((start, chunk.end, d))
    return spans


@functools.cache
def _dropped(d: Delimiters) -> dict[int, None]:
    """What the lexer removes from a segment before splitting it, as a ``str.translate`` table."""
    return dict.fromkeys(map(ord, removed_by_lexer(d)))


def _classify(tag: str, clean: str, d: Delimiters) -> tuple[Category, str] | None:
    """The category of a segment to remove and the IFT qualifier to keep, or None to keep it."""
    elements = clean.split(d.element)
    first = elements[1].split(d.component) if len(elements) > 1 else [""]
    if tag == "SSR":
        code = first[0].strip().upper()
        if code == MARKER or code in STRUCTURED_SSRS:
            return None
        listed = SSR_CODES.get(code)
        if listed is not None:
            return listed[0], ""
        category = classify_text(" ".join(first[8:]))
        return (category, "") if category is not None else None
    if tag == "IFT":
        kind = first[1].strip() if len(first) > 1 else ""
        qualifier = d.component.join(part.strip() for part in first[:2])
        body = " ".join(elements[2:]).replace(d.component, " ").strip()
        if body.startswith(MARKER + " ") or kind in _NAME_TEXTS:
            return None
        category = classify_text(body)
        if category is not None:
            return category, qualifier
        # OSI (type 28): CJEU C-817/19 reads "general remarks" as unaccompanied-minor information only.
        if kind == "28" and body and not OSI_KEPT.match(body):
            return Category.NOT_IN_ANNEX_I, qualifier
        return None
    body = " ".join(elements[1:]).replace(d.component, " ")
    if body.startswith(MARKER + " "):
        return None
    category = classify_text(body)
    return (category, "") if category is not None else None


def _marker(tag: str, category: Category, qualifier: str, d: Delimiters) -> str:
    text = marker_text(tag, category.value, qualifier or "4:28")
    if (d.element, d.component) == ("+", ":"):
        return text
    table: dict[str, str | int | None] = {"+": d.element, ":": d.component}
    return text.translate(str.maketrans(table))
