"""``openpiu synth``: writes a day, prints a summary, refuses bad arguments in one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openpiu.cli import app


def test_synth_writes_messages_and_truth_and_prints_a_summary(tmp_path: Path) -> None:
    args = ["synth", "--out", str(tmp_path), "--seed", "2", "--scale", "0.01", "--date", "2026-11-29"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    for label in ("flights", "passengers", "crew", "PAXLST files", "time"):
        assert label in result.output
    messages = sorted(p.name for p in (tmp_path / "api").iterdir())
    files = re.search(r"PAXLST files\s*│\s*(\d+)", result.output)
    assert files, result.output
    # Two flights (out and back), each a crew list and one or more passenger parts; the summary counts them.
    assert len(messages) == int(files.group(1)) >= 4
    assert all(name.startswith("20261129_") for name in messages)
    truth = sorted(p.stem for p in (tmp_path / "truth").iterdir())
    assert truth == sorted([Path(name).stem for name in messages] + ["day"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "0"], "--scale must be above 0"),
        (["--scale", "much"], "--scale must be a number"),
        (["--seed", "x"], "--seed must be an integer"),
        (["--date", "2026-13-01"], "--date must be YYYY-MM-DD"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["synth", "--out", str(tmp_path), *args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"openpiu: error: {message}")
    assert not (tmp_path / "api").exists()


def test_out_must_be_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    result = CliRunner().invoke(app, ["synth", "--out", str(target), "--scale", "0.01"])
    assert result.exit_code == 2 and "is not a folder" in result.output
