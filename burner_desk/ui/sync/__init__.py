"""The Sync view: this laptop's link with central, Sync now, enrollment and the conflicts to settle."""
