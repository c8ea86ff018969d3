"""Shared by the data-protection tests: a small traffic, holds, users, and the command line.

The traffic: one PNR push and two API manifests, synthetic names.

* flight JU0123 VIE-BEG 2026-03-29: a PNR push with bookings ABC123 (two PETROVIC) and DEF456 (KOVAC),
  and its API manifest (law-enforcement API: the PIU receives the flight's PNR);
* flight JU0456 BEG-VIE 2026-03-29: an API manifest only (border-purpose API), one NIKOLIC.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from factories import paxlst
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from storage_fixtures import POSTGRES_PSEUDONYM_KEY, hit_key, pseudonym_settings
from typer.testing import CliRunner

from openpiu.accounts import Users
from openpiu.cli import app
from openpiu.ingest import Intake
from openpiu.ingest.reconcile import reconcile_all
from openpiu.ingest.screening import load_lists, screen_stored
from openpiu.ingest.watchlists import store_list
from openpiu.model import StaffRole
from openpiu.model.watchlist import EntryName, NameQuality, Watchlist, WatchlistCategory, WatchlistEntry
from openpiu.review import Raised
from openpiu.settings import DEFAULT_PIU_COUNTRY
from openpiu.store.holds import add_hold
from openpiu.store.tables import Base

T0 = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
NAMES = ("PETROVIC", "KOVAC", "NIKOLIC", "P00000000", "XXXXXXXXXXXX1111", "SMOKE@EXAMPLE.ORG")
LEVEL0 = "ORG+JU:VIE'TVL+290326:0930+VIE+BEG+JU+123'EQN+2'"


def _pnr(body: str, ref: str) -> bytes:
    inner = f"MSG+:22'{LEVEL0}{body}"
    count = inner.count("'") + 2
    return (
        f"UNA:+.?*'UNB+IATA:1+JU+RSPIU+260328:0930+{ref}'UNH+{ref}+PNRGOV:13:1:IA'{inner}"
        f"UNT+{count}+{ref}'UNZ+1+{ref}'"
    ).encode("ascii")


PUSH = _pnr(
    "SRC'RCI+JU:ABC123::010326:0900'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "TIF+PETROVIC+ANA MRS:A:1'SSR+DOCS:HK:1:JU:::::/P/SRB/P00000000/SRB/12FEB85/F/01MAY31/PETROVIC/ANA+::1'"
    "TIF+PETROVIC+LUKA MSTR:C:2'"
    "TKT+1150000000001:T:1'FOP+CC::120.00:VI:XXXXXXXXXXXX1111:0828'"
    "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'RPI+2+HK'"
    "SRC'RCI+JU:DEF456::020326:1000'ORG+1A:MUC+12345678:BEG1A+BEG++T+RS'"
    "TIF+KOVAC+MARIJA MS:A:1'CTC+E:SMOKE@EXAMPLE.ORG'"
    "TKT+1150000000002:T:1'FOP+CA::80.00'"
    "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'RPI+1+HK'",
    ref="1",
)
LAW_ENFORCEMENT_API = paxlst(ref="11", flight="JU123", surnames=("PETROVIC", "KOVAC"))
BORDER_API = paxlst(
    ref="12", flight="JU456", departure="2603291200", origin="BEG", destination="VIE", surnames=("NIKOLIC",)
)


def load_traffic(engine: Engine, *, at: datetime = T0) -> None:
    """Ingest the three messages, received one minute apart from ``at``, and reconcile the flight."""
    ticks: Iterator[int] = iter(range(100))
    intake = Intake(engine, now=lambda: at + timedelta(minutes=next(ticks)))
    for data, source in ((PUSH, "push.edi"), (LAW_ENFORCEMENT_API, "le.edi"), (BORDER_API, "border.edi")):
        intake.receive(data, source=source)
    reconcile_all(engine, now=lambda: at + timedelta(hours=1))


def screen_names(engine: Engine, *names: str, at: datetime, lists: bool = True) -> list[Raised]:
    """Screen every stored flight (against a list ``wanted`` of ``names``, stored first when ``lists``)."""
    with Session(engine) as session, session.begin():
        if lists:
            store_list(
                session,
                Watchlist("wanted", "Police", WatchlistCategory.WANTED_PERSONS, "Law on Police Art 1"),
                [
                    WatchlistEntry(id=f"E{i}", list_name="wanted", names=(EntryName(n, NameQuality.PRIMARY),))
                    for i, n in enumerate(names)
                ],
                imported_by="lena",
                source="test",
                now=at,
            )
        lists = load_lists(session, pseudonym_key=hit_key(session.connection()))
        summary = screen_stored(session, lists, piu_country=DEFAULT_PIU_COUNTRY, now=at)
    return [hit.action for hit in summary.hits]


def clear_values(engine: Engine, *, skip: tuple[str, ...] = ()) -> set[str]:
    """Every synthetic identifying value still readable in clear anywhere in the store (raw bytes too),
    except in the tables named by ``skip`` (e.g. a watchlist's own entries)."""
    found: set[str] = set()
    with engine.connect() as connection:
        for name, table in Base.metadata.tables.items():
            if name in ("sealed_value", "audit_event", *skip):
                continue
            for row in connection.execute(select(table)):
                text = " ".join(
                    value.decode("latin-1") if isinstance(value, bytes) else str(value) for value in row
                ).upper()
                found.update(value for value in NAMES if value in text)
    return found


def dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table except the log and the sealed ciphertexts (random nonces), sorted."""
    skip = {"audit_event", "sealed_value"}
    result: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        for name, table in sorted(Base.metadata.tables.items()):
            if name in skip:
                continue
            rows = connection.execute(select(table)).all()
            result[name] = sorted((tuple(str(v) for v in row) for row in rows), key=repr)
        sealed = Base.metadata.tables["sealed_value"]
        result["sealed_value"] = sorted(
            tuple(str(v) for v in row)
            for row in connection.execute(select(sealed.c.table_name, sealed.c.row_id))
        )
    return result


KEY_TEXT = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"  # base64 of bytes 0..31
PASSWORD = "correct horse battery staple 42"


def key_file(folder: Path) -> Path:
    """A re-personalisation key file (the bytes 0..31) in ``folder``."""
    path = folder / "key"
    path.write_text(KEY_TEXT)
    return path


def run_cli(url: str, *args: str, key: Path | None = None) -> str:
    """``openpiu ARGS`` on the database at ``url`` (and the key file); its stdout. Errors are raised."""
    env = {"OPENPIU_DATABASE_URL": url, "COLUMNS": "250"}
    if pseudonym_settings(url).pseudonym_key_file is not None:  # PostgreSQL: the tests' fixed key
        env["OPENPIU_PSEUDONYM_KEY_FILE"] = str(POSTGRES_PSEUDONYM_KEY)
    if key is not None:
        env["OPENPIU_REPERSONALISATION_KEY_FILE"] = str(key)
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stdout
    return result.stdout


def add_people(engine: Engine, *people: tuple[str, StaffRole]) -> None:
    with Session(engine) as session, session.begin():
        for name, role in people:
            Users().add(session, username=name, role=role, password=PASSWORD)


def hold(session: Session, target: str, *, review: date = date(2030, 1, 1), at: datetime = T0) -> int:
    """An objective-link hold recorded by the DPO ``dora``; its id."""
    return add_hold(
        session,
        target=target,
        reason="objective link: courier pattern in case 2026/17",
        legal_basis="Law on the PIU Art 12",
        review_date=review,
        by="dora",
        at=at,
    ).id
