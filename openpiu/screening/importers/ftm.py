"""FollowTheMoney entity JSON lines, the format OpenSanctions publishes.

Each line is ``{"id", "schema", "properties": {prop: [values]}}``. Read here:

* ``Person``: ``name``, ``alias``, ``weakAlias`` (low quality), ``previousName``, ``firstName``,
  ``lastName``, ``birthDate``, ``nationality``/``citizenship`` (ISO alpha-2, lower case), ``gender``,
  ``passportNumber``, ``idNumber``;
* ``Organization``, ``Company``, ``LegalEntity``: kept as organisations (not screened against travellers);
* ``Passport`` and ``Identification``: a document whose ``holder`` is a person of the file (in any order).

Lines of other schemas (``Sanction``, ``Address``, relations...) are reported as not loaded, one issue
each, so the summary says exactly what was left aside.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from openpiu.model.travel import TravelDocument
from openpiu.model.values import Sex
from openpiu.model.watchlist import EntryKind, EntryName, NameQuality, PartialDate, WatchlistEntry
from openpiu.screening.countries import country_code
from openpiu.screening.importers.common import ImportIssue, ImportResult, RowProblem
from openpiu.screening.importers.jsonl import decode_lines

_ORGANISATIONS = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})
_DOCUMENTS = frozenset({"Passport", "Identification"})


def read_ftm(data: bytes, list_name: str) -> ImportResult:
    """Entries from FollowTheMoney JSON lines; documents are attached to their holders at the end."""
    try:
        lines = decode_lines(data)
    except RowProblem as exc:
        return ImportResult((), (ImportIssue(0, str(exc)),), 0)
    entries: dict[str, WatchlistEntry] = {}
    held: list[tuple[int, str, TravelDocument]] = []
    issues = []
    for number, line in lines:
        notes: list[str] = []
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("properties", {}), dict):
                raise RowProblem("not a FollowTheMoney entity object")
            entity_id, schema = record.get("id"), record.get("schema")
            if not isinstance(entity_id, str) or not entity_id or not isinstance(schema, str):
                raise RowProblem("entity without id or schema")
            props = record.get("properties", {})
            if schema in _DOCUMENTS:
                holder, document = _document(props, notes)
                held.append((number, holder, document))
            elif schema == "Person" or schema in _ORGANISATIONS:
                if entity_id in entries:
                    raise RowProblem(f"duplicate id {entity_id!r}")
                entries[entity_id] = _entry(entity_id, schema, props, list_name, notes)
            else:
                raise RowProblem(f"schema {schema} is not a person, organisation or document; not loaded")
        except json.JSONDecodeError as exc:
            issues.append(ImportIssue(number, f"not JSON: {exc.msg} at column {exc.colno}"))
            continue
        except RowProblem as exc:
            issues.append(ImportIssue(number, str(exc)))
            continue
        issues.extend(ImportIssue(number, note, rejected=False) for note in notes)
    for number, holder, document in held:
        entry = entries.get(holder)
        if entry is None:
            issues.append(ImportIssue(number, f"document holder {holder!r} is not a person of this file"))
            continue
        entries[holder] = replace(entry, documents=(*entry.documents, document))
    return ImportResult(tuple(entries.values()), tuple(issues), len(lines))


def _values(props: dict[str, Any], name: str) -> list[str]:
    values = props.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RowProblem(f"property {name} must be a list of text")
    return [v.strip() for v in values if v.strip()]


def _entry(
    entity_id: str, schema: str, props: dict[str, Any], list_name: str, notes: list[str]
) -> WatchlistEntry:
    names: list[EntryName] = []
    first, last = _values(props, "firstName"), _values(props, "lastName")
    for prop, quality in (("name", None), ("alias", NameQuality.GOOD), ("previousName", NameQuality.GOOD),
                          ("weakAlias", NameQuality.LOW)):  # fmt: skip
        for text in _values(props, prop):
            if quality is None:
                quality_now = NameQuality.PRIMARY if not names else NameQuality.GOOD
            else:
                quality_now = quality
            is_primary = quality_now is NameQuality.PRIMARY
            names.append(
                EntryName(
                    text,
                    quality_now,
                    surname=last[0] if is_primary and last else None,
                    given_names=first[0] if is_primary and first else None,
                )
            )
    if not names and (first or last):
        names.append(EntryName(" ".join(first[:1] + last[:1]), surname=last[0] if last else None))
    if not names:
        raise RowProblem(f"{schema} without a name")
    if schema != "Person":
        return WatchlistEntry(entity_id, list_name, tuple(names), kind=EntryKind.ORGANISATION)
    dates = []
    for text in _values(props, "birthDate"):
        try:
            dates.append(PartialDate.parse(text[:10]))
        except ValueError:
            notes.append(f"birthDate {text!r} not read as a date; left out")
    nationalities: list[str] = []
    for text in _values(props, "nationality") + _values(props, "citizenship"):
        code = country_code(text)
        if code is None:
            notes.append(f"nationality {text!r} is not a known country; left out")
        elif code not in nationalities:
            nationalities.append(code)
    genders = {g.lower() for g in _values(props, "gender")}
    sex = Sex.MALE if genders == {"male"} else Sex.FEMALE if genders == {"female"} else None
    documents = [TravelDocument("P", n) for n in _values(props, "passportNumber")]
    documents += [TravelDocument("I", n) for n in _values(props, "idNumber")]
    return WatchlistEntry(
        entity_id,
        list_name,
        tuple(names),
        dates_of_birth=tuple(dates),
        nationalities=tuple(nationalities),
        sex=sex,
        documents=tuple(documents),
    )


def _document(props: dict[str, Any], notes: list[str]) -> tuple[str, TravelDocument]:
    holders, numbers = _values(props, "holder"), _values(props, "number")
    if not holders or not numbers:
        raise RowProblem("document without holder or number")
    countries = _values(props, "country")
    country = country_code(countries[0]) if countries else None
    if countries and country is None:
        notes.append(f"document country {countries[0]!r} is not a known country; left out")
    kind = "P" if "passport" in " ".join(_values(props, "type")).lower() else None
    return holders[0], TravelDocument(kind, numbers[0], country)
