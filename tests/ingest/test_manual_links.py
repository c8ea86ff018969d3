"""An analyst's own API↔PNR link (``link_manually``): kept by reconciliation, followed by screening.

On SQLite and PostgreSQL (``storage_fixtures``). The bookings are the synthetic ones of
``test_stored_links``: a booking made under a name nothing like the passport's, and two carriers that
issued the same locator.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ingest.test_stored_links import AT, OTHER_NAME, SAME_LOCATOR, _ingest, _keys, _screen, _travellers
from openpiu.errors import NotFound, ReconciliationError
from openpiu.ingest.reconcile import link_manually, reconcile_all, unlink_manually
from openpiu.privacy.sealing import Sealer
from openpiu.store.hits import list_hits
from openpiu.store.pnr import reconciliation_rows
from openpiu.store.pnr_tables import reconciliation
from openpiu.store.sealed import seal_rows, sealed_value
from openpiu.store.tables import FlightRow

LATER = AT + timedelta(hours=1)


def _lines(engine: Engine) -> set[tuple[str, str | None, str | None, str | None, str | None]]:
    with engine.connect() as connection:
        return {
            (r["status"], r["api_name"], r["carrier"], r["pnr_name"], r["decided_by"])
            for r in reconciliation_rows(connection)
        }


def _flight(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(FlightRow.id)).scalar_one())


def _link(engine: Engine, traveller: int, booking: str, name: str, *, at: datetime = LATER) -> None:
    carrier, locator = booking.split("/")
    with engine.begin() as connection:
        link_manually(
            connection,
            flight_id=_flight(engine),
            traveller_id=traveller,
            carrier=carrier,
            record_locator=locator,
            name=name,
            user="ana",
            reason="same passport number on the check-in record",
            now=at,
        )


def test_a_manual_link_survives_reconciliation_and_screening_follows_it(engine: Engine) -> None:
    _ingest(engine, OTHER_NAME, surnames=("PETROVIC",))
    reconcile_all(engine, now=lambda: AT)
    assert _lines(engine) == {
        ("api_only", "PETROVIC/ANA", None, None, None),
        ("pnr_only", None, "JU", "JOVANOVIC/MILICA", None),
    }
    # Case and spacing as typed do not matter; the line holds the name as the booking has it.
    _link(engine, _travellers(engine)["PETROVIC"], "ju/qwe456", " jovanovic / milica ")
    manual = {("linked", "PETROVIC/ANA", "JU", "JOVANOVIC/MILICA", "ana")}
    assert _lines(engine) == manual
    reconcile_all(engine, now=lambda: LATER + timedelta(hours=1))
    # Kept, and no go-show or no-show line for the two travellers it joins.
    assert _lines(engine) == manual
    with engine.connect() as connection:
        (row,) = reconciliation_rows(connection)
    assert row["reason"] == "linked by ana: same passport number on the check-in record"
    assert (row["decided_at"], row["confidence"], row["name_mismatch"]) == (LATER, 1.0, True)
    summary = _screen(engine)
    api_key, _ = _keys(engine)
    with Session(engine) as session:
        (stored,) = list_hits(session)
    # The booking's name hit the list; the hit is about the API traveller the manual link names.
    assert stored.hit.traveller_key == api_key
    assert summary.reconciled_in_memory == 0


def test_unlink_hands_both_travellers_back_to_reconciliation(engine: Engine) -> None:
    _ingest(engine, OTHER_NAME, surnames=("PETROVIC",))
    petrovic = _travellers(engine)["PETROVIC"]
    _link(engine, petrovic, "JU/QWE456", "JOVANOVIC/MILICA")
    with engine.begin() as connection:
        removed = unlink_manually(connection, flight_id=_flight(engine), traveller_id=petrovic, now=LATER)
    assert (removed.carrier, removed.record_locator, removed.decided_by) == ("JU", "QWE456", "ana")
    automatic = {
        ("api_only", "PETROVIC/ANA", None, None, None),
        ("pnr_only", None, "JU", "JOVANOVIC/MILICA", None),
    }
    assert _lines(engine) == automatic
    reconcile_all(engine, now=lambda: LATER)
    assert _lines(engine) == automatic
    with engine.begin() as connection, pytest.raises(NotFound, match="no manual link"):
        unlink_manually(connection, flight_id=_flight(engine), traveller_id=petrovic, now=LATER)


def test_a_manual_link_replaces_the_automatic_lines_it_contradicts(engine: Engine) -> None:
    # PETROVIC is linked automatically to JU's ABC123; OS's NOVAK/ANA is a no-show.
    _ingest(engine, SAME_LOCATOR, surnames=("PETROVIC",))
    reconcile_all(engine, now=lambda: AT)
    assert _lines(engine) == {
        ("linked", "PETROVIC/ANA", "JU", "PETROVIC/ANA", None),
        ("pnr_only", None, "OS", "NOVAK/ANA", None),
    }
    petrovic = _travellers(engine)["PETROVIC"]
    with pytest.raises(NotFound, match="has no traveller 'KOVAC/ANA'"):
        _link(engine, petrovic, "JU/ABC123", "KOVAC/ANA")
    with pytest.raises(NotFound, match="no booking JU/ZZZ999"):
        _link(engine, petrovic, "JU/ZZZ999", "PETROVIC/ANA")
    _link(engine, petrovic, "OS/ABC123", "NOVAK/ANA")
    expected = {
        ("linked", "PETROVIC/ANA", "OS", "NOVAK/ANA", "ana"),
        ("pnr_only", None, "JU", "PETROVIC/ANA", None),
    }
    assert _lines(engine) == expected
    reconcile_all(engine, now=lambda: LATER)
    assert _lines(engine) == expected
    with pytest.raises(ReconciliationError, match="already linked by hand"):
        _link(engine, petrovic, "JU/ABC123", "PETROVIC/ANA")
    assert _lines(engine) == expected


def test_masking_a_manual_line_seals_the_analysts_words_and_keeps_who(engine: Engine) -> None:
    _ingest(engine, OTHER_NAME, surnames=("PETROVIC",))
    _link(engine, _travellers(engine)["PETROVIC"], "JU/QWE456", "JOVANOVIC/MILICA")
    sealer = Sealer(bytes(32))
    with engine.begin() as connection:
        (line,) = reconciliation_rows(connection)
        assert seal_rows(connection, sealer, reconciliation, [line["id"]], now=LATER) == 1
        (masked,) = reconciliation_rows(connection)
        blob = connection.execute(select(sealed_value.c.blob)).scalar_one()
    assert (masked["reason"], masked["pnr_name"], masked["decided_by"]) == (None, None, "ana")
    opened = sealer.open_values(blob, context=f"reconciliation:{line['id']}")
    assert opened["reason"] == "linked by ana: same passport number on the check-in record"
