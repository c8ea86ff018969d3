"""The positional builder gives what the dataclass constructor gives; it refuses what it cannot build."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest

from openpiu.model import Baggage, RawSegment, Role, Sex, TravelDocument, Traveller
from openpiu.model.construct import Builder, positional_builder

_NAMES = [f.name for f in dataclasses.fields(Traveller)]


@pytest.mark.parametrize(
    "make",
    [positional_builder, lambda cls: Builder(cls, _NAMES, object.__new__)],
    ids=["as this process builds (compiled or generated)", "Builder (what the compiled module uses)"],
)
def test_builder_equals_the_constructor_field_by_field(
    make: Callable[[type[Traveller]], Callable[..., Traveller]],
) -> None:
    document = TravelDocument("P", "012345678", "SRB", date(2030, 1, 15), None, "BEOGRAD", ())
    values = [
        Role.CREW, "PETROVIĆ", "MARKO", True, Sex.MALE, date(1985, 2, 12), "SRB", "BEOGRAD", "SRB", "BEG",
        "VIE", "BEG", None, (document,), "ABC123", "P1", "12A", Baggage(2, 23.5, "KGM", ("JU1",)), True,
        "CR1", (), (RawSegment(12, "FTX", "FTX+AAI"),),
    ]  # fmt: skip
    built = make(Traveller)(*values)
    expected = Traveller(*values)  # type: ignore[arg-type]  # the list mixes the field types
    assert built == expected
    assert hash(built) == hash(expected)
    assert repr(built) == repr(expected)
    assert [getattr(built, f.name) for f in dataclasses.fields(Traveller)] == values
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.surname = "X"  # type: ignore[misc]  # the point: it is frozen
    assert dataclasses.replace(built, seat="1A").seat == "1A"


def test_builder_refuses_classes_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    @dataclasses.dataclass(frozen=True, slots=True)
    class Reserved:
        _obj: int

    for cls in (NoSlots, Checked, Reserved, int):
        with pytest.raises(TypeError):
            positional_builder(cls)


def test_the_compiled_builder_refuses_a_wrong_number_of_values() -> None:
    build = Builder(TravelDocument, [f.name for f in dataclasses.fields(TravelDocument)], object.__new__)
    with pytest.raises(TypeError, match="build_TravelDocument takes 7 values, got 2"):
        build("P", "012345678")
