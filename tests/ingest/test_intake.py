from __future__ import annotations

import gc
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from factories import paxlst
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from openpiu.collector import GC_YOUNG_THRESHOLD
from openpiu.errors import ParseError
from openpiu.formats import ParsedFile, parse_message
from openpiu.ingest import Handled, Intake, ingest_bytes, retry_rejected
from openpiu.model import DataState, ParseOutcome
from openpiu.store.queries import counts, get_raw_message
from openpiu.store.raw import insert_raw, sha256_of
from openpiu.store.tables import ApiMessageRow, FlightRow, RawMessageRow, TravelDocumentRow, TravellerRow

GARBAGE = b"this is not EDIFACT at all"


class Clock:
    """A controllable clock: each reading is one second after the previous one."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def raw(engine: Engine, data: bytes) -> RawMessageRow:
    with Session(engine) as session:
        row = get_raw_message(session, sha256=sha256_of(data))
    assert row is not None
    return row


def test_a_parsed_message_is_stored_with_its_outcome(engine: Engine) -> None:
    data = paxlst(surnames=("PETROVIC", "HOXHA"))
    summary = ingest_bytes(engine, [("inbox/a.edi", data)])
    assert (summary.received, summary.parsed, summary.with_warnings, summary.rejected) == (1, 1, 0, 0)
    assert (summary.travellers, summary.flights, summary.duplicates) == (2, 1, 0)
    row = raw(engine, data)
    assert (row.source, row.size, row.content, row.outcome) == (
        "inbox/a.edi",
        len(data),
        data,
        ParseOutcome.PARSED,
    )
    assert (row.kind, row.format, row.reason, row.warnings, row.attempts) == (
        "api",
        "PAXLST D05B",
        None,
        None,
        1,
    )
    assert row.processed_at is not None and row.processed_at >= row.received_at


def test_raw_bytes_are_committed_before_the_parser_sees_them(engine: Engine) -> None:
    seen: list[RawMessageRow] = []

    def parse_after_checking(data: bytes, *, source: str) -> ParsedFile:
        # Another connection sees the raw row: it was committed before parsing began.
        seen.append(raw(engine, data))
        return parse_message(data, source=source)

    ingest_bytes(engine, [("a.edi", paxlst())], parse=parse_after_checking)
    assert [(r.source, r.outcome) for r in seen] == [("a.edi", None)]


def test_a_message_that_cannot_be_parsed_stays_stored_as_rejected(engine: Engine) -> None:
    summary = ingest_bytes(engine, [("junk.txt", GARBAGE)])
    assert (summary.received, summary.rejected, summary.travellers) == (1, 1, 0)
    row = raw(engine, GARBAGE)
    assert (row.content, row.outcome, row.attempts) == (GARBAGE, ParseOutcome.REJECTED, 1)
    assert row.reason is not None and "not EDIFACT" in row.reason and "\n" not in row.reason
    assert [(r.source, r.reason) for r in summary.rejections] == [("junk.txt", row.reason)]


def test_warnings_are_recorded_on_the_raw_and_the_api_message(engine: Engine) -> None:
    data = paxlst(declared=5)
    summary = ingest_bytes(engine, [("w.edi", data)])
    assert (summary.parsed, summary.with_warnings) == (0, 1)
    row = raw(engine, data)
    assert row.outcome is ParseOutcome.WARNINGS
    assert row.warnings == [
        {"segment": 18, "tag": "CNT", "message": "declared 5 passengers but the message lists 1"}
    ]
    with Session(engine) as session:
        message = session.scalars(select(ApiMessageRow)).one()
    assert (message.declared_passengers, message.warnings) == (5, row.warnings)


def test_receiving_the_same_bytes_again_changes_nothing(engine: Engine) -> None:
    data = paxlst(surnames=("PETROVIC", "HOXHA"))
    ingest_bytes(engine, [("a.edi", data)])
    with Session(engine) as session:
        before = counts(session)
    again = ingest_bytes(engine, [("copy-of-a.edi", data), ("a.edi", data)])
    with Session(engine) as session:
        after = counts(session)
    assert (again.received, again.duplicates, again.parsed, again.travellers, again.flights) == (
        2,
        2,
        0,
        0,
        0,
    )
    assert after == before
    assert raw(engine, data).source == "a.edi"


def test_messages_about_one_flight_land_on_one_flight(engine: Engine) -> None:
    summary = ingest_bytes(
        engine,
        [
            ("part1.edi", paxlst(ref="1", surnames=("PETROVIC",))),
            ("part2.edi", paxlst(ref="2", surnames=("HOXHA", "BEGIC"))),
            ("other.edi", paxlst(ref="3", flight="JU124", surnames=("KRASNIQI",))),
        ],
    )
    assert (summary.parsed, summary.travellers, summary.flights) == (3, 4, 2)
    with Session(engine) as session:
        per_flight = session.execute(
            select(FlightRow.number, func.count(TravellerRow.id))
            .join(TravellerRow, TravellerRow.flight_id == FlightRow.id)
            .group_by(FlightRow.number)
            .order_by(FlightRow.number)
        ).all()
    assert [tuple(r) for r in per_flight] == [("0123", 3), ("0124", 1)]


def test_rejected_messages_are_parsed_again_by_retry(engine: Engine) -> None:
    data = paxlst()

    def old_parser(data: bytes, *, source: str) -> ParsedFile:
        raise ParseError("D05B not supported yet", file=source)

    first = ingest_bytes(engine, [("a.edi", data)], parse=old_parser)
    assert (first.rejected, first.travellers) == (1, 0)
    retried = retry_rejected(engine)
    assert (retried.received, retried.parsed, retried.rejected, retried.travellers) == (1, 1, 0, 1)
    row = raw(engine, data)
    assert (row.outcome, row.reason, row.attempts) == (ParseOutcome.PARSED, None, 2)
    # Nothing left to retry.
    assert retry_rejected(engine).received == 0


def test_a_parser_crash_is_recorded_and_the_run_goes_on(engine: Engine) -> None:
    def crashing_on_b(data: bytes, *, source: str) -> ParsedFile:
        if source == "b.edi":
            raise RuntimeError("index out of range\nwith a second line")
        return parse_message(data, source=source)

    summary = ingest_bytes(
        engine,
        [("a.edi", paxlst(ref="1")), ("b.edi", paxlst(ref="2")), ("c.edi", paxlst(ref="3"))],
        parse=crashing_on_b,
    )
    assert (summary.parsed, summary.rejected, summary.travellers) == (2, 1, 2)
    assert [(r.source, r.reason) for r in summary.rejections] == [
        ("b.edi", "parser failed: RuntimeError: index out of range with a second line")
    ]


def test_a_storage_failure_rolls_back_the_message_and_keeps_it_rejected(engine: Engine) -> None:
    def breaking_second_traveller(data: bytes, *, source: str) -> ParsedFile:
        parsed = parse_message(data, source=source)
        if source != "broken.edi":
            return parsed
        manifest = parsed.manifests[0]
        first, second = manifest.travellers
        # A surname the database refuses (NOT NULL), after the flight and the first rows were written.
        broken = replace(manifest, travellers=(first, replace(second, surname=None)))
        return replace(parsed, manifests=(broken,))

    summary = ingest_bytes(
        engine,
        [
            ("broken.edi", paxlst(ref="1", surnames=("A", "B"))),
            ("fine.edi", paxlst(ref="2", surnames=("C",))),
        ],
        parse=breaking_second_traveller,
    )
    assert (summary.parsed, summary.rejected, summary.travellers, summary.flights) == (1, 1, 1, 1)
    assert summary.rejections[0].reason.startswith("storing failed: IntegrityError")
    with Session(engine) as session:
        stored = session.scalars(select(TravellerRow.surname)).all()
        messages = session.scalars(select(ApiMessageRow.raw_message_id)).all()
    # Nothing of the broken message is left; the fine one (same flight) found its flight anyway.
    assert stored == ["C"]
    assert messages == [raw(engine, paxlst(ref="2", surnames=("C",))).id]
    assert raw(engine, paxlst(ref="1", surnames=("A", "B"))).outcome is ParseOutcome.REJECTED


def test_a_message_stored_but_never_processed_is_finished_when_received_again(engine: Engine) -> None:
    data = paxlst()
    # An earlier run stored the bytes, then stopped before parsing them.
    with engine.begin() as connection:
        insert_raw(connection, data=data, source="a.edi", received_at=datetime(2026, 3, 29, 7, 0, tzinfo=UTC))
    summary = ingest_bytes(engine, [("a.edi", data)])
    assert (summary.duplicates, summary.parsed, summary.travellers) == (0, 1, 1)
    with Session(engine) as session:
        person = session.scalars(select(TravellerRow)).one()
    # The receipt time is the first one: the retention clock started then.
    assert person.received_at == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)


def test_personal_rows_carry_the_receipt_time_and_start_active(engine: Engine) -> None:
    clock = Clock(datetime(2026, 3, 29, 7, 0, tzinfo=UTC))
    ingest_bytes(engine, [("a.edi", paxlst(surnames=("A", "B")))], now=clock)
    received = datetime(2026, 3, 29, 7, 0, 1, tzinfo=UTC)
    with Session(engine) as session:
        for row in (RawMessageRow, ApiMessageRow, TravellerRow, TravelDocumentRow):
            states = session.execute(select(row.received_at, row.data_state)).all()
            assert {tuple(s) for s in states} == {(received, DataState.ACTIVE)}, row.__tablename__


def test_progress_is_reported_once_per_message(engine: Engine) -> None:
    seen: list[str] = []
    intake = Intake(engine, progress=seen.append)
    results = [
        intake.receive(data, source=name) for name, data in [("a", paxlst()), ("b", GARBAGE), ("c", paxlst())]
    ]
    assert results == [Handled.PARSED, Handled.REJECTED, Handled.DUPLICATE]
    assert seen == ["a", "b", "c"]


@pytest.mark.parametrize("count", [0, 3])
def test_summary_accounts_for_every_message(engine: Engine, count: int) -> None:
    messages = [(f"m{i}", paxlst(ref=str(i))) for i in range(count)] + [
        ("junk", GARBAGE),
        ("m0", paxlst(ref="0")),
    ]
    s = ingest_bytes(engine, messages)
    assert s.received == len(messages) == s.duplicates + s.parsed + s.with_warnings + s.rejected


def test_two_ingests_of_the_same_bytes_at_once_store_them_once(engine: Engine) -> None:
    data = paxlst(surnames=("PETROVIC", "HOXHA"))
    # The first run stored the bytes and is parsing them when a second run receives them too.
    with engine.begin() as connection:
        insert_raw(connection, data=data, source="a.edi", received_at=datetime(2026, 3, 29, 7, 0, tzinfo=UTC))
    inner: list[Handled] = []

    def parse_while_another_ingest_runs(data: bytes, *, source: str) -> ParsedFile:
        if not inner:
            inner.append(Intake(engine).receive(data, source="b.edi"))
        return parse_message(data, source=source)

    outer = Intake(engine, parse=parse_while_another_ingest_runs)
    assert (inner, outer.receive(data, source="a.edi")) == ([Handled.PARSED], Handled.DUPLICATE)
    with Session(engine) as session:
        assert (counts(session).travellers, counts(session).api_messages) == (2, 1)
    assert raw(engine, data).attempts == 1


def test_a_batch_commits_every_raw_copy_before_parsing_any(engine: Engine) -> None:
    messages = [(f"m{i}.edi", paxlst(ref=str(i))) for i in range(3)]
    seen: list[list[ParseOutcome | None]] = []

    def parse_after_checking(data: bytes, *, source: str) -> ParsedFile:
        seen.append([raw(engine, d).outcome for _, d in messages])
        return parse_message(data, source=source)

    summary = ingest_bytes(engine, messages, parse=parse_after_checking)
    assert summary.parsed == 3
    # All three raw rows were there, none processed yet, when each message was parsed.
    assert seen == [[None, None, None]] * 3


def test_batches_keep_every_guarantee_across_their_boundaries(engine: Engine) -> None:
    data = [paxlst(ref=str(i), surnames=(f"P{i}",)) for i in range(5)]
    seen: list[str] = []
    intake = Intake(engine, progress=seen.append)
    # Batches of two: a duplicate inside a batch, one across batches, garbage in the middle.
    intake.receive_all(
        [("a", data[0]), ("a-again", data[0]), ("b", data[1]), ("junk", GARBAGE), ("b-again", data[1]),
         ("c", data[2])],
        batch=2,
    )  # fmt: skip
    summary = intake.summary()
    assert (summary.received, summary.parsed, summary.duplicates, summary.rejected) == (6, 3, 2, 1)
    assert summary.travellers == 3
    assert seen == ["a", "a-again", "b", "junk", "b-again", "c"]
    assert raw(engine, GARBAGE).outcome is ParseOutcome.REJECTED
    with Session(engine) as session:
        assert sorted(session.scalars(select(TravellerRow.surname)).all()) == ["P0", "P1", "P2"]


def test_a_run_collects_garbage_less_often_and_restores_the_collector(engine: Engine) -> None:
    seen: list[int] = []

    def parse(data: bytes, /, *, source: str) -> ParsedFile:
        seen.append(gc.get_threshold()[0])
        return parse_message(data, source=source)

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, *before[1:])
        ingest_bytes(engine, [("a.edi", paxlst(surnames=("PETROVIC",)))], parse=parse)
        assert seen == [GC_YOUNG_THRESHOLD]
        assert gc.get_threshold() == (700, *before[1:])
        # A collector switched off (threshold 0) or already laxer is left alone.
        for young in (0, GC_YOUNG_THRESHOLD * 2):
            gc.set_threshold(young, *before[1:])
            ingest_bytes(engine, [(f"{young}.edi", paxlst(ref=f"9{young}"))], parse=parse)
            assert seen[-1] == young
            assert gc.get_threshold() == (young, *before[1:])
    finally:
        gc.set_threshold(*before)
