"""Watchlists as CSV, for lists kept in spreadsheets.

A header row names the columns; ``id`` and either ``names`` or ``surname``/``given_names`` are needed::

    id,names,surname,given_names,date_of_birth,nationality,sex,document_number,document_type,document_country
    W1,Đorđe Vučić;Ђорђе Вучић,Vučić,Đorđe,1970-05-02,SRB,M,012345678,P,SRB

``names`` holds the primary name then aliases, separated by ``;``. Unknown columns are an error (a typo in
a header would otherwise drop a field silently). Rows are numbered as lines of the file.
"""

from __future__ import annotations

import csv
import io

from openpiu.screening.importers.common import ImportIssue, ImportResult, RowProblem, entry_from_record

COLUMNS = (
    "id", "names", "surname", "given_names", "date_of_birth", "nationality", "sex", "document_number",
    "document_type", "document_country",
)  # fmt: skip


def read_csv(data: bytes, list_name: str) -> ImportResult:
    """Entries from CSV bytes (UTF-8, comma-separated, header row); bad rows become issues."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ImportResult((), (ImportIssue(line, "not UTF-8 text"),), 0)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return ImportResult((), (ImportIssue(1, "empty file: no header row"),), 0)
    header = [h.strip().lower() for h in header]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or "id" not in header:
        problem = f"unknown columns {unknown}" if unknown else "no id column"
        return ImportResult((), (ImportIssue(1, f"header: {problem}; expected {', '.join(COLUMNS)}"),), 0)
    entries = []
    issues = []
    rows = 0
    seen: set[str] = set()
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            rows += 1
            notes: list[str] = []
            try:
                if len(values) != len(header):
                    raise RowProblem(f"{len(values)} fields, header has {len(header)}")
                entry = entry_from_record(_record(dict(zip(header, values, strict=True))), list_name, notes)
                if entry.id in seen:
                    raise RowProblem(f"duplicate id {entry.id!r}")
            except RowProblem as exc:
                issues.append(ImportIssue(line, str(exc)))
                continue
            seen.add(entry.id)
            entries.append(entry)
            issues.extend(ImportIssue(line, note, rejected=False) for note in notes)
    except csv.Error as exc:
        issues.append(
            ImportIssue(reader.line_num, f"unreadable CSV: {exc}; the rest of the file was not read")
        )
    return ImportResult(tuple(entries), tuple(issues), rows)


def _record(row: dict[str, str]) -> dict[str, object]:
    """A CSV row as a record of the JSONL contract."""
    record: dict[str, object] = {k: v.strip() for k, v in row.items() if k not in {"names"} and v.strip()}
    for column in ("document_number", "document_type", "document_country"):
        record.pop(column, None)
    names = [n.strip() for n in row.get("names", "").split(";") if n.strip()]
    if names:
        record["names"] = names
    number = row.get("document_number", "").strip()
    if number:
        record["documents"] = [
            {
                "number": number,
                "type": row.get("document_type", "").strip() or None,
                "issuing_country": row.get("document_country", "").strip() or None,
            }
        ]
    elif row.get("document_type", "").strip() or row.get("document_country", "").strip():
        raise RowProblem("document_type or document_country given without document_number")
    return record
