"""PySide6 user interface. Never touches storage: asks services on the DB executor (tasks.py)."""
