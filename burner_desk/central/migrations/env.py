"""Alembic environment for central: runs on the connection `central.db.migrate` hands over."""

from __future__ import annotations

from alembic import context

from burner_desk.central.models import CentralBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=CentralBase.metadata)
with context.begin_transaction():
    context.run_migrations()
