"""Reading keyslots.json's outline (format, who has a slot) with the standard library alone.

The unlock window needs the sign-in names before anything else; reading them here keeps Argon2,
cryptography and SQLAlchemy off the start-up path. storage.keyslots parses the full slots through
`parse`, so the file format is checked in one place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from burner_desk.domain.errors import VaultDamaged, VaultNotFound

FORMAT = 1
KEYSLOT_FILE = "keyslots.json"


def vault_exists(directory: Path) -> bool:
    return (directory / KEYSLOT_FILE).exists()


def parse(text: str) -> dict[str, Any]:
    """The file's JSON object; ValueError when it is not one of ours in a format we know."""
    raw = json.loads(text)
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        format_ = raw.get("format") if isinstance(raw, dict) else None
        raise ValueError(f"unknown keyslot format {format_!r}")
    return raw


def slot_users(directory: Path) -> list[str]:
    """Names with a keyslot, in file order. The slots themselves are checked when one is opened."""
    path = directory / KEYSLOT_FILE
    if not path.exists():
        raise VaultNotFound(f"No vault in {directory}.")
    try:
        users = [slot["user"] for slot in parse(path.read_text(encoding="utf-8"))["slots"]]
        if not all(isinstance(user, str) for user in users):
            raise TypeError("keyslot user is not a string")
    except (ValueError, KeyError, TypeError) as exc:
        raise VaultDamaged(f"The keyslot file {path.name} is damaged: restore it from a backup.") from exc
    return users
