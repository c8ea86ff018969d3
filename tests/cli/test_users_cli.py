"""``openpiu users`` and ``openpiu audit verify`` against a SQLite file (Typer's runner, in-process)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from openpiu.cli import app
from openpiu.settings import sqlite_url
from openpiu.store import create

PASSWORD = "a long enough secret 42\n"


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = sqlite_url(tmp_path / "cli.db")
    monkeypatch.setenv("OPENPIU_DATABASE_URL", url)
    return url


def _run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_users_add_list_reset_disable_and_tokens(cli_db: str) -> None:
    assert _run("users", "add", "ana", "--role", "analyst", "--password-stdin", stdin=PASSWORD)[0] == 0
    code, output = _run("users", "add", "ana", "--role", "analyst", "--password-stdin", stdin=PASSWORD)
    assert code != 0
    code, output = _run("users", "list")
    assert code == 0 and "ana" in output and "analyst" in output and "not enrolled" in output
    assert _run("users", "reset", "ana", "--password-stdin", stdin="another long secret 7\n")[0] == 0
    code, output = _run("users", "token", "create", "ana", "--name", "script", "--days", "7")
    secret = output.strip().splitlines()[-1]
    assert code == 0 and secret.startswith("opiu_")
    engine = create(cli_db)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT token_sha256 FROM api_token")).scalars().all()
    assert secret not in stored and len(stored) == 1
    assert _run("users", "token", "revoke", "ana", "1")[0] == 0
    assert "revoked" in _run("users", "token", "list", "ana")[1]
    assert _run("users", "disable", "ana")[0] == 0
    assert "disabled" in _run("users", "list")[1]
    code, output = _run("audit", "verify")
    assert code == 0 and "intact: 5 events" in output
    engine.dispose()


def test_weak_passwords_are_refused(cli_db: str) -> None:
    code, _ = _run("users", "add", "bob", "--role", "dpo", "--password-stdin", stdin="bob-password-1\n")
    assert code != 0


def test_audit_verify_names_the_first_bad_event(cli_db: str) -> None:
    for name in ("ana", "bob", "cyd"):
        _run("users", "add", name, "--role", "analyst", "--password-stdin", stdin=PASSWORD)
    engine = create(cli_db)
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_event SET actor = 'someone' WHERE seq = 2"))
    engine.dispose()
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code != 0
    assert isinstance(result.exception, Exception) and "event 2" in str(result.exception)
