"""Server-side login sessions and personal API tokens.

The browser holds a random session id (256 bits); the database holds only its SHA-256, so a copy of the
database does not let anyone take over a session. Sessions end after ``idle`` without use or ``absolute``
after login, whichever comes first. API tokens (``opiu_...``) are stored the same way and can be revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from openpiu.accounts.users import end_all_sessions, utc_now
from openpiu.errors import AccountError
from openpiu.model import StaffRole
from openpiu.store.accounts import ApiTokenRow, UserRow, UserSessionRow

TOKEN_PREFIX = "opiu_"  # noqa: S105 - a public prefix that makes tokens recognisable, not a secret
# Writing last_seen_at on every request would make each page view a write; a minute's precision is enough.
TOUCH_EVERY = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is making a request: the user, their role, and how they authenticated."""

    user_id: int
    username: str
    role: StaffRole
    language: str
    # "session" (browser cookie) or "token" (Bearer API token).
    via: str
    # The session row id, for logout; None for API tokens.
    session_id: int | None
    # False between the password and the TOTP code.
    second_factor: bool


def principal_of(user: UserRow, *, via: str, session_id: int | None, second_factor: bool) -> Principal:
    return Principal(
        user_id=user.id,
        username=user.username,
        role=user.role,
        language=user.language,
        via=via,
        session_id=session_id,
        second_factor=second_factor,
    )


@dataclass
class Sessions:
    """Opening, resolving and ending sessions; creating, resolving and revoking API tokens."""

    clock: Callable[[], datetime] = utc_now
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)

    def open(self, session: Session, user: UserRow, *, second_factor: bool) -> str:
        """A new session for ``user``; returns the id to put in the cookie (never stored as such)."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        session.add(
            UserSessionRow(
                user_id=user.id,
                token_sha256=digest(token),
                second_factor=second_factor,
                created_at=now,
                last_seen_at=now,
                expires_at=now + self.absolute,
            )
        )
        session.flush()
        return token

    def resolve(self, session: Session, token: str | None) -> Principal | None:
        """The principal of a cookie's session id; None when unknown, expired, idle or disabled."""
        if not token:
            return None
        found = session.execute(
            select(UserSessionRow, UserRow)
            .join(UserRow, UserRow.id == UserSessionRow.user_id)
            .where(UserSessionRow.token_sha256 == digest(token))
        ).first()
        if found is None:
            return None
        row, user = found
        now = self.clock()
        if user.disabled or row.expires_at <= now or row.last_seen_at + self.idle <= now:
            session.delete(row)
            return None
        if now - row.last_seen_at >= TOUCH_EVERY:
            row.last_seen_at = now
        return principal_of(user, via="session", session_id=row.id, second_factor=row.second_factor)

    def elevate(self, session: Session, principal: Principal) -> str:
        """After the second factor: replace the half-open session with a full one under a new id.

        A new id on every change of privilege defeats session fixation.
        """
        user = session.get(UserRow, principal.user_id)
        if user is None:
            raise AccountError("user no longer exists")
        self.end(session, principal)
        return self.open(session, user, second_factor=True)

    def end(self, session: Session, principal: Principal) -> None:
        if principal.session_id is not None:
            session.execute(delete(UserSessionRow).where(UserSessionRow.id == principal.session_id))

    def end_all(self, session: Session, user_id: int) -> int:
        return end_all_sessions(session, user_id)

    def create_token(
        self, session: Session, user: UserRow, *, name: str, valid_for: timedelta | None = None
    ) -> tuple[ApiTokenRow, str]:
        """A new personal API token; the secret is returned once and only its digest is kept."""
        if user.disabled:
            raise AccountError(f"user {user.username!r} is disabled")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = self.clock()
        row = ApiTokenRow(
            user_id=user.id,
            name=name,
            token_sha256=digest(secret),
            created_at=now,
            expires_at=now + valid_for if valid_for else None,
        )
        session.add(row)
        session.flush()
        return row, secret

    def tokens(self, session: Session, user: UserRow) -> Sequence[ApiTokenRow]:
        return session.scalars(
            select(ApiTokenRow).where(ApiTokenRow.user_id == user.id).order_by(ApiTokenRow.id)
        ).all()

    def revoke_token(self, session: Session, user: UserRow, *, token_id: int) -> None:
        row = session.get(ApiTokenRow, token_id)
        if row is None or row.user_id != user.id:
            raise AccountError(f"user {user.username!r} has no token {token_id}")
        if row.revoked_at is None:
            row.revoked_at = self.clock()

    def resolve_token(self, session: Session, secret: str | None) -> Principal | None:
        """The principal of a Bearer token; None when unknown, revoked, expired or its user disabled."""
        if not secret or not secret.startswith(TOKEN_PREFIX):
            return None
        found = session.execute(
            select(ApiTokenRow, UserRow)
            .join(UserRow, UserRow.id == ApiTokenRow.user_id)
            .where(ApiTokenRow.token_sha256 == digest(secret))
        ).first()
        if found is None:
            return None
        row, user = found
        now = self.clock()
        if (
            user.disabled
            or row.revoked_at is not None
            or (row.expires_at is not None and row.expires_at <= now)
        ):
            return None
        if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
            row.last_used_at = now
        return principal_of(user, via="token", session_id=None, second_factor=True)
