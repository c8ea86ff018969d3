"""Facts of many travellers (a flight, a day of history) as columns, so rules run once per column.

Numbers, booleans, dates and times become ``float64`` arrays with ``NaN`` for unknown (booleans 1/0,
dates as days and times as hours since 1970-01-01), so a comparison is one numpy operation and an
unknown value compares false. Text and sets of text become one bitset (a Python integer, bit ``i`` for
row ``i``) per distinct value: a flight has few distinct airports, agencies or nationalities, so equality
and membership are a look-up and an OR. Conditions come out as bitsets, which the compiled rules combine
(``compile.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from openpiu.screening.rules.facts import Facts, FactValue
from openpiu.screening.rules.schema import FACT_SCHEMA, FactType

Mask = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]

EPOCH_DAY = date(1970, 1, 1)
EPOCH = datetime(1970, 1, 1)
NUMERIC = {FactType.BOOL, FactType.NUMBER, FactType.DATE, FactType.DATETIME}


def to_float(value: FactValue) -> float:
    """A scalar fact as its column number: 1/0 for booleans, days for dates, hours for times."""
    if value is None:
        return np.nan
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, datetime):
        return (value - EPOCH).total_seconds() / 3600.0
    if isinstance(value, date):
        return float((value - EPOCH_DAY).days)
    if isinstance(value, int | float):
        return float(value)
    raise TypeError(f"not a numeric fact: {value!r}")


def to_bits(mask: Mask) -> int:
    """A boolean mask as an integer whose bit ``i`` is ``mask[i]``."""
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


@dataclass(frozen=True, slots=True)
class TextColumn:
    """Text as a bitset per distinct value: ``rows[value]`` has bit ``i`` set when row ``i`` holds it.

    ``known`` is the bitset of rows with a value. A flight has few distinct values per text fact
    (airports, agencies, nationalities), so equality and membership are a dictionary look-up and an OR,
    and prefix or substring tests run once per distinct value.
    """

    rows: dict[str, int]
    known: int

    def matching(self, test: Callable[[str], bool]) -> int:
        """Rows whose value passes ``test``."""
        bits = 0
        for value, rows in self.rows.items():
            if test(value):
                bits |= rows
        return bits

    def member(self, values: Iterable[str]) -> int:
        """Rows whose value is one of ``values``."""
        bits = 0
        for value in values:
            bits |= self.rows.get(value, 0)
        return bits


@dataclass(frozen=True, slots=True)
class SetColumn:
    """Sets of text: ``rows[item]`` is the bitset of rows whose set holds ``item``; ``known`` the rows
    with a set (possibly empty); ``sizes`` the size of each row's set, NaN when unknown."""

    rows: dict[str, int]
    known: int
    sizes: Floats


Column = Floats | TextColumn | SetColumn


class FactTable:
    """Columns of facts for ``n`` travellers; built once per flight (or per backtest batch).

    Only the fields asked for are built: a rule set names the fields it reads (``RuleSet.fields``).
    """

    __slots__ = ("_bits", "_columns", "_present", "_present_bits", "full", "n")

    def __init__(self, n: int, columns: dict[str, Column]) -> None:
        self.n = n
        self.full = (1 << n) - 1
        self._columns = columns
        self._present: dict[str, Mask] = {}
        self._present_bits: dict[str, int] = {}
        self._bits: dict[int, int] = {}

    @classmethod
    def from_rows(cls, rows: Sequence[Facts], fields: Iterable[str]) -> FactTable:
        """Build the columns of ``fields`` from per-traveller fact mappings (missing keys are unknown)."""
        columns: dict[str, Column] = {}
        for field in fields:
            ftype = FACT_SCHEMA[field].type
            values = [row.get(field) for row in rows]
            if ftype in NUMERIC:
                columns[field] = _numbers(ftype, values)
            elif ftype is FactType.TEXT:
                columns[field] = _text_column(values)
            else:
                columns[field] = _set_column(values)
        return cls(len(rows), columns)

    def numbers(self, field: str) -> Floats:
        column = self._columns[field]
        assert isinstance(column, np.ndarray)  # noqa: S101 - the schema type decided the column kind
        return column

    def text(self, field: str) -> TextColumn:
        column = self._columns[field]
        assert isinstance(column, TextColumn)  # noqa: S101 - the schema type decided the column kind
        return column

    def sets(self, field: str) -> SetColumn:
        column = self._columns[field]
        assert isinstance(column, SetColumn)  # noqa: S101 - the schema type decided the column kind
        return column

    def forget(self) -> None:
        """Drop memoised conditions: condition keys belong to one rule set's compilation."""
        self._bits.clear()

    def bits(self, key: int, compute: Callable[[FactTable], Mask | int]) -> int:
        """``compute(self)`` as a bitset (bit ``i`` set when row ``i`` holds), once per ``key``."""
        value = self._bits.get(key)
        if value is None:
            result = compute(self)
            value = self._bits[key] = result if isinstance(result, int) else to_bits(result)
        return value

    def present_bits(self, field: str) -> int:
        """Rows where the fact is known, as a bitset."""
        value = self._present_bits.get(field)
        if value is None:
            column = self._columns[field]
            value = to_bits(self.present(field)) if isinstance(column, np.ndarray) else column.known
            self._present_bits[field] = value
        return value

    def present(self, field: str) -> Mask:
        """Rows where a numeric fact is known, as a mask (``ne`` and ``not_in`` need it)."""
        mask = self._present.get(field)
        if mask is None:
            mask = self._present[field] = ~np.isnan(self.numbers(field))
        return mask


_EPOCH_ORDINAL = EPOCH_DAY.toordinal()


def _numbers(ftype: FactType, values: list[FactValue]) -> Floats:
    """One numeric column; one conversion per type (the hot loop of building a flight's table)."""
    nan = np.nan
    numbers: list[Any]
    if ftype is FactType.DATETIME:
        times = cast(list[datetime | None], values)  # the schema types the field
        numbers = [nan if v is None else (v - EPOCH).total_seconds() / 3600.0 for v in times]
    elif ftype is FactType.DATE:
        days = cast(list[date | None], values)  # the schema types the field
        numbers = [nan if v is None else float(v.toordinal() - _EPOCH_ORDINAL) for v in days]
    else:
        # Numbers and booleans: numpy reads True/False as 1.0/0.0.
        numbers = [nan if v is None else v for v in values]
    return np.array(numbers, dtype=np.float64)


def _text_column(values: list[FactValue]) -> TextColumn:
    rows: dict[str, int] = {}
    known = 0
    for row, value in enumerate(values):
        if value:
            bit = 1 << row
            key = str(value)
            rows[key] = rows.get(key, 0) | bit
            known |= bit
    return TextColumn(rows, known)


def _set_column(values: list[FactValue]) -> SetColumn:
    rows: dict[str, int] = {}
    known = 0
    sizes = np.full(len(values), np.nan)
    for row, value in enumerate(values):
        if isinstance(value, frozenset):
            bit = 1 << row
            known |= bit
            sizes[row] = len(value)
            for item in value:
                rows[item] = rows.get(item, 0) | bit
    return SetColumn(rows, known, sizes)
