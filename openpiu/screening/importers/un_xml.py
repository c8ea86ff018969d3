"""The UN Security Council consolidated sanctions list (XML, ``CONSOLIDATED_LIST``).

Individuals become person entries; entities become organisation entries, kept with the list but not
screened against travellers (a traveller is a person; an organisation's name on a booking is a different
question). Every field screening can use is read: the name parts, aliases with their quality ("Good",
"Low", entity "a.k.a."), the name in original script, dates of birth (exact, year, approximate, between),
nationalities, gender and documents. What cannot be read as data (a Hijri date in a note, a document
without a number) is kept in ``remarks`` and reported as a partial load, never dropped silently.

Parsed with defusedxml: the file comes from outside (a download, a USB stick), and defusedxml refuses
entity expansion and external references that the standard library parser would follow or expand.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from openpiu.model.travel import TravelDocument
from openpiu.model.values import Sex
from openpiu.model.watchlist import EntryKind, EntryName, NameQuality, PartialDate, WatchlistEntry
from openpiu.screening.countries import country_code
from openpiu.screening.importers.common import ImportIssue, ImportResult, RowProblem

# A date of birth given only in a note as month and year: "Nov. 1973", "August 1961".
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_YEAR = re.compile(
    r"((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.? (\d{4})", re.IGNORECASE
)
_QUALITY = {"good": NameQuality.GOOD, "low": NameQuality.LOW, "a.k.a.": NameQuality.GOOD}
# A NUMBER field that is only a number ("OA 454044", "96 03 464086", "SE-011697").
_BARE_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9 <./-]*")
# A number inside free text: "Afghan passport number SE 012820" → "SE 012820", "R00005943, South Sudan" →
# "R00005943": an optional short upper-case prefix, then a token of 4+ characters starting with a digit.
_NUMBER_IN_TEXT = re.compile(r"(?:\b[A-Z]{1,3}[ -])?\b[A-Z]{0,3}\d[0-9A-Z-]{3,}\b")
# In notes and descriptions the number follows a keyword: "... (tazkira) number 545167 issued in 1974".
_NUMBER_AFTER_KEYWORD = re.compile(r"(?:number|No\.?)[:\s]+([A-Z]{0,3}\s?\d[0-9A-Z-]{2,})", re.IGNORECASE)


def read_un_xml(data: bytes, list_name: str) -> ImportResult:
    """Entries from the UN consolidated list XML; rows are numbered individuals first, then entities."""
    try:
        root = SafeTree.fromstring(data)
    except ParseError as exc:
        line = exc.position[0] if exc.position else 0
        return ImportResult((), (ImportIssue(line, f"not well-formed XML: {exc}"),), 0)
    except DefusedXmlException as exc:
        return ImportResult((), (ImportIssue(0, f"refused unsafe XML: {exc}"),), 0)
    if root.tag != "CONSOLIDATED_LIST":
        return ImportResult((), (ImportIssue(1, f"not a UN consolidated list (root <{root.tag}>)"),), 0)
    entries = []
    issues = []
    elements = [(e, EntryKind.PERSON) for e in root.iterfind("INDIVIDUALS/INDIVIDUAL")]
    elements += [(e, EntryKind.ORGANISATION) for e in root.iterfind("ENTITIES/ENTITY")]
    for row, (element, kind) in enumerate(elements, 1):
        notes: list[str] = []
        try:
            entry = _entry(element, kind, list_name, notes)
        except RowProblem as exc:
            issues.append(ImportIssue(row, f"DATAID {_text(element, 'DATAID') or '?'}: {exc}"))
            continue
        entries.append(entry)
        issues.extend(ImportIssue(row, f"DATAID {entry.id}: {note}", rejected=False) for note in notes)
    return ImportResult(tuple(entries), tuple(issues), len(elements))


def _text(element: Element, path: str) -> str | None:
    found = element.find(path)
    if found is None or found.text is None:
        return None
    text = " ".join(found.text.split())
    return text or None


def _entry(element: Element, kind: EntryKind, list_name: str, notes: list[str]) -> WatchlistEntry:
    entry_id = _text(element, "DATAID")
    if not entry_id:
        raise RowProblem("no DATAID")
    parts = [_text(element, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    primary = " ".join(p for p in parts if p)
    if not primary:
        raise RowProblem("no name")
    names = [EntryName(primary)]
    alias_tag = "INDIVIDUAL_ALIAS" if kind is EntryKind.PERSON else "ENTITY_ALIAS"
    for alias in element.iterfind(alias_tag):
        text = _text(alias, "ALIAS_NAME")
        if text is None:
            continue  # an empty alias element carries nothing
        quality = _QUALITY.get((_text(alias, "QUALITY") or "good").lower(), NameQuality.GOOD)
        names.append(EntryName(text, quality))
    original = _text(element, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(EntryName(original, NameQuality.GOOD, original_script=True))
    remarks: list[str] = []
    dates = tuple(_dates(element, notes, remarks)) if kind is EntryKind.PERSON else ()
    nationalities = []
    for value in element.iterfind("NATIONALITY/VALUE"):
        if value.text and value.text.strip():
            code = country_code(value.text)
            if code is None:
                notes.append(f"nationality {value.text.strip()!r} is not a known country; left out")
            elif code not in nationalities:
                nationalities.append(code)
    gender = (_text(element, "GENDER") or "").lower()
    sex = {"male": Sex.MALE, "female": Sex.FEMALE}.get(gender)
    if gender and sex is None:
        notes.append(f"gender {gender!r} not read")
    documents = tuple(_documents(element, notes, remarks))
    return WatchlistEntry(
        id=entry_id,
        list_name=list_name,
        names=tuple(names),
        kind=kind,
        dates_of_birth=dates,
        nationalities=tuple(nationalities),
        sex=sex,
        documents=documents,
        reference=_text(element, "REFERENCE_NUMBER"),
        remarks=tuple(remarks),
    )


def _dates(element: Element, notes: list[str], remarks: list[str]) -> list[PartialDate]:
    dates = []
    for born in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = (_text(born, "TYPE_OF_DATE") or "").upper()
        day, year = _text(born, "DATE"), _text(born, "YEAR")
        first, last = _text(born, "FROM_YEAR"), _text(born, "TO_YEAR")
        note = _text(born, "NOTE")
        try:
            if day:
                parsed = PartialDate.parse(day)
                if kind == "APPROXIMATELY":
                    parsed = PartialDate(parsed.year, parsed.month, parsed.day, approximate=True)
                dates.append(parsed)
            elif year:
                dates.append(PartialDate(int(year), approximate=kind == "APPROXIMATELY"))
            elif first and last:
                dates.append(PartialDate(int(first), to_year=int(last)))
            elif note and (month := _MONTH_YEAR.fullmatch(note)):
                dates.append(PartialDate(int(month.group(2)), _MONTHS.index(month.group(1).lower()[:3]) + 1))
                note = None
            elif note:
                notes.append(f"date of birth {note!r} not read as a date; kept in remarks")
        except ValueError as exc:
            notes.append(f"date of birth not read ({exc}); kept in remarks")
            note = note or " ".join(x for x in (day, year, first, last) if x)
        if note:
            remarks.append(f"date of birth: {note}")
    return dates


def _documents(element: Element, notes: list[str], remarks: list[str]) -> list[TravelDocument]:
    documents = []
    for document in element.iterfind("INDIVIDUAL_DOCUMENT"):
        kind = _text(document, "TYPE_OF_DOCUMENT")
        raw = _text(document, "NUMBER")
        note = _text(document, "NOTE")
        if kind is None and raw is None and note is None:
            continue  # an empty <INDIVIDUAL_DOCUMENT/> carries nothing
        country_name = _text(document, "ISSUING_COUNTRY") or _text(document, "COUNTRY_OF_ISSUE")
        country = country_code(country_name) if country_name else None
        second = _text(document, "TYPE_OF_DOCUMENT2")
        number = _number(raw) if raw else _number_in_words(f"{second or ''} {note or ''}")
        described = " ".join(x for x in (kind, second, raw, note) if x)
        if number is None:
            notes.append(f"document without a readable number ({described!r}); kept in remarks")
            remarks.append(f"document: {described}")
            continue
        if note or number != raw:
            remarks.append(f"document {number}: {described}")
        documents.append(TravelDocument(_document_type(kind), number, country))
    return documents


def _number(raw: str) -> str | None:
    """The document number in a NUMBER field, which may be bare or wrapped in words."""
    text = raw.strip()
    if _BARE_NUMBER.fullmatch(text):
        return text
    match = _NUMBER_IN_TEXT.search(text)
    return match.group(0).strip() if match else None


def _number_in_words(text: str) -> str | None:
    """A number announced by "number"/"No." in a description or note, when the NUMBER field is absent."""
    match = _NUMBER_AFTER_KEYWORD.search(text)
    return match.group(1).strip() if match else None


def _document_type(kind: str | None) -> str | None:
    text = (kind or "").lower()
    if "pas" in text:  # Passport, Numéro de passeport, Número de pasaporte
        return "P"
    if "identification" in text:
        return "I"
    return kind
