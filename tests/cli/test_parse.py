"""``openpiu parse``: tables or JSON on success (exit 0), one line on stderr and exit 2 otherwise."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from openpiu.cli import main

MESSAGE = (
    "UNA:+.? '\n"
    "UNB+UNOA:4+JUAIR:ZZ+RSPIU:ZZ+250314:0815+9'\n"
    "UNH+1+PAXLST:D:05B:UN:IATA+JU456/250314/1030+01:F'\n"
    "BGM+745+CLOB'\n"
    "TDT+20+JU456+++JU'\nLOC+125+IST'\nDTM+189:2503141030:201'\nLOC+87+BEG'\nDTM+232:2503141125:201'\n"
    "NAD+FL+++[RED]MARKOVIC:MILICA'\nATT+2++F'\nDTM+329:900102'\nNAT+2+MNE'\nDOC+P+ME123'\n"
    "CNT+42:2'\n"
    "UNT+14+1'\n"
    "UNZ+1+9'\n"
)


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


Run = Callable[..., Outcome]


@pytest.fixture
def openpiu(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``openpiu(*args)`` runs the command line in process, as the installed script does (``main``)."""
    # A wide terminal, so that Rich does not wrap the cells the tests look for.
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> Outcome:
        monkeypatch.setattr(sys, "argv", ["openpiu", *args])
        with pytest.raises(SystemExit) as stopped:
            main()
        captured = capsys.readouterr()
        code = stopped.value.code
        return Outcome(code if isinstance(code, int) else 1, captured.out, captured.err)

    return run


def test_parse_prints_tables(tmp_path: Path, openpiu: Run) -> None:
    path = tmp_path / "list.edi"
    path.write_text(MESSAGE)
    result = openpiu("parse", str(path))
    assert result.exit_code == 0, result.stderr
    assert "PAXLST D05B" in result.stdout
    assert "IST" in result.stdout and "BEG" in result.stdout
    # Names are printed as sent, never read as Rich markup.
    assert "[RED]MARKOVIC" in result.stdout
    assert "declared 2 passengers but the message lists 1" in result.stdout


def test_parse_json(tmp_path: Path, openpiu: Run) -> None:
    path = tmp_path / "list.edi"
    path.write_text(MESSAGE)
    result = openpiu("parse", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "PAXLST D05B"
    assert [t["surname"] for t in document["travellers"]] == ["[RED]MARKOVIC"]
    assert document["warnings"] == [
        {"segment": 14, "tag": "CNT", "message": "declared 2 passengers but the message lists 1"}
    ]


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path, openpiu: Run) -> None:
    result = openpiu("parse", str(tmp_path / "nope.edi"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"openpiu: error: {tmp_path / 'nope.edi'}: cannot read the file: No such file or directory\n"
    )


def test_unreadable_file_is_rejected_with_exit_2(tmp_path: Path, openpiu: Run) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(b"Dear colleague,\nplease find the list attached.\n")
    result = openpiu("parse", str(path), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "openpiu: error: letter.txt: not EDIFACT "
        "(expected UNA, UNB or UNH, found 'Dear colleague, please find the list att')\n"
    )


def test_directory_is_rejected_with_exit_2(tmp_path: Path, openpiu: Run) -> None:
    result = openpiu("parse", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("openpiu: error: ")
    assert result.stderr.count("\n") == 1


def test_installed_entry_point_never_prints_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.edi"
    path.write_bytes(b"")
    result = subprocess.run(  # noqa: S603 - this interpreter, our module, a path the test made
        [sys.executable, "-m", "openpiu", "parse", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == "openpiu: error: empty.edi: empty message (expected an EDIFACT interchange, found '')\n"
    )
