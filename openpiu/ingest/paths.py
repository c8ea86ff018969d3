"""Ingest from files and folders, and from byte strings handed in by a caller."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import Engine

from openpiu.ingest.intake import Clock, Intake, Parser, Progress, utc_now
from openpiu.ingest.summary import IngestSummary, Rejection


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """The files to ingest: each file given, and every file under each folder given, recursively.

    Hidden files and folders (``.DS_Store``, ``.git``) are skipped inside folders; files named
    explicitly are always taken. Order: as given, then sorted within each folder (reproducible runs).

    Raises:
        FileNotFoundError: a path does not exist.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return files


def ingest_paths(
    engine: Engine,
    files: Sequence[Path],
    *,
    parse: Parser | None = None,
    now: Clock = utc_now,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest each file (see :func:`collect_files` to expand folders); the source is the file's path.

    A file that cannot be read is listed in ``unreadable`` and the run goes on.
    """
    intake = Intake(engine, parse=parse, now=now, progress=progress)

    def readable() -> Iterator[tuple[str, bytes]]:
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as exc:
                intake.tally.unreadable.append(Rejection(source=str(path), reason=exc.strerror or str(exc)))
                if progress is not None:
                    progress(str(path))
                continue
            yield str(path), data

    intake.receive_all(readable())
    return intake.summary()


def ingest_bytes(
    engine: Engine,
    messages: Iterable[tuple[str, bytes]],
    *,
    parse: Parser | None = None,
    now: Clock = utc_now,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest messages given as ``(source, bytes)`` pairs (a queue consumer, a test, the demo)."""
    intake = Intake(engine, parse=parse, now=now, progress=progress)
    intake.receive_all(messages)
    return intake.summary()


def retry_rejected(
    engine: Engine,
    *,
    parse: Parser | None = None,
    now: Clock = utc_now,
    progress: Progress | None = None,
) -> IngestSummary:
    """Re-parse every rejected (or never processed) stored message; ``received`` counts those retried."""
    intake = Intake(engine, parse=parse, now=now, progress=progress)
    intake.retry()
    return intake.summary()
