"""Receive → store raw → parse → store: one message at a time, each in its own transactions.

Raw first: the received bytes are committed (SHA-256, receipt time, source, size) before the parser sees
them, so nothing received is ever lost, whatever the parser or the database then does. The parse outcome
is recorded on the raw message: parsed, parsed with warnings, or rejected with a one-line reason. The
same bytes received again are a no-op (a duplicate). A message whose parsing or storing fails is kept as
rejected (its partial rows rolled back) and the run goes on with the next one; ``retry`` re-parses the
rejected ones later, e.g. after a parser fix. Only a database that stops answering ends a run, as
:class:`~openpiu.errors.StorageError`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import Engine

from openpiu.errors import ParseError
from openpiu.ingest.summary import IngestSummary, Rejection, Tally
from openpiu.model import ApiManifest, ParseOutcome, ParseWarning
from openpiu.store.api import store_manifests
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
        self.tally = Tally()

    def summary(self) -> IngestSummary:
        return self.tally.summary()

    def receive(self, data: bytes, *, source: str) -> Handled:
        """Store ``data`` raw (committed), then parse and store what it holds."""
        self.tally.received += 1
        received_at = self.now()
        digest = sha256_of(data)
        with storage_errors(self.engine, f"storing {source}"), self.engine.begin() as connection:
            raw_id = insert_raw(connection, data=data, source=source, received_at=received_at, sha256=digest)
            stored = None if raw_id is not None else find_raw(connection, sha256=digest)
        if stored is not None:
            if stored.outcome is not None:
                return self._duplicate(source)
            # Stored by an earlier run that stopped before parsing it: finish that job now.
            raw_id, received_at = stored.id, stored.received_at
        assert raw_id is not None  # noqa: S101 - inserted above, or found stored
        return self._process(raw_id, data, source=source, received_at=received_at)

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
            self._process(stored.id, data, source=stored.source, received_at=stored.received_at)

    def _process(self, raw_id: int, data: bytes, *, source: str, received_at: datetime) -> Handled:
        try:
            parsed = self.parse(data, source=source)
        except ParseError as exc:
            return self._reject(raw_id, source, str(exc))
        except Exception as exc:
            # A parser bug must not lose the message: it is kept, as rejected, for a retry after the fix.
            return self._reject(raw_id, source, f"parser failed: {_describe(exc)}")
        if parsed.kind != "api":
            return self._reject(raw_id, source, f"{parsed.format}: {parsed.kind} messages are not stored yet")
        outcome = ParseOutcome.WARNINGS if parsed.warnings else ParseOutcome.PARSED
        try:
            with self.engine.begin() as connection:
                # The outcome first: it claims the message (see record_outcome) before any row is written.
                claimed = record_outcome(
                    connection,
                    raw_id=raw_id,
                    outcome=outcome,
                    processed_at=self.now(),
                    kind=parsed.kind,
                    format=parsed.format,
                    warnings=parsed.warnings,
                )
                if claimed:
                    stored = store_manifests(
                        connection,
                        parsed.manifests,
                        raw_id=raw_id,
                        received_at=received_at,
                        flights=self.flights,
                    )
        except Exception as exc:
            # Whatever failed, the transaction rolled back: keep the message, as rejected, and go on.
            self.flights.discard()
            return self._reject(raw_id, source, f"storing failed: {_describe(exc)}", kind=parsed.kind)
        if not claimed:
            # Another ingest received the same bytes at the same time and stored them first.
            self.flights.discard()
            return self._duplicate(source)
        self.flights.commit()
        self.tally.travellers += stored.travellers
        self.tally.flight_ids.update(stored.flight_ids)
        if outcome is ParseOutcome.WARNINGS:
            self.tally.with_warnings += 1
        else:
            self.tally.parsed += 1
        self._advance(source)
        return Handled.WARNINGS if outcome is ParseOutcome.WARNINGS else Handled.PARSED

    def _reject(self, raw_id: int, source: str, reason: str, *, kind: str | None = None) -> Handled:
        reason = _one_line(reason)
        # If even this fails the database is gone: StorageError ends the run (the raw message is safe).
        with (
            storage_errors(self.engine, f"recording the rejection of {source}"),
            self.engine.begin() as connection,
        ):
            claimed = record_outcome(
                connection,
                raw_id=raw_id,
                outcome=ParseOutcome.REJECTED,
                processed_at=self.now(),
                kind=kind,
                reason=reason,
            )
        if not claimed:  # another ingest parsed it meanwhile
            return self._duplicate(source)
        self.tally.rejected += 1
        self.tally.rejections.append(Rejection(source=source, reason=reason))
        self._advance(source)
        return Handled.REJECTED

    def _duplicate(self, source: str) -> Handled:
        self.tally.duplicates += 1
        self._advance(source)
        return Handled.DUPLICATE

    def _advance(self, source: str) -> None:
        if self.progress is not None:
            self.progress(source)


def default_parser() -> Parser:
    """``openpiu.formats.parse_message``, imported when first needed."""
    from openpiu.formats import parse_message

    return parse_message


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {error_text(exc)}"


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"
