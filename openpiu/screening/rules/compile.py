"""Compile rules once into predicates over a ``FactTable``; evaluate a whole flight per call.

Each condition becomes a closure returning a boolean mask over the table's rows (one numpy operation per
condition, see ``table.py``), turned into a bitset (a Python integer); ``all``/``any``/``not`` combine
bitsets. Compilation resolves everything that
does not depend on the data (operator, converted literal values, bounds), so evaluation does no parsing
and no dispatch on types. ``interpret.py`` holds the plain per-traveller interpreter with the same meaning,
used for explanations and as the benchmark's baseline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce

import numpy as np

from openpiu.screening.rules.document import (
    AllOf,
    AnyOf,
    Condition,
    Difference,
    Node,
    Not,
    Op,
    Rule,
    node_fields,
)
from openpiu.screening.rules.facts import Facts
from openpiu.screening.rules.schema import FACT_SCHEMA, FactType
from openpiu.screening.rules.table import NUMERIC, FactTable, Floats, Mask, to_float

Predicate = Callable[[FactTable], Mask]
BitPredicate = Callable[[FactTable], int]
# A condition: a numpy mask (numeric columns) or a bitset (text and set columns, see table.py).
LeafPredicate = Callable[[FactTable], Mask | int]

_COMPARE: dict[Op, Callable[[Floats, float], Mask]] = {
    Op.EQ: np.equal,
    Op.LT: np.less,
    Op.LE: np.less_equal,
    Op.GT: np.greater,
    Op.GE: np.greater_equal,
}


def compile_node(node: Node, keys: dict[Node, int] | None = None) -> BitPredicate:
    """A predicate computing ``node`` for every row of a table, as a bitset (bit ``i`` = row ``i``).

    Leaf conditions run as one numpy operation over their column and are memoised per evaluation
    (``FactTable.bits``): rules compiled with the same ``keys`` that share a condition (``payment.cash eq
    true``) compute it once per flight. ``all``/``any``/``not`` then combine Python integers, which costs
    tens of nanoseconds where a numpy call on a small array costs a microsecond; ``all`` stops as soon as
    no row is left, so most rules stop after their first, most selective, condition.
    """
    keys = {} if keys is None else keys
    if isinstance(node, AllOf):
        return _all([compile_node(item, keys) for item in node.items])
    if isinstance(node, AnyOf):
        return _any([compile_node(item, keys) for item in node.items])
    if isinstance(node, Not):
        inner, fields = compile_node(node.item, keys), sorted(node_fields(node.item))

        # `not` holds only where every fact it reads is known: missing data never makes a rule fire.
        def negation(table: FactTable) -> int:
            known = table.full
            for field in fields:
                known &= table.present_bits(field)
            return known & ~inner(table)

        return negation
    # Equal conditions share one small integer key: hashing it is cheaper than hashing the condition.
    leaf, key = _leaf(node), keys.setdefault(node, len(keys))
    return lambda t: t.bits(key, leaf)


def _all(parts: list[BitPredicate]) -> BitPredicate:
    first, rest = parts[0], parts[1:]

    def predicate(table: FactTable) -> int:
        bits = first(table)
        for part in rest:
            if not bits:
                break
            bits &= part(table)
        return bits

    return predicate


def _any(parts: list[BitPredicate]) -> BitPredicate:
    first, rest = parts[0], parts[1:]

    def predicate(table: FactTable) -> int:
        bits = first(table)
        for part in rest:
            if bits == table.full:
                break
            bits |= part(table)
        return bits

    return predicate


def _leaf(node: Condition | Difference) -> LeafPredicate:
    if isinstance(node, Difference):
        return _difference(node)
    ftype = FACT_SCHEMA[node.field].type
    field = node.field
    if node.op is Op.PRESENT:
        return lambda t: t.present_bits(field)
    if node.op is Op.ABSENT:
        return lambda t: t.full & ~t.present_bits(field)
    if ftype in NUMERIC:
        return _numeric(node)
    if ftype is FactType.TEXT:
        return _text(node)
    return _set(node)


def _numeric(node: Condition) -> Predicate:
    field, op = node.field, node.op
    if op in _COMPARE:
        number, compare = to_float(node.scalar), _COMPARE[op]
        return lambda t: compare(t.numbers(field), number)
    if op is Op.NE:
        number = to_float(node.scalar)
        return lambda t: (t.numbers(field) != number) & t.present(field)
    if op in (Op.IN, Op.NOT_IN):
        # A handful of values: equality per value beats np.isin, which sorts.
        numbers = [to_float(v) for v in node.items]

        def member(t: FactTable) -> Mask:
            column = t.numbers(field)
            return reduce(np.logical_or, (column == n for n in numbers))

        if op is Op.IN:
            return member
        return lambda t: ~member(t) & t.present(field)
    low, high = (None if v is None else to_float(v) for v in node.bounds)
    return _within(lambda t: t.numbers(field), low, high)


def _within(column: Callable[[FactTable], Floats], low: float | None, high: float | None) -> Predicate:
    # An open bound is infinite: NaN (unknown) still compares false on both sides.
    lo = -np.inf if low is None else low
    hi = np.inf if high is None else high
    if low is None:
        return lambda t: column(t) <= hi
    if high is None:
        return lambda t: column(t) >= lo
    return lambda t: (lambda c: (c >= lo) & (c <= hi))(column(t))


def _text(node: Condition) -> LeafPredicate:
    field, op = node.field, node.op
    if op in (Op.IN, Op.NOT_IN):
        members = tuple(str(v) for v in node.items)
        if op is Op.IN:
            return lambda t: t.text(field).member(members)
        return lambda t: (lambda c: c.known & ~c.member(members))(t.text(field))
    wanted = str(node.scalar)
    if op is Op.EQ:
        return lambda t: t.text(field).rows.get(wanted, 0)
    if op is Op.NE:
        return lambda t: (lambda c: c.known & ~c.rows.get(wanted, 0))(t.text(field))
    if op is Op.CONTAINS:
        return lambda t: t.text(field).matching(lambda v: wanted in v)
    return lambda t: t.text(field).matching(lambda v: v.startswith(wanted))


def _set(node: Condition) -> LeafPredicate:
    field, op = node.field, node.op
    if op is Op.COUNT_BETWEEN:
        low, high = node.bounds
        return _within(lambda t: t.sets(field).sizes, low, high)
    wanted = tuple(sorted({str(v) for v in node.items}))

    def predicate(table: FactTable) -> int:
        rows = table.sets(field).rows
        bits = 0 if op is Op.CONTAINS_ANY else table.full
        for item in wanted:
            if op is Op.CONTAINS_ANY:
                bits |= rows.get(item, 0)
            else:
                bits &= rows.get(item, 0)
        return bits

    return predicate


def _difference(node: Difference) -> Predicate:
    # Columns hold days for dates and hours for times; bring both to hours before subtracting.
    scale = {f: 24.0 if FACT_SCHEMA[f].type is FactType.DATE else 1.0 for f in (node.start, node.end)}
    unit = 1.0 if node.op is Op.HOURS_BETWEEN else 24.0
    start, end = node.start, node.end

    def column(t: FactTable) -> Floats:
        return (t.numbers(end) * scale[end] - t.numbers(start) * scale[start]) / unit

    return _within(column, node.low, node.high)


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule version ready to run."""

    rule: Rule
    version: int
    predicate: BitPredicate


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """Row ``row`` of the evaluated table matched ``rule_id`` at ``version``."""

    rule_id: str
    version: int
    row: int


class RuleSet:
    """Compiled rule versions, evaluated together over a table of facts."""

    def __init__(self, rules: Iterable[tuple[Rule, int]]) -> None:
        keys: dict[Node, int] = {}
        self.rules = tuple(
            CompiledRule(rule, version, compile_node(rule.when, keys)) for rule, version in rules
        )
        self.fields: frozenset[str] = frozenset().union(*(r.rule.fields() for r in self.rules))

    def table(self, rows: Sequence[Facts]) -> FactTable:
        """The columns this rule set reads, built from per-traveller facts."""
        return FactTable.from_rows(rows, sorted(self.fields))

    def evaluate(self, table: FactTable) -> list[RuleMatch]:
        """Every (rule, row) match, rule by rule, rows ascending."""
        matches: list[RuleMatch] = []
        table.forget()
        for compiled in self.rules:
            bits = compiled.predicate(table)
            while bits:
                low = bits & -bits
                matches.append(RuleMatch(compiled.rule.id, compiled.version, low.bit_length() - 1))
                bits ^= low
        return matches

    def count(self, table: FactTable) -> int:
        """Number of (rule, row) matches, without listing them (for throughput measurement)."""
        table.forget()
        return sum(r.predicate(table).bit_count() for r in self.rules)
