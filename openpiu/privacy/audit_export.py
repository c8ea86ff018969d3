"""Export of the access log for the supervisory authority: JSON lines with the chain's verification data.

Each line is one event with every hashed field plus ``sha256``; the first line (``"type": "export"``)
says the period, the anchor (``prev_sha256`` of the first event exported) and whether the whole log
verified when exported. Anyone can check an export offline with :func:`verify_export`: recompute each
event's SHA-256 over its canonical JSON (``openpiu.privacy.audit.canonical``) and follow the links from
the anchor, so an event altered, removed or inserted in the file is found.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from openpiu.privacy.audit import CHAINED_FIELDS, Verification, event_hash, query_digest, verify
from openpiu.store.audit import AuditEventRow

FORMAT = "openpiu-audit-export/1"


def _instant(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def export_lines(session: Session, *, start: datetime, end: datetime) -> Iterator[str]:
    """The header, then every event with ``start <= occurred_at < end`` in ``seq`` order, as JSON lines."""
    whole: Verification = verify(session)
    rows = session.scalars(
        select(AuditEventRow)
        .where(AuditEventRow.occurred_at >= start, AuditEventRow.occurred_at < end)
        .order_by(AuditEventRow.seq)
    ).all()
    header = {
        "type": "export",
        "format": FORMAT,
        "from": _instant(start),
        "to": _instant(end),
        "events": len(rows),
        "first_seq": rows[0].seq if rows else None,
        "last_seq": rows[-1].seq if rows else None,
        "anchor_prev_sha256": rows[0].prev_sha256 if rows else None,
        "log_verified": whole.ok,
        "log_head": f"{whole.head_seq}:{whole.head_sha256}" if whole.head_seq is not None else None,
        "log_problem": whole.problem,
        "hash": "SHA-256 over canonical JSON of the hashed fields (sorted keys, no spaces, UTF-8)",
        "hashed_fields": list(CHAINED_FIELDS),
        "search_text": "chained as SHA-256 of query_salt + query_text (query_sha256); both null once masked",
    }
    yield json.dumps(header, sort_keys=True)
    for row in rows:
        event: dict[str, Any] = {name: getattr(row, name) for name in CHAINED_FIELDS}
        event["query_salt"] = row.query_salt
        event["occurred_at"] = _instant(row.occurred_at)
        event["sha256"] = row.sha256
        yield json.dumps({"type": "event", **event}, sort_keys=True, ensure_ascii=False)


def verify_export(lines: Iterable[str]) -> tuple[int, str | None]:
    """Check an export: ``(events checked, problem or None)``."""
    items = [json.loads(line) for line in lines if line.strip()]
    if not items or items[0].get("type") != "export":
        return 0, "no export header"
    header, events = items[0], items[1:]
    if header["events"] != len(events):
        return 0, f"the header announces {header['events']} events, the file holds {len(events)}"
    prev = header["anchor_prev_sha256"]
    expected = header["first_seq"]
    for checked, event in enumerate(events, start=1):
        values = {name: event.get(name) for name in CHAINED_FIELDS}
        if event["seq"] != expected:
            return checked - 1, f"event {expected} is missing (found {event['seq']})"
        if event["prev_sha256"] != prev:
            return checked - 1, f"event {event['seq']} does not follow the previous one"
        text, salt, digest = event.get("query_text"), event.get("query_salt"), event.get("query_sha256")
        if event_hash(values) != event["sha256"] or (
            text is not None and (salt is None or digest is None or query_digest(salt, text) != digest)
        ):
            return checked - 1, f"event {event['seq']} was altered"
        prev, expected = event["sha256"], event["seq"] + 1
    if events and events[-1]["seq"] != header["last_seq"]:
        return len(events), f"the events after {events[-1]['seq']} are missing"
    return len(events), None
