"""What an ingest run did: counts for the operator and the rejected messages with their reasons."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Rejection:
    """A message that was not stored as parsed (or a file that could not be read), and why, in one line."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """Counts of one ingest run.

    ``received == duplicates + parsed + with_warnings + rejected``: every message read is exactly one of
    those. ``unreadable`` files never became messages (nothing could be stored) and are not counted in
    ``received``.

    Attributes:
        received: messages read (files, or byte strings handed in).
        duplicates: already stored and processed before: nothing done (idempotent intake).
        parsed: parsed without warnings and stored.
        with_warnings: parsed with warnings and stored.
        rejected: stored raw but not parsed; kept for ``retry_rejected``.
        travellers: travellers stored.
        flights: distinct flights the stored messages named.
        rejections: source and reason of each rejected message.
        unreadable: files that could not be read, with the reason.
    """

    received: int = 0
    duplicates: int = 0
    parsed: int = 0
    with_warnings: int = 0
    rejected: int = 0
    travellers: int = 0
    flights: int = 0
    rejections: tuple[Rejection, ...] = ()
    unreadable: tuple[Rejection, ...] = ()


@dataclass(slots=True)
class Tally:
    """The mutable counterpart of :class:`IngestSummary`, filled while a run goes on."""

    received: int = 0
    duplicates: int = 0
    parsed: int = 0
    with_warnings: int = 0
    rejected: int = 0
    travellers: int = 0
    flight_ids: set[int] = field(default_factory=set)
    rejections: list[Rejection] = field(default_factory=list)
    unreadable: list[Rejection] = field(default_factory=list)

    def summary(self) -> IngestSummary:
        return IngestSummary(
            received=self.received,
            duplicates=self.duplicates,
            parsed=self.parsed,
            with_warnings=self.with_warnings,
            rejected=self.rejected,
            travellers=self.travellers,
            flights=len(self.flight_ids),
            rejections=tuple(self.rejections),
            unreadable=tuple(self.unreadable),
        )
