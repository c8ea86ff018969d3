"""Readers for single PNRGOV segments (``ORG``, ``TVL``, ``RCI``, ``DAT``, ``ADD``, ``FOP``, ``TBD``...).

Each takes a segment's data elements (a tuple of component tuples, 0-based: ``elements[0]`` is ``e1``
of the standards digest) and returns model values; none raises on a short or empty segment, because
senders omit trailing elements and components freely.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache, lru_cache
from typing import Any, Final, TypeVar

from openpiu.formats.dates import ddmmyy, ddmmyy_hhmm
from openpiu.formats.edifact import US, Segment
from openpiu.model import (
    Address,
    Agency,
    Baggage,
    FlightLeg,
    RawSegment,
    RecordLocator,
    Remark,
    normalise_flight_number,
)
from openpiu.model.construct import positional_builder

# A segment's data elements, each the list of its components (``elements[0]`` is e1).
Elements = Sequence[Sequence[str]]


def elements_of(segment: Segment) -> list[list[str]]:
    """Split a segment's elements into components once (cheaper than ``Segment.elements``' tuples)."""
    return [value.split(US) for value in segment.raw[1:]]


def elements_of_row(row: tuple[str, ...]) -> list[list[str]]:
    """``elements_of`` a segment given as its row."""
    return [value.split(US) for value in row[1:]]


# Titles carriers glue to the given names in TIF (``JOHNMR``) or write after them (``NINA MS``).
# Longest first, so ``MRS`` is not read as ``MR`` + ``S`` (standards §9 Names).
TITLES: Final = ("MSTR", "MISS", "MLLE", "PROF", "MRS", "MME", "REV", "MR", "MS", "DR")
_TITLE_SET: Final = frozenset(TITLES)

# Model objects built positionally on the hot path (see ``openpiu.model.construct``).
_baggage: Final = positional_builder(Baggage)
_record_locator: Final = positional_builder(RecordLocator)
_address: Final = positional_builder(Address)
_remark: Final = positional_builder(Remark)

# TBD weight unit codes (standards §4.3).
_WEIGHT_UNITS: Final = {"700": "KG", "701": "LB", "702": None, "K": "KG", "L": "LB"}
_MAX_CONSECUTIVE_TAGS: Final = 99


def c(elements: Elements, i: int, j: int = 0) -> str:
    """Component ``j`` of element ``i`` (0-based), stripped; ``""`` when omitted."""
    if i < len(elements):
        element = elements[i]
        if j < len(element):
            return element[j].strip()
    return ""


def component(row: tuple[str, ...], i: int, j: int = 0) -> str:
    """``c(elements, i, j)`` read straight from a segment's row, without splitting every element."""
    if i + 1 < len(row):
        value = row[i + 1]
        if j == 0:
            return value.partition(US)[0].strip()
        found = value.split(US)
        if j < len(found):
            return found[j].strip()
    return ""


def parts(elements: Elements, i: int, n: int) -> list[str]:
    """The first ``n`` components of element ``i`` (0-based), stripped, padded with ``""``: one call
    instead of ``n`` calls to ``c`` on the hot path."""
    found = [part.strip() for part in elements[i]] if i < len(elements) else []
    if len(found) < n:
        found += [""] * (n - len(found))
    return found


def padded(value: str, n: int) -> list[str]:
    """The components of one element as sent (joined by ``US``), stripped, padded with ``""`` to at
    least ``n``: ``parts`` for a reader that takes the row."""
    found = [part.strip() for part in value.split(US)]
    if len(found) < n:
        found += [""] * (n - len(found))
    return found


def row_parts(row: tuple[str, ...], i: int, n: int) -> list[str]:
    """``parts(elements, i, n)`` read straight from a segment's row (element ``i`` is ``row[i + 1]``)."""
    return padded(row[i + 1], n) if i + 1 < len(row) else [""] * n


def opt(value: str) -> str | None:
    return value or None


def raw(segment: Segment) -> RawSegment:
    """Keep a segment OpenPIU does not model, re-written with default delimiters."""
    return RawSegment(segment.position, segment.tag, segment.text)


def is_empty(elements: Elements) -> bool:
    """True when every component is blank (``ORG'``, ``ORG++``)."""
    return not any(part.strip() for element in elements for part in element)


def split_title(given: str) -> tuple[str, str | None]:
    """Remove a title written after the given names, glued (``JOHNMR``) or not (``NINA MS``).

    Returns the given names and the title found. A glued title is removed only when at least two
    letters remain (``MS`` alone is a name), which still misreads a rare given name that ends in a
    title (``WILLIAMS``): TIF has no separator there, and GTAS strips the same way.
    """
    text = given.strip().upper()
    if "  " in text or "\t" in text:
        text = " ".join(text.split())
    head, space, last = text.rpartition(" ")
    if space and last in _TITLE_SET:
        return head.rstrip(), last
    for width in (4, 3, 2):
        title = text[-width:]
        if title in _TITLE_SET and len(text) - width >= 2:
            return text[:-width], title
    return text, None


def organisation(elements: Elements) -> Agency | None:
    """``ORG``: e1 system:location; e2 IATA number:office; e3 agent location; e4 company:location;
    e5 originator type; e6 country:currency:language; e7 agent. ``None`` when empty."""
    if is_empty(elements):
        return None
    e1, e2, e6 = parts(elements, 0, 2), parts(elements, 1, 2), parts(elements, 5, 2)
    return Agency(
        system=e1[0] or None,
        location=e1[1] or None,
        iata_number=e2[0] or None,
        office=e2[1] or None,
        agent_location=opt(c(elements, 2)),
        company=opt(c(elements, 3)),
        originator_type=opt(c(elements, 4)),
        country=e6[0] or None,
        currency=e6[1] or None,
        agent=opt(c(elements, 6)),
    )


@lru_cache(maxsize=4096)
def _moment(day_text: str, time_text: str) -> datetime | None:
    """``DDMMYY`` with an optional ``HHMM`` (or ``HHMMSS``); midnight when the time is absent."""
    if not day_text:
        return None
    clock = time_text[:4]
    if clock:
        return ddmmyy_hhmm(day_text, clock)
    day = ddmmyy(day_text)
    return datetime(day.year, day.month, day.day) if day else None


def travel(elements: Elements) -> tuple[FlightLeg, str | None, str | None]:
    """``TVL``: e1 depDate:depTime[:arrDate:arrTime]; e2 origin; e3 destination; e4 marketing[:operating]
    carrier; e5 number[:class]. Returns the leg, the booking class and the operating carrier (e4 c2).

    Times are local, as sent. A date without time is read as midnight (history flights send dates
    only). ``DDMMYY:HHMM:HHMM`` (three components, the third four digits) is an arrival time on the
    departure day, seen in US carriers' level-0 TVL.
    """
    dep_day, dep_time, arr_day, arr_time = parts(elements, 0, 4)[:4]
    if len(arr_day) == 4 and not arr_time:
        arr_day, arr_time = "", arr_day
    departure = _moment(dep_day, dep_time)
    arrival = _moment(arr_day or dep_day, arr_time) if (arr_day or arr_time) else None
    carrier, operating = parts(elements, 3, 2)[:2]
    number, booking_class = parts(elements, 4, 2)[:2]
    origin, destination = c(elements, 1).upper(), c(elements, 2).upper()
    leg = FlightLeg(
        carrier=carrier.upper(),
        number=normalise_flight_number(number) if number else "",
        departure_airport=origin or None,
        arrival_airport=destination or None,
        scheduled_departure=departure,
        scheduled_arrival=arrival,
    )
    return leg, booking_class or None, operating.upper() or None


def locators(elements: Elements) -> tuple[RecordLocator, ...]:
    """``RCI``: repeated ``airline:locator:controlType:DDMMYY:HHMM`` composites.

    Some carriers leave out the control type without its separator (``UA:06A9FD:110418:1220``): a
    six-digit third component followed by a four-digit one is read as the creation date and time.
    """
    found: list[RecordLocator] = []
    for element in elements:
        parts = [p.strip() for p in element]
        parts += [""] * (5 - len(parts))
        carrier, locator, control, day, clock = parts[:5]
        if len(control) == 6 and control.isdecimal() and (not day or len(day) == 4):
            control, day, clock = "", control, day
        if not (carrier or locator):
            continue
        found.append(_record_locator(carrier, locator, opt(control), _moment(day, clock)))
    return tuple(found)


def dates(row: tuple[str, ...]) -> dict[str, datetime | None]:
    """``DAT`` (its row): composites ``qualifier:DDMMYY:HHMM`` → qualifier to time (None when unreadable)."""
    found: dict[str, datetime | None] = {}
    for value in row[1:]:
        qualifier, day, clock = padded(value, 3)[:3]
        if qualifier:
            found[qualifier] = _moment(day, clock)
    return found


def address(elements: Elements) -> tuple[Address | None, str | None]:
    """``ADD``: e2 ``purpose:street:city:state::country:postcode[:phone]``. Returns address and phone."""
    _purpose, street, city, region, _, country, postcode, phone = parts(elements, 1, 8)[:8]
    found = None
    if street or city or region or country or postcode:
        found = _address(opt(street), opt(city), opt(region), opt(postcode), opt(country))
    return found, opt(phone)


def remark(row: tuple[str, ...]) -> Remark:
    """``IFT`` (its row): e1 ``4:type[:pricing:airline:language]``; the text elements joined by a space."""
    text = " ".join([value.replace(US, ":").strip() for value in row[2:]])
    return _remark(component(row, 0, 1), " ".join(text.split()), opt(component(row, 0, 3)))


def baggage(row: tuple[str, ...]) -> Baggage:
    """``TBD`` (its row): e2 ``count:weight:unit``; e5+ tags ``carrier:number:consecutive:destination``.

    Consecutive tags (``618:1026000001:2``) are expanded to each tag number, as a bag count and the
    tags must agree when compared with API ``FTX+BAG``.
    """
    # ``row_parts(row, 1, 3)`` read without a padded list (every TBD is distinct: this runs for each).
    first = row[2].split(US) if len(row) > 2 else []
    found = len(first)
    count_text = first[0].strip() if found else ""
    weight_text = first[1].strip() if found > 1 else ""
    unit = first[2].strip() if found > 2 else ""
    tags: list[str] = []
    for value in row[5:]:
        element = value.split(US)
        number = element[1].strip().replace(" ", "") if len(element) > 1 else ""
        if not number:
            continue
        consecutive = element[2].strip() if len(element) > 2 else ""
        repeat = int(consecutive) if consecutive.isdecimal() else 1
        if number.isdecimal() and 1 < repeat <= _MAX_CONSECUTIVE_TAGS:
            tags.extend(str(int(number) + k).zfill(len(number)) for k in range(repeat))
        else:
            tags.append(number)
    weight: float | None
    try:
        weight = float(weight_text) if weight_text else None
    except ValueError:
        weight = None
    return _baggage(
        int(count_text) if count_text.isdecimal() else None,
        weight,
        _WEIGHT_UNITS.get(unit, unit or None),
        tuple(tags),
    )


def joined(elements: Elements) -> str:
    """The elements written back as text (``+`` between elements, ``:`` between components)."""
    return "+".join(":".join(element) for element in elements).strip("+:")


# A push repeats the same flights and offices in every booking (the pushed flight's TVL, the check-in
# ORG...): the readers of these segments, which hold no personal data, are memoised on the segment as
# received (its row) for the whole process. Their results are immutable, so sharing them is safe.

T = TypeVar("T")


def of_row(reader: Callable[[Elements], T]) -> Callable[[tuple[str, ...]], T]:
    """``reader`` of a segment given as its row (``Segment.raw``), memoised on the row process-wide:
    only for readers of data about no person (flights, offices)."""

    @lru_cache(maxsize=1024)
    def read_row(raw: tuple[str, ...]) -> T:
        return reader([value.split(US) for value in raw[1:]])

    read_row.__doc__ = f"``{reader.__name__}`` of a segment given as its row, memoised."
    return read_row


travel_of: Final = of_row(travel)
organisation_of: Final = of_row(organisation)


class Memo:
    """Readers' results by row for one message.

    A push repeats fares, taxes, dates, seat requests and names (families, check-in) across its bookings,
    so each distinct row is read once per message. These results hold personal data: the memo lives as
    long as the message's parse (``push_from_message`` makes one per message), never in a process-wide
    cache. Results are immutable, or read only by convention (the dicts of ``dates``).
    """

    __slots__ = ("readers",)

    def __init__(self) -> None:
        self.readers: dict[Callable[[tuple[str, ...]], Any], Callable[[tuple[str, ...]], Any]] = {}

    def of(self, reader: Callable[[tuple[str, ...]], T]) -> Callable[[tuple[str, ...]], T]:
        """``reader`` (of a segment given as its row), read once per row in this message (a hit costs
        one C-level dict lookup: ``functools.cache``)."""
        found = self.readers.get(reader)
        if found is None:
            found = self.readers[reader] = cache(reader)
        return found

    def read(self, reader: Callable[[tuple[str, ...]], T], row: tuple[str, ...]) -> T:
        """``reader`` of the segment ``row``, read once per message."""
        return self.of(reader)(row)
