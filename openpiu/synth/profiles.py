"""How each carrier's system writes PAXLST: directory, delimiters, layout and quirks.

Real quirks come from the sending system, so each carrier has a fixed profile (standards §1.1, §2.9),
and a few files get an occasional extra defect (missing final terminator, no UNA).
"""

from __future__ import annotations

import random
from dataclasses import replace

from openpiu.formats.paxlst_writer import (
    BACKSLASH_RELEASE,
    DEFAULT_DELIMITERS,
    STAR_DOLLAR,
    Layout,
    WriteOptions,
)

_LUFTHANSA_GROUP = WriteOptions(indent="  ", party_qualifier="ZZ")
PROFILES: dict[str, WriteOptions] = {
    "JU": WriteOptions(party_qualifier="ZZ"),
    "W6": WriteOptions(directory="D02B", ung=False, layout=Layout.PACKED, per_line=4, newline="\r\n"),
    "W4": WriteOptions(directory="D02B", ung=False, layout=Layout.PACKED, per_line=4, newline="\r\n"),
    "4O": WriteOptions(teletype=True, newline="\r\n"),
    "ZB": WriteOptions(directory="D02B", teletype=True, layout=Layout.PACKED, per_line=3, newline="\r\n"),
    "OS": _LUFTHANSA_GROUP,
    "LH": _LUFTHANSA_GROUP,
    "EW": _LUFTHANSA_GROUP,
    "LX": _LUFTHANSA_GROUP,
    "GM": WriteOptions(century_dates_of_birth=True, newline="\r\n"),
    "TK": WriteOptions(layout=Layout.SINGLE),
    "PC": WriteOptions(directory="D02B", delimiters=STAR_DOLLAR, century_dates_of_birth=True),
    "A3": WriteOptions(una=False, ung=False, pad_flight_number=False),
    "FR": WriteOptions(directory="D02B", layout=Layout.SINGLE, final_terminator=False),
    "AZ": WriteOptions(delimiters=BACKSLASH_RELEASE),
}
# BGM function of passenger lists per carrier (flight close listing persons on board, or none).
FUNCTIONS = {"JU": "CLOB", "4O": "CLOB", "OS": "CLOB", "LH": "CLOB", "LX": "CLOB", "EW": "CLOB", "TK": "CL"}
# Carriers whose systems send the place of birth (LOC+180).
BIRTHPLACE = {"JU", "4O", "ZB"}


def options_for(rng: random.Random, carrier: str) -> WriteOptions:
    """The carrier's profile, with an occasional one-off defect."""
    options = PROFILES.get(carrier, WriteOptions())
    if options.final_terminator and rng.random() < 0.04:
        options = replace(options, final_terminator=False)
    if options.una and options.delimiters == DEFAULT_DELIMITERS and rng.random() < 0.03:
        options = replace(options, una=False)
    return options


def quirks_of(options: WriteOptions) -> tuple[str, ...]:
    """Names of the departures from a clean default D05B interchange that ``options`` asks for."""
    quirks = []
    if options.delimiters == STAR_DOLLAR:
        quirks.append("star-dollar-delimiters")
    elif options.delimiters == BACKSLASH_RELEASE:
        quirks.append("backslash-release")
    elif options.delimiters != DEFAULT_DELIMITERS:
        quirks.append("other-delimiters")
    flags = (
        (not options.una, "no-una"),
        (not options.ung, "no-ung"),
        (options.layout is Layout.PACKED, "several-segments-per-line"),
        (options.layout is Layout.SINGLE, "single-line"),
        (options.newline == "\r\n", "crlf"),
        (bool(options.indent), "indented"),
        (options.teletype, "teletype-envelope"),
        (not options.final_terminator, "no-final-terminator"),
        (options.century_dates_of_birth, "ccyymmdd-date-of-birth"),
        (not options.pad_flight_number, "unpadded-flight-number"),
    )
    quirks.extend(name for flag, name in flags if flag)
    return tuple(quirks)
