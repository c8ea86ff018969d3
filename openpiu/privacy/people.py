"""Who acts: a staff account looked up by login name, refused unless its role may do the step.

The command line names its actor with ``--as USER``; the web app has the logged-in principal. Both go
through here so that the roles of the data-protection steps are enforced in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from openpiu.errors import AccessDenied
from openpiu.model import StaffRole
from openpiu.store.accounts import UserRow


def acting_user(session: Session, username: str, *, allowed: Iterable[StaffRole], doing: str) -> UserRow:
    """The enabled account ``username`` if its role is one of ``allowed``; AccessDenied otherwise."""
    user = session.scalars(select(UserRow).where(UserRow.username == username.strip().lower())).first()
    if user is None or user.disabled:
        raise AccessDenied(f"{doing}: no enabled account {username!r}")
    roles = frozenset(allowed)
    if user.role not in roles:
        needed = ", ".join(sorted(roles))
        raise AccessDenied(f"{doing}: {user.username} is {user.role}, not {needed}")
    return user
