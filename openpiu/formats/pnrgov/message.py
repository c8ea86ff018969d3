"""A PNRGOV message (UNH..UNT) → ``PnrPush``: level 0 (MSG, ORG, TVL, EQN), then one booking per ``SRC``."""

from __future__ import annotations

from datetime import date
from typing import Final

from openpiu.formats.edifact import Interchange, Message, Segment, indices_of
from openpiu.formats.pnrgov.booking import HANDLERS, BookingReader
from openpiu.formats.pnrgov.elements import Memo, c, elements_of, organisation, raw, travel
from openpiu.model import (
    Agency,
    Booking,
    FlightLeg,
    ParseWarning,
    PnrPush,
    PushFunction,
    RawSegment,
)

# Versions of the PNRGOV EDIFACT guide read as specified (standards §4.1). 10.1 predates the EU minimum
# (11.1, Implementing Decision 2017/759) and is read leniently; later versions than listed are read with
# the 17.1 rules and a warning.
SUPPORTED_VERSIONS: Final = ("11.1", "12.1", "13.1", "14.1", "15.1", "16.1", "17.1")
LENIENT_VERSIONS: Final = ("10.1",)

_SRC: Final = frozenset({"SRC"})

# A date-of-birth century reference when neither the interchange nor the flight gives a date.
_FALLBACK_REFERENCE: Final = date(2000, 1, 1)


def push_from_message(
    interchange: Interchange, message: Message, *, extra_warnings: list[ParseWarning] | None = None
) -> PnrPush:
    """Map one PNRGOV message to the domain model.

    Args:
        interchange: the enclosing interchange (sender, recipient, preparation date, reference).
        message: the message as read by the envelope reader.
        extra_warnings: envelope or file-level warnings to carry on this push, first.
    """
    warnings = [*(extra_warnings or ()), *message.warnings]
    version = message.version.replace(":", ".")
    if version in LENIENT_VERSIONS:
        warnings.append(
            ParseWarning(message.header.position, "UNH", f"PNRGOV {version} predates 11.1: read leniently")
        )
    elif version not in SUPPORTED_VERSIONS:
        warnings.append(
            ParseWarning(
                message.header.position, "UNH", f"PNRGOV version {version or '?'} not known: read as 17.1"
            )
        )
    rows = message.rows
    first = message.first_position
    starts = indices_of(rows, _SRC)
    level0 = tuple(
        Segment(row[0], row, first + n) for n, row in enumerate(rows[: starts[0]] if starts else rows)
    )
    function, originator, flight, declared, extra = _level0(level0, warnings)
    reference = (
        interchange.prepared.date()
        if interchange.prepared
        else flight.scheduled_departure.date()
        if flight and flight.scheduled_departure
        else _FALLBACK_REFERENCE
    )
    bookings: list[Booking] = []
    handlers = HANDLERS
    memo = Memo()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        position = first + start
        reader = BookingReader(Segment(rows[start][0], rows[start], position), reference, flight, memo)
        # The dispatch of ``BookingReader.read``, inlined: this loop runs once per segment of the push.
        for row in rows[start + 1 : end]:
            position += 1
            reader.position = position
            handler = handlers.get(row[0])
            if handler is None:
                reader.read(row)
            else:
                handler(reader, row)
        booking = reader.freeze()
        bookings.append(booking)
        warnings.extend(booking.warnings)
    if declared is not None and declared != len(bookings):
        # EQN counts the PNRs of the whole push, which may span several messages: a note, not an error.
        warnings.append(
            ParseWarning(0, "EQN", f"push declares {declared} booking(s); this message holds {len(bookings)}")
        )
    return PnrPush(
        format=f"PNRGOV {version}" if version else "PNRGOV",
        function=function,
        sender=interchange.sender,
        recipient=interchange.recipient,
        prepared=interchange.prepared,
        interchange_ref=interchange.control_ref,
        message_ref=message.reference or None,
        common_access_ref=message.common_access_ref,
        sequence=message.sequence,
        final=message.final,
        originator=originator,
        flight=flight,
        declared_bookings=declared,
        bookings=tuple(bookings),
        extra=tuple(extra),
        warnings=tuple(warnings),
    )


def _level0(
    segments: tuple[Segment, ...], warnings: list[ParseWarning]
) -> tuple[PushFunction, Agency | None, FlightLeg | None, int | None, list[RawSegment]]:
    function = PushFunction.OTHER
    originator: Agency | None = None
    flight: FlightLeg | None = None
    declared: int | None = None
    extra: list[RawSegment] = []
    seen_msg = False
    for segment in segments:
        tag, elements = segment.tag, elements_of(segment)
        if tag == "MSG" and not seen_msg:
            seen_msg = True
            code = c(elements, 0, 1) or c(elements, 0)
            function = {"22": PushFunction.FULL, "141": PushFunction.UPDATE}.get(code, PushFunction.OTHER)
            if function is PushFunction.OTHER:
                warnings.append(ParseWarning(segment.position, tag, f"message function {code!r} not known"))
        elif tag == "ORG" and originator is None:
            originator = organisation(elements)
        elif tag == "TVL" and flight is None:
            flight = travel(elements)[0]
            if not flight.carrier or not flight.number:
                warnings.append(
                    ParseWarning(segment.position, tag, "pushed flight without carrier or number")
                )
        elif tag == "EQN" and declared is None:
            count = c(elements, 0)
            declared = int(count) if count.isdecimal() else None
        else:
            extra.append(raw(segment))
            warnings.append(
                ParseWarning(segment.position, tag, "unexpected segment before the first SRC: kept raw")
            )
    if not seen_msg:
        warnings.append(ParseWarning(0, "MSG", "no MSG: push function unknown"))
    if flight is None:
        warnings.append(ParseWarning(0, "TVL", "no level-0 TVL: pushed flight unknown"))
    return function, originator, flight, declared, extra
