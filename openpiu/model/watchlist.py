"""Watchlists, their entries, and the explained matches screening produces.

Watchlists are the "databases on persons or objects sought or under alert" of PNR Directive Art 6(3)(a):
each list says who owns it, under which legal basis it is used, and how strict its alert threshold is
(CJEU C-817/19: lists must be registered with their legal basis; criteria designed to minimise false
positives). Every type here is plain data so the storage layer can keep it as rows.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from openpiu.model.travel import TravelDocument
from openpiu.model.values import Sex


class WatchlistCategory(StrEnum):
    """What a list holds; categories decide how hits are handled downstream."""

    WANTED_PERSONS = "wanted_persons"
    MISSING_PERSONS = "missing_persons"
    STOLEN_LOST_DOCUMENTS = "stolen_lost_documents"
    SANCTIONS = "sanctions"
    NATIONAL_ALERTS = "national_alerts"


# The score at and above which a match is shown to an analyst, unless a list says otherwise.
# Chosen with `python -m bench.screening_eval` (recall and passenger alert rate per perturbation).
DEFAULT_ALERT_THRESHOLD = 0.80


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Per-list score thresholds.

    Attributes:
        alert: a match scoring at least this is an alert (shown to an analyst).
    """

    alert: float = DEFAULT_ALERT_THRESHOLD


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A named list of persons or documents under alert.

    Attributes:
        name: short unique name (``"un-sc"``, ``"nat-wanted"``).
        owner: the authority that maintains the list.
        category: what the list holds.
        legal_basis: the legal act that allows screening against it (required by the PIU's registry).
        version: the publisher's version or generation date of the imported file.
        thresholds: per-list thresholds.
    """

    name: str
    owner: str
    category: WatchlistCategory
    legal_basis: str
    version: str | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)


class NameQuality(StrEnum):
    """How much a name of an entry can be trusted (UN lists mark aliases "Good" or "Low")."""

    PRIMARY = "primary"
    GOOD = "good"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class EntryName:
    """One name of an entry, as published.

    Attributes:
        full: the whole name in the order published (``"Đorđe Vučić"``, ``"Ђорђе Вучић"``).
        quality: primary name, good alias or weak (low-quality) alias.
        surname: family name, when the publisher separates it.
        given_names: given names, when the publisher separates them.
        original_script: True when ``full`` is in a non-Latin script as published (UN
            ``NAME_ORIGINAL_SCRIPT``), not a romanisation.
    """

    full: str
    quality: NameQuality = NameQuality.PRIMARY
    surname: str | None = None
    given_names: str | None = None
    original_script: bool = False


class DateAccuracy(StrEnum):
    """How precisely a date of birth is known."""

    EXACT = "exact"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    APPROXIMATE = "approximate"


_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# An approximate year (UN "APPROXIMATELY 1961") is read as the year plus or minus this many years.
APPROXIMATE_YEARS = 2


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of birth that may be exact, a month, a year, a range of years, or approximate.

    Attributes:
        year: the year (the first year of a range).
        month: the month when known.
        day: the day when known (only with a month).
        to_year: last year of a range (UN ``BETWEEN 1963 AND 1968``).
        approximate: the publisher says "approximately"; widens the year by ``APPROXIMATE_YEARS``.
    """

    year: int
    month: int | None = None
    day: int | None = None
    to_year: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None and self.month is not None:
            date(self.year, self.month, self.day)  # raises ValueError for 31 February
        if self.to_year is not None and self.to_year < self.year:
            raise ValueError(f"range {self.year}..{self.to_year} runs backwards")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``1970-05-02``, ``1970-05`` or ``1970``; raise ``ValueError`` otherwise."""
        match = _PARTIAL.fullmatch(text.strip())
        if not match:
            raise ValueError(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {text!r}")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def of(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def accuracy(self) -> DateAccuracy:
        if self.approximate:
            return DateAccuracy.APPROXIMATE
        if self.to_year is not None:
            return DateAccuracy.RANGE
        if self.day is not None:
            return DateAccuracy.EXACT
        return DateAccuracy.MONTH if self.month is not None else DateAccuracy.YEAR

    @property
    def exact(self) -> date | None:
        """The date when fully known, else None."""
        if self.day is None or self.month is None or self.approximate:
            return None
        return date(self.year, self.month, self.day)

    @property
    def years(self) -> range:
        """Every year the birth may fall in (used for date-of-birth blocking)."""
        if self.approximate:
            return range(self.year - APPROXIMATE_YEARS, (self.to_year or self.year) + APPROXIMATE_YEARS + 1)
        return range(self.year, (self.to_year or self.year) + 1)

    @property
    def earliest(self) -> date:
        return date(self.years.start, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        year = self.years.stop - 1
        month = self.month or 12
        return date(year, month, self.day or calendar.monthrange(year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.to_year is not None:
            text += f"..{self.to_year:04d}"
        return f"~{text}" if self.approximate else text


class EntryKind(StrEnum):
    """What an entry describes. Only persons are screened against travellers; other kinds are kept."""

    PERSON = "person"
    ORGANISATION = "organisation"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class WatchlistEntry:
    """One person, organisation or document on a watchlist.

    Attributes:
        id: identifier unique within the list (publisher's id when there is one).
        list_name: the ``Watchlist.name`` this entry belongs to.
        kind: person, organisation (UN "entities") or a bare document (stolen/lost documents lists).
        names: primary name first, then aliases and original-script names.
        dates_of_birth: every published date of birth (UN lists often give several).
        nationalities: ISO 3166 / ICAO 9303 alpha-3 codes.
        sex: when published.
        documents: travel and identity documents (number as published; compared normalised).
        reference: the publisher's reference (UN ``REFERENCE_NUMBER``).
        remarks: free text kept for the analyst (notes that could not be read as data).
    """

    id: str
    list_name: str
    names: tuple[EntryName, ...]
    kind: EntryKind = EntryKind.PERSON
    dates_of_birth: tuple[PartialDate, ...] = ()
    nationalities: tuple[str, ...] = ()
    sex: Sex | None = None
    documents: tuple[TravelDocument, ...] = ()
    reference: str | None = None
    remarks: tuple[str, ...] = ()

    @property
    def primary_name(self) -> str:
        return self.names[0].full if self.names else ""
