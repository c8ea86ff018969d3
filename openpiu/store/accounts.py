"""Tables of staff accounts: users, their server-side sessions and their personal API tokens.

Secrets are never stored as given: passwords as argon2id hashes, session ids and API tokens as SHA-256
digests (they are long random values, so a fast hash is enough and lets a lookup use an index).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from openpiu.model import StaffRole
from openpiu.store.tables import Base, Id
from openpiu.store.types import enum_column


class UserRow(Base):
    """A member of staff with one role, a password hash, a TOTP secret and lockout counters."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[StaffRole] = mapped_column(enum_column(StaffRole, "staff_role"))
    password_hash: Mapped[str] = mapped_column(Text)
    # Base32 TOTP secret (RFC 6238); NULL until enrolment starts, confirmed once a code was accepted.
    totp_secret: Mapped[str | None] = mapped_column(Text)
    totp_confirmed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # Time step of the last accepted code: a code is accepted once (RFC 6238 §5.2, no replay).
    totp_last_step: Mapped[int | None]
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    locked_until: Mapped[datetime | None]
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # Interface language (a catalogue name: en, sq, sr_Latn, sr_Cyrl, mk, bs).
    language: Mapped[str] = mapped_column(String(16), default="en", server_default="en")
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime]


class UserSessionRow(Base):
    """A login: the SHA-256 of the random session id held in the browser's cookie.

    ``second_factor`` is False between a correct password and a correct TOTP code: such a session opens
    only the TOTP and enrolment pages.
    """

    __tablename__ = "staff_session"
    __table_args__ = (Index("ix_staff_session_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    second_factor: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ApiTokenRow(Base):
    """A personal API token (Bearer), revocable, with an optional expiry."""

    __tablename__ = "api_token"
    __table_args__ = (Index("ix_api_token_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
