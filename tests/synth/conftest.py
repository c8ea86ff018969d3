"""A small synthetic day shared by the synth tests (generated once per session: generation is costly)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from openpiu.synth import SynthDay, SynthSummary, generate_day, write_day

# At this seed and scale the day holds a two-part passenger series and quirky files (round trip).
DAY = date(2026, 11, 30)
SEED = 4
SCALE = 0.03


@pytest.fixture(scope="session")
def small_day() -> SynthDay:
    return generate_day(seed=SEED, scale=SCALE, day=DAY)


@pytest.fixture(scope="session")
def written_day(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    out = tmp_path_factory.mktemp("synth")
    return out, write_day(out, seed=SEED, scale=SCALE, day=DAY, pnr=True)
