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
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


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
