"""OpenPIU's store: SQLAlchemy tables, Alembic migrations and small query and write functions.

SQLite (a file, the default) or PostgreSQL (``postgresql+psycopg://``). Functions here never commit:
the caller (an ingest batch, a request, a job) owns the transaction. Driver errors come out as
:class:`openpiu.errors.StorageError`.
"""

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
