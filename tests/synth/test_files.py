"""``write_day``: one interchange per file, truth beside it, summary counts, and the truth-less mode."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpiu.synth import SynthSummary, generate_day, write_day


def test_summary_counts_what_was_written(written_day: tuple[Path, SynthSummary]) -> None:
    out, summary = written_day
    files = list((out / "api").iterdir())
    assert summary.files == len(files)
    assert summary.bytes == sum(p.stat().st_size for p in files)
    assert all(p.read_bytes().count(b"UNZ") == 1 for p in files)  # one interchange per file
    assert 0 < max(summary.quirks.values()) <= summary.quirky_files <= summary.files
    day = generate_day(seed=summary.seed, scale=summary.scale, day=summary.day)
    assert (summary.flights, summary.passengers, summary.crew) == (len(day.flights), day.passengers, day.crew)


def test_without_truth_only_messages_are_written(tmp_path: Path) -> None:
    summary = write_day(tmp_path, seed=3, scale=0.01, day=date(2026, 12, 1), truth=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["api"]
    assert len(list((tmp_path / "api").iterdir())) == summary.files == 4
