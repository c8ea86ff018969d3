"""Demo logins for ``openpiu demo``: accounts with a known password and an already enrolled TOTP secret.

Only for a demo database. Each call gives every demo account a fresh random password (printed by the
demo), unlocks it, and keeps its TOTP secret so an authenticator app enrolled once keeps working.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from openpiu.accounts import Users
from openpiu.accounts.totp import new_secret
from openpiu.model import StaffRole

DEMO_ACCOUNTS = (
    ("demo.analyst", StaffRole.ANALYST),
    ("demo.supervisor", StaffRole.SUPERVISOR),
    ("demo.dpo", StaffRole.DPO),
    ("demo.admin", StaffRole.ADMIN),
)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    username: str
    role: StaffRole
    password: str
    # Base32 TOTP secret: add it to an authenticator app, or get the current code with
    # ``openpiu.accounts.totp.code_at(secret, datetime.now(UTC))``.
    totp_secret: str


def ensure_demo_users(session: Session, *, users: Users) -> list[DemoLogin]:
    """Create (or refresh) the demo accounts; the caller commits. ``users`` must seal TOTP secrets."""
    logins = []
    for username, role in DEMO_ACCOUNTS:
        password = "demo-" + secrets.token_urlsafe(12)
        user = users.find(session, username)
        if user is None:
            user = users.add(session, username=username, role=role, password=password)
        else:
            users.reset(session, user, password=password, reset_totp=False)
            users.enable(session, user)
        secret = users.totp_secret(user)
        if secret is None or not user.totp_confirmed:
            secret = new_secret()
            users.set_totp_secret(user, secret, confirmed=True)
        logins.append(DemoLogin(username=username, role=role, password=password, totp_secret=secret))
    session.flush()
    return logins
