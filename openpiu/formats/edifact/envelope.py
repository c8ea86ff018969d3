"""The EDIFACT envelope: interchanges (UNB..UNZ), groups (UNG..UNE) and messages (UNH..UNT).

Message-type neutral: PAXLST and PNRGOV readers both start from ``read_interchanges``. Control counts
and references are checked and every mismatch is a warning with the segment number and tag, never a
failure: carriers do send wrong counts (GTAS accepts ``UNT+48'`` without a reference), and a PIU must
keep what it received. Missing UNB, UNT or UNZ are recovered from the same way.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import datetime
from operator import itemgetter

from openpiu.errors import ParseError
from openpiu.formats.dates import interchange_time
from openpiu.formats.edifact.delimiters import Delimiters
from openpiu.formats.edifact.lexer import lex
from openpiu.formats.edifact.segment import Row, Segment, indices_of
from openpiu.model import ParseWarning


@dataclass(frozen=True, slots=True)
class Message:
    """One message, UNH..UNT.

    Attributes:
        reference: UNH 0062 message reference.
        type: message type (``PAXLST``, ``PNRGOV``...), from UNH S009, else UNG 0038.
        version: version and release (``D:05B``, ``11:1``), from UNH S009, else UNG S008.
        common_access_ref: UNH 0068 (PAXLST: often ``flight/date/time``; groups the parts of a series).
        sequence: UNH 0070 part number, when sent.
        final: UNH 0073: True for ``F`` (last part), False for ``C``, None when not sent.
        header: the UNH segment.
        rows: the segments between UNH and UNT, as rows (the cheap form readers iterate).
        first_position: the position of ``rows[0]`` in the interchange (UNH position + 1).
        trailer: the UNT segment, None when missing.
        group_ref: UNG 0048 of the enclosing group, when there is one.
        warnings: envelope problems of this message (UNT count or reference, missing UNT).
    """

    reference: str
    type: str
    version: str
    common_access_ref: str | None
    sequence: int | None
    final: bool | None
    header: Segment
    rows: tuple[Row, ...]
    first_position: int
    trailer: Segment | None
    group_ref: str | None = None
    warnings: tuple[ParseWarning, ...] = ()

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The segments between UNH and UNT, with their positions (built on each call)."""
        rows = self.rows
        # C-level construction (``tuple.__new__``, what ``Segment(...)`` ends in): no Python code per segment.
        fields = zip(map(itemgetter(0), rows), rows, itertools.count(self.first_position))
        return tuple(map(tuple.__new__, itertools.repeat(Segment), fields))


@dataclass(frozen=True, slots=True)
class Interchange:
    """One interchange, UNB..UNZ (or an implied one when UNB is missing).

    Attributes:
        syntax: UNB S001 syntax identifier and version (``UNOA:4``, ``IATA:1``).
        sender: UNB S002 sender identification (first component, stripped).
        recipient: UNB S003 recipient identification.
        prepared: UNB S004 date and time of preparation.
        control_ref: UNB 0020 interchange control reference.
        application_ref: UNB 0026 application reference (``APIS``, ``PNRGOV``...).
        messages: its messages in order.
        delimiters: the delimiters it was read with.
        warnings: envelope and lexical problems (the first interchange also carries file-level ones).
    """

    syntax: str | None
    sender: str | None
    recipient: str | None
    prepared: datetime | None
    control_ref: str | None
    application_ref: str | None
    messages: tuple[Message, ...]
    delimiters: Delimiters = Delimiters.DEFAULT
    warnings: tuple[ParseWarning, ...] = ()


def read_interchanges(data: bytes | str, *, source: str = "<bytes>") -> list[Interchange]:
    """Read every interchange and message in ``data``.

    Args:
        data: the bytes as received (or already decoded text).
        source: file or channel name, for error messages.

    Raises:
        ParseError: when there is nothing to read: empty input, no EDIFACT, or no UNH message at all.
    """
    if not data.strip():
        raise ParseError("empty message", file=source, expected="an EDIFACT interchange", found="")
    lexed = lex(data)
    rows = lexed.rows
    if not rows:
        found = data[:40] if isinstance(data, str) else data[:40].decode("latin-1")
        raise ParseError("not EDIFACT", file=source, expected="UNA, UNB or UNH", found=found)
    reader = _EnvelopeReader(lexed.delimiters)
    reader.pending.extend(lexed.warnings)
    reader.read(rows)
    interchanges = reader.interchanges
    if not any(i.messages for i in interchanges):
        first = Segment(rows[0][0], rows[0], 1)
        raise ParseError(
            "no message in the interchange",
            file=source,
            segment=first.position,
            tag=first.tag,
            expected="UNH",
            found=first.text,
        )
    return interchanges


_SERVICE = frozenset({"UNA", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"})


class _EnvelopeReader:
    """A small state machine over the service segments; the rows between them are sliced, not copied
    one by one. Positions count from the UNB of each interchange (from the file start without UNB)."""

    def __init__(self, delimiters: Delimiters) -> None:
        self.delimiters = delimiters
        self.interchanges: list[Interchange] = []
        self.pending: list[ParseWarning] = []
        self.rows: tuple[Row, ...] = ()
        self.unb_index = 0
        self.unb: Segment | None = None
        self.messages: list[Message] = []
        self.groups = 0
        self.ung: Segment | None = None
        self.group_messages = 0
        self.unh: Segment | None = None
        self.unh_index = 0
        self.started = False

    def segment(self, index: int) -> Segment:
        row = self.rows[index]
        return Segment(row[0], row, index - self.unb_index + 1)

    def warn(self, segment: Segment, message: str) -> None:
        self.pending.append(ParseWarning(segment.position, segment.tag, message))

    def read(self, rows: tuple[Row, ...]) -> None:
        self.rows = rows
        # Indices of the rows whose tag is a service tag, found without Python code per row.
        service = indices_of(rows, _SERVICE)
        previous = -1
        for index in service:
            if self.unh is None and index > previous + 1:
                self.warn(
                    self.segment(previous + 1), f"{index - previous - 1} segment(s) outside a message ignored"
                )
            previous = index
            tag = rows[index][0]
            if tag == "UNB":
                if self.started:
                    self.close_open_message(index)
                    self.warn(self.segment(index), "previous interchange has no UNZ")
                    self.close_interchange(None)
                self.unb_index = index
                self.unb, self.started = self.segment(index), True
                continue
            segment = self.segment(index)
            if tag == "UNH":
                if self.unh is not None:
                    self.warn(segment, f"message {self.unh.get(1)!r} has no UNT")
                    self.close_message(index, None)
                self.open_interchange_if_missing(segment)
                self.unh, self.unh_index = segment, index
            elif tag == "UNT":
                if self.unh is None:
                    self.warn(segment, "UNT without UNH ignored")
                    continue
                self.close_message(index, segment)
            elif tag == "UNG":
                self.close_open_message(index)
                self.open_interchange_if_missing(segment)
                self.ung, self.group_messages = segment, 0
                self.groups += 1
            elif tag == "UNE":
                self.close_open_message(index)
                self.check_group(segment)
            elif tag == "UNZ":
                self.close_open_message(index)
                self.close_interchange(segment)
            else:
                self.warn(segment, "UNA inside an interchange ignored")
        count = len(rows)
        if self.unh is None and previous + 1 < count:
            self.warn(self.segment(previous + 1), f"{count - previous - 1} segment(s) after the end ignored")
        if self.unh is not None:
            self.warn(self.segment(count - 1), f"message {self.unh.get(1)!r} has no UNT")
            self.close_message(count, None)
        if self.started:
            if self.unb is not None:  # without UNB, a missing UNZ says nothing new
                self.warn(self.segment(count - 1), "interchange has no UNZ")
            self.close_interchange(None)
        elif self.pending and self.interchanges:
            last = self.interchanges[-1]
            self.interchanges[-1] = _with_warnings(last, self.pending)
            self.pending = []

    def open_interchange_if_missing(self, segment: Segment) -> None:
        if not self.started:
            self.warn(segment, "no UNB: interchange header missing")
            self.unb, self.started = None, True

    def close_open_message(self, index: int) -> None:
        if self.unh is not None:
            self.warn(self.segment(index), f"message {self.unh.get(1)!r} has no UNT")
            self.close_message(index, None)

    def close_message(self, end: int, unt: Segment | None) -> None:
        """Close the open message; its body is the rows between UNH and ``end`` (UNT or where it stops)."""
        unh = self.unh
        assert unh is not None  # noqa: S101 - only called with an open message (checked by every caller)
        warnings: list[ParseWarning] = []
        reference = unh.get(1).strip()
        if unt is not None:
            declared = unt.get(1).strip()
            actual = unt.position - unh.position + 1
            if not declared.isdecimal():
                warnings.append(
                    ParseWarning(unt.position, "UNT", f"segment count {declared!r} is not a number")
                )
            elif int(declared) != actual:
                warnings.append(
                    ParseWarning(
                        unt.position, "UNT", f"segment count {int(declared)} but the message has {actual}"
                    )
                )
            unt_ref = unt.get(2).strip()
            if not unt_ref:
                warnings.append(ParseWarning(unt.position, "UNT", "no message reference"))
            elif unt_ref != reference:
                warnings.append(
                    ParseWarning(
                        unt.position, "UNT", f"reference {unt_ref!r} does not match UNH {reference!r}"
                    )
                )
        else:
            warnings.append(ParseWarning(unh.position, "UNH", "message has no UNT"))
        kind, version = unh.get(2, 1).strip().upper(), _join(unh.get(2, 2), unh.get(2, 3))
        if self.ung is not None:
            kind = kind or self.ung.get(1).strip().upper()
            version = version or _join(self.ung.get(7, 1), self.ung.get(7, 2))
        sequence_text = unh.get(4, 1).strip()
        flag = unh.get(4, 2).strip().upper()
        self.messages.append(
            Message(
                reference=reference,
                type=kind,
                version=version,
                common_access_ref=unh.get(3).strip() or None,
                sequence=int(sequence_text) if sequence_text.isdecimal() else None,
                final=True if flag == "F" else False if flag == "C" else None,
                header=unh,
                rows=self.rows[self.unh_index + 1 : end],
                first_position=unh.position + 1,
                trailer=unt,
                group_ref=self.ung.get(5).strip() or None if self.ung is not None else None,
                warnings=tuple(warnings),
            )
        )
        self.group_messages += 1
        self.unh = None

    def check_group(self, une: Segment) -> None:
        if self.ung is None:
            self.warn(une, "UNE without UNG")
            return
        declared, reference = une.get(1).strip(), une.get(2).strip()
        if declared != str(self.group_messages) and not (
            declared.isdecimal() and int(declared) == self.group_messages
        ):
            self.warn(une, f"group message count {declared!r} but the group has {self.group_messages}")
        ung_ref = self.ung.get(5).strip()
        if reference != ung_ref:
            self.warn(une, f"group reference {reference!r} does not match UNG {ung_ref!r}")
        self.ung = None

    def close_interchange(self, unz: Segment | None) -> None:
        unb = self.unb
        if self.ung is not None and unz is not None:
            self.warn(unz, "group has no UNE")
            self.ung = None
        if unz is not None:
            declared, reference = unz.get(1).strip(), unz.get(2).strip()
            # UNZ counts groups when the interchange has them, else messages.
            actual = self.groups or len(self.messages)
            if not (declared.isdecimal() and int(declared) == actual):
                what = "groups" if self.groups else "messages"
                self.warn(unz, f"interchange count {declared!r} but the interchange has {actual} {what}")
            unb_ref = unb.get(5).strip() if unb is not None else ""
            if unb is not None and reference != unb_ref:
                self.warn(unz, f"interchange reference {reference!r} does not match UNB {unb_ref!r}")
        prepared = interchange_time(unb.get(4, 1), unb.get(4, 2)) if unb is not None else None
        if unb is not None and prepared is None and unb.get(4, 1).strip():
            self.warn(unb, f"preparation date {':'.join(unb.element(4))!r} not understood")
        self.interchanges.append(
            Interchange(
                syntax=_join(unb.get(1, 1), unb.get(1, 2)) or None if unb else None,
                sender=unb.get(2).strip() or None if unb else None,
                recipient=unb.get(3).strip() or None if unb else None,
                prepared=prepared,
                control_ref=unb.get(5).strip() or None if unb else None,
                application_ref=unb.get(7).strip() or None if unb else None,
                messages=tuple(self.messages),
                delimiters=self.delimiters,
                warnings=tuple(self.pending),
            )
        )
        self.pending = []
        self.messages = []
        self.groups = 0
        self.unb, self.started = None, False


def _join(first: str, second: str) -> str:
    first, second = first.strip(), second.strip()
    return f"{first}:{second}" if first and second else first or second


def _with_warnings(interchange: Interchange, extra: list[ParseWarning]) -> Interchange:
    return replace(interchange, warnings=interchange.warnings + tuple(extra))
