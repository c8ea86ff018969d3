"""A cheaper way to build frozen, slotted dataclasses on the parsers' hot paths.

A frozen dataclass's ``__init__`` stores each field with ``object.__setattr__(self, name, value)``: a
global lookup, an attribute lookup and a generic call per field. For a ``Traveller`` (22 fields) that is
about 3 µs, a sixth of the time PAXLST parsing spends per traveller. The builder made here stores each
field through its slot's own descriptor, bound once, which does the same thing (the object is identical:
frozen, equal, hashed and printed the same) in about a third of the time (measured in
``bench/parse_paxlst.py``, numbers in docs/benchmarks.md).

Only for classes without ``__post_init__`` (nothing would call it), with slots (the descriptors) and
without field names starting with an underscore (the builder's own names). A dataclass compiled by mypyc
(see ``openpiu/accel.py``) has no slots but native attribute descriptors, and its ``__init__`` is still the
Python one ``dataclasses`` writes (``object.__setattr__`` per field when frozen): it gets the same builder,
made with its own ``__new__``.

When this module itself runs compiled (it is in the group of ``openpiu/accel.py``), the builder is a
``Builder`` instead: no generated code, and about twice as fast again from compiled callers (PNRGOV
parse: 34k → 41k travellers/s, ``bench/parse_pnrgov.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import FunctionType
from typing import Any, TypeVar, cast

T = TypeVar("T")


class Builder:
    """The builder this module makes when it runs compiled (see the module docstring).

    Compiled by mypyc, ``object.__setattr__`` in a method of this class becomes one C call to Python's
    generic attribute setter, which stores through the slot's descriptor like the generated builder does
    but without an interpreter frame per object or an argument tuple per field. Interpreted, the same
    code would be the slow path a frozen dataclass's ``__init__`` takes, hence the generated builder there.
    """

    def __init__(self, cls: type, names: list[str], new: Callable[[type], object]) -> None:
        self.cls = cls
        self.names = names
        self.new = new

    def __call__(self, *values: object) -> object:
        names = self.names
        if len(values) != len(names):
            raise TypeError(f"build_{self.cls.__name__} takes {len(names)} values, got {len(values)}")
        obj = self.new(self.cls)
        for i in range(len(names)):
            object.__setattr__(obj, names[i], values[i])
        return obj


def positional_builder(cls: type[T]) -> Callable[..., T]:
    """A function ``build(v1, v2, ...)`` returning a ``cls`` with every field given, in declaration order.

    Defaults do not apply: the caller passes each field. Raises ``TypeError`` for a class that is not a
    slotted dataclass or that has a ``__post_init__``.
    """
    compiled = "__mypyc_attrs__" in cls.__dict__
    if not dataclasses.is_dataclass(cls) or not (compiled or "__slots__" in cls.__dict__):
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__ the builder would not call")
    names = [f.name for f in dataclasses.fields(cls)]
    if any(name.startswith("_") for name in names):
        raise TypeError(f"{cls.__name__} has a field name the builder reserves (leading underscore)")
    namespace: dict[str, Any] = {"_new": cls.__new__ if compiled else object.__new__, "_cls": cls}
    if COMPILED:
        return cast(Callable[..., T], Builder(cls, names, namespace["_new"]))
    lines = [f"def build({', '.join(names)}):", "    _obj = _new(_cls)"]
    for index, name in enumerate(names):
        namespace[f"_set{index}"] = getattr(cls, name).__set__
        lines.append(f"    _set{index}(_obj, {name})")
    lines.append("    return _obj")
    # Generated like dataclasses' own __init__ (which is built with exec too): the source is made here
    # from the field names of a class of ours, never from data.
    exec("\n".join(lines), namespace)  # noqa: S102 - see the comment above
    build: Callable[..., T] = namespace["build"]
    build.__qualname__ = f"build_{cls.__name__}"
    return build


# Whether this module runs compiled (openpiu/accel.py): a compiled function is not a Python function.
COMPILED = not isinstance(positional_builder, FunctionType)
