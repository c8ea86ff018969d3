"""``openpiu rules add|test|approve|activate|retire|list``: pre-determined criteria and their lifecycle.

The actor is named with ``--as USER`` until the web application brings authentication. Four eyes: the
author of a version cannot approve it (refused with a one-line error).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from openpiu.cli.app import app
from openpiu.cli.common import database_session
from openpiu.errors import OpenPIUError
from openpiu.ingest.assess import stored_history
from openpiu.screening.rules import (
    FACT_SCHEMA,
    BacktestReport,
    FactType,
    FactValue,
    HistoricalTraveller,
    Outcome,
    Rule,
    RuleVersion,
    activate_replacing,
    approve,
    backtest,
    draft,
    firing,
    parse_rule,
    retire,
)
from openpiu.store.assessment import stored_days
from openpiu.store.rules import load_rule_version, load_rule_versions, save_rule_version

rules = typer.Typer(
    help="Pre-determined criteria (PNR Directive Art 6(3)(b)): write, test, approve, activate."
)
app.add_typer(rules, name="rules")

Actor = Annotated[str, typer.Option("--as", help="Who acts (login name).")]
Version = Annotated[int | None, typer.Option("--version", help="Rule version (default: the latest).")]


def _now() -> datetime:
    return datetime.now(UTC)


@rules.command("add")
def add_command(path: Path, actor: Actor) -> None:
    """Store a rule document (JSON) as a new draft version."""
    rule = parse_rule(_read(path))
    with database_session() as session, session.begin():
        version = draft(rule, author=actor, at=_now(), previous=load_rule_versions(session, rule_id=rule.id))
        save_rule_version(session, version)
    Console().print(f"{version.label}: draft by {actor}; needs approval by someone else", highlight=False)


@rules.command("approve")
def approve_command(rule_id: str, actor: Actor, version: Version = None, note: str = "") -> None:
    """Approve a draft (four eyes: not by its author)."""
    _step(rule_id, version, lambda v, s: [approve(v, approver=actor, at=_now(), note=note)])


@rules.command("activate")
def activate_command(rule_id: str, actor: Actor, version: Version = None) -> None:
    """Put an approved version live; the version it replaces is retired."""
    _step(
        rule_id,
        version,
        lambda v, s: list(
            activate_replacing(v, load_rule_versions(s, rule_id=rule_id), actor=actor, at=_now())
        ),
    )


@rules.command("retire")
def retire_command(
    rule_id: str, actor: Actor, reason: Annotated[str, typer.Option(help="Why.")], version: Version = None
) -> None:
    """Retire a version (a reason is required)."""
    _step(rule_id, version, lambda v, s: [retire(v, actor=actor, at=_now(), reason=reason)])


def _step(rule_id: str, number: int | None, change: Any) -> None:
    with database_session() as session, session.begin():
        current = load_rule_version(session, rule_id=rule_id, version=number)
        changed: list[RuleVersion] = change(current, session)
        for version in changed:
            save_rule_version(session, version)
    for version in changed:
        Console().print(f"{version.label}: {version.state.value}", highlight=False)


@rules.command("list")
def list_command() -> None:
    """Every rule version with its state and whether it fires today (stale rules say so)."""
    with database_session() as session:
        versions = load_rule_versions(session)
    table = Table("rule", "state", "offence", "author", "approver", "review by", "today")
    today = date.today()
    for v in versions:
        table.add_row(
            v.label,
            v.state.value,
            v.rule.offence_category.value,
            v.author,
            v.approver or "",
            v.rule.review_by.isoformat(),
            firing(v, today).reason,
        )
    Console().print(table)


@rules.command("test")
def test_command(
    rule: Annotated[str, typer.Argument(help="A rule document (JSON file) or a stored rule id.")],
    history: Annotated[
        Path | None,
        typer.Option(help="JSON lines {key, day, route, facts, outcome?} instead of the stored history."),
    ] = None,
    first: Annotated[
        str | None, typer.Option("--from", help="First day of stored history, YYYY-MM-DD (default: all).")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Last day of stored history, YYYY-MM-DD (default: all).")
    ] = None,
) -> None:
    """Backtest a rule over past travellers: volume per day, routes, and how many were later confirmed.

    By default the history is every traveller stored in the database (API and PNR, facts derived from
    the stored rows), with what reviewers decided about their hits.
    """
    parsed = _rule(rule)
    if history is not None:
        travellers, outcomes = _history(history)
    else:
        travellers, outcomes = _stored_history(_day(first, "--from"), _day(last, "--to"))
    report = backtest(parsed, travellers, outcomes)
    _print_backtest(parsed, report)


def _print_backtest(parsed: Rule, report: BacktestReport) -> None:
    console = Console()
    precision = "n/a (nothing reviewed)" if report.precision is None else f"{report.precision:.2f}"
    console.print(
        f"{parsed.id}: {report.flagged} of {report.travellers} travellers flagged over {report.days} days "
        f"({report.per_day_mean:.1f}/day, {report.flag_rate:.2%}); confirmed {report.confirmed}, "
        f"dismissed {report.dismissed}, unreviewed {report.unreviewed}; precision {precision}",
        highlight=False,
    )
    days = Table("day", "flagged", "confirmed", "routes (most flagged first)")
    for row in report.days_detail:
        days.add_row(
            row.day.isoformat(),
            str(row.flagged),
            str(row.confirmed),
            ", ".join(f"{route} {count}" for route, count in row.routes[:5]),
        )
    console.print(days)
    table = Table("route", "flagged")
    for route, count in report.per_route[:10]:
        table.add_row(route, str(count))
    console.print(table)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OpenPIUError(f"{option} must be YYYY-MM-DD, got {text!r}") from None


def _stored_history(
    first: date | None, last: date | None
) -> tuple[list[HistoricalTraveller], dict[str, Outcome]]:
    with database_session() as session:
        span = stored_days(session.connection())
        session.rollback()  # end the read before the history is read on connections of its own
        if span is None:
            return [], {}
        return stored_history(session.get_bind().engine, first=first or span[0], last=last or span[1])


def _rule(text: str) -> Rule:
    path = Path(text)
    if path.suffix == ".json" or path.exists():
        return parse_rule(_read(path))
    with database_session() as session:
        return load_rule_version(session, rule_id=text).rule


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OpenPIUError(f"cannot read {path}: {exc.strerror}") from exc


def _history(path: Path) -> tuple[list[HistoricalTraveller], dict[str, Outcome]]:
    travellers: list[HistoricalTraveller] = []
    outcomes: dict[str, Outcome] = {}
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            facts = {name: _fact(name, value) for name, value in item["facts"].items()}
            travellers.append(
                HistoricalTraveller(item["key"], date.fromisoformat(item["day"]), item["route"], facts)
            )
            if item.get("outcome"):
                outcomes[item["key"]] = Outcome(item["outcome"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise OpenPIUError(f"{path}: line {number}: {exc}") from exc
    return travellers, outcomes


def _fact(name: str, value: Any) -> FactValue:
    """A fact read from JSON, typed by the schema (dates and times as ISO text, sets as lists)."""
    if value is None:
        return None
    kind = FACT_SCHEMA[name].type
    if kind is FactType.DATE:
        return date.fromisoformat(value)
    if kind is FactType.DATETIME:
        return datetime.fromisoformat(value)
    if kind is FactType.TEXT_SET:
        return frozenset(str(v).upper() for v in value)
    if kind is FactType.NUMBER:
        return float(value)
    if kind is FactType.BOOL:
        return bool(value)
    return str(value).upper()
