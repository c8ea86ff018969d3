"""The plain interpreter: one rule, one traveller's facts, Python values; and the explanation of a hit.

It has the same meaning as the compiled predicates (``compile.py``), condition by condition; tests check
that the two agree. It is the baseline of ``bench/rules.py`` and the source of explanations: an analyst
sees which conditions held, with the traveller's values (CJEU C-817/19: a person and a court must be able
to understand why someone was flagged).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

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
from openpiu.screening.rules.facts import Facts, FactValue


def holds(node: Node, facts: Facts) -> bool:
    """True when ``node`` holds for one traveller's facts (unknown facts never make it hold)."""
    if isinstance(node, AllOf):
        return all(holds(item, facts) for item in node.items)
    if isinstance(node, AnyOf):
        return any(holds(item, facts) for item in node.items)
    if isinstance(node, Not):
        known = all(_known(facts.get(f)) for f in node_fields(node.item))
        return known and not holds(node.item, facts)
    if isinstance(node, Difference):
        diff = _difference(node, facts)
        return diff is not None and _inside(diff, node.low, node.high)
    return _condition(node, facts.get(node.field))


def _known(value: FactValue) -> bool:
    return value is not None and value != ""


def _condition(node: Condition, value: FactValue) -> bool:
    op = node.op
    if op is Op.PRESENT:
        return _known(value)
    if op is Op.ABSENT:
        return not _known(value)
    if not _known(value):
        return False
    if isinstance(value, frozenset):
        if op is Op.COUNT_BETWEEN:
            return _inside(float(len(value)), *node.bounds)
        items = {str(v) for v in node.items}
        return bool(items & value) if op is Op.CONTAINS_ANY else items <= value
    if op is Op.IN:
        return value in node.items
    if op is Op.NOT_IN:
        return value not in node.items
    if op is Op.BETWEEN:
        return _inside(value, *node.bounds)
    wanted: Any = node.scalar
    if op is Op.EQ:
        return bool(value == wanted)
    if op is Op.NE:
        return bool(value != wanted)
    if op is Op.CONTAINS:
        return str(wanted) in str(value)
    if op is Op.STARTS_WITH:
        return str(value).startswith(str(wanted))
    # Ordered comparisons: the parser converted the literal to the field's type (number, date, time).
    ordered: Any = value
    if op is Op.LT:
        return bool(ordered < wanted)
    if op is Op.LE:
        return bool(ordered <= wanted)
    if op is Op.GT:
        return bool(ordered > wanted)
    return bool(ordered >= wanted)


def _inside(value: Any, low: Any, high: Any) -> bool:
    """``low <= value <= high`` with open ``None`` bounds; values are of one ordered type."""
    return (low is None or value >= low) and (high is None or value <= high)


def _difference(node: Difference, facts: Facts) -> float | None:
    start, end = facts.get(node.start), facts.get(node.end)
    if not isinstance(start, date) or not isinstance(end, date):
        return None
    hours = (_moment(end) - _moment(start)).total_seconds() / 3600.0
    return hours if node.op is Op.HOURS_BETWEEN else hours / 24.0


def _moment(value: date) -> datetime:
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)


def explain(rule: Rule, facts: Facts) -> tuple[str, ...]:
    """The conditions of ``rule`` that held for this traveller, each with the traveller's value.

    ``any`` branches that did not hold are left out; a ``not`` is shown with the values it looked at.
    """
    lines: list[str] = []
    _explain(rule.when, facts, lines)
    return tuple(lines)


def _explain(node: Node, facts: Facts, lines: list[str]) -> None:
    if isinstance(node, AllOf | AnyOf):
        for item in node.items:
            if holds(item, facts):
                _explain(item, facts, lines)
        return
    if isinstance(node, Not):
        values = ", ".join(f"{f} = {_show(facts.get(f))}" for f in sorted(node_fields(node.item)))
        lines.append(f"not ({describe(node.item)}): {values}")
        return
    if isinstance(node, Difference):
        diff = _difference(node, facts)
        unit = "hours" if node.op is Op.HOURS_BETWEEN else "days"
        lines.append(f"{describe(node)}: {node.end} - {node.start} = {_show(diff)} {unit}")
        return
    lines.append(f"{describe(node)}: {node.field} = {_show(facts.get(node.field))}")


def describe(node: Node) -> str:
    """A node as one line of text, close to the document form."""
    if isinstance(node, AllOf | AnyOf):
        word = " and " if isinstance(node, AllOf) else " or "
        return "(" + word.join(describe(item) for item in node.items) + ")"
    if isinstance(node, Not):
        return f"not {describe(node.item)}"
    if isinstance(node, Difference):
        return f"{node.op.value}({node.start}, {node.end}) in [{_show(node.low)}, {_show(node.high)}]"
    if node.op in (Op.PRESENT, Op.ABSENT):
        return f"{node.field} {node.op.value}"
    return f"{node.field} {node.op.value} {_show(node.value)}"


def _show(value: object) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}" if value == int(value) else f"{value:.1f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, frozenset | tuple):
        return (
            "["
            + ", ".join(_show(v) for v in (sorted(value) if isinstance(value, frozenset) else value))
            + "]"
        )
    return str(value)
