"""Every PNRGOV file of the public GTAS corpus parses with the README's counts.

The README counts SRC segments (bookings) and TIF segments (travellers). A TIF also names a group
(``TIF+NAME:G``), a checked-in traveller (Gr.7) and a traveller in a history item (Gr.11), so the count is
compared with all four.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from openpiu.formats import parse_message
from openpiu.formats.sensitive import filter_sensitive
from openpiu.model import Booking

EXPECTED = {
    "2_pnrs_basic.edi": (2, 8),
    "3_pnrs.edi": (3, 14),
    "adult_and_infant.edi": (1, 2),
    "bigbigPnr.txt": (47, 239),
    "pnr1.txt": (1, 3),
    "pnr2.txt": (1, 5),
    "pnrBadFormat.txt": (1, 2),
    "pnrMessagePg75.txt": (2, 3),
    "pnrMessagePg76.txt": (1, 2),
    "pnrMessagePg77.txt": (1, 1),
    "pnrWithDoco.txt": (1, 4),
}


def tif_count(booking: Booking) -> int:
    checked_in = sum(1 for leg in booking.itinerary for c in leg.checkins if c.surname is not None)
    history = sum(1 for item in booking.history if item.traveller)
    return len(booking.travellers) + (1 if booking.group_name else 0) + checked_in + history


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_corpus_counts(corpus_dir: Path, name: str, expected: tuple[int, int]) -> None:
    parsed = parse_message((corpus_dir / name).read_bytes(), source=name)
    bookings = [b for p in parsed.pushes for b in p.bookings]
    assert parsed.kind == "pnr"
    assert parsed.format.startswith("PNRGOV 1")
    assert (len(bookings), sum(tif_count(b) for b in bookings)) == expected


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_corpus_filtered_copy_parses_with_same_counts(
    corpus_dir: Path, name: str, expected: tuple[int, int]
) -> None:
    filtered = filter_sensitive((corpus_dir / name).read_bytes())
    parsed = parse_message(filtered.data, source=name)
    bookings = [b for p in parsed.pushes for b in p.bookings]
    assert (len(bookings), sum(tif_count(b) for b in bookings)) == expected
    removed = {c for b in bookings for c in b.removed_categories}
    assert removed == set(filtered.categories)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("pnrBadFormat.txt", "text after the last segment ignored"),
        ("pnrMessagePg76.txt", "segment count 173 but the message has 24"),
        ("pnrMessagePg77.txt", "segment count 173 but the message has 50"),
    ],
)
def test_damaged_files_parse_with_warnings(corpus_dir: Path, name: str, warning: str) -> None:
    parsed = parse_message((corpus_dir / name).read_bytes(), source=name)
    assert any(warning in w.message for w in parsed.warnings), parsed.warnings
    assert all(b.travellers for p in parsed.pushes for b in p.bookings)


@pytest.mark.corpus
def test_pg75_typographic_quotes_end_segments(corpus_dir: Path) -> None:
    parsed = parse_message((corpus_dir / "pnrMessagePg75.txt").read_bytes(), source="Pg75")
    first = parsed.pushes[0].bookings[0]
    assert [leg.leg.designator for leg in first.itinerary] == ["KE0609"]
    checkin = first.itinerary[0].checkins[0]
    assert (checkin.seat, checkin.sequence, checkin.surname, checkin.given_names) == (
        "39G",
        "ICN-188",
        "PARK",
        "SEJOON",
    )
    assert checkin.baggage is not None
    assert (checkin.baggage.count, checkin.baggage.weight, checkin.baggage.weight_unit) == (2, 34.0, "KG")
    # 618:1026000001:2 and 618:1026000002:3: each tag number with its count of consecutive tags.
    assert checkin.baggage.tags == ("1026000001", "1026000002", "1026000002", "1026000003", "1026000004")
    assert any("typographic" in w.message for w in parsed.warnings)
