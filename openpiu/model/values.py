"""Small value types and the rules they own (normalisation and validation of codes and numbers)."""

from __future__ import annotations

import re
from enum import StrEnum


class Role(StrEnum):
    """What a person on a flight is: a passenger or a member of the crew."""

    PASSENGER = "passenger"
    CREW = "crew"


class Sex(StrEnum):
    """Sex as declared in the travel document (ICAO 9303; ``X`` unspecified, ``U`` unknown)."""

    MALE = "M"
    FEMALE = "F"
    UNSPECIFIED = "X"
    UNKNOWN = "U"

    @classmethod
    def parse(cls, value: str) -> Sex | None:
        """Read ``M``/``F``/``X``/``U`` (and the PNR infant forms ``MI``/``FI``); ``None`` if unknown."""
        code = value.strip().upper()[:1]
        return _SEX_CODES.get(code)


_SEX_CODES = {"M": Sex.MALE, "F": Sex.FEMALE, "X": Sex.UNSPECIFIED, "U": Sex.UNKNOWN}


class DataState(StrEnum):
    """Lifecycle state of a row holding personal data (PNR Directive Art 12)."""

    ACTIVE = "active"
    DEPERSONALISED = "depersonalised"
    DELETED = "deleted"


class ParseOutcome(StrEnum):
    """What came of parsing a received message."""

    PARSED = "parsed"
    WARNINGS = "parsed_with_warnings"
    REJECTED = "rejected"


_AIRPORT = re.compile(r"[A-Z]{3}")
_COUNTRY = re.compile(r"[A-Z]{3}")
_CARRIER = re.compile(r"[A-Z0-9]{2}[A-Z]?")
_FLIGHT = re.compile(r"(\d{1,4})([A-Z]?)")


def is_airport_code(value: str) -> bool:
    """True for a 3-letter IATA location code such as ``BEG``."""
    return bool(_AIRPORT.fullmatch(value))


def is_country_code(value: str) -> bool:
    """True for a 3-letter ICAO 9303 / ISO 3166 alpha-3 code (``SRB``, ``RKS`` for Kosovo)."""
    return bool(_COUNTRY.fullmatch(value))


def is_carrier_code(value: str) -> bool:
    """True for an IATA (2 characters, may contain a digit) or ICAO (3 letters) airline designator."""
    return bool(_CARRIER.fullmatch(value))


def normalise_flight_number(value: str) -> str:
    """Flight number zero-padded to four digits, keeping an operational suffix.

    ``"26"`` → ``"0026"``, ``"474W"`` → ``"0474W"``. Carriers send ``26``, ``026`` and ``0026`` for the
    same flight; padding to four makes them one key (GTAS does the same). Values that are not a flight
    number are returned upper-cased and stripped, unchanged otherwise.
    """
    text = value.strip().upper()
    match = _FLIGHT.fullmatch(text)
    if not match:
        return text
    return match.group(1).zfill(4) + match.group(2)


def split_flight_designator(value: str, carrier: str | None = None) -> tuple[str, str]:
    """Split ``"JU0123"`` into carrier and normalised number.

    Args:
        value: flight designator as sent (``TDT`` e2), with or without the carrier prefix.
        carrier: the carrier code sent separately (``TDT`` e5), used to strip the prefix when given.
    """
    text = value.strip().upper().replace(" ", "")
    if carrier and text.startswith(carrier) and len(text) > len(carrier):
        return carrier, normalise_flight_number(text[len(carrier) :])
    # Two-character designator (may hold a digit: "4O", "W6"), then the number.
    match = re.fullmatch(r"([A-Z0-9]{2})(\d{1,4}[A-Z]?)", text)
    if match and not match.group(1).isdigit():
        return match.group(1), normalise_flight_number(match.group(2))
    match = re.fullmatch(r"([A-Z]{3})(\d{1,4}[A-Z]?)", text)
    if match:
        return match.group(1), normalise_flight_number(match.group(2))
    return (carrier or "").upper(), normalise_flight_number(text)


_DOC_DROP = str.maketrans("", "", " <-/.")


def normalise_document_number(value: str) -> str:
    """Document number as compared and indexed: upper case, no spaces, fillers or separators."""
    return value.upper().translate(_DOC_DROP)
