"""A criterion as a document: its JSON form, its parsed tree, and the checks made before it is stored.

A rule document is a JSON object::

    {
      "id": "cash-one-way-late",
      "title": "Last-minute one-way tickets paid in cash from a source country",
      "rationale": "Couriers ...",
      "offence_category": "drug_trafficking",
      "valid_from": "2026-01-01", "valid_until": "2026-12-31", "review_by": "2026-04-01",
      "when": {"all": [
        {"field": "itinerary.one_way", "op": "eq", "value": true},
        {"field": "payment.cash", "op": "eq", "value": true},
        {"field": "booking.hours_to_departure", "op": "between", "value": [0, 48]},
        {"not": {"field": "traveller.role", "op": "eq", "value": "crew"}}
      ]}
    }

Nodes of ``when``: a condition ``{"field", "op", "value"}``; a time difference ``{"op": "hours_between" |
"days_between", "from": FIELD, "to": FIELD, "value": [low, high]}`` (``to - from``, either bound ``null``);
``{"all": [...]}``, ``{"any": [...]}``, ``{"not": NODE}``. Versions, authors and approvals are not part of
the document: the lifecycle (``lifecycle.py``) keeps them beside it.

Missing data never makes a rule fire: a condition on a missing fact is false, and ``not`` is true only
when every fact it reads is present (a rule ``not nationality in {...}`` does not flag everyone without
API data).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from openpiu.errors import ScreeningError
from openpiu.model.offences import OffenceCategory
from openpiu.screening.rules.schema import FACT_SCHEMA, FactType, sensitive_word


class RuleError(ScreeningError):
    """A rule document that cannot be accepted; the message names the rule and the field or key."""


class Op(StrEnum):
    """Operators of a condition."""

    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    LT = "lt"
    LE = "le"
    GT = "gt"
    GE = "ge"
    BETWEEN = "between"
    CONTAINS = "contains"
    STARTS_WITH = "starts_with"
    CONTAINS_ANY = "contains_any"
    CONTAINS_ALL = "contains_all"
    COUNT_BETWEEN = "count_between"
    PRESENT = "present"
    ABSENT = "absent"
    HOURS_BETWEEN = "hours_between"
    DAYS_BETWEEN = "days_between"


_SCALARS = {FactType.BOOL, FactType.NUMBER, FactType.TEXT, FactType.DATE, FactType.DATETIME}
_ORDERED = {FactType.NUMBER, FactType.DATE, FactType.DATETIME}
_TIMES = {FactType.DATE, FactType.DATETIME}

# Which fact types each operator applies to.
OPERATOR_TYPES: dict[Op, set[FactType]] = {
    Op.EQ: _SCALARS,
    Op.NE: _SCALARS,
    Op.IN: {FactType.TEXT, FactType.NUMBER},
    Op.NOT_IN: {FactType.TEXT, FactType.NUMBER},
    Op.LT: _ORDERED,
    Op.LE: _ORDERED,
    Op.GT: _ORDERED,
    Op.GE: _ORDERED,
    Op.BETWEEN: _ORDERED,
    Op.CONTAINS: {FactType.TEXT},
    Op.STARTS_WITH: {FactType.TEXT},
    Op.CONTAINS_ANY: {FactType.TEXT_SET},
    Op.CONTAINS_ALL: {FactType.TEXT_SET},
    Op.COUNT_BETWEEN: {FactType.TEXT_SET},
    Op.PRESENT: set(FactType),
    Op.ABSENT: set(FactType),
    Op.HOURS_BETWEEN: _TIMES,
    Op.DAYS_BETWEEN: _TIMES,
}

Scalar = bool | float | str | date | datetime
Value = Scalar | tuple[Scalar | None, ...] | None


@dataclass(frozen=True, slots=True)
class Condition:
    """``field op value``; ``value`` is already converted to the field's type (tuples for sets/ranges)."""

    field: str
    op: Op
    value: Value

    @property
    def scalar(self) -> Scalar:
        """The value of a one-value operator (``eq``, ``lt``, ``contains``...)."""
        if self.value is None or isinstance(self.value, tuple):
            raise TypeError(f"{self.op.value} on {self.field} has no single value")
        return self.value

    @property
    def items(self) -> tuple[Scalar, ...]:
        """The values of a list operator (``in``, ``contains_any``...)."""
        if not isinstance(self.value, tuple):
            raise TypeError(f"{self.op.value} on {self.field} has no list of values")
        return tuple(v for v in self.value if v is not None)

    @property
    def bounds(self) -> tuple[Any, Any]:
        """``(low, high)`` of a range operator; either may be ``None`` (open). Same type as the field."""
        if not isinstance(self.value, tuple) or len(self.value) != 2:
            raise TypeError(f"{self.op.value} on {self.field} has no range")
        return self.value[0], self.value[1]


@dataclass(frozen=True, slots=True)
class Difference:
    """``low <= to - from <= high`` in hours or days; a ``None`` bound is open."""

    op: Op
    start: str
    end: str
    low: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Condition | Difference | AllOf | AnyOf | Not


@dataclass(frozen=True, slots=True)
class Rule:
    """A checked criterion: what it says (``when``), why, for which offence, and until when it holds.

    Attributes:
        id: stable identifier shared by every version of the rule.
        title: one line shown to analysts.
        rationale: why the pattern indicates the offence; required (CJEU C-817/19: criteria must be
            targeted and justified).
        offence_category: the Annex II offence (or terrorism) the rule serves.
        when: the condition tree.
        valid_from / valid_until: the period the rule may fire in (``valid_until`` ``None``: open).
        review_by: the date by which people must review it; past it the rule stops firing.
        document: the canonical JSON object, as stored.
    """

    id: str
    title: str
    rationale: str
    offence_category: OffenceCategory
    when: Node
    valid_from: date
    valid_until: date | None
    review_by: date
    document: Mapping[str, Any]

    def fields(self) -> frozenset[str]:
        """Every fact the rule reads."""
        return node_fields(self.when)

    def canonical_json(self) -> str:
        """The document as stored: sorted keys, no whitespace, so equal rules give equal text."""
        return json.dumps(self.document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def node_fields(node: Node) -> frozenset[str]:
    """Every fact a node reads."""
    if isinstance(node, Condition):
        return frozenset({node.field})
    if isinstance(node, Difference):
        return frozenset({node.start, node.end})
    if isinstance(node, Not):
        return node_fields(node.item)
    return frozenset().union(*(node_fields(item) for item in node.items))


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_KEYS = {"id", "title", "rationale", "offence_category", "valid_from", "valid_until", "review_by", "when"}
_REQUIRED = ("id", "title", "rationale", "offence_category", "review_by", "when")


def parse_rule(source: str | Mapping[str, Any]) -> Rule:
    """Read and check a rule document (JSON text or an already decoded object).

    Raises:
        RuleError: one line naming the rule and what is wrong: unknown key, field or operator, a value of
            the wrong type, a missing rationale, or a field that is or stands in for a sensitive
            characteristic (PNR Directive Art 6(4)).
    """
    if isinstance(source, str):
        try:
            loaded = json.loads(source)
        except json.JSONDecodeError as exc:
            raise RuleError(f"rule document is not valid JSON: {exc}") from exc
    else:
        loaded = source
    if not isinstance(loaded, Mapping):
        raise RuleError("rule document must be a JSON object")
    doc: Mapping[str, Any] = loaded
    rule_id = doc.get("id")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id):
        raise RuleError(f"rule {rule_id!r}: 'id' must be 1-64 letters, digits, '.', '_' or '-'")
    where = f"rule {rule_id}"
    unknown = sorted(set(doc) - _KEYS)
    if unknown:
        raise RuleError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_KEYS))})")
    for key in _REQUIRED:
        if key not in doc or doc[key] in (None, ""):
            raise RuleError(f"{where}: {key!r} is required")
    for key in ("title", "rationale"):
        if not isinstance(doc[key], str) or not doc[key].strip():
            raise RuleError(f"{where}: {key!r} must be non-empty text")
    try:
        offence = OffenceCategory(doc["offence_category"])
    except ValueError:
        raise RuleError(
            f"{where}: unknown offence_category {doc['offence_category']!r} (see openpiu.model.offences)"
        ) from None
    valid_from = _date(where, "valid_from", doc.get("valid_from", "1970-01-01"))
    valid_until = _date(where, "valid_until", doc["valid_until"]) if doc.get("valid_until") else None
    review_by = _date(where, "review_by", doc["review_by"])
    if valid_until is not None and valid_until < valid_from:
        raise RuleError(f"{where}: valid_until {valid_until} is before valid_from {valid_from}")
    when = _node(where, doc["when"])
    return Rule(
        id=rule_id,
        title=doc["title"].strip(),
        rationale=doc["rationale"].strip(),
        offence_category=offence,
        when=when,
        valid_from=valid_from,
        valid_until=valid_until,
        review_by=review_by,
        document=dict(doc),
    )


def _date(where: str, key: str, value: object) -> date:
    if not isinstance(value, str):
        raise RuleError(f"{where}: {key!r} must be an ISO date (YYYY-MM-DD), got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RuleError(f"{where}: {key!r} must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def _node(where: str, raw: object) -> Node:
    if not isinstance(raw, Mapping):
        raise RuleError(f"{where}: a condition must be a JSON object, got {raw!r}")
    if "all" in raw or "any" in raw:
        key = "all" if "all" in raw else "any"
        if set(raw) != {key}:
            raise RuleError(f"{where}: {key!r} must stand alone in its object, found {sorted(raw)}")
        items = raw[key]
        if not isinstance(items, list) or not items:
            raise RuleError(f"{where}: {key!r} needs a non-empty list of conditions")
        nodes = tuple(_node(where, item) for item in items)
        return AllOf(nodes) if key == "all" else AnyOf(nodes)
    if "not" in raw:
        if set(raw) != {"not"}:
            raise RuleError(f"{where}: 'not' must stand alone in its object, found {sorted(raw)}")
        return Not(_node(where, raw["not"]))
    op_text = raw.get("op")
    try:
        op = Op(str(op_text))
    except ValueError:
        raise RuleError(
            f"{where}: unknown operator {op_text!r} (known: {', '.join(o.value for o in Op)})"
        ) from None
    if op in (Op.HOURS_BETWEEN, Op.DAYS_BETWEEN):
        return _difference(where, op, raw)
    if set(raw) - {"field", "op", "value"}:
        raise RuleError(
            f"{where}: unknown key {sorted(set(raw) - {'field', 'op', 'value'})[0]!r} in condition"
        )
    field = _field(where, raw.get("field"))
    ftype = FACT_SCHEMA[field].type
    if ftype not in OPERATOR_TYPES[op]:
        allowed = ", ".join(sorted(o.value for o, types in OPERATOR_TYPES.items() if ftype in types))
        raise RuleError(f"{where}: operator {op.value!r} does not apply to {field} ({ftype}); use {allowed}")
    return Condition(field, op, _value(where, field, ftype, op, raw.get("value")))


def _field(where: str, field: object) -> str:
    if not isinstance(field, str):
        raise RuleError(f"{where}: a condition needs a 'field' name, got {field!r}")
    kind = sensitive_word(field)
    spec = FACT_SCHEMA.get(field)
    if spec is not None and spec.proxy_for is not None:
        kind = spec.proxy_for
    if kind is not None:
        raise RuleError(
            f"{where}: field {field!r} may not be used: it can reveal {kind.value} (PNR Directive Art 6(4))"
        )
    if spec is None:
        raise RuleError(f"{where}: unknown field {field!r} (see openpiu.screening.rules.schema)")
    return field


def _difference(where: str, op: Op, raw: Mapping[str, Any]) -> Difference:
    if set(raw) - {"op", "from", "to", "value"}:
        raise RuleError(f"{where}: {op.value} takes 'from', 'to' and 'value' only")
    start, end = _field(where, raw.get("from")), _field(where, raw.get("to"))
    for field in (start, end):
        if FACT_SCHEMA[field].type not in _TIMES:
            raise RuleError(
                f"{where}: {op.value} needs date or time fields, {field} is {FACT_SCHEMA[field].type}"
            )
    low, high = _range(where, start, raw.get("value"))
    return Difference(op, start, end, low, high)


def _range(where: str, field: str, value: object) -> tuple[float | None, float | None]:
    if not isinstance(value, list) or len(value) != 2 or value == [None, None]:
        raise RuleError(f"{where}: {field}: a range is [low, high] with at least one number, got {value!r}")
    low, high = (None if v is None else _number(where, field, v) for v in value)
    if low is not None and high is not None and low > high:
        raise RuleError(f"{where}: {field}: range [{low}, {high}] is empty")
    return low, high


def _number(where: str, field: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(f"{where}: {field} expects a number, got {value!r}")
    return float(value)


def _scalar(where: str, field: str, ftype: FactType, value: object) -> Scalar:
    if ftype is FactType.BOOL:
        if not isinstance(value, bool):
            raise RuleError(f"{where}: {field} expects true or false, got {value!r}")
        return value
    if ftype is FactType.NUMBER:
        return _number(where, field, value)
    if not isinstance(value, str) or not value:
        raise RuleError(f"{where}: {field} expects {ftype} text, got {value!r}")
    if ftype is FactType.DATE:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise RuleError(f"{where}: {field} expects an ISO date, got {value!r}") from None
    if ftype is FactType.DATETIME:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise RuleError(f"{where}: {field} expects an ISO date-time, got {value!r}") from None
    # Text facts are codes and upper case (see facts.py); comparing upper case makes rules case-blind.
    return value.upper()


def _value(where: str, field: str, ftype: FactType, op: Op, value: object) -> Value:
    if op in (Op.PRESENT, Op.ABSENT):
        if value is not None:
            raise RuleError(f"{where}: {op.value} takes no value")
        return None
    if op in (Op.BETWEEN, Op.COUNT_BETWEEN):
        if ftype in _TIMES:
            if not isinstance(value, list) or len(value) != 2 or value == [None, None]:
                raise RuleError(f"{where}: {field}: a range is [low, high], got {value!r}")
            bounds = tuple(None if v is None else _scalar(where, field, ftype, v) for v in value)
            if None not in bounds and bounds[0] > bounds[1]:  # type: ignore[operator]  # same type, checked
                raise RuleError(f"{where}: {field}: range {value} is empty")
            return bounds
        return _range(where, field, value)
    if op in (Op.IN, Op.NOT_IN, Op.CONTAINS_ANY, Op.CONTAINS_ALL):
        if not isinstance(value, list) or not value:
            raise RuleError(f"{where}: {field} {op.value} expects a non-empty list, got {value!r}")
        element = FactType.TEXT if ftype is FactType.TEXT_SET else ftype
        return tuple(_scalar(where, field, element, v) for v in value)
    if op in (Op.CONTAINS, Op.STARTS_WITH):
        return _scalar(where, field, FactType.TEXT, value)
    return _scalar(where, field, ftype, value)
