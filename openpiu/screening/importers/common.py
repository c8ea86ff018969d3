"""What every importer returns, and the reading of one record shared by the JSONL and CSV formats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from openpiu.model.travel import TravelDocument
from openpiu.model.values import Sex
from openpiu.model.watchlist import EntryName, NameQuality, PartialDate, WatchlistEntry
from openpiu.screening.countries import country_code


class WatchlistFormat(StrEnum):
    """The file formats ``import_watchlist`` reads."""

    JSONL = "jsonl"
    CSV = "csv"
    UN_XML = "un-xml"
    FTM = "ftm"


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """A problem with one row of an imported file.

    Attributes:
        row: 1-based line number (JSONL, CSV, FTM) or entry number in the file (UN XML).
        message: what is wrong, in words.
        rejected: True when the row was not loaded at all; False when it was loaded without the part named.
    """

    row: int
    message: str
    rejected: bool = True

    def __str__(self) -> str:
        return f"row {self.row}: {'rejected' if self.rejected else 'loaded in part'}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Entries read from a file and every issue met; ``rows`` counts the rows seen."""

    entries: tuple[WatchlistEntry, ...]
    issues: tuple[ImportIssue, ...]
    rows: int

    @property
    def rejected(self) -> int:
        return sum(1 for issue in self.issues if issue.rejected)


class RowProblem(ValueError):
    """Raised inside an importer for a row that cannot be loaded; becomes a rejected ``ImportIssue``."""


def parse_sex(value: object) -> Sex | None:
    """``M``/``F``/``male``/``female``/``X``/``U`` → ``Sex``; raise ``RowProblem`` for anything else."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RowProblem(f"sex must be text, found {value!r}")
    sex = Sex.parse(value)
    if sex is None or value.strip().lower() not in {"m", "f", "x", "u", "male", "female", "unknown"}:
        raise RowProblem(f"unknown sex {value!r} (expected M, F, X or U)")
    return sex


def parse_date(value: object) -> PartialDate | None:
    """``1970-05-02`` / ``1970-05`` / ``1970`` → ``PartialDate``; raise ``RowProblem`` otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RowProblem(f"date_of_birth must be text, found {value!r}")
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise RowProblem(f"date_of_birth: {exc}") from exc


def parse_country(value: object, field: str, notes: list[str]) -> str | None:
    """A country code; an unreadable one is noted (the row still loads) rather than guessed."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RowProblem(f"{field} must be text, found {value!r}")
    code = country_code(value)
    if code is None:
        notes.append(f"{field} {value!r} is not a known country; left out")
    return code


def _text(record: Mapping[str, Any], field: str) -> str | None:
    value = record.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RowProblem(f"{field} must be text, found {value!r}")
    return value.strip()


def entry_from_record(record: Mapping[str, Any], list_name: str, notes: list[str]) -> WatchlistEntry:
    """One entry from a record with the fields of the ``openpiu match`` watchlist contract.

    ``{"id", "names": [..], "surname"?, "given_names"?, "date_of_birth"?, "nationality"?, "sex"?,
    "documents"?: [{"number", "type"?, "issuing_country"?}]}``. The first name is the primary name; when
    ``names`` is missing, ``given_names`` + ``surname`` make it.

    Args:
        record: the decoded record.
        list_name: the list the entry belongs to.
        notes: receives the parts that were left out (the caller reports them as partial loads).
    """
    entry_id = record.get("id")
    if isinstance(entry_id, int) and not isinstance(entry_id, bool):
        entry_id = str(entry_id)
    if not isinstance(entry_id, str) or not entry_id.strip():
        raise RowProblem("missing id")
    surname = _text(record, "surname")
    given = _text(record, "given_names")
    raw_names = record.get("names") or []
    if isinstance(raw_names, str) or not isinstance(raw_names, list):
        raise RowProblem("names must be a list of text")
    if not all(isinstance(n, str) for n in raw_names):
        raise RowProblem("names must be a list of text")
    texts = [n.strip() for n in raw_names if n.strip()]
    if not texts and (surname or given):
        texts = [" ".join(p for p in (given, surname) if p)]
    documents = _documents(record.get("documents"), notes)
    if not texts and not documents:
        raise RowProblem("no name and no document: nothing to screen")
    names = tuple(
        EntryName(
            text,
            NameQuality.PRIMARY if i == 0 else NameQuality.GOOD,
            surname=surname if i == 0 else None,
            given_names=given if i == 0 else None,
        )
        for i, text in enumerate(texts)
    )
    born = parse_date(record.get("date_of_birth"))
    nationality = parse_country(record.get("nationality"), "nationality", notes)
    return WatchlistEntry(
        id=entry_id.strip(),
        list_name=list_name,
        names=names,
        dates_of_birth=(born,) if born else (),
        nationalities=(nationality,) if nationality else (),
        sex=parse_sex(record.get("sex")),
        documents=documents,
    )


def _documents(value: object, notes: list[str]) -> tuple[TravelDocument, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RowProblem("documents must be a list of objects")
    documents = []
    for position, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise RowProblem(f"document {position} must be an object with a number")
        number = _text(item, "number")
        if not number:
            raise RowProblem(f"document {position} has no number")
        country = parse_country(item.get("issuing_country"), f"document {position} issuing_country", notes)
        documents.append(TravelDocument(_text(item, "type"), number, country))
    return tuple(documents)
