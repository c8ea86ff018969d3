"""``openpiu parse`` on a PNRGOV file: JSON and tables, sensitive data never shown."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from openpiu.cli import app

PNR = (
    "UNB+IATA:1+ZZ+RSPIU+250313:1030+42'UNH+1+PNRGOV:13:1:IA'MSG+:22'TVL+140325:1030+IST+BEG+ZZ+0456'"
    "SRC'RCI+ZZ:CLI001'IFT+4:28+PAX NEEDS OXYGEN'TIF+HOXHA+DRITA MRS:A:1'UNT+8+1'UNZ+1+42'"
)


def test_parse_pnr_json(tmp_path: Path) -> None:
    path = tmp_path / "push.edi"
    path.write_text(PNR)
    result = CliRunner().invoke(app, ["parse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["kind"] == "pnr"
    assert document["bookings"][0]["travellers"][0]["surname"] == "HOXHA"
    assert document["bookings"][0]["removed_categories"] == ["health"]
    assert "OXYGEN" not in result.output


def test_parse_pnr_tables(tmp_path: Path) -> None:
    path = tmp_path / "push.edi"
    path.write_text(PNR)
    result = CliRunner().invoke(app, ["parse", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Bookings (1)" in result.output
    assert "CLI001" in result.output
    assert "HOXHA" in result.output
    assert "OXYGEN" not in result.output
