"""Compile rules once into predicates over a ``FactTable``; evaluate a whole flight per call.

Each condition becomes a closure returning a boolean mask over the table's rows (one numpy operation per
condition, see ``table.py``); ``all``/``any``/``not`` combine masks. Compilation resolves everything that
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

_COMPARE: dict[Op, Callable[[Floats, float], Mask]] = {
    Op.EQ: np.equal,
    Op.LT: np.less,
    Op.LE: np.less_equal,
    Op.GT: np.greater,
    Op.GE: np.greater_equal,
}


def compile_node(node: Node) -> Predicate:
    """A predicate computing ``node`` for every row of a table.

    Conditions are memoised per table (``FactTable.memo``): rules that share a condition (``payment.cash
    eq true``) compute it once per flight. ``all`` stops as soon as no row is left, ``any`` as soon as
    every row holds: most rules fail for most travellers after their first, most selective, condition.
    """
    if isinstance(node, AllOf):
        return _all([compile_node(item) for item in node.items])
    if isinstance(node, AnyOf):
        return _any([compile_node(item) for item in node.items])
    if isinstance(node, Not):
        inner, fields = compile_node(node.item), sorted(node_fields(node.item))
        # `not` holds only where every fact it reads is known: missing data never makes a rule fire.
        return lambda t: ~inner(t) & reduce(np.logical_and, (t.present(f) for f in fields))
    leaf = _leaf(node)
    return lambda t: t.memo(node, leaf)


def _all(parts: list[Predicate]) -> Predicate:
    first, rest = parts[0], parts[1:]

    def predicate(table: FactTable) -> Mask:
        mask = first(table)
        for part in rest:
            if not mask.any():
                break
            mask = mask & part(table)
        return mask

    return predicate


def _any(parts: list[Predicate]) -> Predicate:
    first, rest = parts[0], parts[1:]

    def predicate(table: FactTable) -> Mask:
        mask = first(table)
        for part in rest:
            if mask.all():
                break
            mask = mask | part(table)
        return mask

    return predicate


def _leaf(node: Condition | Difference) -> Predicate:
    if isinstance(node, Difference):
        return _difference(node)
    ftype = FACT_SCHEMA[node.field].type
    if node.op is Op.PRESENT:
        return lambda t: t.present(node.field)
    if node.op is Op.ABSENT:
        return lambda t: ~t.present(node.field)
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


def _text(node: Condition) -> Predicate:
    field, op = node.field, node.op
    if op in (Op.IN, Op.NOT_IN):
        members = tuple(str(v) for v in node.items)
        if op is Op.IN:
            return lambda t: t.text(field).member(members)
        return lambda t: ~t.text(field).member(members) & t.present(field)
    wanted = str(node.scalar)
    if op is Op.EQ:
        return lambda t: t.text(field).equal(wanted)
    if op is Op.NE:
        return lambda t: ~t.text(field).equal(wanted) & t.present(field)
    if op is Op.CONTAINS:
        return lambda t: (lambda c: c.gather(np.char.find(c.words, wanted) >= 0))(t.text(field))
    return lambda t: (lambda c: c.gather(np.char.startswith(c.words, wanted)))(t.text(field))


def _set(node: Condition) -> Predicate:
    field, op = node.field, node.op
    if op is Op.COUNT_BETWEEN:
        low, high = node.bounds
        return _within(lambda t: t.sets(field).sizes, low, high)
    wanted = frozenset(str(v) for v in node.items)

    def predicate(table: FactTable) -> Mask:
        column = table.sets(field)
        lookup = {v: i for i, v in enumerate(column.vocabulary)}
        found = [lookup[v] for v in wanted if v in lookup]
        if not found or (op is Op.CONTAINS_ALL and len(found) < len(wanted)):
            return np.zeros(table.n, dtype=np.bool_)
        chosen = column.members[:, found]
        return np.asarray(chosen.any(axis=1) if op is Op.CONTAINS_ANY else chosen.all(axis=1), dtype=np.bool_)

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
    predicate: Predicate


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """Row ``row`` of the evaluated table matched ``rule_id`` at ``version``."""

    rule_id: str
    version: int
    row: int


class RuleSet:
    """Compiled rule versions, evaluated together over a table of facts."""

    def __init__(self, rules: Iterable[tuple[Rule, int]]) -> None:
        self.rules = tuple(CompiledRule(rule, version, compile_node(rule.when)) for rule, version in rules)
        self.fields: frozenset[str] = frozenset().union(*(r.rule.fields() for r in self.rules))

    def table(self, rows: Sequence[Facts]) -> FactTable:
        """The columns this rule set reads, built from per-traveller facts."""
        return FactTable.from_rows(rows, sorted(self.fields))

    def evaluate(self, table: FactTable) -> list[RuleMatch]:
        """Every (rule, row) match, rule by rule, rows ascending."""
        matches: list[RuleMatch] = []
        for compiled in self.rules:
            mask = compiled.predicate(table)
            for row in np.flatnonzero(mask).tolist():
                matches.append(RuleMatch(compiled.rule.id, compiled.version, row))
        return matches

    def count(self, table: FactTable) -> int:
        """Number of (rule, row) matches, without listing them (for throughput measurement)."""
        return sum(int(np.count_nonzero(r.predicate(table))) for r in self.rules)
