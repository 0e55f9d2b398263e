"""widgets views."""
