"""The only layer that knows SQLAlchemy, SQLCipher and the OS keyring (behind keystore.py)."""
