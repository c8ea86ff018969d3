"""Round trip: every synthetic file, parsed with ``parse_message``, equals its ground truth exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("openpiu.formats.paxlst")

from openpiu.formats import parse_message
from openpiu.formats.contract import to_contract
from openpiu.synth import SynthSummary
from openpiu.synth.truth import TRUTH_ONLY


def _expected(truth: dict[str, Any]) -> dict[str, Any]:
    """The truth without its truth-only parts: exactly what the parse contract must hold."""
    expected = {key: value for key, value in truth.items() if key != "synth"}
    expected["travellers"] = [
        {key: value for key, value in traveller.items() if key not in TRUTH_ONLY}
        for traveller in truth["travellers"]
    ]
    return expected


def _like(found: Any, expected: Any) -> Any:
    """``found`` reduced to the keys ``expected`` has (the contract may carry more keys than the truth)."""
    if isinstance(expected, dict) and isinstance(found, dict):
        return {key: _like(found.get(key), value) for key, value in expected.items()}
    if isinstance(expected, list) and isinstance(found, list) and len(found) == len(expected):
        return [_like(f, e) for f, e in zip(found, expected, strict=True)]
    return found


def test_every_file_parses_back_to_its_ground_truth(written_day: tuple[Path, SynthSummary]) -> None:
    out, summary = written_day
    files = sorted((out / "api").iterdir())
    assert len(files) == summary.files and files
    quirky = 0
    for path in files:
        truth = json.loads((out / "truth" / f"{path.stem}.json").read_text(encoding="utf-8"))
        contract = to_contract(parse_message(path.read_bytes(), source=path.name))
        expected = _expected(truth)
        assert _like(contract, expected) == expected, path.name
        if truth["synth"]["quirks"]:
            quirky += 1
        elif truth["messages"][0]["sequence"] == 1 and truth["messages"][0]["final"]:
            assert contract["warnings"] == [], (path.name, contract["warnings"])
        else:
            # Parts of a series declare the flight's total (CNT), more than they list: a fair warning.
            assert {w["tag"] for w in contract["warnings"]} == {"CNT"}, (path.name, contract["warnings"])
    assert quirky > 0


def test_truth_keeps_original_names_and_the_day_file(written_day: tuple[Path, SynthSummary]) -> None:
    out, summary = written_day
    day = json.loads((out / "truth" / "day.json").read_text(encoding="utf-8"))
    assert len(day["flights"]) == summary.flights and len(day["bookings"]) == summary.bookings
    boarded = sum(len(f["passengers"]) for f in day["flights"])
    assert boarded == summary.passengers
    people = day["people"]
    some = next(iter(people.values()))
    assert set(some) >= {"surname", "given_names", "written_surname", "document"}
    assert all(len(p["document"]["mrz"]) in (2, 3) for p in people.values())
    originals = {p["surname"] for p in people.values()}
    assert any(not name.isascii() for name in originals)
    # Every booked traveller's ticket, in the order of the booking's travellers.
    assert all([t["person_id"] for t in b["tickets"]] == b["person_ids"] for b in day["bookings"])


def test_pnr_files_parse_back_with_every_travellers_ticket_as_in_the_truth(
    written_day: tuple[Path, SynthSummary],
) -> None:
    out, summary = written_day
    day = json.loads((out / "truth" / "day.json").read_text(encoding="utf-8"))
    bookings = {b["record_locator"]: b for b in day["bookings"]}
    files = sorted((out / "pnr").glob("*_1_full.edi"))
    assert summary.pnr is not None and files
    checked = 0
    for path in files:
        for booking in parse_message(path.read_bytes(), source=path.name).pushes[0].bookings:
            truth = bookings[booking.record_locator]
            if truth["ticketed"] is not None:  # ticketed after the full push
                continue
            paid = truth["payment"]
            assert len(booking.travellers) == len(truth["tickets"])
            found = [
                (t.tickets[0].number, t.tickets[0].payments[0].amount, t.tickets[0].payments[0].type)
                for t in booking.travellers
            ]
            expected = [(t["number"], t["fare"], paid["type"]) for t in truth["tickets"]]
            assert found == expected, path.name
            assert {t.tickets[0].payments[0].payer for t in booking.travellers} == {paid["card_holder"]}
            checked += len(found)
    assert checked > len(files)
