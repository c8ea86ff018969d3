"""Pre-determined criteria (PNR Directive Art 6(3)(b)): rule documents over a declared fact schema, their
lifecycle, fast evaluation over a flight, and backtesting on history.

Reading order: ``schema`` (what a rule may read, and may not), ``document`` (the JSON form and its checks),
``facts`` (facts from the domain model), ``table`` + ``compile`` (columnar evaluation), ``interpret`` (the
plain interpreter and explanations), ``lifecycle`` (draft → approved → active → retired), ``backtest``.
"""

from openpiu.screening.rules.backtest import BacktestReport, DayResult, HistoricalTraveller, Outcome, backtest
from openpiu.screening.rules.compile import RuleMatch, RuleSet
from openpiu.screening.rules.document import Op, Rule, RuleError, parse_rule
from openpiu.screening.rules.facts import Facts, FactValue, Subject, derive_facts
from openpiu.screening.rules.interpret import describe, explain, holds
from openpiu.screening.rules.lifecycle import (
    Firing,
    LifecycleError,
    LifecycleEvent,
    RuleState,
    RuleVersion,
    activate,
    activate_replacing,
    approve,
    draft,
    firing,
    firing_rules,
    retire,
)
from openpiu.screening.rules.schema import FACT_SCHEMA, FactType, FieldSpec, SensitiveKind
from openpiu.screening.rules.table import FactTable

__all__ = [
    "FACT_SCHEMA",
    "BacktestReport",
    "DayResult",
    "FactTable",
    "FactType",
    "FactValue",
    "Facts",
    "FieldSpec",
    "Firing",
    "HistoricalTraveller",
    "LifecycleError",
    "LifecycleEvent",
    "Op",
    "Outcome",
    "Rule",
    "RuleError",
    "RuleMatch",
    "RuleSet",
    "RuleState",
    "RuleVersion",
    "SensitiveKind",
    "Subject",
    "activate",
    "activate_replacing",
    "approve",
    "backtest",
    "derive_facts",
    "describe",
    "draft",
    "explain",
    "firing",
    "firing_rules",
    "holds",
    "parse_rule",
    "retire",
]
