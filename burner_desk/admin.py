"""burner-desk-admin: the command line (composition root for scripts and IT)."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    raise SystemExit("not yet")
