"""The admin CLI runs as a real subprocess; the vaults it works on are built in-process with a cheap KDF
and copied per test, so only the interface checks pay for a Python start-up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from burner_desk.services import demo
from tests.conftest import TEST_KDF

ROOT = Path(__file__).resolve().parents[2]
# The subprocess must never reach a developer's real OS keyring; in-process vaults are built without one
# too, so the subprocess (which cannot see the in-memory test keyring) can open them.
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def run(
    *args: str,
    passphrase: str | None = None,
    module: str = "burner_desk.admin",
    timeout: int = 60,
    stdin: str | None = None,
) -> Ran:
    """`stdin`: what a script pipes in (secrets go there, never into arguments); none by default."""
    env = {key: value for key, value in os.environ.items() if key != "BURNER_DESK_PASSPHRASE"}
    env.update(NO_KEYRING)
    if passphrase is not None:
        env["BURNER_DESK_PASSPHRASE"] = passphrase
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


@dataclass(frozen=True)
class DemoVault:
    directory: Path
    user: demo.DemoUser


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoVault]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        directory = tmp_path_factory.mktemp("demo-template") / "vault"
        users = demo.create_demo_vault(directory, kdf=TEST_KDF)
    finally:
        keyring.set_keyring(previous)
    yield DemoVault(directory, users[0])


@pytest.fixture
def demo_vault(demo_template: DemoVault, tmp_path: Path) -> DemoVault:
    """A private copy of the closed demo vault, free to damage."""
    directory = tmp_path / "vault"
    shutil.copytree(demo_template.directory, directory)
    return DemoVault(directory, demo_template.user)
