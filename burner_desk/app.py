"""Composition root of the GUI: builds the services and windows. The only module importing every layer."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    raise SystemExit("not yet")
