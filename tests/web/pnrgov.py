"""Synthetic PNRGOV pushes for the web tests: one booking on JU0456 (names invented, numbers made up)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from openpiu.ingest import Intake
from openpiu.ingest.reconcile import reconcile_all

LEVEL0 = "ORG+JU:IST'TVL+140325:1030+IST+BEG+JU+0456'EQN+1'"
# One booking on JU0456: MARKO travels (the API declares him), LUKA does not (no-show); HOXHA, in the API
# only, is a go-show.
BOOKING = (
    "SRC'RCI+JU:ABC123::010325:0900'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "TIF+PETROVIC+MARKO JOVAN MR:A:1'"
    "SSR+DOCS:HK:1:JU:::::/P/SRB/012345678/SRB/12FEB85/M/01MAY31/PETROVIC/MARKO JOVAN+::1'"
    "TIF+PETROVIC+LUKA MSTR:C:2'"
    "TVL+140325:1030:140325:1125+IST+BEG+JU+0456:Y'RPI+2+HK'"
)
# The same booking an hour later: LUKA has left it and ELIRA (the go-show so far) has joined it.
ELIRA_JOINS = BOOKING.replace(
    "TIF+PETROVIC+LUKA MSTR:C:2'",
    "TIF+HOXHA+ELIRA MS:A:3'SSR+DOCS:HK:1:JU:::::/P/ALB/AB1234567/ALB/30JUL92/F/01MAY31/HOXHA/ELIRA+::3'",
)


def push(body: str = BOOKING, *, function: str = "22", ref: str = "1") -> bytes:
    inner = f"MSG+:{function}'{LEVEL0}{body}"
    count = inner.count("'") + 2
    return (
        f"UNA:+.?*'UNB+IATA:1+JU+RSPIU+250313:0930+{ref}'UNH+{ref}+PNRGOV:13:1:IA'{inner}"
        f"UNT+{count}+{ref}'UNZ+1+{ref}'"
    ).encode("ascii")


def receive(engine: Engine, data: bytes, *, at: datetime, source: str) -> None:
    """Receive one push at ``at`` and reconcile the flights, as the intake and ``pnr reconcile`` do."""
    ticks = iter(range(1000))
    intake = Intake(engine, now=lambda: at + timedelta(minutes=next(ticks)))
    intake.receive(data, source=source)
    assert intake.summary().rejected == 0
    reconcile_all(engine, now=lambda: at)
