"""The new-encounter wizard: survivor to print queue, with an encrypted draft in the vault."""
