"""Use cases, one module per workflow. Each public call is one transaction with its audit event and
outbox rows, and returns frozen views, never ORM rows."""
