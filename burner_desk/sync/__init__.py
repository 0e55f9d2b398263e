"""Sync with the central system: wire protocol, client, enrollment. Arrives with the sync issue."""
