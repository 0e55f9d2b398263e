"""Central's migrations build exactly the schema its models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from burner_desk.central.db import make_engine, migrate
from burner_desk.central.models import CentralBase


def test_the_migrated_schema_is_the_models_schema(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), CentralBase.metadata)
    engine.dispose()

    assert differences == []
