"""The data-protection migration widens the staff role check without losing sessions or API tokens."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from storage_fixtures import TestDatabase

from openpiu.accounts import Sessions, Users
from openpiu.errors import StorageError
from openpiu.model import StaffRole
from openpiu.store import storage_errors, upgrade
from openpiu.store.accounts import ApiTokenRow, UserSessionRow
from openpiu.store.schema import downgrade

PASSWORD = "correct horse battery staple 42"


def _counts(database: TestDatabase) -> tuple[int, int]:
    with Session(database.engine) as session:
        return (
            int(session.scalar(select(func.count()).select_from(UserSessionRow)) or 0),
            int(session.scalar(select(func.count()).select_from(ApiTokenRow)) or 0),
        )


def test_role_check_widened_and_narrowed_keeping_sessions_and_tokens(database: TestDatabase) -> None:
    with Session(database.engine) as session, session.begin():
        user = Users().add(session, username="ana", role=StaffRole.ANALYST, password=PASSWORD)
        Sessions().open(session, user, second_factor=True)
        Sessions().create_token(session, user, name="laptop")
        Users().add(session, username="judge", role=StaffRole.AUTHORITY, password=PASSWORD)
    assert _counts(database) == (1, 1)
    downgrade(database.engine, to="0004")
    assert _counts(database) == (1, 1)
    with (
        pytest.raises(StorageError, match=r"(?i)check"),
        storage_errors(database.engine, "adding"),
        Session(database.engine) as session,
        session.begin(),
    ):
        Users().add(session, username="judge2", role=StaffRole.AUTHORITY, password=PASSWORD)
    upgrade(database.engine)
    assert _counts(database) == (1, 1)
