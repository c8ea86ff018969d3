"""The hit-key secret lives in the pseudonym key file, not in the database (GDPR Art 4(5)); upgrading
moves an old secret there without changing a single hit key, and a missing or wrong key is refused."""

from __future__ import annotations

import base64
import contextlib
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, inspect, select
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase

from openpiu.cli import main
from openpiu.errors import ConfigError
from openpiu.privacy.sealing import write_key
from openpiu.store import pseudonyms, upgrade
from openpiu.store.schema import downgrade
from openpiu.store.tables import Base

OLD_SECRET = bytes(range(100, 132))
PASSPORT = "P1234567"


def _cli(database: TestDatabase, *args: str, key: Path | None) -> tuple[int, str, str]:
    """``openpiu ARGS`` in process, as the installed script runs it (errors as one line)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", ["openpiu", *args])
        patch.setenv("OPENPIU_DATABASE_URL", database.url)
        patch.setenv("COLUMNS", "250")
        if key is None:
            patch.delenv("OPENPIU_PSEUDONYM_KEY_FILE", raising=False)
        else:
            patch.setenv("OPENPIU_PSEUDONYM_KEY_FILE", str(key))
        out, err = io.StringIO(), io.StringIO()
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            pytest.raises(SystemExit) as stop,
        ):
            main()
    return int(stop.value.code or 0), out.getvalue(), err.getvalue()


def _held_anywhere(database: TestDatabase, secret: bytes) -> list[str]:
    """The tables holding the secret, as bytes, hex or base64."""
    forms = (secret, secret.hex().encode(), base64.b64encode(secret))
    found = []
    with database.engine.connect() as connection:
        inspector = inspect(connection)
        present = set(inspector.get_table_names())
        for name, table in Base.metadata.tables.items():
            if name not in present:
                continue
            # The columns this revision has (a later one may have added some to the model).
            columns = [table.c[c["name"]] for c in inspector.get_columns(name) if c["name"] in table.c]
            for row in connection.execute(select(*columns)):
                values = [v if isinstance(v, bytes) else str(v).encode() for v in row]
                if any(form in value for value in values for form in forms):
                    found.append(name)
    return found


def _before_0010_with_a_secret(database: TestDatabase) -> str:
    """A database at revision 0009 whose hits were keyed under a secret in ``deployment_secret``."""
    downgrade(database.engine, to="0009")
    with database.engine.begin() as connection:
        connection.execute(
            insert(pseudonyms.deployment_secret).values(
                name=pseudonyms.HIT_KEYS, value=OLD_SECRET, created_at=datetime.now(UTC)
            )
        )
    key = pseudonyms.document_pseudonym(OLD_SECRET, PASSPORT)
    assert key is not None
    return key


def test_upgrade_moves_the_secret_out_and_hit_keys_stay_the_same(
    database: TestDatabase, tmp_path: Path
) -> None:
    before = _before_0010_with_a_secret(database)
    assert _held_anywhere(database, OLD_SECRET) == ["deployment_secret"]
    key_file = tmp_path / "pseudonym.key"
    code, out, err = _cli(database, "db", "upgrade", key=key_file)
    assert (code, err) == (0, "")
    assert f"hit-key secret moved from the database to {key_file}" in out
    assert _held_anywhere(database, OLD_SECRET) == []
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only
    with Session(database.engine) as session:
        key = pseudonyms.pseudonym_key(session.connection(), path=key_file, create=False)
    assert pseudonyms.document_pseudonym(key, PASSPORT) == before
    code, out, _ = _cli(database, "db", "upgrade", key=key_file)
    assert code == 0 and "moved" not in out  # idempotent


def test_first_use_moves_the_secret_when_the_upgrade_did_not(database: TestDatabase, tmp_path: Path) -> None:
    before = _before_0010_with_a_secret(database)
    upgrade(database.engine)  # the schema alone, as a library caller would
    key_file = tmp_path / "pseudonym.key"
    with Session(database.engine) as session, session.begin():
        key = pseudonyms.pseudonym_key(session.connection(), path=key_file, create=True)
    assert pseudonyms.document_pseudonym(key, PASSPORT) == before
    assert _held_anywhere(database, OLD_SECRET) == []


def test_a_lost_or_different_key_is_refused_not_replaced(database: TestDatabase, tmp_path: Path) -> None:
    _before_0010_with_a_secret(database)
    other = tmp_path / "other.key"
    write_key(other, bytes(32))
    with Session(database.engine) as session, pytest.raises(ConfigError, match="differs"):
        pseudonyms.move_database_secret(session.connection(), path=other)
    key_file = tmp_path / "pseudonym.key"
    assert _cli(database, "db", "upgrade", key=key_file)[0] == 0
    key_file.unlink()  # lost after the move: a new key would re-raise every dismissed hit
    with Session(database.engine) as session, pytest.raises(ConfigError, match="not found"):
        pseudonyms.pseudonym_key(session.connection(), path=key_file, create=True)
    with Session(database.engine) as session, pytest.raises(ConfigError, match="not the key"):
        pseudonyms.pseudonym_key(session.connection(), path=other, create=False)


@pytest.mark.postgres
def test_postgresql_without_a_key_file_is_a_one_line_error(database: TestDatabase) -> None:
    if database.backend != "postgresql":
        pytest.skip("with SQLite the key is generated next to the database file")
    code, _, err = _cli(database, "screen", key=None)
    assert (
        code != 0
        and err.startswith("openpiu: error: set OPENPIU_PSEUDONYM_KEY_FILE")
        and err.count("\n") == 1
    )
    _before_0010_with_a_secret(database)
    code, _, err = _cli(database, "db", "upgrade", key=None)
    assert code != 0 and "OPENPIU_PSEUDONYM_KEY_FILE" in err and err.count("\n") == 1
    assert _held_anywhere(database, OLD_SECRET) == ["deployment_secret"]  # kept until it can be moved
