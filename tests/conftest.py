"""Shared fixtures: real SQLCipher vaults under tmp_path, an in-memory OS keyring (a boundary we do not own)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from burner_desk.services import access
from burner_desk.storage.keyslots import KdfParams

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # The laptop's 1366×768 screen, not the offscreen platform's 800×600: windows size themselves to the
    # screen (ui/widgets/screen_fit.py), and the tests mean the screen the app is built for.
    _SCREEN = Path(tempfile.mkdtemp(prefix="burner-desk-screen-")) / "screen.json"
    _SCREEN.write_text(
        '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]}',
        encoding="utf-8",
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

pytest_plugins = ["tests.postgres"]  # a real PostgreSQL for central's tests and the sync tests

# Argon2id at the policy's 64 MiB floor but one pass, so a test unlock takes ~0.1 s instead of ~0.5 s.
TEST_KDF = KdfParams(time_cost=1)
SUPERVISOR_PASSPHRASE = "Correct horse 9 battery"


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS keyring; behaves like one that works."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError(username)
        del self.entries[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine with no OS keyring at all."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


SETUP = access.SetupInput(
    agency="Alexandria Police Department (sample)",
    device_name="test-laptop",
    user_name="sam.rivera",
    display_name="Det. Sam Rivera (sample)",
    badge_no="A-0101",
    direct_phone="(703) 555-0101",
    passphrase=SUPERVISOR_PASSPHRASE,
)


@pytest.fixture
def signed_in(vault_dir: Path) -> Iterator[access.SignedIn]:
    """A freshly set-up vault, unlocked by its first supervisor."""
    session = access.first_run_setup(vault_dir, SETUP, kdf=TEST_KDF)
    yield session
    session.vault.close()
