"""Reading a message runs with fewer garbage-collector passes, and leaves the collector as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from factories import paxlst

import openpiu.formats
from openpiu.collector import GC_YOUNG_THRESHOLD, fewer_collections
from openpiu.formats import ParsedFile, parse_message


@pytest.fixture
def threshold() -> Iterator[tuple[int, ...]]:
    before = gc.get_threshold()
    gc.set_threshold(700, *before[1:])
    yield before
    gc.set_threshold(*before)


def test_the_block_raises_the_young_threshold_and_restores_it(threshold: tuple[int, ...]) -> None:
    with fewer_collections():
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
        with fewer_collections():  # nested: the outer block's setting stays
            assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
    assert gc.get_threshold() == (700, *threshold[1:])


def test_a_collector_switched_off_or_laxer_is_left_alone(threshold: tuple[int, ...]) -> None:
    for young in (0, GC_YOUNG_THRESHOLD * 2):
        gc.set_threshold(young, *threshold[1:])
        with fewer_collections():
            assert gc.get_threshold()[0] == young
        assert gc.get_threshold()[0] == young


def test_a_threshold_changed_inside_the_block_is_kept(threshold: tuple[int, ...]) -> None:
    with fewer_collections():
        gc.set_threshold(1234, *threshold[1:])
    assert gc.get_threshold()[0] == 1234


def test_parse_message_reads_under_the_block_and_restores_it(
    threshold: tuple[int, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real = openpiu.formats._parse

    def parse(data: bytes | str, *, source: str) -> ParsedFile:
        seen.append(gc.get_threshold()[0])
        return real(data, source=source)

    monkeypatch.setattr(openpiu.formats, "_parse", parse)
    parsed = parse_message(paxlst(surnames=("PETROVIC",)), source="a.edi")
    assert parsed.kind == "api"
    assert seen == [GC_YOUNG_THRESHOLD]
    assert gc.get_threshold() == (700, *threshold[1:])
