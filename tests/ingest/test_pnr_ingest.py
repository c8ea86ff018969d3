"""PNR intake end to end on each backend: filtered raw first, every push kept, changes, reconciliation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from factories import paxlst
from sqlalchemy import Engine, select

from openpiu.ingest import Intake
from openpiu.ingest.reconcile import reconcile_all
from openpiu.store.pnr import booking_history, find_states, reconciliation_rows
from openpiu.store.pnr_tables import BookingChangeRow, PnrPushRow
from openpiu.store.tables import FlightRow, RawMessageRow

LEVEL0 = "ORG+JU:VIE'TVL+290326:0930+VIE+BEG+JU+123'EQN+1'"


def pnr(body: str, *, function: str = "22", ref: str = "1") -> bytes:
    inner = f"MSG+:{function}'{LEVEL0}{body}"
    count = inner.count("'") + 2
    return (
        f"UNA:+.?*'UNB+IATA:1+JU+RSPIU+260328:0930+{ref}'UNH+{ref}+PNRGOV:13:1:IA'{inner}"
        f"UNT+{count}+{ref}'UNZ+1+{ref}'"
    ).encode("ascii")


FIRST = pnr(
    "SRC'RCI+JU:ABC123::010326:0900'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "TIF+PETROVIC+ANA MRS:A:1'SSR+DOCS:HK:1:JU:::::/P/SRB/P00000000/SRB/12FEB85/F/01MAY31/PETROVIC/ANA+::1'"
    "SSR+MOML:HK:1:JU+::1'"
    "TIF+PETROVIC+LUKA MSTR:C:2'"
    "TKT+1150000000001:T:1'FOP+CC::120.00:VI:XXXXXXXXXXXX1111:0828'"
    "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'RPI+2+HK'SSR+SEAT:HK:2:JU:::VIE:BEG+12A::1+12B::2'",
    ref="1",
)
SECOND = pnr(
    "SRC'RCI+JU:ABC123::010326:0900'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "TIF+PETROVIC+ANA MRS:A:1'SSR+DOCS:HK:1:JU:::::/P/SRB/P00000000/SRB/12FEB85/F/01MAY31/PETROVIC/ANA+::1'"
    "TIF+PETROVIC+MARKO MR:A:3'"
    "TKT+1150000000001:T:1'FOP+CA::120.00'"
    "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'RPI+2+HK'SSR+SEAT:HK:2:JU:::VIE:BEG+14C::1+14D::3'",
    function="141",
    ref="2",
)
CANCEL = pnr("SRC'RCI+JU:ABC123::010326:0900'ORG'", function="141", ref="3")


def clock() -> object:
    start = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    ticks = iter(range(10_000))
    return lambda: start + timedelta(minutes=next(ticks))


def test_pushes_history_and_filtered_raw(engine: Engine) -> None:
    intake = Intake(engine, now=clock())  # type: ignore[arg-type]
    for data, source in ((FIRST, "first.edi"), (SECOND, "second.edi"), (CANCEL, "cancel.edi")):
        intake.receive(data, source=source)
    summary = intake.summary()
    assert (summary.bookings, summary.rejected, dict(summary.removed)) == (3, 0, {"religion_or_belief": 1})
    with engine.connect() as connection:
        stored = [row.content for row in connection.execute(select(RawMessageRow.content))]
        # The stored raw copy is the filtered one: the religious meal is not in any table.
        assert all(b"MOML" not in content for content in stored)
        assert b"SSR+RMVD::::::::RELIGION OR BELIEF" in stored[0]
        removed = [
            row.removed_categories for row in connection.execute(select(PnrPushRow.removed_categories))
        ]
        assert removed == [{"religion_or_belief": 1}, None, None]
        (state,) = find_states(connection, record_locator="abc123")
        assert (state["carrier"], state["cancelled"], state["versions"]) == ("JU", True, 3)
        # The current state keeps the last body: who was booked before the cancellation.
        assert [t["given_names"] for t in state["content"]["travellers"]] == ["ANA", "MARKO"]
        history = booking_history(connection, carrier="JU", record_locator="ABC123")
        kinds = [[c["kind"] for c in version["changes"]] for version in history]
        assert kinds == [
            ["created"],
            ["traveller_removed", "traveller_added", "seat_changed", "payment_changed"],
            ["cancelled"],
        ]
        assert [v["function"] for v in history] == ["22", "141", "141"]
        texts = [
            (c.kind, c.subject, c.before, c.after)
            for c in connection.execute(select(BookingChangeRow).order_by(BookingChangeRow.id))
        ]
        assert ("seat_changed", "PETROVIC/ANA", "12A", "14C") in texts
        # The booking created is stored with its traveller count, not with English words around it.
        assert texts[0] == ("created", "ABC123", None, "2")


def test_a_booking_twice_in_one_push_moves_its_state_twice(engine: Engine) -> None:
    # States are written once per push: a booking sent twice in it (a body, then its cancellation) still
    # counts two versions, two sets of changes, and keeps the body of the first as its current body.
    twice = pnr(
        "SRC'RCI+JU:XYZ789::010326:0900'TIF+NOVAK+LEA MS:A:1'TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'"
        "SRC'RCI+JU:XYZ789::010326:0900'ORG'",
        ref="7",
    )
    intake = Intake(engine, now=clock())  # type: ignore[arg-type]
    intake.receive(FIRST, source="first.edi")
    intake.receive(twice, source="twice.edi")
    assert intake.summary().bookings == 3
    with engine.connect() as connection:
        (state,) = find_states(connection, record_locator="XYZ789")
        assert (state["cancelled"], state["versions"]) == (True, 2)
        assert [t["given_names"] for t in state["content"]["travellers"]] == ["LEA"]
        history = booking_history(connection, carrier="JU", record_locator="XYZ789")
        assert [[c["kind"] for c in version["changes"]] for version in history] == [
            ["created"],
            ["cancelled"],
        ]
        (other,) = find_states(connection, record_locator="ABC123")
        assert other["versions"] == 1


def test_reconciliation_with_the_api_of_the_same_flight(engine: Engine) -> None:
    intake = Intake(engine, now=clock())  # type: ignore[arg-type]
    intake.receive(FIRST, source="first.edi")
    # API: ANA travels (linked by document number), NOVAK is a go-show; LUKA is a no-show.
    intake.receive(paxlst(flight="JU123", surnames=("PETROVIC", "NOVAK")), source="api.edi")
    (outcome,) = reconcile_all(engine, now=lambda: datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    assert (outcome.linked, outcome.api_only, outcome.pnr_only) == (1, 1, 1)
    with engine.connect() as connection:
        rows = reconciliation_rows(connection)
    lines = sorted((r["status"], r["api_name"], r["pnr_name"]) for r in rows)
    assert lines == [
        ("api_only", "NOVAK/ANA", None),
        ("linked", "PETROVIC/ANA", "PETROVIC/ANA"),
        ("pnr_only", None, "PETROVIC/LUKA"),
    ]
    linked = next(r for r in rows if r["status"] == "linked")
    assert linked["reasons"] == ["document number", "surname", "given names", "date of birth"]
    # Recomputing replaces, never duplicates.
    reconcile_all(engine)
    with engine.connect() as connection:
        assert len(reconciliation_rows(connection)) == 3


def test_a_batch_finds_flights_in_the_order_its_files_came(engine: Engine) -> None:
    # API first (it gives the arrival time), then a PNR push of the same flight (it does not), in one batch.
    intake = Intake(engine, now=clock())  # type: ignore[arg-type]
    intake.receive_all([("api.edi", paxlst()), ("pnr.edi", FIRST)])
    assert (intake.summary().parsed, intake.summary().flights) == (2, 1)
    with engine.connect() as connection:
        flights = connection.execute(select(FlightRow.number, FlightRow.scheduled_arrival_local)).all()
    assert [tuple(f) for f in flights] == [("0123", datetime(2026, 3, 29, 11, 5))]
