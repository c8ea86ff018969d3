"""Facts of many travellers (a flight, a day of history) as columns, so rules run once per column.

Numbers, booleans, dates and times become ``float64`` arrays with ``NaN`` for unknown (booleans 1/0,
dates as days and times as hours since 1970-01-01), so every comparison is one numpy operation and an
unknown value compares false. Text becomes dictionary codes (``int32``) over the column's vocabulary,
with the code ``len(vocabulary)`` for unknown: a text condition is evaluated once per distinct value and
then gathered, which makes ``contains``/``starts_with`` as cheap as equality. A set of texts becomes a
boolean membership matrix (travellers x vocabulary) and a size column.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
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


@dataclass(frozen=True, slots=True)
class TextColumn:
    """Dictionary-coded text: ``codes[i]`` indexes ``vocabulary``; ``len(vocabulary)`` means unknown.

    ``index`` maps each value to its code; ``words`` is the vocabulary as a numpy string array, so that
    prefix and substring tests run once over the distinct values, vectorised.
    """

    codes: npt.NDArray[np.int32]
    vocabulary: tuple[str, ...]
    index: dict[str, int]
    words: npt.NDArray[np.str_]

    def gather(self, answers: Mask) -> Mask:
        """Rows whose value has a true answer (one answer per vocabulary entry); unknown rows are false."""
        lut: Mask = np.append(answers, False)
        return lut[self.codes]

    def equal(self, value: str) -> Mask:
        code = self.index.get(value)
        if code is None:
            return np.zeros(len(self.codes), dtype=np.bool_)
        return np.equal(self.codes, code)

    def member(self, values: Iterable[str]) -> Mask:
        """Rows whose value is one of ``values``."""
        answers = np.zeros(len(self.vocabulary), dtype=np.bool_)
        for value in values:
            code = self.index.get(value)
            if code is not None:
                answers[code] = True
        return self.gather(answers)


@dataclass(frozen=True, slots=True)
class SetColumn:
    """Sets of text: ``members[i, j]`` is True when row ``i`` holds ``vocabulary[j]``.

    ``sizes`` is the size of each row's set, NaN when unknown.
    """

    members: Mask
    vocabulary: tuple[str, ...]
    sizes: Floats


Column = Floats | TextColumn | SetColumn


class FactTable:
    """Columns of facts for ``n`` travellers; built once per flight (or per backtest batch).

    Only the fields asked for are built: a rule set names the fields it reads (``RuleSet.fields``).
    """

    __slots__ = ("_columns", "_memo", "_present", "n")

    def __init__(self, n: int, columns: dict[str, Column]) -> None:
        self.n = n
        self._columns = columns
        self._present: dict[str, Mask] = {}
        self._memo: dict[Hashable, Mask] = {}

    def memo(self, key: Hashable, compute: Callable[[FactTable], Mask]) -> Mask:
        """``compute(self)``, once per ``key`` (a condition) for this table. Masks are never modified."""
        mask = self._memo.get(key)
        if mask is None:
            mask = self._memo[key] = compute(self)
        return mask

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

    def present(self, field: str) -> Mask:
        """Rows where the fact is known (cached: ``not`` and ``ne`` ask for it often)."""
        mask = self._present.get(field)
        if mask is None:
            column = self._columns[field]
            if isinstance(column, np.ndarray):
                mask = ~np.isnan(column)
            elif isinstance(column, TextColumn):
                mask = column.codes != len(column.vocabulary)
            else:
                mask = ~np.isnan(column.sizes)
            self._present[field] = mask
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
    index: dict[str, int] = {}
    missing = -1
    codes = [missing if not v else index.setdefault(str(v), len(index)) for v in values]
    array = np.array(codes, dtype=np.int32)
    array[array == missing] = len(index)
    vocabulary = tuple(index)
    return TextColumn(array, vocabulary, index, np.array(vocabulary, dtype=np.str_))


def _set_column(values: list[FactValue]) -> SetColumn:
    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    sizes = np.full(len(values), np.nan)
    for row, value in enumerate(values):
        if isinstance(value, frozenset):
            sizes[row] = len(value)
            for item in value:
                rows.append(row)
                cols.append(index.setdefault(item, len(index)))
    members = np.zeros((len(values), len(index)), dtype=np.bool_)
    members[rows, cols] = True
    return SetColumn(members, tuple(index), sizes)
