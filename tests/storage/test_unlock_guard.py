"""Wrong passphrases: a count-down per sign-in name, a 10-minute pause for that name only, a ceiling for the
whole vault, all kept on disk across restarts, and a message that says until when."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from burner_desk.domain.errors import LockedOut, WrongPassphrase, clock_time
from burner_desk.storage import unlock_guard, vault
from burner_desk.storage.unlock_guard import LOCKOUT, VAULT_CEILING
from tests.conftest import TEST_KDF
from tests.storage.conftest import PASSPHRASE, USER, WRONG

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
OTHER = "jordan.lee"
OTHER_PASSPHRASE = "Maple-Compass-0101"


def _guard(directory: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((directory / vault.GUARD_FILE).read_text(encoding="utf-8"))
    return loaded


def _fail(directory: Path, user: str = USER, at: datetime = T0) -> Exception:
    with pytest.raises((WrongPassphrase, LockedOut)) as caught:
        vault.unlock(directory, user, WRONG, now=at)
    return caught.value


@pytest.fixture
def two_users(closed_vault: Path) -> Path:
    """The vault with a second sign-in name (a second keyslot for the same data key)."""
    opened = vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 - timedelta(days=1))
    try:
        opened.add_user_slot(OTHER, OTHER_PASSPHRASE, kdf=TEST_KDF)
    finally:
        opened.close()
    return closed_vault


def test_wrong_passphrase_says_how_many_attempts_are_left(closed_vault: Path) -> None:
    failed = _fail(closed_vault)
    assert isinstance(failed, WrongPassphrase) and failed.attempts_left == 4
    assert str(failed) == "Wrong user name or passphrase. 4 attempt(s) left before unlock is paused."


def test_five_failures_pause_that_name_for_ten_minutes_even_across_restarts(closed_vault: Path) -> None:
    for attempts_left in (4, 3, 2, 1):
        failed = _fail(closed_vault)
        assert isinstance(failed, WrongPassphrase) and failed.attempts_left == attempts_left
    fifth = _fail(closed_vault)
    assert isinstance(fifth, LockedOut)
    assert (fifth.until, fifth.everyone) == (T0 + LOCKOUT, False)
    assert str(fifth) == (
        "Unlock is paused for this user name after too many wrong passphrases. "
        f"Try again at {clock_time(T0 + LOCKOUT)}."
    )

    # The 6th attempt, right passphrase: refused. Every call re-reads the guard from disk, as a restart would.
    with pytest.raises(LockedOut) as sixth:
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(minutes=1))
    assert sixth.value.until == T0 + LOCKOUT
    with pytest.raises(LockedOut):
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(minutes=9, seconds=59))
    # Refused attempts neither count nor extend the pause.
    assert _guard(closed_vault)["names"] == {
        USER: {"failures": 5, "locked_until": (T0 + LOCKOUT).isoformat(), "last_failure": T0.isoformat()}
    }

    reopened = vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + LOCKOUT)
    try:
        assert reopened.failed_unlocks_before == 5  # so sign-in can audit them
    finally:
        reopened.close()
    assert _guard(closed_vault)["names"] == {}


def test_a_paused_name_leaves_the_others_free(two_users: Path) -> None:
    for _ in range(5):
        _fail(two_users, USER)
    with pytest.raises(LockedOut):
        vault.unlock(two_users, USER, PASSPHRASE, now=T0 + timedelta(minutes=1))

    other = vault.unlock(two_users, OTHER, OTHER_PASSPHRASE, now=T0 + timedelta(minutes=1))
    other.close()
    assert other.failed_unlocks_before == 0  # USER's failures are audited at USER's sign-in, not here
    failed = _fail(two_users, OTHER, T0 + timedelta(minutes=2))
    assert isinstance(failed, WrongPassphrase) and failed.attempts_left == 4
    with pytest.raises(LockedOut):  # and the first name is still paused
        vault.unlock(two_users, USER, PASSPHRASE, now=T0 + timedelta(minutes=2))


def test_a_name_typed_in_other_case_counts_against_the_same_name(two_users: Path) -> None:
    for typed in ("Jordan.Lee", "JORDAN.LEE", " jordan.lee", "jordan.lee", "Jordan.lee"):
        failed = _fail(two_users, typed)
    assert isinstance(failed, LockedOut) and not failed.everyone


def test_many_names_tried_one_after_another_pause_everyone(two_users: Path) -> None:
    """Four tries each on five made-up names stay under every per-name limit; the vault's ceiling does not."""
    failures = [_fail(two_users, f"guess.{n // 4}", T0 + timedelta(minutes=n)) for n in range(VAULT_CEILING)]
    assert all(isinstance(failed, WrongPassphrase) for failed in failures[:-1])
    assert failures[-2].attempts_left == 1  # type: ignore[attr-defined]  # the ceiling is nearer than the name's
    last = failures[-1]
    paused_at = T0 + timedelta(minutes=VAULT_CEILING - 1)
    assert isinstance(last, LockedOut) and (last.until, last.everyone) == (paused_at + LOCKOUT, True)
    assert str(last) == (
        "Unlock is paused for everyone on this laptop after too many wrong passphrases. "
        f"Try again at {clock_time(paused_at + LOCKOUT)}."
    )
    for user, passphrase in (
        (USER, PASSPHRASE),
        (OTHER, OTHER_PASSPHRASE),
    ):  # nobody, right passphrase or not
        with pytest.raises(LockedOut):
            vault.unlock(two_users, user, passphrase, now=paused_at + timedelta(minutes=5))

    opened = vault.unlock(two_users, OTHER, OTHER_PASSPHRASE, now=paused_at + LOCKOUT)
    opened.close()
    # A sign-in does not wipe out the vault-wide count: only the end of the pause starts it again.
    assert len(_guard(two_users)["recent_failures"]) == VAULT_CEILING  # type: ignore[arg-type]


def test_failures_spread_over_hours_never_reach_the_ceiling(two_users: Path) -> None:
    for n in range(VAULT_CEILING * 2):
        failed = _fail(two_users, f"typo.{n % 3}", T0 + timedelta(minutes=4 * n))  # 15 an hour
        assert isinstance(failed, WrongPassphrase) or not failed.everyone  # type: ignore[attr-defined]


def test_after_the_pause_a_wrong_passphrase_starts_a_fresh_count(closed_vault: Path) -> None:
    for _ in range(4):
        _fail(closed_vault)
    assert isinstance(_fail(closed_vault), LockedOut)
    failed = _fail(closed_vault, at=T0 + timedelta(minutes=11))
    assert isinstance(failed, WrongPassphrase) and failed.attempts_left == 4


def test_success_resets_the_count(closed_vault: Path) -> None:
    for _ in range(3):
        _fail(closed_vault)
    vault.unlock(closed_vault, USER, PASSPHRASE, now=T0).close()
    failed = _fail(closed_vault)
    assert isinstance(failed, WrongPassphrase) and failed.attempts_left == 4


def test_unknown_user_counts_as_a_failure(closed_vault: Path) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        vault.unlock(closed_vault, "nobody", PASSPHRASE, now=T0)
    assert caught.value.attempts_left == 4


def test_the_file_stays_small_whatever_names_are_typed(closed_vault: Path) -> None:
    for n in range(unlock_guard.MAX_NAMES + 30):
        _fail(closed_vault, f"made.up.{n}", T0 + timedelta(minutes=10 * n))  # under the ceiling
    guard = _guard(closed_vault)
    assert len(guard["names"]) == unlock_guard.MAX_NAMES  # type: ignore[arg-type]
    assert guard["unattributed"] == 30  # dropped names' failures are audited at the next sign-in
    opened = vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(days=2))
    opened.close()
    assert opened.failed_unlocks_before == 30


def test_the_first_format_is_read_as_it_meant(closed_vault: Path) -> None:
    """A file written before names were kept: its pause still holds, for everyone; its count is audited."""
    until = T0 + timedelta(minutes=4)
    (closed_vault / vault.GUARD_FILE).write_text(
        json.dumps({"failures": 5, "locked_until": until.isoformat()}), encoding="utf-8"
    )
    with pytest.raises(LockedOut) as caught:
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0)
    assert (caught.value.until, caught.value.everyone) == (until, True)
    opened = vault.unlock(closed_vault, USER, PASSPHRASE, now=until)
    opened.close()
    assert opened.failed_unlocks_before == 5
    assert _guard(closed_vault)["format"] == 2

    (closed_vault / vault.GUARD_FILE).write_text('{"failures": 2, "locked_until": null}', encoding="utf-8")
    failed = _fail(closed_vault)
    assert isinstance(failed, WrongPassphrase) and failed.attempts_left == 4  # per name from now on


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
        '{"format": 2, "names": {}, "recent_failures": [], "vault_locked_until": null}',
        '{"format": 2, "names": {"sam": {"failures": true, "locked_until": null, "last_failure": null}},'
        ' "recent_failures": [], "vault_locked_until": null, "unattributed": 0}',
        '{"format": 2, "names": [], "recent_failures": [], "vault_locked_until": null, "unattributed": 0}',
        '{"format": 2, "names": {}, "recent_failures": [3], "vault_locked_until": null, "unattributed": 0}',
    ],
)
def test_garbled_guard_file_counts_as_one_pause_for_everyone(closed_vault: Path, garbled: str) -> None:
    (closed_vault / vault.GUARD_FILE).write_text(garbled, encoding="utf-8")
    with pytest.raises(LockedOut) as caught:
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0)
    assert caught.value.everyone
    # The pause is written down once, so it ends instead of being renewed at every attempt.
    with pytest.raises(LockedOut):
        vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + timedelta(minutes=9))
    vault.unlock(closed_vault, USER, PASSPHRASE, now=T0 + LOCKOUT).close()


def test_the_pause_ends_at_a_clock_time_people_read() -> None:
    now = datetime.now(UTC)
    local = now.astimezone()
    assert clock_time(now).endswith(("AM", "PM"))
    assert clock_time(now).split(":")[0] == str(local.hour % 12 or 12)  # "4:42 PM", not "04:42 PM"
    assert clock_time(now + timedelta(days=2)).split()[0] == (local + timedelta(days=2)).strftime("%a")
