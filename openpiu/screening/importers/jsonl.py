"""OpenPIU's watchlist JSON lines: one entry per line, the ``openpiu match`` contract."""

from __future__ import annotations

import json

from openpiu.screening.importers.common import ImportIssue, ImportResult, RowProblem, entry_from_record


def decode_lines(data: bytes) -> list[tuple[int, str]]:
    """``(line number, text)`` of the non-blank lines of UTF-8 bytes (a BOM is allowed).

    Raises:
        RowProblem: the bytes are not UTF-8 (names the first bad line).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RowProblem(f"line {line}: not UTF-8 text") from exc
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def read_jsonl(data: bytes, list_name: str) -> ImportResult:
    """Entries from JSON lines; each bad line becomes a rejected ``ImportIssue`` with its line number."""
    entries = []
    issues = []
    try:
        lines = decode_lines(data)
    except RowProblem as exc:
        return ImportResult((), (ImportIssue(0, str(exc)),), 0)
    seen: set[str] = set()
    for number, line in lines:
        notes: list[str] = []
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise RowProblem("not a JSON object")
            entry = entry_from_record(record, list_name, notes)
            if entry.id in seen:
                raise RowProblem(f"duplicate id {entry.id!r}")
        except json.JSONDecodeError as exc:
            issues.append(ImportIssue(number, f"not JSON: {exc.msg} at column {exc.colno}"))
            continue
        except RowProblem as exc:
            issues.append(ImportIssue(number, str(exc)))
            continue
        seen.add(entry.id)
        entries.append(entry)
        issues.extend(ImportIssue(number, note, rejected=False) for note in notes)
    return ImportResult(tuple(entries), tuple(issues), len(lines))
