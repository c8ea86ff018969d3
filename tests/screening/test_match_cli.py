"""The `openpiu match` contract end to end: in process with Typer's runner, and once through the real
entry point for the one-line error a user sees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from openpiu.cli import app
from openpiu.errors import ScreeningError

WATCHLIST = [
    {"id": "W1", "names": ["Đorđe Vučić", "Ђорђе Вучић"], "surname": "Vučić", "given_names": "Đorđe",
     "date_of_birth": "1970-05-02", "nationality": "SRB", "sex": "M",
     "documents": [{"number": "012345678", "type": "P", "issuing_country": "SRB"}]},
    {"id": "W2", "names": ["Dževat Hodža"], "date_of_birth": "1980", "nationality": "RKS"},
    {"id": "W3", "names": ["Elira Hoxha"], "date_of_birth": "1992-07-30", "sex": "F"},
]  # fmt: skip
TRAVELLERS = [
    {"id": "T1", "surname": "VUCIC", "given_names": "DJORDJE", "date_of_birth": "1970-05-02", "sex": "M"},
    {"id": "T2", "surname": "HOXHA", "given_names": "XHEVAT", "date_of_birth": "1980-03-03"},
    {"id": "T3", "surname": "HOXHA", "given_names": "ELIRA", "date_of_birth": "1992-02-14"},
    {"id": "T4", "surname": "SMITH", "given_names": "JOHN", "documents": [{"number": "0123 45678"}]},
    {"id": "T5", "surname": "JONES", "given_names": "MARY", "date_of_birth": "1970-05-02"},
]


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


class _Result:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def _run(*args: str) -> _Result:
    """Run `openpiu match` in process; domain errors come back raised, as `main()` would print them."""
    result = CliRunner().invoke(app, ["match", *args])
    if isinstance(result.exception, ScreeningError):
        raise result.exception
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return _Result(result.exit_code, result.stdout, result.stderr)


def test_match_alerts_with_explanations(tmp_path: Path) -> None:
    watchlist = _write(tmp_path / "w.jsonl", WATCHLIST)
    travellers = _write(tmp_path / "t.jsonl", TRAVELLERS)
    out = tmp_path / "m.jsonl"
    result = _run("--watchlist", str(watchlist), "--travellers", str(travellers), "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(m["traveller_id"], m["entry_id"]) for m in lines] == [("T1", "W1"), ("T2", "W2"), ("T4", "W1")]
    first = lines[0]
    assert set(first) == {"traveller_id", "entry_id", "score", "explanation"}
    assert first["score"] == 1.0
    name = first["explanation"][0]
    assert name["feature"] == "name" and name["variant"] == "DJORDJE VUCIC"
    assert [t["similarity"] for t in name["tokens"]] == [1.0, 1.0]
    assert {e["feature"] for e in first["explanation"]} >= {"name", "date_of_birth"}
    assert lines[1]["explanation"][0]["rule"] == "south-slavic→albanian"
    assert any(e["feature"] == "document" and e["weight"] > 0 for e in lines[2]["explanation"])
    assert "entries 3, travellers 5, alerts 3, time" in result.stderr


def test_threshold_option_changes_alerts(tmp_path: Path) -> None:
    watchlist = _write(tmp_path / "w.jsonl", WATCHLIST)
    travellers = _write(tmp_path / "t.jsonl", TRAVELLERS)
    low = _run("--watchlist", str(watchlist), "--travellers", str(travellers), "--threshold", "0.3")
    strict = _run("--watchlist", str(watchlist), "--travellers", str(travellers), "--threshold", "1.0")
    assert low.returncode == strict.returncode == 0
    low_pairs = {(m["traveller_id"], m["entry_id"]) for m in map(json.loads, low.stdout.splitlines())}
    strict_pairs = {(m["traveller_id"], m["entry_id"]) for m in map(json.loads, strict.stdout.splitlines())}
    assert ("T3", "W3") in low_pairs  # same name, conflicting date of birth: only at a low threshold
    assert strict_pairs == {("T1", "W1"), ("T2", "W2")}


def test_bad_line_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    watchlist = _write(tmp_path / "w.jsonl", WATCHLIST)
    travellers = tmp_path / "t.jsonl"
    travellers.write_text(
        '{"id": "T1", "surname": "X"}\n{"id": "T2", "surname": "Y", "date_of_birth": "02.05.1970"}\n'
    )
    with pytest.raises(ScreeningError) as raised:
        _run("--watchlist", str(watchlist), "--travellers", str(travellers))
    assert str(raised.value) == f"{travellers}:2: date_of_birth '02.05.1970' is not YYYY-MM-DD"
    bad_list = tmp_path / "bad.jsonl"
    bad_list.write_text('{"id": "W1", "names": ["A B"]}\n{"id": "W2"}\n')
    with pytest.raises(ScreeningError) as raised:
        _run("--watchlist", str(bad_list), "--travellers", str(travellers))
    assert str(raised.value) == f"{bad_list}:2: no name and no document: nothing to screen"


def test_user_sees_one_line_and_exit_code_2(tmp_path: Path) -> None:
    travellers = _write(tmp_path / "t.jsonl", TRAVELLERS)
    result = subprocess.run(  # noqa: S603 -- our own entry point with test-made arguments
        [sys.executable, "-m", "openpiu", "match", "--watchlist", str(tmp_path / "nope.jsonl"),
         "--travellers", str(travellers)],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"openpiu: error: {tmp_path / 'nope.jsonl'}: cannot read: No such file or directory"
    ]
