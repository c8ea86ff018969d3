"""Importers: the UN sample in place, and malformed files (row numbers, nothing silently skipped)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from openpiu.model.match import TravellerQuery
from openpiu.model.values import Sex
from openpiu.model.watchlist import EntryKind, NameQuality, PartialDate
from openpiu.screening import Screener
from openpiu.screening.importers import (
    ImportResult,
    WatchlistFormat,
    import_watchlist,
    read_csv,
    read_ftm,
    read_jsonl,
    read_un_xml,
)
from openpiu.screening.names import entry_keys


@pytest.fixture
def un_result(shared_dir: Path) -> ImportResult:
    """The UN consolidated list sample, read in place from ../shared/data (parsed once per run)."""
    path = shared_dir / "data" / "un_consolidated_2025-04-19.xml"
    if not path.is_file():
        pytest.skip(f"UN sample not found at {path}")
    return _read_un(path)


@cache
def _read_un(path: Path) -> ImportResult:
    return read_un_xml(path.read_bytes(), "un-sc")


def test_un_sample_counts(un_result: ImportResult) -> None:
    result = un_result
    kinds = [e.kind for e in result.entries]
    assert kinds.count(EntryKind.PERSON) == 684
    assert kinds.count(EntryKind.ORGANISATION) == 193
    assert result.rows == 877 and result.rejected == 0
    # What could not be read is reported, with the row, and kept in remarks.
    assert all(not issue.rejected for issue in result.issues)
    assert any("Hijri" in issue.message for issue in result.issues)


def test_un_individual_fields(un_result: ImportResult) -> None:
    entries = {e.id: e for e in un_result.entries}
    first = entries["110447"]
    assert first.primary_name == "MUHAMMAD TAHER ANWARI"
    assert first.reference == "TAi.005"
    assert first.nationalities == ("AFG",)
    assert first.dates_of_birth == (PartialDate(1961, approximate=True),)
    assert [n.quality for n in first.names].count(NameQuality.LOW) == 1
    assert first.names[-1].original_script and first.names[-1].full == "محمد طاهر أنوري"
    passports = [d for e in entries.values() for d in e.documents if d.number == "OA 454044"]
    assert passports and passports[0].type == "P" and passports[0].issuing_country == "AFG"
    ranged = [d for e in entries.values() for d in e.dates_of_birth if d.to_year is not None]
    assert PartialDate(1963, to_year=1968) in ranged
    assert sum(1 for e in entries.values() if e.sex is Sex.FEMALE) == 2


def test_un_number_inside_words(un_result: ImportResult) -> None:
    numbers = {d.number for e in un_result.entries for d in e.documents}
    assert "SE 012820" in numbers  # from "Afghan passport number SE 012820"
    assert "28642163" in numbers  # from "Provisional passport No.: 28642163"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<CONSOLIDATED_LIST><INDIVIDUALS>", "not well-formed"),
        (b"<OTHER/>", "not a UN consolidated list"),
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
            b"<CONSOLIDATED_LIST>&b;</CONSOLIDATED_LIST>",
            "refused unsafe XML",
        ),
    ],
)
def test_un_malformed(data: bytes, words: str) -> None:
    result = read_un_xml(data, "un")
    assert result.entries == ()
    assert words in result.issues[0].message


def test_un_rejects_row_without_name() -> None:
    xml = (
        b"<CONSOLIDATED_LIST><INDIVIDUALS>"
        b"<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ANA</FIRST_NAME></INDIVIDUAL>"
        b"<INDIVIDUAL><DATAID>2</DATAID></INDIVIDUAL>"
        b"</INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    result = read_un_xml(xml, "un")
    assert [e.id for e in result.entries] == ["1"]
    assert [(i.row, i.rejected) for i in result.issues] == [(2, True)]
    assert "DATAID 2: no name" in result.issues[0].message


JSONL = "\n".join(
    [
        json.dumps({"id": "W1", "names": ["Đorđe Vučić", "Ђорђе Вучић"], "date_of_birth": "1970-05-02",
                    "nationality": "SRB", "sex": "M", "documents": [{"number": "012345678", "type": "P"}]}),
        "{broken",
        json.dumps({"id": "W3", "names": ["Ana"], "date_of_birth": "1970-13"}),
        json.dumps({"names": ["Nobody"]}),
        "",
        json.dumps({"id": "W6", "surname": "Hoxha", "given_names": "Elira", "nationality": "Narnia"}),
        json.dumps({"id": "W1", "names": ["Again"]}),
        json.dumps({"id": "W8", "names": ["X"], "sex": "robot"}),
        json.dumps([1, 2]),
    ]
)  # fmt: skip


def test_jsonl_reads_good_lines_and_numbers_bad_ones() -> None:
    result = read_jsonl(JSONL.encode(), "list")
    assert [e.id for e in result.entries] == ["W1", "W6"]
    first = result.entries[0]
    assert first.names[1].quality is NameQuality.GOOD
    assert first.dates_of_birth == (PartialDate(1970, 5, 2),) and first.sex is Sex.MALE
    assert result.entries[1].primary_name == "Elira Hoxha"
    assert result.entries[1].nationalities == ()
    problems = [(i.row, i.rejected, i.message.split(":")[0]) for i in result.issues]
    assert problems == [
        (2, True, "not JSON"),
        (3, True, "date_of_birth"),
        (4, True, "missing id"),
        (6, False, "nationality 'Narnia' is not a known country; left out"),
        (7, True, "duplicate id 'W1'"),
        (8, True, "unknown sex 'robot' (expected M, F, X or U)"),
        (9, True, "not a JSON object"),
    ]
    assert result.rows == 8


def test_jsonl_not_utf8() -> None:
    result = read_jsonl(b'{"id": "1", "names": ["A"]}\n\xff\xfe', "list")
    assert result.entries == () and "line 2: not UTF-8" in result.issues[0].message


CSV = (
    "id,names,surname,given_names,date_of_birth,nationality,sex,"
    "document_number,document_type,document_country\n"
    "W1,Đorđe Vučić;Ђорђе Вучић,Vučić,Đorđe,1970-05-02,SRB,M,012345678,P,SRB\n"
    "W2,,Hoxha,Elira,1992,ALB,F,,,\n"
    "W3,Short row\n"
    "W4,Ana,,,,,,,,XKX\n"
)


def test_csv() -> None:
    result = read_csv(CSV.encode(), "list")
    assert [e.id for e in result.entries] == ["W1", "W2"]
    assert result.entries[0].documents[0].issuing_country == "SRB"
    assert result.entries[0].names[0].surname == "Vučić"
    assert result.entries[1].primary_name == "Elira Hoxha"
    assert [(i.row, i.rejected) for i in result.issues] == [(4, True), (5, True)]
    assert "2 fields" in result.issues[0].message
    assert "without document_number" in result.issues[1].message


def test_csv_unknown_column_is_refused() -> None:
    result = read_csv(b"id,nmaes\n1,Ana\n", "list")
    assert result.entries == () and "unknown columns ['nmaes']" in result.issues[0].message


FTM = "\n".join(
    [
        json.dumps({"id": "p1", "schema": "Person", "properties": {
            "name": ["Đorđe Vučić"], "alias": ["Djordje Vucic"], "weakAlias": ["Đole"],
            "firstName": ["Đorđe"], "lastName": ["Vučić"], "birthDate": ["1970-05-02", "1971"],
            "nationality": ["rs", "xk"], "gender": ["male"], "passportNumber": ["012345678"]}}),
        json.dumps({"id": "doc1", "schema": "Passport", "properties": {
            "holder": ["p1"], "number": ["AB1234567"], "country": ["me"], "type": ["passport"]}}),
        json.dumps({"id": "o1", "schema": "Organization", "properties": {"name": ["Vučić Trade"]}}),
        json.dumps({"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"]}}),
        json.dumps({"id": "doc2", "schema": "Passport",
                    "properties": {"holder": ["ghost"], "number": ["1"]}}),
        json.dumps({"id": "p2", "schema": "Person", "properties": {"birthDate": ["1970"]}}),
        json.dumps({"id": "p3", "schema": "Person", "properties": {"name": "not a list"}}),
    ]
)  # fmt: skip


def test_ftm() -> None:
    result = read_ftm(FTM.encode(), "os")
    entries = {e.id: e for e in result.entries}
    assert set(entries) == {"p1", "o1"}
    person = entries["p1"]
    assert [n.quality for n in person.names] == [NameQuality.PRIMARY, NameQuality.GOOD, NameQuality.LOW]
    assert person.names[0].surname == "Vučić"
    assert person.nationalities == ("SRB", "RKS")
    assert person.dates_of_birth == (PartialDate(1970, 5, 2), PartialDate(1971))
    assert [d.number for d in person.documents] == ["012345678", "AB1234567"]
    assert person.documents[1].issuing_country == "MNE"
    assert entries["o1"].kind is EntryKind.ORGANISATION
    rows = [(i.row, i.message) for i in result.issues]
    assert rows == [
        (4, "schema Sanction is not a person, organisation or document; not loaded"),
        (6, "Person without a name"),
        (7, "property name must be a list of text"),
        (5, "document holder 'ghost' is not a person of this file"),
    ]


def test_import_watchlist_dispatches_by_format() -> None:
    result = import_watchlist(JSONL.encode(), WatchlistFormat.JSONL, "x")
    assert len(result.entries) == 2
    assert len(import_watchlist(CSV.encode(), WatchlistFormat.CSV, "x").entries) == 2


def test_un_people_are_found_under_their_aliases(un_result: ImportResult) -> None:
    """Every listed person with a romanised alias is found when a traveller uses that alias (no names are
    written in this test: they come from the file)."""
    screener = Screener(un_result.entries)
    people = [e for e in un_result.entries if e.kind is EntryKind.PERSON]
    found = total = 0
    for person in people:
        for alias in person.names[1:]:
            parts = alias.full.split()
            if alias.original_script or len(parts) < 2 or not entry_keys(alias.full):
                continue
            born = person.dates_of_birth[0].exact if person.dates_of_birth else None
            given = " ".join(parts[:-1]).upper()
            query = TravellerQuery(
                person.id, surname=parts[-1].upper(), given_names=given, date_of_birth=born
            )
            total += 1
            found += any(m.entry_id == person.id for m in screener.screen_one(query))
    assert total > 1000
    assert found / total >= 0.99
    assert screener.index.not_screened == 193
