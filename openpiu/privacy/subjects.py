"""Data-subject requests (access, rectification, erasure): who is asked for, and what matches them.

Pure. A request names the person as the data subject identified themselves (surname, and optionally
given names, date of birth, a document number); :func:`matches` decides whether a stored traveller (an
API row, or a traveller inside a PNR booking, clear or opened from its sealed value) is that person.
Comparison ignores case and diacritics (``Petrović`` = ``PETROVIC``), since carriers send either.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from openpiu.errors import ConfigError
from openpiu.model import normalise_document_number


class RequestKind(StrEnum):
    ACCESS = "access"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"


def fold(text: str | None) -> str:
    """Upper case, no diacritics, single spaces: how names are compared."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.upper().split())


@dataclass(frozen=True, slots=True)
class Criteria:
    """How the data subject identified themselves."""

    surname: str
    given_names: str | None = None
    born: date | None = None
    document: str | None = None

    def __post_init__(self) -> None:
        if not fold(self.surname):
            raise ConfigError("a data-subject request needs at least the surname")

    def as_dict(self) -> dict[str, Any]:
        return {
            "surname": self.surname,
            "given_names": self.given_names,
            "born": self.born.isoformat() if self.born else None,
            "document": self.document,
        }

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Criteria:
        born = values.get("born")
        return cls(
            surname=str(values["surname"]),
            given_names=values.get("given_names"),
            born=date.fromisoformat(born) if born else None,
            document=values.get("document"),
        )


def matches(criteria: Criteria, person: Mapping[str, Any], documents: list[str] | None = None) -> bool:
    """Whether a traveller's values (``surname``, ``given_names``, ``date_of_birth``) are the subject's.

    Every criterion given must agree; the given names may be the first of several (``ANA`` matches
    ``ANA MARIJA``). ``documents`` are the traveller's document numbers, when known.
    """
    if fold(person.get("surname")) != fold(criteria.surname):
        return False
    if criteria.given_names:
        wanted, held = fold(criteria.given_names).split(), fold(person.get("given_names")).split()
        if held[: len(wanted)] != wanted and wanted[: len(held)] != held:
            return False
    if criteria.born is not None:
        born = person.get("date_of_birth")
        if born and str(born)[:10] != criteria.born.isoformat():
            return False
    if criteria.document:
        numbers = {normalise_document_number(n) for n in documents or [] if n}
        if numbers and normalise_document_number(criteria.document) not in numbers:
            return False
    return True


def names_subject(criteria: Criteria, text: str) -> bool:
    """Whether a free text (a logged search, a change line) names the person: their surname, and their
    given names when known, anywhere in it (folded). Errs on the side of finding."""
    folded = fold(text)
    wanted = [fold(criteria.surname), *fold(criteria.given_names).split()]
    return all(part in folded for part in wanted if part)
