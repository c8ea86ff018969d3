"""Encryption at rest of the TOTP secrets: a second factor is worth little if a database copy gives it away.

``SecretBox`` seals a secret with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) under the key
of the ``OPENPIU_SECRET_KEY`` setting; the stored text is ``fernet:<token>``. A value without that prefix
is a secret stored before encryption came in: it is still read, and sealed at the next login.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken

from openpiu.errors import AccountError, ConfigError

PREFIX = "fernet:"
NO_KEY = (
    "OPENPIU_SECRET_KEY is not set: it encrypts the TOTP secrets at rest "
    "(make one with `openpiu users keygen`)"
)


def new_key() -> str:
    """A fresh key for ``OPENPIU_SECRET_KEY`` (32 random bytes, URL-safe base64)."""
    return Fernet.generate_key().decode("ascii")


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


class SecretBox:
    """Seal and open short secrets under one key."""

    def __init__(self, key: str) -> None:
        try:
            self._fernet = Fernet(key.strip().encode("ascii"))
        except (ValueError, UnicodeEncodeError) as exc:
            raise ConfigError(
                "OPENPIU_SECRET_KEY is not a valid key (32 bytes, URL-safe base64; "
                "make one with `openpiu users keygen`)"
            ) from exc

    def seal(self, secret: str) -> str:
        return PREFIX + self._fernet.encrypt(secret.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str:
        """The secret of a stored value (a legacy plain value is returned as it is)."""
        if not is_sealed(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.removeprefix(PREFIX).encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise AccountError(
                "a stored TOTP secret cannot be decrypted with OPENPIU_SECRET_KEY (wrong key?)"
            ) from exc


def box_for(key: str | None) -> SecretBox | None:
    """The box of a configured key, None when the setting is empty."""
    return SecretBox(key) if key and key.strip() else None
