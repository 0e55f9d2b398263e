"""What IT does from a terminal or a script: make a real vault, add and remove users, reset a forgotten
passphrase, change one's own. Secrets come from standard input (or a prompt), never from arguments."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run

FIRST = "Harbor-Lantern-0100"
DETECTIVE = "Maple-Compass-0101"
RESET = "Cedar-Orchard-0102"
CHANGED = "Birch-Meadow-0103"


def _verify(directory: Path, user: str, passphrase: str) -> int:
    return run("--data-dir", str(directory), "--user", user, "verify", passphrase=passphrase).code


def test_a_vault_and_its_users_from_the_command_line(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    base = ("--data-dir", str(vault))
    made = run(
        *base, "--user", "alex.rivera", "init", "--agency", "Sample PD (invented)", "--device-name",
        "Desk 7", "--display-name", "Alex Rivera (sample)", stdin=FIRST + "\n",
    )  # fmt: skip
    assert made.code == 0, made.err
    assert "supervisor: alex.rivera" in made.out

    supervisor = (*base, "--user", "alex.rivera")
    added = run(
        *supervisor, "users", "add", "sam.ortiz", "--role", "detective", "--display-name", "Sam Ortiz (sample)",
        passphrase=FIRST, stdin=DETECTIVE + "\n",
    )  # fmt: skip
    assert added.code == 0, added.err
    listed = run(*supervisor, "users", passphrase=FIRST).out.splitlines()
    assert sorted(line.split("\t")[:2] for line in listed) == [
        ["alex.rivera", "supervisor"],
        ["sam.ortiz", "detective"],
    ]

    # The detective's passphrase opens the vault, and a detective manages nobody: one clear line
    refused = run(
        *base, "--user", "sam.ortiz", "users", "add", "kim.lo", "--role", "supervisor", "--display-name", "Kim",
        passphrase=DETECTIVE, stdin=DETECTIVE + "\n",
    )  # fmt: skip
    assert refused.code == 1 and "A detective may not add a user" in refused.err

    reset = run(*supervisor, "users", "reset-passphrase", "sam.ortiz", passphrase=FIRST, stdin=RESET + "\n")
    assert reset.code == 0, reset.err
    assert _verify(vault, "sam.ortiz", DETECTIVE) == 1
    changed = run(*base, "--user", "sam.ortiz", "passphrase", passphrase=RESET, stdin=CHANGED + "\n")
    assert changed.code == 0, changed.err  # the reset one opened the vault

    assert run(*supervisor, "users", "remove", "sam.ortiz", passphrase=FIRST).code == 0
    assert _verify(vault, "sam.ortiz", CHANGED) == 1


def test_init_refuses_a_folder_that_holds_a_vault(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    args = ("--data-dir", str(vault), "--user", "alex.rivera", "init", "--agency", "Sample PD (invented)",
            "--device-name", "Desk 7", "--display-name", "Alex Rivera (sample)")  # fmt: skip
    assert run(*args, stdin=FIRST + "\n").code == 0
    again = run(*args, stdin=FIRST + "\n")
    assert again.code == 2 and "already holds a vault" in again.err


def test_a_weak_first_passphrase_is_refused_with_its_reason(tmp_path: Path) -> None:
    made = run(
        "--data-dir", str(tmp_path / "vault"), "--user", "alex.rivera", "init", "--agency", "Sample PD",
        "--device-name", "Desk 7", "--display-name", "Alex Rivera (sample)", stdin="short\n",
    )  # fmt: skip
    assert made.code == 1 and "12" in made.err
    assert not (tmp_path / "vault" / "keyslots.json").exists()


def test_an_enrollment_code_is_never_an_argument() -> None:
    refused = run(
        "--data-dir", "/nonexistent", "enroll", "--server", "https://central.example", "--code", "X"
    )
    assert refused.code == 2 and "unrecognized arguments: --code" in refused.err


def test_a_supervisor_renames_a_user_who_then_signs_in_with_the_new_name(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    base = ("--data-dir", str(vault))
    run(
        *base, "--user", "alex.rivera", "init", "--agency", "Sample PD (invented)", "--device-name",
        "Desk 7", "--display-name", "Alex Rivera (sample)", stdin=FIRST + "\n",
    )  # fmt: skip
    supervisor = (*base, "--user", "alex.rivera")
    run(
        *supervisor, "users", "add", "sam.rivera", "--role", "detective", "--display-name", "Sam Rivera (sample)",
        passphrase=FIRST, stdin=DETECTIVE + "\n",
    )  # fmt: skip

    renamed = run(*supervisor, "users", "rename", "sam.rivera", "sam.rivera2", passphrase=FIRST)

    assert renamed.code == 0, renamed.err
    assert renamed.out.startswith("renamed sam.rivera to sam.rivera2")
    assert _verify(vault, "sam.rivera2", DETECTIVE) == 0  # the same passphrase, under the new name
    assert _verify(vault, "sam.rivera", DETECTIVE) == 1
    unknown = run(*supervisor, "users", "rename", "nobody", "someone", passphrase=FIRST)
    assert unknown.code == 2 and "No user nobody here" in unknown.err
