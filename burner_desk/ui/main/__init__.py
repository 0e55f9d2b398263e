"""main views."""
