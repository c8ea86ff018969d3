from __future__ import annotations

import subprocess
import sys


def test_version_prints_and_exits_zero() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "openpiu", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("openpiu ")
