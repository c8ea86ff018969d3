"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The public samples live beside the repository, in ../shared; they are read in place, never copied.
SHARED = Path(os.environ.get("OPENPIU_SHARED", str(ROOT.parent / "shared")))


@pytest.fixture
def shared_dir() -> Path:
    """The ``../shared`` folder; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared folder not found at {SHARED} (set OPENPIU_SHARED)")
    return SHARED


@pytest.fixture
def corpus_dir(shared_dir: Path) -> Path:
    """The GTAS public sample messages; skips the test when they are absent."""
    path = shared_dir / "corpus" / "gtas"
    if not path.is_dir():
        pytest.skip(f"public corpus not found at {path}")
    return path
