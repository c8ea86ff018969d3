"""Fixtures of the web tests: a SQLite database with two flights, a fixed clock, and users per role."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from openpiu.accounts import Sessions, Users
from openpiu.accounts.sealing import SecretBox, new_key
from openpiu.accounts.totp import code_at, new_secret
from openpiu.ingest.paths import ingest_bytes
from openpiu.model import StaffRole
from openpiu.settings import Settings, sqlite_url
from openpiu.store import create, session_factory, upgrade
from openpiu.web import create_app
from openpiu.web.access import SESSION_COOKIE
from web.paxlst import Person, paxlst

PASSWORD = "correct horse battery staple"
# 08:00 UTC is 09:00 in Belgrade (CET) on 14 March 2025: the day the sample flights fly.
START = datetime(2025, 3, 14, 8, 0, tzinfo=UTC)

PEOPLE = [
    Person("PETROVIC", "MARKO JOVAN", "M", "850212", "SRB", "012345678"),
    Person("HOXHA", "ELIRA", "F", "920730", "ALB", "AB1234567"),
    Person("KOVACEVIC", "ANA", "F", "780101", "BIH", "B9876543"),
    Person("STOJANOVSKI", "PETAR", "M", "700505", "MKD", "C1111111", crew=True),
]


class Clock:
    """A settable clock: tests move time forward to expire locks and sessions."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def fast_hasher() -> PasswordHasher:
    """argon2id with minimal cost: same code path as production, fast enough for hundreds of logins."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)


@dataclass
class Web:
    app: FastAPI
    engine: Engine
    clock: Clock
    users: Users
    logins: Sessions
    flight_ids: dict[str, int] = field(default_factory=dict)

    def session(self):  # type: ignore[no-untyped-def]  # a SQLAlchemy session for assertions
        return session_factory(self.engine)()

    def add_user(self, username: str, role: StaffRole, *, enrolled: bool = True) -> str | None:
        """Create a user; returns its TOTP secret when enrolled."""
        with self.session() as db:
            user = self.users.add(db, username=username, role=role, password=PASSWORD)
            secret = None
            if enrolled:
                secret = new_secret()
                self.users.set_totp_secret(user, secret, confirmed=True)
            db.commit()
            return secret

    def client_as(self, role: StaffRole, *, username: str | None = None) -> AuthedClient:
        """A client already fully logged in as a new user with ``role`` (login itself is tested apart)."""
        name = username or f"user.{role.value}"
        self.add_user(name, role)
        with self.session() as db:
            user = self.users.require(db, name)
            token = self.logins.open(db, user, second_factor=True)
            db.commit()
        client = TestClient(self.app)
        client.cookies.set(SESSION_COOKIE, token)
        return AuthedClient(client=client, csrf=csrf_of(token), username=name)

    def code(self, secret: str) -> str:
        return code_at(secret, self.clock())


@dataclass
class AuthedClient:
    client: TestClient
    csrf: str
    username: str


def csrf_of(session_token: str) -> str:
    return hashlib.sha256(f"csrf:{session_token}".encode()).hexdigest()


def _load_flights(engine: Engine) -> None:
    messages = [
        (
            "ju0456.edi",
            paxlst(
                carrier="JU",
                number="0456",
                origin="IST",
                destination="BEG",
                departure=datetime(2025, 3, 14, 10, 30),
                arrival=datetime(2025, 3, 14, 11, 25),
                people=PEOPLE[:2] + PEOPLE[3:],
                reference="1",
            ),
        ),
        (
            "ju0123.edi",
            paxlst(
                carrier="JU",
                number="0123",
                origin="BEG",
                destination="VIE",
                departure=datetime(2025, 3, 14, 14, 0),
                arrival=datetime(2025, 3, 14, 15, 30),
                people=PEOPLE[2:3],
                reference="2",
            ),
        ),
    ]
    summary = ingest_bytes(engine, messages, now=lambda: START)
    assert (summary.rejected, summary.travellers) == (0, 4)


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    url = sqlite_url(tmp_path / "web.db")
    engine = create(url)
    upgrade(engine)
    _load_flights(engine)
    clock = Clock(START)
    key = new_key()
    users = Users(hasher=fast_hasher(), clock=clock, box=SecretBox(key))
    logins = Sessions(clock=clock)
    app = create_app(
        Settings(database_url=url, sql_echo=False, secret_key=key),
        engine=engine,
        users=users,
        logins=logins,
        clock=clock,
    )
    web = Web(app=app, engine=engine, clock=clock, users=users, logins=logins)
    from openpiu.store.tables import FlightRow

    with web.session() as db:
        for flight in db.query(FlightRow).all():
            web.flight_ids[f"{flight.carrier}{flight.number}"] = flight.id
    yield web
    engine.dispose()
