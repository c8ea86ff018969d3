"""Alembic environment of OpenPIU: run with the connection handed over by ``openpiu.store.schema``.

There is no ``alembic.ini``: ``schema.upgrade`` builds the configuration in code and passes an open
connection in ``config.attributes["connection"]``, so the migrations run on exactly the engine (URL,
SQLite pragmas, PostgreSQL search_path) the rest of OpenPIU uses.
"""

from __future__ import annotations

from alembic import context

from openpiu.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run OpenPIU migrations through openpiu.store.schema.upgrade (or `openpiu db upgrade`)"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode rebuilds the table, which later migrations will need.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
