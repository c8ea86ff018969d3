"""Staff accounts: passwords (argon2id, policy), TOTP second factor, lockout, sessions and API tokens.

Used by the web application and by ``openpiu users``. Functions take the SQLAlchemy session first and
never commit: the caller (a request, a CLI command) owns the transaction.
"""

from openpiu.accounts.passwords import PasswordPolicy, check_password, default_hasher
from openpiu.accounts.sessions import Principal, Sessions
from openpiu.accounts.users import LoginOutcome, Users

__all__ = [
    "LoginOutcome",
    "PasswordPolicy",
    "Principal",
    "Sessions",
    "Users",
    "check_password",
    "default_hasher",
]
