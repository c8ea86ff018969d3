"""OpenPIU's store: SQLAlchemy tables, Alembic migrations and small query and write functions.

SQLite (a file, the default) or PostgreSQL (``postgresql+psycopg://``). Functions here never commit:
the caller (an ingest batch, a request, a job) owns the transaction. Driver errors come out as
:class:`openpiu.errors.StorageError`.
"""

# Registers the account and access-log tables on the shared metadata (migrations, schema checks).
from openpiu.store import accounts as _accounts  # noqa: F401 - registers tables
from openpiu.store import audit as _audit  # noqa: F401 - registers tables
from openpiu.store.db import create, describe, session_factory, storage_errors
from openpiu.store.schema import SchemaState, require_current, schema_state, upgrade

__all__ = [
    "SchemaState",
    "create",
    "describe",
    "require_current",
    "schema_state",
    "session_factory",
    "storage_errors",
    "upgrade",
]
