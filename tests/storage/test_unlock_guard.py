"""Wrong passphrases: a clear count-down, then a 10-minute pause kept on disk across restarts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from burner_desk.domain.errors import LockedOut, WrongPassphrase
from burner_desk.storage import vault
from tests.storage.conftest import PASSPHRASE, USER, WRONG

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _guard(directory: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((directory / vault.GUARD_FILE).read_text(encoding="utf-8"))
    return loaded


def test_wrong_passphrase_says_how_many_attempts_are_left(closed_vault: Path) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        vault.unlock(closed_vault, USER, WRONG, now=T0)
    assert caught.value.attempts_left == 4
    assert str(caught.value) == ("Wrong user name or passphrase. 4 attempt(s) left before unlock is paused.")


def test_five_failures_lock_for_ten_minutes_even_across_restarts(closed_vault: Path) -> None:
    for attempts_left in (4, 3, 2, 1):
        with pytest.raises(WrongPassphrase) as caught:
            vault.unlock(closed_vault, USER, WRONG, now=T0)
        assert caught.value.attempts_left == attempts_left
    with pytest.raises(LockedOut) as fifth:
        vault.unlock(closed_vault, USER, WRONG, now=T0)
    assert fifth.value.minutes_left == 10
    assert _guard(closed_vault) == {"failures": 5, "locked_until": (T0 + timedelta(minutes=10)).isoformat()}

    # The 6th attempt, right passphrase: refused. Every call re-reads the guard from disk, as a restart would.
    with pytest.raises(LockedOut) as sixth:
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(minutes=1))
    assert sixth.value.minutes_left == 9
    with pytest.raises(LockedOut):
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(minutes=9, seconds=59))
    # Refused attempts neither count nor extend the pause.
    assert _guard(closed_vault)["locked_until"] == (T0 + timedelta(minutes=10)).isoformat()

    reopened = vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(minutes=10))
    try:
        assert reopened.failed_unlocks_before == 5  # so sign-in can audit them
    finally:
        reopened.close()
    assert _guard(closed_vault) == {"failures": 0, "locked_until": None}


def test_after_the_pause_a_wrong_passphrase_starts_a_fresh_count(closed_vault: Path) -> None:
    for _ in range(4):
        with pytest.raises(WrongPassphrase):
            vault.unlock(closed_vault, USER, WRONG, now=T0)
    with pytest.raises(LockedOut):
        vault.unlock(closed_vault, USER, WRONG, now=T0)
    with pytest.raises(WrongPassphrase) as caught:
        vault.unlock(closed_vault, USER, WRONG, now=T0 + timedelta(minutes=11))
    assert caught.value.attempts_left == 4


def test_success_resets_the_count(closed_vault: Path) -> None:
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            vault.unlock(closed_vault, USER, WRONG, now=T0)
    vault.unlock(closed_vault, USER, PASSPHRASE, now=T0).close()
    with pytest.raises(WrongPassphrase) as caught:
        vault.unlock(closed_vault, USER, WRONG, now=T0)
    assert caught.value.attempts_left == 4


def test_unknown_user_counts_as_a_failure(closed_vault: Path) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        vault.unlock(closed_vault, "nobody", PASSPHRASE, now=T0)
    assert caught.value.attempts_left == 4


@pytest.mark.parametrize(
    "garbled",
    [
        "{not json",
        "[]",
        "null",
        '{"failures": "many", "locked_until": null}',
        '{"failures": -3, "locked_until": null}',
        '{"failures": 0}',
        '{"failures": 0, "locked_until": "2020-01-01T00:00:00"}',  # no time zone
        '{"failures": 0, "locked_until": "yesterday"}',
    ],
)
def test_garbled_guard_file_counts_as_locked_for_one_pause(closed_vault: Path, garbled: str) -> None:
    (closed_vault / vault.GUARD_FILE).write_text(garbled, encoding="utf-8")
    with pytest.raises(LockedOut):
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0)
    # The lock is written down once, so it ends instead of being renewed at every attempt.
    with pytest.raises(LockedOut):
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(minutes=9))
    vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(minutes=10)).close()
