"""Accounts: creation, password reset, disabling, and the password and TOTP checks with lockout.

Lockout with back-off: after ``free_failures`` consecutive failed attempts (password or TOTP code), the
account is locked for ``base_lock`` seconds, doubling with each further failure, up to ``max_lock``.
While locked, even a correct password is refused (so guessing gains nothing), and attempts are not
counted (so an attacker cannot extend a lock forever). Unknown users cost the same hashing time as
known ones, so timing does not tell which names exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from openpiu.accounts import totp
from openpiu.accounts.passwords import PasswordPolicy, check_password, default_hasher, verify_password
from openpiu.accounts.sealing import NO_KEY, SecretBox, is_sealed
from openpiu.errors import AccountError, ConfigError
from openpiu.model import StaffRole
from openpiu.store.accounts import ApiTokenRow, UserRow, UserSessionRow

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


class LoginOutcome(StrEnum):
    OK = "ok"
    BAD_CREDENTIALS = "bad_credentials"
    LOCKED = "locked"
    DISABLED = "disabled"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Users:
    """Account operations, with the hasher, policy, clock and lockout parameters injected.

    ``box`` seals the TOTP secrets stored in ``UserRow.totp_secret``; without it, storing a new secret
    is refused (``ConfigError``) and only legacy unsealed secrets can be read.
    """

    hasher: PasswordHasher = field(default_factory=default_hasher)
    policy: PasswordPolicy = field(default_factory=PasswordPolicy)
    clock: Callable[[], datetime] = utc_now
    free_failures: int = 5
    base_lock: timedelta = timedelta(seconds=30)
    max_lock: timedelta = timedelta(hours=1)
    box: SecretBox | None = None
    _dummy_hash: str | None = None

    def add(self, session: Session, *, username: str, role: StaffRole, password: str) -> UserRow:
        """Create an account; it must enrol a TOTP authenticator at its first login."""
        username = username.strip().lower()
        if not USERNAME.match(username):
            raise AccountError(
                "user name must be 3-64 characters: lower-case letters, digits, '.', '_' or '-'"
            )
        if self.find(session, username) is not None:
            raise AccountError(f"user {username!r} already exists")
        check_password(password, username=username, policy=self.policy)
        now = self.clock()
        user = UserRow(
            username=username,
            role=StaffRole(role),
            password_hash=self.hasher.hash(password),
            totp_confirmed=False,
            failed_attempts=0,
            disabled=False,
            language="en",
            created_at=now,
            password_changed_at=now,
        )
        session.add(user)
        session.flush()
        return user

    def find(self, session: Session, username: str) -> UserRow | None:
        return session.scalars(select(UserRow).where(UserRow.username == username.strip().lower())).first()

    def require(self, session: Session, username: str) -> UserRow:
        user = self.find(session, username)
        if user is None:
            raise AccountError(f"no user {username.strip().lower()!r}")
        return user

    def list_users(self, session: Session) -> Sequence[UserRow]:
        return session.scalars(select(UserRow).order_by(UserRow.username)).all()

    def reset(self, session: Session, user: UserRow, *, password: str, reset_totp: bool = True) -> None:
        """Set a new password, unlock, end every session; with ``reset_totp`` the user enrols again."""
        check_password(password, username=user.username, policy=self.policy)
        user.password_hash = self.hasher.hash(password)
        user.password_changed_at = self.clock()
        user.failed_attempts = 0
        user.locked_until = None
        if reset_totp:
            user.totp_secret = None
            user.totp_confirmed = False
            user.totp_last_step = None
        end_all_sessions(session, user.id)

    def disable(self, session: Session, user: UserRow) -> None:
        """Refuse every future login of ``user``, end its sessions and revoke its API tokens."""
        user.disabled = True
        end_all_sessions(session, user.id)
        session.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.user_id == user.id, ApiTokenRow.revoked_at.is_(None))
            .values(revoked_at=self.clock())
        )

    def enable(self, session: Session, user: UserRow) -> None:
        user.disabled = False
        user.failed_attempts = 0
        user.locked_until = None

    def check_password(
        self, session: Session, *, username: str, password: str
    ) -> tuple[LoginOutcome, UserRow | None]:
        """First factor. The outcome tells the caller what to log; users only ever see one message."""
        user = self.find(session, username)
        if user is None:
            # Spend the same time as for a real account.
            if self._dummy_hash is None:
                self._dummy_hash = self.hasher.hash("not-a-password-of-anyone")
            verify_password(self.hasher, self._dummy_hash, password)
            return LoginOutcome.BAD_CREDENTIALS, None
        if user.disabled:
            return LoginOutcome.DISABLED, user
        if self.locked(user):
            return LoginOutcome.LOCKED, user
        if not verify_password(self.hasher, user.password_hash, password):
            self._failed(user)
            return LoginOutcome.BAD_CREDENTIALS, user
        if self.hasher.check_needs_rehash(user.password_hash):
            user.password_hash = self.hasher.hash(password)
        return LoginOutcome.OK, user

    def check_code(self, user: UserRow, code: str) -> LoginOutcome:
        """Second factor: a TOTP code of the user's (possibly not yet confirmed) secret."""
        if user.disabled:
            return LoginOutcome.DISABLED
        secret = self.totp_secret(user)
        if self.locked(user) or secret is None:
            return LoginOutcome.LOCKED
        step = totp.accepted_step(secret, code, now=self.clock(), last_step=user.totp_last_step)
        if step is None:
            self._failed(user)
            return LoginOutcome.BAD_CREDENTIALS
        if self.box is not None and user.totp_secret is not None and not is_sealed(user.totp_secret):
            user.totp_secret = self.box.seal(secret)  # stored before encryption came in: seal it now
        user.totp_last_step = step
        user.totp_confirmed = True
        user.failed_attempts = 0
        user.locked_until = None
        return LoginOutcome.OK

    def start_enrolment(self, user: UserRow) -> str:
        """The secret to show at enrolment: a new one unless an unconfirmed one is pending."""
        if user.totp_confirmed:
            raise AccountError(f"user {user.username!r} has already enrolled an authenticator")
        secret = self.totp_secret(user)
        if secret is None:
            secret = totp.new_secret()
            self.set_totp_secret(user, secret, confirmed=False)
        return secret

    def totp_secret(self, user: UserRow) -> str | None:
        """The user's TOTP secret in clear, for checking a code or showing it at enrolment."""
        stored = user.totp_secret
        if stored is None or not is_sealed(stored):
            return stored
        if self.box is None:
            raise ConfigError(NO_KEY)
        return self.box.open(stored)

    def set_totp_secret(self, user: UserRow, secret: str, *, confirmed: bool) -> None:
        """Store ``secret`` sealed (enrolment; demo and test accounts enrolled in advance)."""
        if self.box is None:
            raise ConfigError(NO_KEY)
        user.totp_secret = self.box.seal(secret)
        user.totp_confirmed = confirmed
        user.totp_last_step = None

    def locked(self, user: UserRow) -> bool:
        return user.locked_until is not None and user.locked_until > self.clock()

    def _failed(self, user: UserRow) -> None:
        user.failed_attempts += 1
        over = user.failed_attempts - self.free_failures
        if over >= 0:
            lock = min(self.base_lock * (2 ** min(over, 20)), self.max_lock)
            user.locked_until = self.clock() + lock


def end_all_sessions(session: Session, user_id: int) -> int:
    """Delete every session of a user ("log out everywhere"); the number ended."""
    result = session.execute(delete(UserSessionRow).where(UserSessionRow.user_id == user_id))
    return int(getattr(result, "rowcount", 0) or 0)
