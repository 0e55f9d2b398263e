"""Today view."""
