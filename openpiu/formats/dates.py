"""Dates and times as airline messages write them: one small function per format.

API (PAXLST) and PNR (PNRGOV) use at least five orders and widths, and two-digit years need a century
rule that depends on what the date is (a birth date is in the past, an expiry date in the future).
Every function returns ``None`` for a value it cannot read; the caller turns that into a warning with
the segment it came from. Stray spaces (``DTM+232: 1306212200:201`` in a published guide) are ignored.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Final

MAX_AGE_YEARS: Final = 120

_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}


def _digits(text: str, width: int) -> str | None:
    value = text.replace(" ", "") if " " in text else text
    if len(value) != width or not value.isdecimal():
        return None
    return value


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _datetime(year: int, month: int, day: int, hour: int, minute: int) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def _past_century(yy: int, month: int, day: int, reference: date) -> date | None:
    """The date with year ``yy`` that is on or before ``reference`` and not more than 120 years before it."""
    this_year = reference.year
    year = this_year - this_year % 100 + yy
    # Month and day have two digits at most: ``month * 100 + day`` orders like ``(month, day)``.
    if year > this_year or (year == this_year and month * 100 + day > reference.month * 100 + reference.day):
        year -= 100
    if this_year - year > MAX_AGE_YEARS:
        return None
    return _date(year, month, day)


def yymmdd_past(text: str, reference: date) -> date | None:
    """``YYMMDD`` for a date in the past (birth, document issue): the century that puts it on or
    before ``reference`` (the message date) with an age of at most 120 years. ``850212`` → 1985-02-12."""
    value = _digits(text, 6)
    if value is None:
        return None
    return _past_century(int(value[:2]), int(value[2:4]), int(value[4:]), reference)


def yymmdd_future(text: str) -> date | None:
    """``YYMMDD`` for an expiry date: always 20YY (documents issued before 2000 have long expired)."""
    value = _digits(text, 6)
    if value is None:
        return None
    return _date(2000 + int(value[:2]), int(value[2:4]), int(value[4:]))


def ccyymmdd(text: str) -> date | None:
    """``CCYYMMDD`` (DTM format 102). ``19850212`` → 1985-02-12."""
    value = _digits(text, 8)
    if value is None:
        return None
    return _date(int(value[:4]), int(value[4:6]), int(value[6:]))


def yymmddhhmm(text: str) -> datetime | None:
    """``YYMMDDHHMM`` (DTM format 201, flight times): 20YY. ``2503141030`` → 2025-03-14 10:30."""
    value = _digits(text, 10)
    if value is None:
        return None
    return _datetime(2000 + int(value[:2]), int(value[2:4]), int(value[4:6]), int(value[6:8]), int(value[8:]))


def ccyymmddhhmm(text: str) -> datetime | None:
    """``CCYYMMDDHHMM`` (DTM format 203). ``202503141030`` → 2025-03-14 10:30."""
    value = _digits(text, 12)
    if value is None:
        return None
    return _datetime(int(value[:4]), int(value[4:6]), int(value[6:8]), int(value[8:10]), int(value[10:]))


def birth_date(text: str, reference: date) -> date | None:
    """A date of birth in either width: ``YYMMDD`` (century rule against ``reference``) or ``CCYYMMDD``."""
    if len(text) == 6 and text.isdecimal():
        # Fast path for the common case (one per traveller): arithmetic on one int, no slices.
        number = int(text)
        month, day = number // 100 % 100, number % 100
        year = reference.year // 100 * 100 + number // 10000
        if year > reference.year or (
            year == reference.year and month * 100 + day > reference.month * 100 + reference.day
        ):
            year -= 100
        try:
            return date(year, month, day)
        except ValueError:
            return None
    value = text.replace(" ", "") if " " in text else text
    if len(value) == 8:
        return ccyymmdd(value)
    return yymmdd_past(value, reference)


def expiry_date(text: str) -> date | None:
    """A document expiry date in either width: ``YYMMDD`` (20YY) or ``CCYYMMDD``."""
    if len(text) == 6 and text.isdecimal():
        number = int(text)
        try:
            return date(2000 + number // 10000, number // 100 % 100, number % 100)
        except ValueError:
            return None
    value = text.replace(" ", "") if " " in text else text
    if len(value) == 8:
        return ccyymmdd(value)
    return yymmdd_future(value)


def flight_time(text: str, format_code: str = "") -> datetime | None:
    """A PAXLST DTM date-time: format 201 (``YYMMDDHHMM``) or 203 (``CCYYMMDDHHMM``), told by the code
    when sent, else by the width."""
    value = text.replace(" ", "") if " " in text else text
    code = format_code.strip()
    if code == "203" or (code != "201" and len(value) == 12):
        return ccyymmddhhmm(value)
    return yymmddhhmm(value)


def interchange_time(date_text: str, time_text: str) -> datetime | None:
    """UNB/UNG S004 preparation date and time: ``YYMMDD`` or ``CCYYMMDD``, then ``HHMM`` (may be absent)."""
    day = date_text.replace(" ", "")
    clock = time_text.replace(" ", "") or "0000"
    if len(clock) != 4 or not clock.isdecimal():
        return None
    if len(day) == 8:
        return ccyymmddhhmm(day + clock)
    return yymmddhhmm(day + clock)


def ddmmyy(text: str) -> date | None:
    """PNRGOV ``DDMMYY`` (TVL, DAT, RCI): 20YY. ``121210`` → 2010-12-12."""
    value = _digits(text, 6)
    if value is None:
        return None
    return _date(2000 + int(value[4:]), int(value[2:4]), int(value[:2]))


def ddmmyy_hhmm(date_text: str, time_text: str) -> datetime | None:
    """PNRGOV ``DDMMYY`` with its ``HHMM`` component (``TVL+121210:0915``); None when either is invalid."""
    day = ddmmyy(date_text)
    clock = _digits(time_text, 4)
    if day is None or clock is None:
        return None
    return _datetime(day.year, day.month, day.day, int(clock[:2]), int(clock[2:]))


def ddmmmyy(text: str, *, reference: date | None = None) -> date | None:
    """SSR DOCS ``DDMMMYY`` (``12FEB85``), memoised (birth and expiry dates repeat across a push).

    Args:
        text: the date as written in the SSR free text.
        reference: for a date in the past (birth), the message date: the century rule of
            ``yymmdd_past`` applies. Without it the date is an expiry date: 20YY.
    """
    return _ddmmmyy(text, reference)


@functools.lru_cache(maxsize=8192)
def _ddmmmyy(text: str, reference: date | None) -> date | None:
    """``ddmmmyy`` memoised on positional arguments (a keyword argument makes every key dearer)."""
    found = _ddmmmyy_parts(text)
    if found is None:
        return None
    day, month, yy = found
    if reference is None:
        return _date(2000 + yy, month, day)
    return _past_century(yy, month, day, reference)


def _ddmmmyy_parts(text: str) -> tuple[int, int, int] | None:
    """Day, month and two-digit year of a ``DDMMMYY`` text; ``None`` when it is not one."""
    value = text.replace(" ", "") if " " in text else text
    if len(value) == 7 and value.isascii():
        # The usual case, read from the character codes without slicing or converting substrings.
        d1, d2, y1, y2 = ord(value[0]) - 48, ord(value[1]) - 48, ord(value[5]) - 48, ord(value[6]) - 48
        if not (0 <= d1 <= 9 and 0 <= d2 <= 9 and 0 <= y1 <= 9 and 0 <= y2 <= 9):
            return None
        month = _MONTHS.get(value[2:5].upper())
        if month is None:
            return None
        return d1 * 10 + d2, month, y1 * 10 + y2
    value = value.upper()
    if len(value) != 7 or not (value[:2].isdecimal() and value[5:].isdecimal()):
        return None
    month = _MONTHS.get(value[2:5])
    if month is None:
        return None
    return int(value[:2]), month, int(value[5:])
