"""unlock views."""
