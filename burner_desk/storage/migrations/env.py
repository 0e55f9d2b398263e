"""Alembic environment: always run on a connection the app hands over (a keyed SQLCipher connection)."""

from __future__ import annotations

from alembic import context

from burner_desk.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
