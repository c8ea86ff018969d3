"""Bytes → segments: decoding, teletype envelopes, UNA, release characters and line breaks.

The lexer is deliberately forgiving. Carrier traffic wraps lines in the middle of segments, indents,
puts free text before and after the interchange, wraps it in a Type-B teletype envelope and announces
delimiters it does not use; each is recovered from with a warning. Only bytes with no interchange in
them at all are refused (by the envelope reader, which knows what it expected).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from itertools import repeat
from operator import not_
from typing import Final

from openpiu.formats.edifact.delimiters import TYPOGRAPHIC_QUOTE, Delimiters, infer_delimiters, read_una
from openpiu.formats.edifact.segment import US, Row, Segment
from openpiu.model import ParseWarning

# Stand-ins for released service characters while the text is split: Unicode private-use code points,
# which never occur in airline messages.
_HELD: Final = ("\ue000", "\ue001", "\ue002", "\ue003", "\ue004")
_RESTORE_KEYS: Final = "".join(_HELD)

# Character sets limited to 7-bit ASCII (ISO 9735 level A/B; IATA's own syntax identifiers).
_SEVEN_BIT: Final = {"UNOA", "UNOB", "IATA", "IATB"}
_LATIN1: Final = {"UNOC"}

_START: Final = re.compile(r"UN[ABH]")
_SEGMENT_LIKE: Final = re.compile(r"[A-Z][A-Z0-9]{2}\W")
_TYPE_B_CONTROL: Final = "\x01\x02\x03\x04\x1a"


@dataclass(frozen=True, slots=True)
class Lexed:
    """What the lexer read: every segment as a row (see ``Row``), the delimiters of the first
    interchange, and file-level warnings. Segment positions are counted by the envelope reader."""

    rows: tuple[Row, ...]
    delimiters: Delimiters
    warnings: tuple[ParseWarning, ...]


def decode(data: bytes | str) -> tuple[str, str]:
    """Decode leniently: ASCII, else UTF-8, else Windows-1252, else Latin-1 (which never fails).

    Returns the text and the name of the encoding that worked.
    """
    if isinstance(data, str):
        return data, "str"
    try:
        return data.decode("ascii"), "ascii"
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def lex(data: bytes | str) -> Lexed:
    """Read every segment of every interchange in ``data``.

    Finds where EDIFACT starts (``UNA``, else ``UNB``, else ``UNH``) and drops what comes before (Type-B
    address and header lines, SOH/STX, free text) and after an ETX; honours each UNA; removes CR/LF
    everywhere (carriers wrap lines mid-segment); applies the release character; keeps a last segment
    without terminator; ignores free text after the last segment. Returns no segments when there is no
    EDIFACT at all.
    """
    if isinstance(data, bytes) and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark says nothing about the declared character set
    text, encoding = decode(data)
    warnings: list[ParseWarning] = []
    chunks = interchange_chunks(text, warnings)
    if not chunks:
        return Lexed((), Delimiters.DEFAULT, ())
    rows: list[Row] = []
    for chunk in chunks:
        rows.extend(_split(text[chunk.start : chunk.end], chunk.delimiters, warnings, last_chunk=chunk.last))
    if encoding not in ("ascii", "str"):
        _check_charset(rows, encoding, warnings)
    return Lexed(tuple(rows), chunks[0].delimiters, tuple(warnings))


@dataclass(frozen=True, slots=True)
class Chunk:
    """One interchange's segments in the decoded text: ``text[start:end]``, after its UNA string."""

    start: int
    end: int
    delimiters: Delimiters
    last: bool


def interchange_chunks(text: str, warnings: list[ParseWarning] | None = None) -> list[Chunk]:
    """Where the EDIFACT in ``text`` is and which delimiters each part uses (offsets into ``text``).

    Finds where EDIFACT starts (``UNA``, else ``UNB``, else ``UNH``), stops at an ETX, and cuts at each
    UNA, reading it. The lexer and the sensitive-data filter both cut segments from these chunks, so
    they see the same segments under any service string. Empty when there is no EDIFACT at all.
    """
    found: list[ParseWarning] = [] if warnings is None else warnings
    match = _START.search(text)
    if match is None:
        return []
    start = match.start()
    unb = text.find("UNB")
    if match.group() == "UNA" and unb != -1 and unb - start > 40:
        start = unb  # an "UNA" inside free text far before UNB is not a service string advice
    elif match.group() == "UNH" and unb != -1 and unb < start + 3:
        start = unb
    # A byte-order mark is no content worth a warning; Type-B control characters are (the envelope is).
    prefix = text[:start].strip().strip(_TYPE_B_CONTROL + "\ufeff").strip()
    if prefix:
        kind = "Type-B envelope" if "\x01" in text[:start] or "\x02" in text[:start] else "text"
        found.append(ParseWarning(0, "", f"{kind} before the interchange ignored: {_short(prefix)}"))
    etx = text.find("\x03", start)
    stop = etx if etx != -1 else len(text)
    chunks: list[Chunk] = []
    for chunk_start, chunk_end in _una_chunks(text[start:stop]):
        begin, end = start + chunk_start, start + chunk_end
        if text.startswith("UNA", begin):
            delimiters, body_at, problems = read_una(text[begin:end])
            found.extend(ParseWarning(0, "UNA", p) for p in problems)
            begin += body_at
        else:
            delimiters = Delimiters.DEFAULT
            inferred = infer_delimiters(text[begin:end])
            if inferred is not None and (inferred.element, inferred.terminator) != ("+", "'"):
                found.append(
                    ParseWarning(0, "UNB", "no UNA but non-default delimiters: inferred from the body")
                )
                delimiters = inferred
        chunks.append(Chunk(begin, end, delimiters, end == stop))
    return chunks


def removed_by_lexer(d: Delimiters) -> str:
    """Characters the lexer drops anywhere between or inside segments before it applies the release
    character: line breaks (unless one terminates segments) and the unit separator it splits on."""
    if d.terminator == "\n":
        return "\r" + US
    if d.terminator == "\r":
        return US
    return "\r\n" + US


def _una_chunks(text: str) -> list[tuple[int, int]]:
    """Split at each ``UNA`` that starts a segment: each interchange may announce its own delimiters."""
    starts = [0]
    index = text.find("UNA", 1)
    while index != -1:
        before = text[max(0, index - 8) : index].rstrip()
        # A service string advice follows a terminator, never a letter or a separator, and UNB follows it.
        if (
            before
            and not before[-1].isalnum()
            and before[-1] not in "+:*."
            and text.find("UNB", index + 3, index + 20) != -1
        ):
            starts.append(index)
        index = text.find("UNA", index + 3)
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def _split(text: str, d: Delimiters, warnings: list[ParseWarning], *, last_chunk: bool) -> list[Row]:
    terminator = d.terminator
    if TYPOGRAPHIC_QUOTE in text and terminator == "'":
        text = _typographic_terminators(text, d, warnings)
    cut = text.rfind(terminator)
    tail = text[cut + 1 :] if cut != -1 else text
    body = text[: cut + 1] if cut != -1 else ""
    if tail.strip():
        body += _tail_segment(tail, terminator, warnings, last_chunk=last_chunk)
    if terminator == "\n":
        body = body.replace("\r", "")
    elif terminator != "\r":
        body = body.replace("\r", "").replace("\n", "")
    if US in body:
        body = body.replace(US, "")
    restore = None
    if d.release and d.release in body:
        body, restore = _hold_released(body, d)
    if d.component != US:
        body = body.replace(d.component, US)
    return _rows(body, d, restore)


def typographic_terminators(d: Delimiters) -> re.Pattern[str]:
    """Where a typographic quote ends a segment: next comes a tag (or the end of the text).

    Word processors and e-mail gateways turn some ``'`` into ``\u2019`` (seen in the published PNRGOV
    guide transcriptions, where it ends an SSR DOCS line); inside free text it is left alone. Shared with
    the sensitive-data filter, which must see the same segments as the lexer.
    """
    after = "[" + re.escape(d.element + "'" + TYPOGRAPHIC_QUOTE) + "]"
    return re.compile(TYPOGRAPHIC_QUOTE + r"(?=\s*(?:[A-Z][A-Z0-9]{2}" + after + r"|$))")


def _typographic_terminators(text: str, d: Delimiters, warnings: list[ParseWarning]) -> str:
    text, count = typographic_terminators(d).subn("'", text)
    if count:
        warnings.append(
            ParseWarning(
                0, "", f"{count} typographic quote(s) {TYPOGRAPHIC_QUOTE!r} read as segment terminator"
            )
        )
    return text


def _tail_segment(tail: str, terminator: str, warnings: list[ParseWarning], *, last_chunk: bool) -> str:
    """The text after the last terminator: a final segment without terminator, free text, or both."""
    lines = tail.strip().splitlines()
    first = lines[0].strip()
    rest = " ".join(line.strip() for line in lines[1:]).strip()
    if _SEGMENT_LIKE.match(first + terminator):
        warnings.append(ParseWarning(0, first[:3], "last segment has no terminator"))
        if rest:
            warnings.append(ParseWarning(0, "", f"text after the last segment ignored: {_short(rest)}"))
        return first + terminator
    where = "text after the last segment" if last_chunk else "text between interchanges"
    warnings.append(ParseWarning(0, "", f"{where} ignored: {_short(tail.strip())}"))
    return ""


def _hold_released(body: str, d: Delimiters) -> tuple[str, dict[int, str]]:
    """Replace released service characters by private-use stand-ins; return the table to put them back.

    Stand-ins survive the splits (they are no separator) and are turned back into the literal character
    in each element once the segment is split.
    """
    service = (d.component, d.element, d.terminator, d.release, d.repetition)
    hold = {c: h for c, h in zip(service, _HELD, strict=True) if c != " "}
    release = re.escape(d.release)

    def held(match: re.Match[str]) -> str:
        # A release character before an ordinary character releases nothing: keep both as data.
        return hold.get(match.group(1), match.group(0))

    body = re.sub(release + "(.)", held, body, flags=re.DOTALL)
    restore = {ord(h): c for c, h in hold.items()}
    return body, restore


def _rows(body: str, d: Delimiters, restore: dict[int, str] | None) -> list[Row]:
    """Split into segments and elements with C-level ``str`` methods only (no per-character work)."""
    texts = body.split(d.terminator)
    # Indentation before a segment is dropped; most interchanges have none left once line breaks are
    # removed, and one C-level search saves stripping every segment.
    if body[:1].isspace() or _indented(d.terminator).search(body):
        texts = list(map(str.lstrip, texts))
    texts = list(filter(None, texts))
    rows: list[Row] = list(map(tuple, map(str.split, texts, repeat(d.element))))
    if restore is not None:
        # Stand-ins are not ASCII: only the few segments that are not pure ASCII can hold one (found
        # with a C-level scan), and in them only the elements that are not.
        for index in itertools.compress(itertools.count(), map(not_, map(str.isascii, texts))):
            rows[index] = tuple([p if p.isascii() else p.translate(restore) for p in rows[index]])
    return rows


@functools.cache
def _indented(terminator: str) -> re.Pattern[str]:
    """Finds a segment that starts with white space (after its terminator)."""
    return re.compile(re.escape(terminator) + r"\s")


def _check_charset(rows: list[Row], encoding: str, warnings: list[ParseWarning]) -> None:
    """Warn when non-ASCII bytes arrive under a 7-bit character set, or non-Latin-1 under UNOC."""
    unb = next((Segment(r[0], r, 1) for r in rows if r[0] == "UNB"), None)
    syntax = unb.get(1).strip().upper() if unb else ""
    position = 1 if unb else 0
    if syntax in _SEVEN_BIT or (syntax in _LATIN1 and encoding == "utf-8") or not syntax:
        declared = syntax or "undeclared"
        warnings.append(
            ParseWarning(
                position,
                "UNB",
                f"bytes outside the declared character set {declared} (decoded as {encoding})",
            )
        )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit] + "…")
