"""SIGKILL in the middle of a stream of encounter saves: the vault opens intact and keeps every saved one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from burner_desk.domain.residency import normalise_jurisdiction
from burner_desk.domain.resources import ResourceKind
from burner_desk.services import access
from burner_desk.storage import vault
from burner_desk.storage.models import Encounter, Resource
from tests.conftest import SETUP, SUPERVISOR_PASSPHRASE, TEST_KDF
from tests.storage.crash_writer import JURISDICTION

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 20


def _start_writer(vault_dir: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "BURNER_DESK_PASSPHRASE": SUPERVISOR_PASSPHRASE,  # never on the command line (visible in ps)
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # leave this machine's keyring alone
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.storage.crash_writer", str(vault_dir), SETUP.user_name],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _committed_ids(output: str) -> set[uuid.UUID]:
    """Only whole lines: a line cut by the kill was never fully printed, so it promises nothing."""
    lines = output.split("\n")[:-1]
    return {uuid.UUID(line) for line in lines}


@pytest.mark.slow
@pytest.mark.usefixtures("no_keyring")  # the child has no in-memory keyring: a passphrase-only vault
def test_sigkill_mid_write_loses_no_returned_save(vault_dir: Path) -> None:
    signed_in = access.first_run_setup(vault_dir, SETUP, kdf=TEST_KDF)
    with signed_in.uow.begin(signed_in.actor) as tx:
        program = tx.add(
            Resource(
                name="Arlington treatment program (sample)",
                kind=ResourceKind.TREATMENT.value,
                jurisdiction=normalise_jurisdiction(JURISDICTION),
            )
        )
        tx.record("resource.create", program)
    access.lock(signed_in, "manual")

    rng = random.Random(20261127)  # fixed seed: a failure can be replayed
    returned: set[uuid.UUID] = set()
    for trial in range(TRIALS):
        writer = _start_writer(vault_dir)
        try:
            assert writer.stdout is not None
            first = writer.stdout.readline()  # the first save has returned: now it is mid-stream
            assert first, writer.stderr.read() if writer.stderr else ""
            time.sleep(rng.uniform(0.0, 0.3))
        finally:
            writer.kill()
        rest, _ = writer.communicate(timeout=20)
        assert writer.returncode == -signal.SIGKILL
        returned |= _committed_ids(first + rest)

        reopened = vault.unlock(vault_dir, SETUP.user_name, SUPERVISOR_PASSPHRASE)
        try:
            assert reopened.verify() is None, f"trial {trial}"
            with Session(reopened.engine) as session:
                stored = set(session.scalars(select(Encounter.id)))
        finally:
            reopened.close()
        assert returned <= stored, f"trial {trial}: lost {len(returned - stored)} returned save(s)"
    assert len(returned) > TRIALS  # the kills really landed mid-stream, after several saves
