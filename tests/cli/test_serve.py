"""``openpiu serve`` refuses to start without the key that encrypts the TOTP secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_serve_without_a_secret_key_stops_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENPIU_")}
    env["OPENPIU_DATABASE_URL"] = f"sqlite:///{tmp_path / 'x.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "openpiu", "serve", "--port", "1"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "openpiu: error: OPENPIU_SECRET_KEY is not set: it encrypts the TOTP secrets at rest "
        "(make one with `openpiu users keygen`)"
    ]


def test_keygen_prints_a_usable_key() -> None:
    from openpiu.accounts.sealing import SecretBox

    result = subprocess.run(
        [sys.executable, "-m", "openpiu", "users", "keygen"], capture_output=True, text=True, check=True
    )
    box = SecretBox(result.stdout.strip())
    assert box.open(box.seal("JBSWY3DPEHPK3PXP")) == "JBSWY3DPEHPK3PXP"
