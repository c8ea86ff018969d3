"""TOTP secrets at rest: sealed under the configured key, unreadable without it, legacy ones sealed on use."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type
from sqlalchemy import text

from openpiu.accounts import Users
from openpiu.accounts.sealing import PREFIX, SecretBox, new_key
from openpiu.accounts.totp import code_at, new_secret
from openpiu.errors import AccountError, ConfigError
from openpiu.model import StaffRole
from openpiu.settings import Settings, sqlite_url
from openpiu.store import create, session_factory, upgrade
from openpiu.web import create_app

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery staple"


def users(key: str | None) -> Users:
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
    return Users(hasher=hasher, clock=lambda: NOW, box=SecretBox(key) if key else None)


def test_box_round_trip_and_wrong_key() -> None:
    box = SecretBox(new_key())
    sealed = box.seal("JBSWY3DPEHPK3PXP")
    assert sealed.startswith(PREFIX) and "JBSWY3DPEHPK3PXP" not in sealed
    assert box.open(sealed) == "JBSWY3DPEHPK3PXP"
    assert box.open("JBSWY3DPEHPK3PXP") == "JBSWY3DPEHPK3PXP"  # legacy plain value
    with pytest.raises(AccountError, match="cannot be decrypted with OPENPIU_SECRET_KEY"):
        SecretBox(new_key()).open(sealed)
    with pytest.raises(ConfigError, match="not a valid key"):
        SecretBox("not a key")


def test_stored_secret_is_sealed_and_legacy_secrets_are_sealed_at_login(tmp_path: Path) -> None:
    engine = create(sqlite_url(tmp_path / "a.db"))
    try:
        upgrade(engine)
        key = new_key()
        service = users(key)
        with session_factory(engine)() as db:
            user = service.add(db, username="ana", role=StaffRole.ANALYST, password=PASSWORD)
            secret = service.start_enrolment(user)
            db.commit()
            (stored,) = db.execute(text("select totp_secret from staff_user")).one()
            assert stored.startswith(PREFIX) and secret not in stored
            assert service.check_code(user, code_at(secret, NOW)).value == "ok"
            # Without the key nothing new can be stored, and a sealed secret cannot be read.
            with pytest.raises(ConfigError, match="OPENPIU_SECRET_KEY is not set"):
                users(None).totp_secret(user)
            # A secret stored before encryption: read as it is, sealed by the next good code.
            legacy = new_secret()
            user.totp_secret, user.totp_last_step = legacy, None
            assert service.check_code(user, code_at(legacy, NOW)).value == "ok"
            assert user.totp_secret.startswith(PREFIX) and service.totp_secret(user) == legacy
    finally:
        engine.dispose()


def test_the_web_app_refuses_to_start_without_a_key(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "b.db")
    with pytest.raises(ConfigError, match="OPENPIU_SECRET_KEY is not set"):
        create_app(Settings(database_url=url, sql_echo=False))
