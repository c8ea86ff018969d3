"""Every API file of the public GTAS samples parses, with the README's passenger and crew counts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from openpiu.cli import main
from openpiu.formats import parse_message
from openpiu.formats.contract import to_contract

pytestmark = pytest.mark.corpus

# From ../shared/corpus/gtas/README.md (an independent count of NAD+FL / NAD+FM segments).
EXPECTED = {
    "Test1.txt": (0, 8),
    "Test3.txt": (260, 0),
    "apisMessage.txt": (2, 0),
    "multiple_flight_leg_apis.txt": (2, 0),
}
REQUIRED_KEYS = {"kind", "format", "sender", "recipient", "flights", "travellers", "warnings"}
FLIGHT_KEYS = {
    "carrier",
    "number",
    "departure_airport",
    "arrival_airport",
    "scheduled_departure",
    "scheduled_arrival",
}
TRAVELLER_KEYS = {"role", "surname", "given_names", "date_of_birth", "sex", "nationality", "documents"}
DOCUMENT_KEYS = {"type", "number", "issuing_country", "expiry_date"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_parses_with_expected_counts(corpus_dir: Path, name: str) -> None:
    parsed = parse_message((corpus_dir / name).read_bytes(), source=name)
    passengers = sum(len(m.passengers) for m in parsed.manifests)
    crew = sum(len(m.crew) for m in parsed.manifests)
    assert (passengers, crew) == EXPECTED[name]
    assert parsed.kind == "api"
    assert parsed.format.startswith("PAXLST D0")
    assert all(m.legs for m in parsed.manifests)


def test_corpus_multi_leg_file_has_three_legs(corpus_dir: Path) -> None:
    parsed = parse_message((corpus_dir / "multiple_flight_leg_apis.txt").read_bytes(), source="m")
    legs = parsed.manifests[0].legs
    assert [(leg.departure_airport, leg.arrival_airport) for leg in legs] == [
        ("MIA", "IAD"),
        ("IAD", "JFK"),
        ("JFK", "CDG"),
    ]
    reporting = parsed.manifests[0].reporting_leg
    assert reporting is not None and reporting.arrival_airport == "CDG"


def test_corpus_indented_file_reads_without_warnings(corpus_dir: Path) -> None:
    parsed = parse_message((corpus_dir / "apisMessage.txt").read_bytes(), source="a")
    assert parsed.warnings == ()
    assert parsed.manifests[0].travellers[0].reservation_ref == "TYR123"


def test_every_api_file_in_the_corpus_is_covered(corpus_dir: Path) -> None:
    # The README table lists every file; PAXLST ones must all be in EXPECTED.
    readme = (corpus_dir / "README.md").read_text()
    listed = {line.split("|")[1].strip() for line in readme.splitlines() if "PAXLST" in line}
    assert listed == set(EXPECTED)


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """``openpiu *args`` in process, as the installed script runs it."""
    monkeypatch.setattr(sys, "argv", ["openpiu", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    captured = capsys.readouterr()
    return int(stopped.value.code or 0), captured.out, captured.err


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parse_json_gives_the_contract(
    corpus_dir: Path, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(monkeypatch, capsys, "parse", str(corpus_dir / name), "--json")
    assert code == 0, err
    document = json.loads(out)
    assert set(document) >= REQUIRED_KEYS
    assert document["kind"] == "api"
    assert len(document["travellers"]) == sum(EXPECTED[name])
    assert all(set(f) >= FLIGHT_KEYS for f in document["flights"])
    assert all(set(t) >= TRAVELLER_KEYS for t in document["travellers"])
    assert all(set(d) >= DOCUMENT_KEYS for t in document["travellers"] for d in t["documents"])
    assert all(set(w) >= {"segment", "tag", "message"} for w in document["warnings"])
    # The same function the CLI uses, in process: the CLI adds nothing of its own.
    parsed = parse_message((corpus_dir / name).read_bytes(), source=name)
    assert document == json.loads(json.dumps(to_contract(parsed)))


def test_pnrgov_files_are_read_as_pnr(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 3 (PNR intake): PNRGOV files are no longer rejected; their contract is tested in
    # tests/formats/pnrgov/.
    code, out, _ = run_cli(monkeypatch, capsys, "parse", str(corpus_dir / "pnr1.txt"), "--json")
    assert code == 0
    assert json.loads(out)["kind"] == "pnr"
