"""The laptop's sync with central (DESIGN.md section 5), one module per step, and the wire they share.

Read in this order: `protocol` (the wire, also central's), `transport` (HTTPS, pinning, answers checked),
`state` (enrollment and feed position kept in the vault), `enrollment` (becoming a device central knows,
and being revoked), `push` (the outbox up), `audit_push` (the audit trail up), `pull` (central's records
down, parking what cannot be applied yet, `record_words` naming them), `conflicts` (what a person
settles), and `run` (one sync: those steps in order). `services.sync` is the facade the UI and admin call.

Nothing here imports PySide6 or SQLAlchemy: the vault is reached through storage's API (the unit of work,
`tx.sync` = storage.sync_ledger). This file imports nothing, so central can use `protocol` alone.
"""
