"""Everything held about one person, for a data-subject request: API travellers, PNR bookings, hits.

Clear rows are found by SQL and confirmed in Python (``openpiu.privacy.subjects.matches``); masked rows
only by opening their sealed values, which needs the re-personalisation key (a subject's right of
access covers masked data too). Never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, Text, func, select
from sqlalchemy import cast as sql_cast

from openpiu.model import DataState
from openpiu.privacy.sealing import Sealer
from openpiu.privacy.subjects import Criteria, fold, matches
from openpiu.review.keys import flight_key, hit_locators
from openpiu.store import pseudonyms
from openpiu.store.flights import flight_names
from openpiu.store.pnr_tables import booking_version, pnr_push
from openpiu.store.privacy_tables import SealedValueRow
from openpiu.store.review_tables import HitRow
from openpiu.store.tables import travel_document, traveller

sealed_value = cast(Table, SealedValueRow.__table__)
hit = cast(Table, HitRow.__table__)


@dataclass(frozen=True, slots=True)
class Held:
    """One row about the person: where it is, its state, and its values (opened when masked)."""

    table: str
    row_id: int
    state: str
    received_at: datetime | None
    values: dict[str, Any]


def find_held(
    connection: Connection, *, criteria: Criteria, pseudonym_key: bytes, sealer: Sealer | None = None
) -> list[Held]:
    """Every API traveller, PNR booking version and hit about the person (masked ones with ``sealer``);
    ``pseudonym_key`` finds the hits keyed by the pseudonym of their document or name."""
    found = _api_travellers(connection, criteria) + _bookings(connection, criteria)
    if sealer is not None:
        found += _masked(connection, criteria, sealer)
    found += _hits(connection, found, criteria, pseudonym_key)
    return found


def _api_travellers(connection: Connection, criteria: Criteria) -> list[Held]:
    names = {fold(criteria.surname), criteria.surname.strip().upper()}
    rows = connection.execute(
        select(traveller).where(
            func.upper(traveller.c.surname).in_(names), traveller.c.data_state == DataState.ACTIVE
        )
    ).mappings()
    people = list(rows)
    documents: dict[int, list[dict[str, Any]]] = {}
    if people:
        for doc in connection.execute(
            select(travel_document).where(travel_document.c.traveller_id.in_([p["id"] for p in people]))
        ).mappings():
            documents.setdefault(doc["traveller_id"], []).append(_plain(doc))
    flights = flight_names(connection, {p["flight_id"] for p in people})
    held = []
    for person in people:
        docs = documents.get(person["id"], [])
        if matches(criteria, dict(person), [d["number"] for d in docs]):
            values = _plain(person) | {"documents": docs, **_flight(flights, person["flight_id"])}
            held.append(
                Held("traveller", person["id"], DataState.ACTIVE.value, person["received_at"], values)
            )
    return held


def _bookings(connection: Connection, criteria: Criteria) -> list[Held]:
    text = func.upper(sql_cast(booking_version.c.content, Text))
    rows = connection.execute(
        select(booking_version, pnr_push.c.flight_id)
        .join(pnr_push, pnr_push.c.id == booking_version.c.pnr_push_id)
        .where(text.contains(fold(criteria.surname)), booking_version.c.data_state == DataState.ACTIVE)
    ).mappings()
    versions = list(rows)
    flights = flight_names(connection, {v["flight_id"] for v in versions})
    return [
        Held(
            "booking_version",
            version["id"],
            DataState.ACTIVE.value,
            version["received_at"],
            {
                "content": _subject_only(criteria, version["content"]),
                **_flight(flights, version["flight_id"]),
            },
        )
        for version in versions
        if _booking_matches(criteria, version["content"])
    ]


def _flight(names: dict[int, str], flight_id: int | None) -> dict[str, str | None]:
    """The flight of a record: its name (``JU0680/2026-11-29``) and the key hits name it by."""
    return {
        "flight": names.get(flight_id) if flight_id is not None else None,
        "flight_key": flight_key(flight_id) if flight_id is not None else None,
    }


def _booking_matches(criteria: Criteria, content: dict[str, Any] | None) -> bool:
    return bool(_subject_only(criteria, content)["travellers"])


def _subject_only(criteria: Criteria, content: dict[str, Any] | None) -> dict[str, Any]:
    """The booking with only the subject among its travellers: co-travellers are other people."""
    booking = dict(content or {})
    travellers = booking.get("travellers") or []
    own = [
        person
        for person in travellers
        if matches(criteria, person, [d.get("number") for d in person.get("documents") or []])
    ]
    booking["travellers"] = own
    booking["other_travellers"] = len(travellers) - len(own)
    return booking


def _masked(connection: Connection, criteria: Criteria, sealer: Sealer) -> list[Held]:
    held = []
    for row in connection.execute(
        select(
            sealed_value.c.table_name, sealed_value.c.row_id, sealed_value.c.blob, sealed_value.c.sealed_at
        ).where(sealed_value.c.table_name.in_(["traveller", "booking_version"]))
    ):
        values = sealer.open_values(row.blob, context=f"{row.table_name}:{row.row_id}")
        if row.table_name == "traveller":
            numbers = _sealed_documents(connection, sealer, row.row_id)
            if not matches(criteria, values, numbers):
                continue
        elif _booking_matches(criteria, values.get("content")):
            values["content"] = _subject_only(criteria, values.get("content"))
        else:
            continue
        held.append(Held(row.table_name, row.row_id, DataState.DEPERSONALISED.value, None, values))
    return held


def _sealed_documents(connection: Connection, sealer: Sealer, traveller_id: int) -> list[str]:
    ids = list(
        connection.execute(
            select(travel_document.c.id).where(travel_document.c.traveller_id == traveller_id)
        ).scalars()
    )
    if not ids:
        return []
    blobs = connection.execute(
        select(sealed_value.c.row_id, sealed_value.c.blob).where(
            sealed_value.c.table_name == "travel_document", sealed_value.c.row_id.in_(ids)
        )
    )
    return [
        str(sealer.open_values(b.blob, context=f"travel_document:{b.row_id}").get("number") or "")
        for b in blobs
    ]


def _hits(connection: Connection, found: list[Held], criteria: Criteria, secret: bytes) -> list[Held]:
    """Hits whose traveller key names a locator of the person's bookings or API records, one of their
    API records (rule hits), or their document or name (the pseudonyms of watchlist hits)."""
    locators: set[str] = set()
    keys = {f"traveller:{item.row_id}" for item in found if item.table == "traveller"}
    names: set[str] = set()
    numbers = {criteria.document} if criteria.document else set()
    for item in found:
        if item.table == "booking_version":
            content = item.values.get("content") or {}
            if content.get("record_locator"):
                locators.add(str(content["record_locator"]).upper())
            continue
        if item.values.get("reservation_ref"):
            locators.add(str(item.values["reservation_ref"]).upper())
        numbers.update(str(d.get("number") or "") for d in item.values.get("documents") or [])
        born = item.values.get("date_of_birth")
        names.add(
            pseudonyms.name_pseudonym(
                secret, str(item.values.get("surname") or ""), str(item.values.get("given_names") or ""), born
            )
        )
    names.update(p for n in numbers if (p := pseudonyms.document_pseudonym(secret, n)))
    if not (locators or keys or names):
        return []
    held = []
    for row in connection.execute(select(hit)).mappings():
        key = row["traveller_key"]
        if key in keys or key.rpartition("/")[2] in names or hit_locators(key) & locators:
            held.append(Held("hit", row["id"], str(row["data_state"]), row["first_seen"], _plain(row)))
    return held


def _plain(row: Any) -> dict[str, Any]:
    """A row's values as JSON-ready Python (dates and enums as text)."""
    out: dict[str, Any] = {}
    for key, value in dict(row).items():
        if hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        elif hasattr(value, "value") and not isinstance(value, int | float | str):
            out[key] = value.value
        else:
            out[key] = value
    return out
