"""Receive → store raw → parse → store, many messages per transaction, nothing received ever lost.

Raw first: the received bytes are committed (SHA-256, receipt time, source, size) before the parser sees
them, so nothing received is ever lost, whatever the parser or the database then does. The parse outcome
is recorded on the raw message: parsed, parsed with warnings, or rejected with a one-line reason. The
same bytes received again are a no-op (a duplicate). A message whose parsing or storing fails is kept as
rejected (its partial rows rolled back) and the run goes on with the next one; ``retry`` re-parses the
rejected ones later, e.g. after a parser fix. Only a database that stops answering ends a run, as
:class:`~openpiu.errors.StorageError`.

Messages go through in batches (``receive_all``): the raw copies of a batch are committed in one
transaction, then every message of the batch is parsed, then the parsed rows of the whole batch and the
outcomes are committed in a second one. Committing once per batch instead of twice per message is what
lets a bulk load keep up with a region's traffic. If storing the batch fails, it is rolled back and
stored again one message per transaction, so that only the message at fault is rejected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import Connection, Engine

from openpiu.collector import fewer_collections
from openpiu.errors import ParseError
from openpiu.formats.sensitive import filter_sensitive
from openpiu.ingest.pnr import BookingStates, StoredPnr, store_pnr
from openpiu.ingest.summary import IngestSummary, Rejection, Tally
from openpiu.model import ApiManifest, ParseOutcome, ParseWarning, PnrPush
from openpiu.store.api import ManifestsOf, StoredManifests, store_manifests, store_many_manifests
from openpiu.store.db import error_text, storage_errors
from openpiu.store.flights import FlightCache
from openpiu.store.raw import (
    find_raw,
    insert_raw,
    raw_content,
    record_outcome,
    sha256_of,
    unfinished_raw,
)

# Longest reason stored for a rejection; a parser's message for a garbled file can be long.
MAX_REASON = 500
# Messages per batch (see the module docstring), and the most bytes a batch holds in memory.
BATCH_MESSAGES = 64
BATCH_BYTES = 32 * 1024 * 1024


class Parsed(Protocol):
    """What the parser returns for one file (``openpiu.formats.ParsedFile``)."""

    @property
    def kind(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def manifests(self) -> tuple[ApiManifest, ...]: ...
    @property
    def warnings(self) -> tuple[ParseWarning, ...]: ...
    @property
    def pushes(self) -> tuple[PnrPush, ...]: ...


class Parser(Protocol):
    """``openpiu.formats.parse_message``: bytes to :class:`Parsed`, or :class:`ParseError`."""

    def __call__(self, data: bytes, /, *, source: str) -> Parsed: ...


Clock = Callable[[], datetime]
# Called once per message handled, with its source; drives progress bars.
Progress = Callable[[str], None]


class Handled(StrEnum):
    """What became of one message."""

    DUPLICATE = "duplicate"
    PARSED = "parsed"
    WARNINGS = "parsed_with_warnings"
    REJECTED = "rejected"


def utc_now() -> datetime:
    return datetime.now(UTC)


class Intake:
    """An ingest run on one database: feed it messages, then read its :meth:`summary`.

    Args:
        engine: the database (schema current; see ``openpiu.store.require_current``).
        parse: the parser; ``openpiu.formats.parse_message`` by default.
        now: the clock giving receipt and processing times (tests and back-dated demos pass their own).
        progress: called with the source of each message once it is handled.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        parse: Parser | None = None,
        now: Clock = utc_now,
        progress: Progress | None = None,
    ) -> None:
        self.engine = engine
        self.parse = parse if parse is not None else default_parser()
        self.now = now
        self.progress = progress
        self.flights = FlightCache()
        self.states = BookingStates()
        self.tally = Tally()

    def summary(self) -> IngestSummary:
        return self.tally.summary()

    def receive(self, data: bytes, *, source: str) -> Handled:
        """Store ``data`` raw (committed), then parse and store what it holds.

        PNR data are filtered first (PNR Directive Art 6(1), 13(4)): the stored "raw" copy is the filtered
        one, and only the categories of what was removed are counted, never the content.
        """
        return self._receive_batch([(source, data)])[0]

    def receive_all(self, messages: Iterable[tuple[str, bytes]], *, batch: int = BATCH_MESSAGES) -> None:
        """Receive every ``(source, bytes)`` pair as :meth:`receive` does, ``batch`` messages (at most
        ``BATCH_BYTES``) per pair of transactions."""
        pending: list[tuple[str, bytes]] = []
        size = 0
        with fewer_collections():
            for source, data in messages:
                pending.append((source, data))
                size += len(data)
                if len(pending) >= batch or size >= BATCH_BYTES:
                    self._receive_batch(pending)
                    pending, size = [], 0
            if pending:
                self._receive_batch(pending)

    def retry(self) -> None:
        """Re-parse every rejected (or never processed) message in the store, oldest first."""
        with storage_errors(self.engine, "listing rejected messages"), self.engine.connect() as connection:
            pending = unfinished_raw(connection)
        for stored in pending:
            self.tally.received += 1
            with storage_errors(self.engine, f"reading {stored.source}"), self.engine.connect() as connection:
                data = raw_content(connection, raw_id=stored.id)
            if data is None:  # erased by retention since it was listed
                self._advance(stored.source)
                continue
            item = _Message(stored.source, data, stored.sha256, stored.received_at, raw_id=stored.id)
            self._parse(item)
            self._finish(item, self._store_alone(item))

    def _receive_batch(self, batch: Sequence[tuple[str, bytes]]) -> list[Handled]:
        items = [self._arrive(source, data) for source, data in batch]
        self._store_raw(items)
        work = [item for item in items if item.raw_id is not None]
        for item in work:
            self._parse(item)
        results: dict[int, Handled] = {}
        if work:
            try:
                with self.engine.begin() as connection:
                    # The API rows of the whole batch go in a few statements for all its files; before a
                    # PNR message, those deferred so far, so that flights are still found or created in
                    # the order the files came (the first message to name a flight sets its times).
                    deferred: list[_Message] = []
                    for item in work:
                        if deferred and item.parsed is not None and item.parsed.pushes:
                            self._store_deferred(connection, deferred)
                        results[id(item)] = self._store(connection, item, deferred=deferred)
                    self._store_deferred(connection, deferred)
            except Exception:
                # Whatever failed, the batch rolled back: store its messages again one per transaction,
                # so that only the one at fault is rejected.
                self.flights.discard()
                self.states.discard()
                results = {id(item): self._store_alone(item) for item in work}
            else:
                self.flights.commit()
                self.states.commit()
        return [self._finish(item, results.get(id(item), Handled.DUPLICATE)) for item in items]

    def _store_deferred(self, connection: Connection, deferred: list[_Message]) -> None:
        """Store the API rows of the ``deferred`` messages (see ``_store``) and empty the list."""
        stored = store_many_manifests(
            connection,
            [ManifestsOf(i.manifests, i.raw_id or 0, i.received_at) for i in deferred],
            flights=self.flights,
        )
        for item, rows in zip(deferred, stored, strict=True):
            item.stored = rows
        deferred.clear()

    def _arrive(self, source: str, data: bytes) -> _Message:
        self.tally.received += 1
        received_at = self.now()
        if b"PNRGOV" in data:
            filtered = filter_sensitive(data)
            data = filtered.data
            self.tally.removed.update(r.category.value for r in filtered.removals)
        return _Message(source, data, sha256_of(data), received_at)

    def _store_raw(self, items: list[_Message]) -> None:
        """Raw first: commit the bytes of every message of the batch; ``raw_id`` stays None for duplicates."""
        doing = f"storing {items[0].source}" + (f" and {len(items) - 1} more" if len(items) > 1 else "")
        seen: set[str] = set()
        with storage_errors(self.engine, doing), self.engine.begin() as connection:
            for item in items:
                if item.sha256 in seen:  # the same bytes twice in one batch
                    continue
                seen.add(item.sha256)
                raw_id = insert_raw(
                    connection,
                    data=item.data,
                    source=item.source,
                    received_at=item.received_at,
                    sha256=item.sha256,
                )
                if raw_id is None:
                    stored = find_raw(connection, sha256=item.sha256)
                    if stored is None or stored.outcome is not None:
                        continue
                    # Stored by an earlier run that stopped before parsing it: finish that job now.
                    raw_id, item.received_at = stored.id, stored.received_at
                item.raw_id = raw_id

    def _parse(self, item: _Message) -> None:
        try:
            parsed = self.parse(item.data, source=item.source)
        except ParseError as exc:
            item.reason = str(exc)
            return
        except Exception as exc:
            # A parser bug must not lose the message: it is kept, as rejected, for a retry after the fix.
            item.reason = f"parser failed: {_describe(exc)}"
            return
        if parsed.kind not in ("api", "pnr"):
            item.reason = f"{parsed.format}: {parsed.kind} messages are not stored yet"
            return
        item.parsed = parsed

    def _store(
        self, connection: Connection, item: _Message, *, deferred: list[_Message] | None = None
    ) -> Handled:
        """Record the outcome of ``item`` and store its rows, in the caller's transaction; its API rows
        are left to the caller when it passes ``deferred`` (the item is appended there)."""
        assert item.raw_id is not None  # noqa: S101 - only messages stored raw are stored
        parsed = item.parsed
        if parsed is None:
            return self._record_rejection(connection, item)
        outcome = ParseOutcome.WARNINGS if parsed.warnings else ParseOutcome.PARSED
        # The outcome first: it claims the message (see record_outcome) before any row is written.
        claimed = record_outcome(
            connection,
            raw_id=item.raw_id,
            outcome=outcome,
            processed_at=self.now(),
            kind=parsed.kind,
            format=parsed.format,
            warnings=parsed.warnings,
        )
        if not claimed:
            # Another ingest received the same bytes at the same time and stored them first.
            return Handled.DUPLICATE
        if deferred is not None:
            deferred.append(item)
        else:
            item.stored = store_manifests(
                connection,
                parsed.manifests,
                raw_id=item.raw_id,
                received_at=item.received_at,
                flights=self.flights,
            )
        item.pnr = store_pnr(
            connection,
            parsed.pushes,
            raw_id=item.raw_id,
            received_at=item.received_at,
            flights=self.flights,
            states=self.states,
        )
        return Handled.WARNINGS if outcome is ParseOutcome.WARNINGS else Handled.PARSED

    def _store_alone(self, item: _Message) -> Handled:
        """Store one message in its own transaction; if that fails, keep it as rejected."""
        try:
            with self.engine.begin() as connection:
                handled = self._store(connection, item)
        except Exception as exc:
            # Whatever failed, the transaction rolled back: keep the message, as rejected, and go on.
            self.flights.discard()
            self.states.discard()
            item.kind = item.parsed.kind if item.parsed is not None else item.kind
            item.parsed, item.reason = None, f"storing failed: {_describe(exc)}"
            return self._reject(item)
        self.flights.commit()
        self.states.commit()
        return handled

    def _finish(self, item: _Message, handled: Handled) -> Handled:
        """Count what became of ``item`` once its transaction committed, and report progress."""
        if handled is Handled.DUPLICATE:
            self.tally.duplicates += 1
        elif handled is Handled.REJECTED:
            self.tally.rejected += 1
            self.tally.rejections.append(Rejection(source=item.source, reason=item.reason or ""))
        else:
            stored, pnr = item.stored, item.pnr
            if stored is not None:
                self.tally.travellers += stored.travellers
                self.tally.flight_ids.update(stored.flight_ids)
            if pnr is not None:
                self.tally.travellers += pnr.travellers
                self.tally.flight_ids.update(pnr.flight_ids)
                self.tally.bookings += pnr.bookings
                self.tally.booking_changes.update(pnr.changes)
            if handled is Handled.WARNINGS:
                self.tally.with_warnings += 1
            else:
                self.tally.parsed += 1
        self._advance(item.source)
        return handled

    def _reject(self, item: _Message) -> Handled:
        """Record ``item`` as rejected in a transaction of its own."""
        # If even this fails the database is gone: StorageError ends the run (the raw message is safe).
        with (
            storage_errors(self.engine, f"recording the rejection of {item.source}"),
            self.engine.begin() as connection,
        ):
            return self._record_rejection(connection, item)

    def _record_rejection(self, connection: Connection, item: _Message) -> Handled:
        """Record ``item`` as rejected (one-line reason), in the caller's transaction."""
        assert item.raw_id is not None  # noqa: S101 - only messages stored raw are rejected
        reason = item.reason = _one_line(item.reason or "")
        claimed = record_outcome(
            connection,
            raw_id=item.raw_id,
            outcome=ParseOutcome.REJECTED,
            processed_at=self.now(),
            kind=item.kind,
            reason=reason,
        )
        return Handled.REJECTED if claimed else Handled.DUPLICATE

    def _advance(self, source: str) -> None:
        if self.progress is not None:
            self.progress(source)


@dataclass(slots=True)
class _Message:
    """One received message on its way through a batch."""

    source: str
    data: bytes
    sha256: str
    received_at: datetime
    raw_id: int | None = None  # None: a duplicate, nothing to do
    parsed: Parsed | None = None
    reason: str | None = None  # why it is rejected
    kind: str | None = None  # what it was, when known and rejected
    stored: StoredManifests | None = None
    pnr: StoredPnr | None = None

    @property
    def manifests(self) -> tuple[ApiManifest, ...]:
        return self.parsed.manifests if self.parsed is not None else ()


def default_parser() -> Parser:
    """``openpiu.formats.parse_message``, imported when first needed."""
    from openpiu.formats import parse_message

    return parse_message


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {error_text(exc)}"


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"
