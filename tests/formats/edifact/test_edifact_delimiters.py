"""The ``Delimiters`` value type: its defaults and ``Delimiters.DEFAULT``, compiled or not."""

from __future__ import annotations

import dataclasses

import pytest

from openpiu.formats.edifact import Delimiters


def test_default_is_a_class_attribute_not_a_field() -> None:
    # DEFAULT is declared on a base class so that mypyc's dataclass does not take it for a field.
    assert [f.name for f in dataclasses.fields(Delimiters)] == [
        "component",
        "element",
        "decimal",
        "release",
        "repetition",
        "terminator",
    ]
    assert Delimiters() == Delimiters.DEFAULT
    assert Delimiters.DEFAULT.una == "UNA:+.? '"
    assert Delimiters("*", "|").DEFAULT is Delimiters.DEFAULT


def test_instances_stay_frozen_and_slotted() -> None:
    delimiters = Delimiters(terminator="\n")
    assert not hasattr(delimiters, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delimiters.terminator = "'"  # type: ignore[misc]  # the point of the test: frozen
    assert dataclasses.replace(delimiters, release="") == Delimiters(release="", terminator="\n")
    assert hash(delimiters) == hash(Delimiters(terminator="\n"))
