"""The I/O edge of synthetic traffic: write a generated day as PAXLST files and ground-truth JSON.

Layout under ``out_dir``::

    api/<yyyymmdd>_<flight>_<route>_pax.edi        one interchange per file (``_pax1of3`` for series parts,
    api/<yyyymmdd>_<flight>_<route>_crew.edi       ``_crew`` for crew lists)
    truth/<same name>.json                         what ``openpiu parse --json`` must yield for that file
    truth/day.json                                 flights, bookings and people (original names, MRZ)

Messages and truth sit in separate folders so that ``openpiu ingest OUT/api`` reads only messages.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpiu.formats.paxlst_writer import write_paxlst
from openpiu.synth.day import generate_day
from openpiu.synth.network import state_of
from openpiu.synth.truth import day_truth, message_truth


@dataclass(frozen=True, slots=True)
class SynthSummary:
    """What ``write_day`` wrote."""

    out_dir: Path
    day: date
    seed: int
    scale: float
    flights: int
    passengers: int
    crew: int
    bookings: int
    files: int
    bytes: int
    quirky_files: int
    quirks: dict[str, int] = field(default_factory=dict)  # files per quirk


def write_day(out_dir: Path, *, seed: int, scale: float, day: date, truth: bool = True) -> SynthSummary:
    """Generate one day (``generate_day``) and write its messages and truth under ``out_dir``.

    Args:
        truth: also write ``truth/`` (per-file truth and ``day.json`` with every MRZ); the demo, which
            only ingests the messages, can skip it to save time.

    Existing files of the same names are overwritten; other files are left alone.
    """
    synth = generate_day(seed=seed, scale=scale, day=day)
    api_dir, truth_dir = out_dir / "api", out_dir / "truth"
    api_dir.mkdir(parents=True, exist_ok=True)
    if truth:
        truth_dir.mkdir(parents=True, exist_ok=True)
    flights = {f.key: f for f in synth.flights}
    files: dict[str, list[str]] = {}
    quirks: Counter[str] = Counter()
    size = 0
    quirky = 0
    for message in synth.messages:
        flight = flights[message.flight_key]
        data = write_paxlst(message.manifest, message.options)
        (api_dir / message.file_name).write_bytes(data)
        size += len(data)
        if truth:
            clearance = flight.departure_airport
            if state_of(flight.departure_airport) != flight.reporting_state:
                clearance = flight.arrival_airport
            document = message_truth(message, flight, clearance)
            (truth_dir / (Path(message.file_name).stem + ".json")).write_text(
                _dumps(document), encoding="utf-8"
            )
        files.setdefault(message.flight_key, []).append(message.file_name)
        quirks.update(message.quirks)
        quirky += bool(message.quirks)
    if truth:
        (truth_dir / "day.json").write_text(_dumps(day_truth(synth, files)), encoding="utf-8")
    return SynthSummary(
        out_dir=out_dir,
        day=day,
        seed=seed,
        scale=scale,
        flights=len(synth.flights),
        passengers=synth.passengers,
        crew=synth.crew,
        bookings=len(synth.bookings),
        files=len(synth.messages),
        bytes=size,
        quirky_files=quirky,
        quirks=dict(sorted(quirks.items())),
    )


def _dumps(value: object) -> str:
    # Compact: the C encoder (indentation would switch json to its much slower Python encoder).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
