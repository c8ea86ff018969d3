"""Password hashing (argon2id) and the password policy.

The policy follows NIST SP 800-63B §5.1.1.2 rather than composition rules: a minimum length, no
password that contains the user name, none from a list of common passwords; long passphrases welcome.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from openpiu.errors import AccountError

# The most common passwords of length >= 12 in public breach corpora, plus PIU- and region-flavoured ones.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "qwertyuiopas",
        "qwertyuiop123",
        "password1234",
        "password12345",
        "passwordpassword",
        "iloveyou1234",
        "administrator",
        "administrator1",
        "welcome12345",
        "changeme1234",
        "letmein12345",
        "111111111111",
        "000000000000",
        "aaaaaaaaaaaa",
        "abcdefghijkl",
        "abc123abc123",
        "1q2w3e4r5t6y",
        "zaq12wsxcde3",
        "openpiu12345",
        "openpiuopenpiu",
        "passenger123",
        "lozinka12345",
        "fjalekalimi1",
        "sifra1234567",
        "beograd12345",
        "sarajevo1234",
        "podgorica123",
        "tirana123456",
        "skopje123456",
        "prishtina123",
    }
)


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """Minimum and maximum length (the maximum bounds the hashing work an attacker can ask for)."""

    min_length: int = 12
    max_length: int = 256


def check_password(password: str, *, username: str, policy: PasswordPolicy | None = None) -> None:
    """Raise :class:`AccountError` saying why ``password`` is not acceptable for ``username``."""
    policy = policy or PasswordPolicy()
    if len(password) < policy.min_length:
        raise AccountError(f"password too short: at least {policy.min_length} characters")
    if len(password) > policy.max_length:
        raise AccountError(f"password too long: at most {policy.max_length} characters")
    folded = password.casefold()
    if username and username.casefold() in folded:
        raise AccountError("password contains the user name")
    if folded in COMMON_PASSWORDS or len(set(folded)) <= 2:
        raise AccountError("password too common or too repetitive")


def default_hasher() -> PasswordHasher:
    """argon2id with the RFC 9106 second recommended (low-memory) parameters: 64 MiB, 3 passes."""
    return PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4, type=Type.ID)


def verify_password(hasher: PasswordHasher, stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; a malformed hash is a mismatch, never an error."""
    try:
        return hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
