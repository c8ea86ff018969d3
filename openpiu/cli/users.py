"""``openpiu users add|list|reset|disable|enable`` and ``openpiu users token create|list|revoke``.

Passwords are read from a hidden prompt (typed twice), or one line of standard input with
``--password-stdin`` (for scripts); never from an argument, which would stay in the shell history.
Every change is written to the access log as an ``administer`` event by the local operator.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from openpiu import settings as settings_module
from openpiu.accounts import Sessions, Users
from openpiu.accounts.sealing import new_key
from openpiu.cli.app import app
from openpiu.model import StaffRole
from openpiu.privacy.audit import AuditAction, AuditEntry, record
from openpiu.store import create, require_current, session_factory, storage_errors

users_app = typer.Typer(help="Manage staff accounts (local operator).", no_args_is_help=True)
token_app = typer.Typer(help="Personal API tokens (Bearer) of a user.", no_args_is_help=True)
users_app.add_typer(token_app, name="token")
app.add_typer(users_app, name="users")

OPERATOR = "cli"
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from one line of standard input.")
]


@contextmanager
def _database() -> Iterator[Session]:
    config = settings_module.load()
    engine = create(config.database_url, echo=config.sql_echo)
    require_current(engine, create_if_empty=True)
    session = session_factory(engine)()
    try:
        with storage_errors(engine, "updating accounts"):
            yield session
            session.commit()
    finally:
        session.close()
        engine.dispose()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


def _log(session: Session, operation: str, user_id: int, **detail: str) -> None:
    record(
        session,
        AuditEntry(
            action=AuditAction.ADMINISTER,
            actor=OPERATOR,
            actor_role=None,
            object_refs=(f"user:{user_id}",),
            detail={"operation": operation, **detail},
        ),
    )


@users_app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Login name: lower-case letters, digits, . _ -")],
    role: Annotated[StaffRole, typer.Option("--role", help="The one role of the account.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Create an account; the user sets up the authenticator (TOTP) at first login."""
    password = _password(password_stdin)
    with _database() as session:
        user = Users().add(session, username=username, role=role, password=password)
        _log(session, "create user", user.id, role=role.value)
    typer.echo(f"created {user.username} ({role.value}); authenticator to be enrolled at first login")


@users_app.command("list")
def list_users() -> None:
    """Every account with its role and state."""
    with _database() as session:
        table = Table("user", "role", "authenticator", "state", "failed attempts")
        for user in Users().list_users(session):
            table.add_row(
                user.username,
                user.role.value,
                "enrolled" if user.totp_confirmed else "not enrolled",
                "disabled" if user.disabled else "active",
                str(user.failed_attempts),
            )
    Console().print(table)


@users_app.command("reset")
def reset(
    username: str,
    password_stdin: PasswordStdin = False,
    keep_totp: Annotated[
        bool, typer.Option("--keep-totp", help="Keep the enrolled authenticator (default: enrol again).")
    ] = False,
) -> None:
    """Set a new password, unlock the account and end its sessions."""
    password = _password(password_stdin)
    with _database() as session:
        users = Users()
        user = users.require(session, username)
        users.reset(session, user, password=password, reset_totp=not keep_totp)
        _log(session, "reset password", user.id, totp="kept" if keep_totp else "reset")
    typer.echo(f"reset {user.username}")


@users_app.command("disable")
def disable(username: str) -> None:
    """Refuse all logins of the account, end its sessions, revoke its API tokens."""
    with _database() as session:
        users = Users()
        user = users.require(session, username)
        users.disable(session, user)
        _log(session, "disable user", user.id)
    typer.echo(f"disabled {user.username}")


@users_app.command("enable")
def enable(username: str) -> None:
    """Allow logins of a disabled account again (and clear its lockout)."""
    with _database() as session:
        users = Users()
        user = users.require(session, username)
        users.enable(session, user)
        _log(session, "enable user", user.id)
    typer.echo(f"enabled {user.username}")


@users_app.command("keygen")
def keygen() -> None:
    """Print a new key for OPENPIU_SECRET_KEY (encrypts the TOTP secrets at rest)."""
    typer.echo(new_key())


@token_app.command("create")
def token_create(
    username: str,
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "api",
    days: Annotated[int, typer.Option("--days", min=1, help="Valid for this many days.")] = 90,
) -> None:
    """Create a personal API token; it is printed once and stored only as a hash."""
    with _database() as session:
        user = Users().require(session, username)
        row, secret = Sessions().create_token(session, user, name=name, valid_for=timedelta(days=days))
        _log(session, "create API token", user.id, token=str(row.id))
    typer.echo(f"token {row.id} for {user.username} (valid {days} days); shown once:")
    typer.echo(secret)


@token_app.command("list")
def token_list(username: str) -> None:
    """The tokens of a user (never their secrets)."""
    with _database() as session:
        user = Users().require(session, username)
        table = Table("id", "name", "created", "expires", "state")
        for row in Sessions().tokens(session, user):
            table.add_row(
                str(row.id),
                row.name,
                f"{row.created_at:%Y-%m-%d %H:%M}",
                f"{row.expires_at:%Y-%m-%d}" if row.expires_at else "never",
                "revoked" if row.revoked_at else "active",
            )
    Console().print(table)


@token_app.command("revoke")
def token_revoke(username: str, token_id: Annotated[int, typer.Argument(help="The token's id.")]) -> None:
    """Revoke one token of a user."""
    with _database() as session:
        user = Users().require(session, username)
        Sessions().revoke_token(session, user, token_id=token_id)
        _log(session, "revoke API token", user.id, token=str(token_id))
    typer.echo(f"revoked token {token_id} of {user.username}")


__all__ = ["users_app"]
